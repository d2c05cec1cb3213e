// The report in Debian's Chromium, driven by puppeteer-core, audited by
// axe-core (WCAG 2.1 A and AA) at desktop and phone widths and in print.
// Usage: node report.cjs NODE_MODULES SITE_DIR CHROMIUM PAGE...
// Prints one line per finding and exits 1 when there is any.
'use strict';
const path = require('path');
const [modules, site, chromium, ...pages] = process.argv.slice(2);
const puppeteer = require(path.join(modules, 'puppeteer-core'));
const axePath = require.resolve(path.join(modules, 'axe-core', 'axe.min.js'));

// BROWSER_QUICK=1 (a page of a thousand rows): no axe-core, two widths,
// no print; every check of our own still runs
const quick = process.env.BROWSER_QUICK === '1';
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

async function audit(browser, name, width, media, scheme = 'light') {
  const where = `${name} at ${width}px${media === 'print' ? ' in print' : ''}` +
                `${scheme === 'dark' ? ' in dark mode' : ''}`;
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  // the type and the colour scheme in one call: each call sets both
  const cdp = await page.target().createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', {
    media, features: [{ name: 'prefers-color-scheme', value: scheme }] });
  await page.goto('file://' + path.join(site, name), { waitUntil: 'load' });
  if (!quick) await page.addScriptTag({ path: axePath });
  const result = quick ? [] : await page.evaluate(async () => {
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
      const text = (attr) => (svg.getAttribute(attr) || '').split(/\s+/)
        .map((id) => (document.getElementById(id) || {}).textContent || '');
      const axis = svg.querySelector('text.axis');
      // the name: what aria-labelledby names; the description: what
      // aria-describedby names (read once, not as part of the name)
      const label = text('aria-labelledby'), described = text('aria-describedby');
      return { name: [label.join(' '), described.join(' ') || label.slice(1).join(' ')],
               named: label.join(' ').length,
               twice: described.some((d) => d && label.includes(d)),
               text: axis ? axis.getBoundingClientRect().height : 0 };
    });
    out.marks = {};
    for (const cls of ['held', 'missed', 'moved']) {
      const el = document.querySelector(`svg .${cls}`);
      if (!el) continue;
      const s = getComputedStyle(el);
      out.marks[cls] = cls === 'missed' ? s.stroke : s.fill;
    }
    out.page = getComputedStyle(document.body).backgroundColor;
    out.bands = [...document.querySelectorAll('svg.timeline rect[class^="band-"]')]
      .map((el) => getComputedStyle(el).fill);
    out.h3 = [...document.querySelectorAll('h3')].map((h) => h.textContent);
    out.boldLabels = [...document.querySelectorAll('p > strong:only-child')]
      .map((e) => e.textContent).filter((t) => ['Done', 'Open', 'Dropped'].includes(t));
    return out;
  });
  if (facts.overflow > 0) problem(where, `the page is ${facts.overflow}px wider than the window`);
  if (scheme === 'dark' && luminance(facts.page) > 0.2)
    problem(where, `asked for dark, the page is light (${facts.page})`);
  if (!facts.main) problem(where, 'no <main>');
  if (facts.headers) {
    if (!facts.caption) problem(where, 'the table has no caption');
    if (facts.tableOverflow > 0 && media !== 'print')
      problem(where, `the table overflows its box by ${facts.tableOverflow}px`);
    facts.hidden.forEach((h) => problem(where, `hidden cell ${h}`));
    if (width > 1024 || media === 'print') // below 64rem, cards
      facts.headers.forEach((h) => {
        if (!h.shown) problem(where, `column ${h.text} is not shown`);
        else if (h.right > facts.width + 1) problem(where, `column ${h.text} ends at ${h.right}px, past ${facts.width}px`);
      });
  }
  if (!facts.legend) problem(where, 'the legend is not shown');
  facts.charts.forEach((c, i) => {
    if (!c.name[0]) problem(where, `chart ${i + 1} has no name`);
    if (!c.name[1] || c.name[1].length < 20) problem(where, `chart ${i + 1} has no description`);
    if (c.named > 200) problem(where, `chart ${i + 1}'s accessible name is ${c.named} characters`);
    if (c.name[1] && c.name[1].length > 2000) problem(where, `chart ${i + 1}'s description is ${c.name[1].length} characters`);
    if (c.twice) problem(where, `chart ${i + 1}'s description is read twice`);
    if (media !== 'print' && c.text < 10) problem(where, `chart ${i + 1}'s text is ${c.text.toFixed(1)}px high`);
  });
  for (const [cls, colour] of Object.entries(facts.marks)) {
    for (const bg of [facts.page, ...facts.bands]) {
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

// Forced colours (Windows high contrast): every mark and label of every
// chart in a system colour (the palette the user chose; a chart's own
// green on that user's black is what fails), marks at 3:1 against the
// page and labels at 4.5:1 (WCAG 1.4.11, 1.4.3); the
// stage bands told apart without colour (an edge where each one starts);
// the bars of sessions per month on one scale, up and down.
async function forcedColours(browser, name) {
  const where = `${name} in forced colours`;
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  // puppeteer's own call lists no forced-colors: the protocol's does
  const cdp = await page.target().createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', {
    features: [{ name: 'forced-colors', value: 'active' }] });
  await page.goto('file://' + path.join(site, name), { waitUntil: 'load' });
  const facts = await page.evaluate(() => {
    const out = { marks: [], labels: [], edges: [], scale: [] };
    out.forced = matchMedia('(forced-colors: active)').matches;
    // the system's colours, as this browser resolves them
    out.system = ['Canvas', 'CanvasText', 'GrayText', 'Highlight', 'HighlightText',
                  'LinkText', 'VisitedText', 'ActiveText', 'ButtonFace', 'ButtonText',
                  'ButtonBorder', 'Field', 'FieldText', 'Mark', 'MarkText'].map((c) => {
      const probe = document.createElement('span');
      probe.style.color = c;
      document.body.appendChild(probe);
      const v = getComputedStyle(probe).color;
      probe.remove();
      return v;
    });
    out.page = getComputedStyle(document.body).backgroundColor;
    for (const svg of document.querySelectorAll('svg.timeline')) {
      for (const el of svg.querySelectorAll('rect, circle, line')) {
        const s = getComputedStyle(el);
        const cls = el.getAttribute('class') || el.tagName;
        if (cls.startsWith('band-') && cls !== 'band-edge') continue;
        const line = el.tagName === 'line' || cls === 'missed';
        out.marks.push({ cls, colour: line ? s.stroke : s.fill });
      }
      for (const el of svg.querySelectorAll('text'))
        out.labels.push({ cls: el.getAttribute('class'), colour: getComputedStyle(el).fill });
      const bands = [...svg.querySelectorAll('rect[class^="band-"]')];
      const edges = [...svg.querySelectorAll('line.band-edge')].map((l) => l.getAttribute('x1'));
      bands.slice(1).forEach((b) => out.edges.push(edges.includes(b.getAttribute('x'))));
    }
    // px per session, held and missed, in the chart of sessions per month
    for (const r of document.querySelectorAll('#months-d ~ rect.held, #months-d ~ rect.moved')) {
      const n = Number((r.querySelector('title').textContent.match(/: (\d+)/) || [])[1]);
      if (n) out.scale.push(Number(r.getAttribute('height')) / n);
    }
    return out;
  });
  if (!facts.forced) problem(where, 'forced colours are not on');
  const seen = new Set();
  // what the user chose: every mark and label in a system colour
  for (const m of [...facts.marks, ...facts.labels]) {
    if (!facts.system.includes(m.colour) && !seen.has('system ' + m.cls))
      problem(where, `a ${m.cls} keeps its own colour ${m.colour}, not a system colour`);
    if (!facts.system.includes(m.colour)) seen.add('system ' + m.cls);
  }
  for (const m of facts.marks) {
    const c = contrast(m.colour, facts.page);
    if (c < 3 && !seen.has(m.cls)) problem(where, `a ${m.cls} mark is ${c.toFixed(2)}:1 against the page`);
    if (c < 3) seen.add(m.cls);
  }
  for (const l of facts.labels) {
    const c = contrast(l.colour, facts.page);
    if (c < 4.5 && !seen.has(l.cls)) problem(where, `a ${l.cls} label is ${c.toFixed(2)}:1 against the page`);
    if (c < 4.5) seen.add(l.cls);
  }
  if (facts.edges.some((e) => !e)) problem(where, 'a stage band starts without an edge');
  if (facts.scale.length &&
      Math.max(...facts.scale) - Math.min(...facts.scale) > 0.1) // heights in tenths
    problem(where, `sessions per month drawn on more than one scale: ${[...new Set(facts.scale.map((x) => x.toFixed(1)))].join(', ')} px a session`);
  await page.close();
}

