// Draws one checked report into a container: t2, t3 and t4 in the official layout (merged headers
// as printed), every data cell as <td data-cell="t3/new/natural"> with its raw text, cells named by
// findings marked, and the findings listed beside the tables. All text goes in through
// textContent; nothing of a file is ever parsed as HTML. Works in a document or a shadow root:
// it looks things up only inside the container and makes ids unique per drawing.

export const SEVERITIES = ['error', 'warning', 'doubt', 'info'];
export const SEVERITY_LABEL = { error: '错误', warning: '警告', doubt: '存疑', info: '提示' };
const NOT_ASSESSABLE_LABEL = '无法核对';
const INPUT_LABEL = { text: '文本', html: '网页', docx: 'Word（.docx）', doc: 'Word（.doc）', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' };
const VERSION_LABEL = { v2019: '2019 年版格式（国办公开办函〔2019〕60号）', v2021: '2021 年版格式（国办公开办函〔2021〕30号）' };
const T3_RULE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

let drawings = 0;
/** container → AbortController of the listeners its last drawing put outside it. */
const outside = new WeakMap();

/** A small element builder: attributes are set as attributes, children as text or nodes. */
function builder(doc) {
  return (tag, attrs = {}, ...children) => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null) continue;
      el.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
    }
    return el;
  };
}

const worse = (a, b) => (!a ? b : !b ? a : SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);

/** address → { severity (worst failed), failed: [finding], notAssessable: [finding] } */
function indexFindings(findings) {
  const marks = new Map();
  for (const f of findings) {
    for (const addr of f.cells ?? []) {
      const m = marks.get(addr) ?? { severity: null, failed: [], notAssessable: [] };
      if (f.status === 'not_assessable') m.notAssessable.push(f);
      else {
        m.failed.push(f);
        m.severity = worse(m.severity, f.severity);
      }
      marks.set(addr, m);
    }
  }
  return marks;
}

function findingLabel(f) {
  return f.status === 'not_assessable' ? NOT_ASSESSABLE_LABEL : SEVERITY_LABEL[f.severity] ?? f.severity;
}

/**
 * Draws `report` into `container` (replacing its content) using `layout` (from getLayout; may be
 * null for a report with `error`). Returns `{ select(index) }` to select a finding from outside.
 */
