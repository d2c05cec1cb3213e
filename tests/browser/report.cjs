// The report in Debian's Chromium, driven by puppeteer-core, audited by
// axe-core (WCAG 2.1 A and AA) at desktop and phone widths and in print.
// Usage: node report.cjs NODE_MODULES SITE_DIR CHROMIUM PAGE...
// Prints one line per finding and exits 1 when there is any.
'use strict';
const path = require('path');
const [modules, site, chromium, ...pages] = process.argv.slice(2);
const puppeteer = require(path.join(modules, 'puppeteer-core'));
const axePath = require.resolve(path.join(modules, 'axe-core', 'axe.min.js'));

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

// WCAG relative luminance and contrast of two #rrggbb or rgb() colours
function luminance(c) {
  const m = c.match(/\d+/g).slice(0, 3).map(Number).map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2];
}
function contrast(a, b) {
  const x = luminance(a), y = luminance(b);
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

async function audit(browser, name, width, media) {
  const where = `${name} at ${width}px${media === 'print' ? ' in print' : ''}`;
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.emulateMediaType(media);
  await page.goto('file://' + path.join(site, name), { waitUntil: 'load' });
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`);
  });
  result.forEach((v) => problem(where, 'axe: ' + v));
  const facts = await page.evaluate(() => {
    const out = {};
    const doc = document.documentElement;
    out.overflow = doc.scrollWidth - doc.clientWidth;
    out.main = !!document.querySelector('main');
    const table = document.querySelector('table.relationships');
    if (table) {
      out.caption = !!table.querySelector('caption');
      const wrap = table.parentElement;
      out.tableOverflow = wrap.scrollWidth - wrap.clientWidth;
      // every cell of every row shown, with something in it
      out.hidden = [];
      for (const tr of table.tBodies[0].rows) {
        for (const c of tr.cells) {
          const r = c.getBoundingClientRect();
          if (getComputedStyle(c).display === 'none' || r.width === 0 || r.height === 0)
            out.hidden.push(`${tr.id}: ${c.dataset.label || 'name'}`);
        }
      }
      out.headers = [...table.tHead.rows[0].cells].map((th) => {
        const r = th.getBoundingClientRect();
        return { text: th.textContent, right: r.right, shown: r.width > 0 &&
                 getComputedStyle(th).display !== 'none' };
      });
      out.width = doc.clientWidth;
    }
    const legend = document.querySelector('.legend');
    out.legend = !!legend && getComputedStyle(legend).display !== 'none' &&
                 legend.getBoundingClientRect().height > 0;
    // every chart: a name and a description that say what it shows
    out.charts = [...document.querySelectorAll('svg.timeline')].map((svg) => {
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/);
      const axis = svg.querySelector('text.axis');
      return { name: ids.map((id) => (document.getElementById(id) || {}).textContent || ''),
               text: axis ? axis.getBoundingClientRect().height : 0 };
    });
    out.marks = {};
    for (const cls of ['held', 'missed', 'moved']) {
      const el = document.querySelector(`svg .${cls}`);
      if (!el) continue;
      const s = getComputedStyle(el);
      out.marks[cls] = cls === 'missed' ? s.stroke : s.fill;
    }
    out.bands = [...document.querySelectorAll('svg.timeline rect[class^="band-"]')]
      .map((el) => getComputedStyle(el).fill);
    out.h3 = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    out.boldLabels = [...document.querySelectorAll('p > strong:only-child')]
      .map((e) => e.textContent).filter((t) => ['Done', 'Open', 'Dropped'].includes(t));
    return out;
  });
  if (facts.overflow > 0) problem(where, `the page is ${facts.overflow}px wider than the window`);
  if (!facts.main) problem(where, 'no <main>');
  if (facts.headers) {
    if (!facts.caption) problem(where, 'the table has no caption');
    if (facts.tableOverflow > 0 && media !== 'print')
      problem(where, `the table overflows its box by ${facts.tableOverflow}px`);
    facts.hidden.forEach((h) => problem(where, `hidden cell ${h}`));
    if (width > 640 || media === 'print')
      facts.headers.forEach((h) => {
        if (!h.shown) problem(where, `column ${h.text} is not shown`);
        else if (h.right > facts.width + 1) problem(where, `column ${h.text} ends at ${h.right}px, past ${facts.width}px`);
      });
  }
  if (!facts.legend) problem(where, 'the legend is not shown');
  facts.charts.forEach((c, i) => {
    if (!c.name[0]) problem(where, `chart ${i + 1} has no name`);
    if (!c.name[1] || c.name[1].length < 20) problem(where, `chart ${i + 1} has no description`);
    if (media !== 'print' && c.text < 10) problem(where, `chart ${i + 1}'s text is ${c.text.toFixed(1)}px high`);
  });
  for (const [cls, colour] of Object.entries(facts.marks)) {
    for (const bg of ['rgb(255, 255, 255)', ...facts.bands]) {
      const c = contrast(colour, bg);
      if (c < 3) problem(where, `the ${cls} mark is ${c.toFixed(2)}:1 against ${bg}`);
    }
  }
  if (name !== 'index.html' && !facts.h3.some((h) => ['Done', 'Open', 'Dropped'].includes(h)))
    problem(where, `Done, Open and Dropped are not headings (h3: ${facts.h3.join(', ')})`);
  facts.boldLabels.forEach((t) => problem(where, `${t} is bold text, not a heading`));
  await page.close();
  return facts;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium, headless: 'new',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
           '--disable-background-networking', '--disable-component-update'],
  });
  try {
    for (const name of pages) {
      await audit(browser, name, 1280, 'screen');
      await audit(browser, name, 360, 'screen');
      await audit(browser, name, 718, 'print'); // A4 portrait, 2 cm margins
    }
    const page = await browser.newPage();
    await page.goto('file://' + path.join(site, pages[0]), { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '1.5cm', right: '1.5cm' } });
    if (pdf.length < 1000) problem('print', 'the PDF is empty');
  } finally {
    await browser.close();
  }
  problems.forEach((p) => console.log(p));
  console.log(`${pages.length} pages audited, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => { console.log('browser test failed: ' + e.stack); process.exit(2); });
