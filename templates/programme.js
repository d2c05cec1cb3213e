// The programme site reads in full without this script: every row has an
// id, and past twenty rows the letters lead to them.  With it, a box above
// the relationships keeps only the rows that hold every word typed in it,
// and a table marked sortable (the hours per mentor) sorts by a column
// when its heading is pressed.  It holds no data: the page is all it reads.
(function () {
  'use strict';
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  var table = document.querySelector('table.relationships');
  if (table && table.tBodies.length) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (tr) {
      return tr.textContent.toLowerCase();
    });
    var wrap = table.parentElement;
    var box = document.createElement('div');
    var label = document.createElement('label');
    var input = document.createElement('input');
    var count = document.createElement('p');
    box.className = 'filter';
    label.htmlFor = 'filter';
    label.textContent = 'Filter the relationships';
    input.type = 'search';
    input.id = 'filter';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('aria-describedby', 'filter-count');
    count.id = 'filter-count';
    count.className = 'muted';
    count.setAttribute('role', 'status');
    count.textContent = 'Type a name, a slug, a stage or a health word ' +
      '(overdue, quiet) to keep only the rows that hold it.';
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(count);
    wrap.parentElement.insertBefore(box, wrap);
    input.addEventListener('input', function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (tr, i) {
        var keep = words.every(function (w) {
          return texts[i].indexOf(w) !== -1;
        });
        tr.style.display = keep ? '' : 'none';
        shown += keep ? 1 : 0;
      });
      count.textContent = words.length ?
        shown + ' of ' + rows.length + ' relationships shown' :
        'Every relationship shown.';
    });
  }

  // the value a cell sorts by: data-sort (a number) if it has one, else
  // its text
  var key = function (cell) {
    var n = cell.getAttribute('data-sort');
    return n === null ? cell.textContent.trim() : Number(n);
  };
  var names = new Intl.Collator(undefined,
                                { numeric: true, sensitivity: 'base' });

  each(document.querySelectorAll('table.sortable'), function (t) {
    var heads = t.tHead.rows[0].cells;
    each(heads, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () {
        var up = th.getAttribute('aria-sort') !== 'ascending';
        var body = t.tBodies[0];
        var sorted = Array.prototype.slice.call(body.rows);
        each(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
        sorted.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var order = typeof x === 'number' ? x - y : names.compare(x, y);
          return up ? order : -order;
        });
        sorted.forEach(function (tr) { body.appendChild(tr); });
      });
    });
  });
})();