export function renderReport(container, report, layout) {
  const doc = container.ownerDocument;
  const h = builder(doc);
  const prefix = `nbc${++drawings}`;
  const findings = report.findings ?? [];
  const marks = indexFindings(findings);
  const cells = report.cells ?? {};

  container.replaceChildren();
  const root = h('article', { class: 'nb-report', 'data-file': report.file, 'aria-label': report.file });
  container.append(root);

  // Heading and what the file was read as.
  root.append(h('h2', { class: 'nb-file' }, report.file));
  if (report.error) {
    root.append(
      h('div', { class: 'nb-error', role: 'alert', 'data-code': report.error.code },
        h('strong', {}, '无法检查这个文件：'), report.error.message),
    );
    return { select() {} };
  }
  const facts = h('dl', { class: 'nb-facts' });
  const fact = (k, v) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', {}, k), h('dd', {}, String(v)));
  fact('标题', report.title);
  fact('报告年度', report.year != null ? `${report.year} 年` : null);
  fact('表格格式', VERSION_LABEL[report.version] ?? report.version);
  fact('读取方式', INPUT_LABEL[report.input] ?? report.input);
  root.append(facts);

  const failed = findings.filter((f) => f.status !== 'not_assessable');
  const counts = SEVERITIES.map((s) => [s, failed.filter((f) => f.severity === s).length]).filter(([, n]) => n);
  const na = findings.length - failed.length;
  const summary = counts.length
    ? `发现 ${counts.map(([s, n]) => `${n} 处${SEVERITY_LABEL[s]}`).join('、')}`
    : '未发现不一致之处';
  root.append(h('p', { class: 'nb-summary', 'data-errors': String(failed.filter((f) => f.severity === 'error').length) },
    summary + (na ? `；${na} 项因单元格空白或不是数字而无法核对` : '') + '。'));

  const body = h('div', { class: 'nb-body' });
  const tablesBox = h('div', { class: 'nb-tables' });
  const aside = h('aside', { class: 'nb-aside', 'aria-label': '检查结果' });
  body.append(tablesBox, aside);
  root.append(body);

  // Hidden descriptions (for aria-describedby) and one visible tooltip for hover and focus.
  const descs = h('div', { class: 'nb-descs', hidden: true });
  const tip = h('div', { class: 'nb-tip', role: 'tooltip', id: `${prefix}-tip`, hidden: true });
  root.append(descs, tip);
  let descCount = 0;

  const dataCell = (addr, attrs = {}) => {
    const c = cells[addr];
    const td = h('td', { ...attrs, 'data-cell': addr });
    if (!c) {
      td.textContent = '？';
      td.setAttribute('data-missing', '');
    } else {
      td.textContent = c.raw;
      td.setAttribute('data-state', c.state);
    }
    const m = marks.get(addr);
    if (m) {
      const id = `${prefix}-d${++descCount}`;
      const d = h('div', { id });
      for (const f of [...m.failed, ...m.notAssessable]) d.append(h('p', {}, `${findingLabel(f)} ${f.rule}：${f.message}`));
      descs.append(d);
      td.setAttribute('tabindex', '0');
      td.setAttribute('aria-describedby', id);
      if (m.failed.length) {
        td.setAttribute('aria-invalid', 'true');
        td.setAttribute('data-severity', m.severity);
        td.setAttribute('data-status', 'failed');
      } else {
        td.setAttribute('data-status', 'not_assessable');
      }
    }
    return td;
  };

  for (const table of layout ?? []) {
    const draw = { t2: drawT2, t3: drawT3, t4: drawT4 }[table.id];
    if (!draw) continue;
    const t = draw(h, table, dataCell);
    t.classList.add('nb-table', `nb-${table.id}`);
    t.setAttribute('data-table', table.id);
    tablesBox.append(h('section', { class: 'nb-section' }, h('h3', {}, table.title), h('div', { class: 'nb-scroll' }, t)));
  }

  // The findings list; choosing one selects its cells.
  aside.append(h('h3', {}, '检查结果'));
  const list = h('ol', { class: 'nb-findings' });
  const order = (f) => (f.status === 'not_assessable' ? 10 : SEVERITIES.indexOf(f.severity));
  const sorted = findings.map((f, i) => [f, i]).sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1]);
  const buttons = new Map();
  for (const [f, i] of sorted) {
    const sev = f.status === 'not_assessable' ? 'not_assessable' : f.severity;
    const b = h('button', { type: 'button', class: 'nb-finding', 'data-severity': sev, 'data-rule': f.rule, 'data-index': i, 'aria-pressed': 'false' },
      h('span', { class: 'nb-sev' }, findingLabel(f)),
      h('span', { class: 'nb-rule' }, f.rule),
      h('span', { class: 'nb-msg' }, f.message),
      f.related_file ? h('span', { class: 'nb-related' }, `（对照：${f.related_file}）`) : null,
      f.sentence ? h('q', { class: 'nb-sentence' }, f.sentence) : null);
    b.addEventListener('click', () => select(i));
    buttons.set(i, b);
    list.append(h('li', {}, b));
  }
  if (!findings.length) list.append(h('li', { class: 'nb-none' }, '全部规则均已通过。'));
  aside.append(list);

  function select(i) {
    for (const el of root.querySelectorAll('[data-selected]')) el.removeAttribute('data-selected');
    for (const b of buttons.values()) b.setAttribute('aria-pressed', 'false');
    const f = findings[i];
    if (!f) return;
    buttons.get(i)?.setAttribute('aria-pressed', 'true');
    const tds = (f.cells ?? []).map((a) => root.querySelector(`td[data-cell="${CSS.escape(a)}"]`)).filter(Boolean);
    for (const td of tds) td.setAttribute('data-selected', 'true');
    tds[0]?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    tds[0]?.focus({ preventScroll: true });
  }

  // Tooltip on hover and focus, filled from the cell's description; it follows its cell on scroll
  // (focusing a cell scrolls it into view).
  let current = null;
  const place = () => {
    if (!current) return;
    const r = current.getBoundingClientRect();
    const view = doc.defaultView;
    tip.style.left = `${Math.max(4, Math.min(r.left, view.innerWidth - tip.offsetWidth - 4))}px`;
    const below = r.bottom + 6;
    tip.style.top = `${below + tip.offsetHeight > view.innerHeight ? Math.max(4, r.top - tip.offsetHeight - 6) : below}px`;
  };
  const show = (td) => {
    const d = root.querySelector(`[id="${td.getAttribute('aria-describedby')}"]`);
    if (!d) return;
    tip.replaceChildren(...[...d.children].map((p) => p.cloneNode(true)));
    tip.hidden = false;
    current = td;
    place();
  };
  const hide = () => {
    tip.hidden = true;
    current = null;
  };
  const markedCell = (e) => e.target.closest?.('td[aria-describedby]');
  root.addEventListener('mouseover', (e) => { const td = markedCell(e); if (td) show(td); });
  root.addEventListener('mouseout', (e) => {
    const td = markedCell(e);
    if (td && !td.contains(e.relatedTarget) && td !== root.ownerDocument.activeElement && td !== td.getRootNode().activeElement) hide();
  });
  root.addEventListener('focusin', (e) => { const td = markedCell(e); td ? show(td) : hide(); });
  root.addEventListener('focusout', hide);
  root.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  outside.get(container)?.abort();
  const ac = new AbortController();
  outside.set(container, ac);
  doc.defaultView?.addEventListener('scroll', place, { passive: true, signal: ac.signal });
  doc.defaultView?.addEventListener('resize', place, { passive: true, signal: ac.signal });
  root.addEventListener('scroll', place, { capture: true, passive: true });

  return { select };
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
