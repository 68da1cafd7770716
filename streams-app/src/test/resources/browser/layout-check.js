// The dashboard's layout at the window's current width: every panel (the header, the KPI row, each
// panel of the grid) against every other, and every tile, chart, table and heading against its panel.
// Returns the problems found, one sentence each (empty: nothing overlaps, nothing spills).
return (function () {
  const slack = 1; // sub-pixel rounding
  const visible = (e) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
  const name = (e) => {
    let n = e.tagName.toLowerCase();
    if (e.id) { return n + '#' + e.id; }
    if (typeof e.className === 'string' && e.className.trim()) { n += '.' + e.className.trim().split(/\s+/).join('.'); }
    if (e.dataset && e.dataset.township) { n += '[data-township=' + e.dataset.township + ']'; }
    return n;
  };
  const box = (e) => { const b = e.getBoundingClientRect(); return { l: b.left, t: b.top, r: b.right, b: b.bottom }; };
  const fmt = (b) => '(' + [b.l, b.t, b.r, b.b].map((v) => Math.round(v)).join(',') + ')';
  const problems = [];
  const panels = [...document.querySelectorAll('header.top, section.kpis, main.grid > .panel')].filter(visible);
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + slack) {
    problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in a ' + width + ' px window');
  }
  panels.forEach((p, i) => {
    const a = box(p);
    if (a.l < -slack || a.r > width + slack) { problems.push(name(p) + ' ' + fmt(a) + ' is outside the window (0-' + width + ')'); }
    panels.slice(i + 1).forEach((q) => {
      const b = box(q);
      if (Math.min(a.r, b.r) - Math.max(a.l, b.l) > slack && Math.min(a.b, b.b) - Math.max(a.t, b.t) > slack) {
        problems.push(name(p) + ' ' + fmt(a) + ' overlaps ' + name(q) + ' ' + fmt(b));
      }
    });
    p.querySelectorAll('.tile, .kpi, .chart, .chart canvas, .table-wrap, table, .township-grid, .legend, .filters, h2, h2 > *, .feed-views button, .alert-feed, .pager')
      .forEach((c) => {
        if (!visible(c)) { return; }
        const b = box(c);
        if (b.l < a.l - slack || b.t < a.t - slack || b.r > a.r + slack || b.b > a.b + slack) {
          problems.push(name(c) + ' ' + fmt(b) + ' spills out of ' + name(p) + ' ' + fmt(a));
        }
      });
  });
  return problems;
})();