// The programme page's filter and sorting, as a reader uses them: the
// box typed into (the rows read back: every one shown holds the words,
// every one hidden does not), on a desktop and on a phone (cards); the
// hours per mentor sorted by pressing a heading (aria-sort said, hours
// as numbers, names with numbers as numbers), with the mouse and the
// keyboard; and without JavaScript, no box, and every row, id and letter
// there.  Only the programme page (its title) has them.
async function interactive(browser, name) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto('file://' + path.join(site, name), { waitUntil: 'load' });
  if (await page.title() !== 'Mentoring programme') { await page.close(); return; }
  const where = `${name} filtered and sorted`;
  const rows = () => page.evaluate(() => [...document.querySelectorAll('table.relationships tbody tr')]
    .map((tr) => ({ id: tr.id, text: tr.textContent.toLowerCase(),
                    shown: tr.getBoundingClientRect().height > 0 })));
  const box = await page.$('input#filter');
  if (!box) {
    problem(where, 'no filter box over the relationships');
  } else {
    const label = await page.evaluate(() => {
      const input = document.getElementById('filter');
      return [...input.labels].map((l) => l.textContent).join(' ');
    });
    if (!label) problem(where, 'the filter box has no label');
    const all = await rows();
    // a word of the last row's slug, and two words that narrow it
    const slug = all[all.length - 1].id.split('--').pop();
    for (const width of [1280, 360]) {
      await page.setViewport({ width, height: 900 });
      for (const typed of [slug, `${slug.split('-')[0]} ${slug.split('-').pop()}`, 'zzqx-none']) {
        await page.click('input#filter', { clickCount: 3 });
        await page.keyboard.press('Backspace');
        await page.type('input#filter', typed);
        const now = await rows();
        const words = typed.toLowerCase().split(/\s+/);
        const want = now.filter((r) => words.every((w) => r.text.includes(w)));
        const shown = now.filter((r) => r.shown);
        if (shown.length !== want.length || shown.some((r) => !want.includes(r)) ||
            want.some((r) => !r.shown))
          problem(where, `at ${width}px, "${typed}" shows ${shown.length} rows, ${want.length} hold it`);
        if (typed === slug && !shown.length) problem(where, `"${typed}" shows no row`);
        const said = await page.$eval('#filter-count', (p) => p.textContent);
        if (!said.startsWith(`${want.length} of ${now.length} `))
          problem(where, `after "${typed}" the count says "${said}"`);
      }
      await page.click('input#filter', { clickCount: 3 });
      await page.keyboard.press('Backspace');
      if ((await rows()).some((r) => !r.shown)) problem(where, 'a row stays hidden with the box empty');
    }
    await page.setViewport({ width: 1280, height: 900 });
    if (!quick) {
      await page.type('input#filter', slug);
      await page.addScriptTag({ path: axePath });
      const found = await page.evaluate(async () => (await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      })).violations.map((v) => `${v.id} (${v.nodes.length}): ${v.help}`));
      found.forEach((v) => problem(where, 'axe, filtered: ' + v));
    }
  }
  // the hours per mentor: open, then sorted by each heading
  const table = await page.$('table.mentors');
  if (!table) {
    problem(where, 'no table of hours per mentor');
  } else {
    await page.evaluate(() => { document.querySelector('table.mentors').closest('details').open = true; });
    const state = () => page.evaluate(() => {
      const t = document.querySelector('table.mentors');
      return { sort: [...t.tHead.rows[0].cells].map((th) => th.getAttribute('aria-sort')),
               buttons: t.tHead.querySelectorAll('th button').length,
               names: [...t.tBodies[0].rows].map((tr) => tr.cells[0].textContent),
               hours: [...t.tBodies[0].rows].map((tr) => Number(tr.cells[1].textContent)) };
    });
    const before = await state();
    const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const inOrder = (list, cmp) => list.every((v, i) => !i || cmp(list[i - 1], v) <= 0);
    if (before.buttons !== 2) problem(where, `the hours per mentor have ${before.buttons} heading buttons, not 2`);
    else {
      if (before.sort[0] !== 'ascending') problem(where, `sorted by name at first, aria-sort is ${before.sort[0]}`);
      const heads = await page.$$('table.mentors thead th button');
      await heads[1].click();
      let now = await state();
      if (now.sort[1] !== 'ascending' || now.sort[0] !== null)
        problem(where, `Hours pressed: aria-sort ${now.sort.join(', ')}`);
      if (!inOrder(now.hours, (a, b) => a - b)) problem(where, `hours not in ascending order: ${now.hours.slice(0, 12).join(' ')}`);
      await heads[1].focus();
      await page.keyboard.press('Enter');
      now = await state();
      if (now.sort[1] !== 'descending') problem(where, `Hours pressed again (Enter): aria-sort ${now.sort[1]}`);
      if (!inOrder(now.hours, (a, b) => b - a)) problem(where, `hours not in descending order: ${now.hours.slice(0, 12).join(' ')}`);
      await heads[0].click();
      now = await state();
      if (now.sort[0] !== 'ascending' || now.sort[1] !== null ||
          !inOrder(now.names, (a, b) => collator.compare(a, b)))
        problem(where, `Mentor pressed: aria-sort ${now.sort.join(', ')}, ${now.names.slice(0, 5).join(', ')}`);
      await heads[0].click();
      now = await state();
      if (now.sort[0] !== 'descending' || !inOrder(now.names, (a, b) => collator.compare(b, a)))
        problem(where, `Mentor pressed again: aria-sort ${now.sort[0]}, ${now.names.slice(0, 5).join(', ')}`);
      if ([...now.names].sort().join('\n') !== [...before.names].sort().join('\n'))
        problem(where, 'sorting lost or doubled a mentor');
    }
  }
  await page.close();
  // without JavaScript: no box, and what the page always had
  const plain = await browser.newPage();
  await plain.setJavaScriptEnabled(false);
  await plain.goto('file://' + path.join(site, name), { waitUntil: 'load' });
  const bare = await plain.evaluate(() => {
    const trs = [...document.querySelectorAll('table.relationships tbody tr')];
    return { box: !!document.querySelector('input#filter, .filter'),
             rows: trs.length, ids: new Set(trs.map((tr) => tr.id).filter(Boolean)).size,
             letters: [...document.querySelectorAll('nav.letters a')]
               .every((a) => document.getElementById(a.getAttribute('href').slice(1))),
             buttons: document.querySelectorAll('th button').length };
  });
  if (bare.box || bare.buttons) problem(`${name} without JavaScript`, 'a filter box or a heading button with nothing to work it');
  if (bare.ids !== bare.rows) problem(`${name} without JavaScript`, `${bare.rows} rows, ${bare.ids} distinct ids`);
  if (!bare.letters) problem(`${name} without JavaScript`, 'a letter leads nowhere');
  await plain.close();
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
      if (!quick) {
        await audit(browser, name, 1280, 'screen', 'dark');
        await audit(browser, name, 768, 'screen');
        await audit(browser, name, 320, 'screen');
        await audit(browser, name, 718, 'print'); // A4 portrait, 2 cm margins
      }
      await forcedColours(browser, name);
      await interactive(browser, name);
    }
    if (!quick) {
      const page = await browser.newPage();
      await page.goto('file://' + path.join(site, pages[0]), { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', margin: { top: '2cm', bottom: '2cm', left: '1.5cm', right: '1.5cm' } });
      if (pdf.length < 1000) problem('print', 'the PDF is empty');
    }
  } finally {
    await browser.close();
  }
  problems.forEach((p) => console.log(p));
  console.log(`${pages.length} pages audited, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
})().catch((e) => { console.log('browser test failed: ' + e.stack); process.exit(2); });
