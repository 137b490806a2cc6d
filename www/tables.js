// The three statistics tables drawn as printed: merged headers, group cells spanning their rows,
// the official Chinese wording whatever the interface language. Each data cell comes from the
// caller (`dataCell(address)`), so what a cell shows and how it is marked stays in render.js.

const T3_RULE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** Draws one table of the layout, or null for a table this module does not know. */
export function drawTable(h, table, dataCell) {
  const draw = { t2: drawT2, t3: drawT3, t4: drawT4 }[table.id];
  return draw ? draw(h, table, dataCell) : null;
}

/** Column header cells; a band with fewer columns than the widest stretches its last one. */
function spanLast(i, n, width) {
  return i === n - 1 && n < width ? width - n + 1 : undefined;
}

/** t2: one band per 第二十条 item, each with its own 信息内容 header row. */
function drawT2(h, table, dataCell) {
  const width = Math.max(...table.rows.map((r) => r.columns.length));
  const tbody = h('tbody');
  let band, cols;
  for (const row of table.rows) {
    const key = row.columns.map((c) => c.key).join();
    if (row.group !== band) {
      tbody.append(h('tr', { class: 'nb-band' }, h('th', { colspan: width + 1, scope: 'colgroup' }, row.group ?? '')));
    }
    if (row.group !== band || key !== cols) {
      tbody.append(h('tr', { class: 'nb-head' }, h('th', { scope: 'col' }, '信息内容'),
        row.columns.map((c, i, a) => h('th', { scope: 'col', colspan: spanLast(i, a.length, width) }, c.label))));
    }
    band = row.group;
    cols = key;
    tbody.append(h('tr', { 'data-row': row.key }, h('th', { scope: 'row' }, row.label),
      row.columns.map((c, i, a) => dataCell(`t2/${row.key}/${c.key}`, { colspan: spanLast(i, a.length, width) }))));
  }
  return h('table', {}, tbody);
}

/**
 * t3: three label columns. The result rows sit under 三、本年度办理结果; inside it the rows of
 * （三）不予公开, （四）无法提供, … sit under their own group cell. The outer group is the one whose
 * first and last rows enclose rows of other groups.
 */
function drawT3(h, table, dataCell) {
  const rows = table.rows;
  const cols = rows[0].columns;
  const legal = cols.slice(1, -1);
  const thead = h('thead', {},
    h('tr', {}, h('th', { colspan: 3, rowspan: 3, class: 'nb-note' }, T3_RULE_NOTE), h('th', { colspan: cols.length }, '申请人情况')),
    h('tr', {}, h('th', { rowspan: 2, scope: 'col' }, cols[0].label), h('th', { colspan: legal.length, scope: 'colgroup' }, '法人或其他组织'),
      h('th', { rowspan: 2, scope: 'col' }, cols[cols.length - 1].label)),
    h('tr', {}, legal.map((c) => h('th', { scope: 'col' }, c.label))));

  const first = new Map(), last = new Map();
  rows.forEach((r, i) => {
    if (!r.group) return;
    if (!first.has(r.group)) first.set(r.group, i);
    last.set(r.group, i);
  });
  const outer = [...first.keys()].find((g) => rows.slice(first.get(g), last.get(g) + 1).some((r) => r.group !== g));
  const [of, ol] = outer ? [first.get(outer), last.get(outer)] : [-1, -1];

  const tbody = h('tbody');
  rows.forEach((row, i) => {
    const tr = h('tr', { 'data-row': row.key });
    if (i < of || i > ol) {
      tr.append(h('th', { colspan: 3, scope: 'row' }, row.label));
    } else {
      if (i === of) tr.append(h('th', { rowspan: ol - of + 1, scope: 'rowgroup', class: 'nb-group' }, outer));
      if (row.group === outer) {
        tr.append(h('th', { colspan: 2, scope: 'row' }, row.label));
      } else {
        if (i === 0 || rows[i - 1].group !== row.group) {
          let n = 1;
          while (rows[i + n]?.group === row.group) n++;
          tr.append(h('th', { rowspan: n, scope: 'rowgroup', class: 'nb-group' }, row.group));
        }
        tr.append(h('th', { scope: 'row' }, row.label));
      }
    }
    for (const c of row.columns) tr.append(dataCell(`t3/${row.key}/${c.key}`));
    tbody.append(tr);
  });
  return h('table', {}, thead, tbody);
}

/** t4: the three blocks side by side, as printed: 行政复议 | 行政诉讼 (未经复议直接起诉, 复议后起诉). */
function drawT4(h, table, dataCell) {
  const top = h('tr'), mid = h('tr'), low = h('tr'), data = h('tr');
  const rows = table.rows;
  rows.forEach((row, i) => {
    const n = row.columns.length;
    if (!row.group) {
      top.append(h('th', { colspan: n, scope: 'colgroup' }, row.label));
      row.columns.forEach((c) => mid.append(h('th', { rowspan: 2, scope: 'col' }, c.label)));
    } else {
      if (i === 0 || rows[i - 1].group !== row.group) {
        const span = rows.filter((r) => r.group === row.group).reduce((s, r) => s + r.columns.length, 0);
        top.append(h('th', { colspan: span, scope: 'colgroup' }, row.group));
      }
      mid.append(h('th', { colspan: n, scope: 'colgroup' }, row.label));
      row.columns.forEach((c) => low.append(h('th', { scope: 'col' }, c.label)));
    }
    row.columns.forEach((c) => data.append(dataCell(`t4/${row.key}/${c.key}`)));
  });
  return h('table', {}, h('thead', {}, top, mid, low), h('tbody', {}, data));
}
