// Draws one checked report into a container: a verdict, t2, t3 and t4 in the official layout
// (merged headers as printed), every data cell as <td data-cell="t3/new/natural"> with its raw
// text, cells named by findings marked, and the findings listed beside the tables by kind (errors,
// warnings, doubts, notes, not assessable). All text goes in through textContent; nothing of a
// file is ever parsed as HTML. Works in a document or a shadow root: it looks things up only
// inside the container and makes ids unique per drawing.
//
// Options (all optional): `labels` (the interface words, Chinese by default), `filter` (the kinds
// of finding to list), and for trying corrections `editable`, `edits` (Map address → the original
// raw text, null where the reader found no cell), `onEdit(address, raw | null)` (null: back to the
// original) and `onRevertAll()`. The returned controller selects and steps through findings.

export const SEVERITIES = ['error', 'warning', 'doubt', 'info'];
export const SEVERITY_LABEL = { error: '错误', warning: '警告', doubt: '存疑', info: '提示' };
/** The kinds a finding list is split into, in this order. */
export const KINDS = [...SEVERITIES, 'not_assessable'];
const RULES_PAGE = new URL('rules.html', import.meta.url).href;
const T3_RULE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The interface words; a caller may replace any of them (`options.labels`). */
export const LABELS_ZH = {
  severity: SEVERITY_LABEL,
  notAssessable: '无法核对',
  groups: { error: '错误', warning: '警告', doubt: '存疑', info: '提示', not_assessable: '无法核对' },
  groupCount: (name, n) => `${name}（${n}）`,
  input: { text: '文本', html: '网页', docx: 'Word（.docx）', doc: 'Word（.doc）', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' },
  version: { v2019: '2019 年版格式（国办公开办函〔2019〕60号）', v2021: '2021 年版格式（国办公开办函〔2021〕30号）' },
  facts: { title: '标题', year: '报告年度', version: '表格格式', input: '读取方式' },
  yearValue: (y) => `${y} 年`,
  cannotCheck: '无法检查这个文件：',
  findings: '检查结果',
  none: '全部规则均已通过。',
  related: (f) => `（对照：${f}）`,
  ruleRef: (id) => `规则 ${id} 的说明`,
  pass: '通过',
  passWith: (s) => `（另有 ${s}）`,
  fail: '不通过',
  incomplete: '未能完整读取',
  incompleteWhy: '：读出的部分未发现错误，但下列表格没能完整读出，这份报告还不能算通过',
  reading: '未能读取的部分',
  tables: { t2: '表二', t3: '表三', t4: '表四' },
  tableCount: (t, n) => `${t}：${n} 项`,
  sep: '：',
  sep2: '；',
  counts: { error: (n) => `${n} 个错误`, warning: (n) => `${n} 个警告`, doubt: (n) => `${n} 个存疑`, info: (n) => `${n} 个提示` },
  notAssessableCount: (n) => `${n} 项因单元格空白或不是数字而无法核对`,
  edited: (orig) => (orig == null ? '已修改（原表中没有这个单元格）' : `已修改（原为“${orig}”）`),
  editsTitle: (n) => `已修改的单元格（${n}）`,
  revert: '还原',
  revertLabel: (label) => `还原 ${label}`,
  revertAll: '全部还原',
  editLabel: (label) => `修改 ${label}`,
  editHint: '双击单元格，或在单元格上按 Enter，可试改数值；检查结果随即更新。',
  missing: '缺失',
  empty: '（空）',
};

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
      if (c === undefined || c === null || c === false) continue;
      el.append(typeof c === 'string' || typeof c === 'number' ? doc.createTextNode(String(c)) : c);
    }
    return el;
  };
}

const worse = (a, b) => (!a ? b : !b ? a : SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b);

/** error, warning, doubt, info — or not_assessable, whatever the severity. */
export function findingKind(f) {
  return f.status === 'not_assessable' ? 'not_assessable' : f.severity;
}

/**
 * Counts by kind and the verdict (`report.verdict`: passed, failed, incomplete or unreadable). A
 * report passes when every cell was read and no error-severity finding failed; one that is
 * `incomplete` has no error in what was read, but parts of its tables were not read.
 */
export function verdictOf(report) {
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0]));
  for (const f of report.findings ?? []) counts[findingKind(f)] = (counts[findingKind(f)] ?? 0) + 1;
  const verdict = report.verdict ?? (report.error ? 'unreadable' : counts.error ? 'failed' : 'passed');
  return { verdict, unreadable: verdict === 'unreadable', pass: verdict === 'passed', incomplete: verdict === 'incomplete', counts };
}

/** The table a finding is about: its first cell's (t2, t3, t4), or '' for the whole report. */
const tableOf = (f) => (f.cells?.[0] ?? '').split('/')[0];

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

/** address → "row · column" in the official wording, for labels of inputs and buttons. */
function cellLabels(layout) {
  const out = new Map();
  for (const table of layout ?? []) {
    for (const row of table.rows) {
      for (const c of row.columns) out.set(`${table.id}/${row.key}/${c.key}`, `${row.group ? `${row.group} ` : ''}${row.label} · ${c.label}`);
    }
  }
  return out;
}

const NO_CONTROLLER = { select() {}, step: () => null, setFilter() {}, focusCell() {}, order: () => [], root: null };

/**
 * Draws `report` into `container` (replacing its content) using `layout` (from getLayout; may be
 * null for a report with `error`). Returns a controller: `select(index)` selects a finding (its
 * cells, else its entry, take focus), `step(±1)` moves to the next or previous listed finding and
 * returns `{finding, index, position, total}` (or `{edge}` at either end, or null when none is
 * listed), `setFilter(kinds)` lists only those kinds, `focusCell(address)`.
 */
export function renderReport(container, report, layout, options = {}) {
  const doc = container.ownerDocument;
  const h = builder(doc);
  const L = { ...LABELS_ZH, ...(options.labels ?? {}) };
  const prefix = `nbc${++drawings}`;
  const findings = report.findings ?? [];
  const marks = indexFindings(findings);
  const cells = report.cells ?? {};
  const editable = Boolean(options.editable && layout);
  const edits = options.edits ?? new Map();
  const labelOf = cellLabels(layout);
  // Interface words inside Chinese-only parts (the tables, a cell's messages) name their language.
  const uiLang = options.lang && options.lang !== 'zh-CN' ? options.lang : undefined;
  const findingLabel = (f) => (f.status === 'not_assessable' ? L.notAssessable : L.severity[f.severity] ?? f.severity);

  container.replaceChildren();
  const root = h('article', { class: 'nb-report', 'data-file': report.file, 'aria-label': report.file });
  container.append(root);

  // Heading, the verdict, and what the file was read as.
  root.append(h('h2', { class: 'nb-file' }, report.file));
  if (report.error) {
    root.append(
      h('div', { class: 'nb-error', role: 'alert', 'data-code': report.error.code },
        h('strong', {}, L.cannotCheck), h('span', { lang: 'zh-CN' }, report.error.message)),
    );
    return { ...NO_CONTROLLER, root };
  }
  const { pass, incomplete, counts } = verdictOf(report);
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => L.counts[s](counts[s]));
  const word = pass ? L.pass : incomplete ? L.incomplete : L.fail;
  const detail = incomplete ? `${L.incompleteWhy}${parts.length ? `${L.sep2}${parts.join(' · ')}` : ''}`
    : parts.length ? (pass ? L.passWith(parts.join(' · ')) : `${L.sep}${parts.join(' · ')}`) : null;
  root.append(h('p', { class: 'nb-summary nb-verdict', 'data-verdict': pass ? 'pass' : incomplete ? 'incomplete' : 'fail', 'data-errors': String(counts.error) },
    h('strong', { class: 'nb-verdict-word' }, word), detail,
    counts.not_assessable ? `${L.sep2}${L.notAssessableCount(counts.not_assessable)}` : null));
  // What could not be read, one line per table: the checker's limits, not the report's errors.
  if (report.reading?.length) {
    const hid = `${prefix}-reading`;
    root.append(h('section', { class: 'nb-reading', 'aria-labelledby': hid },
      h('h3', { id: hid }, L.reading),
      h('ul', {}, report.reading.map((g) => h('li', { 'data-table': g.table, lang: 'zh-CN' },
        h('strong', {}, L.tables[g.table] ?? g.table), L.sep, g.message)))));
  }

  const facts = h('dl', { class: 'nb-facts' });
  const fact = (k, v, lang) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', {}, k), h('dd', { lang }, String(v)));
  fact(L.facts.title, report.title, 'zh-CN');
  fact(L.facts.year, report.year != null ? L.yearValue(report.year) : null);
  fact(L.facts.version, L.version[report.version] ?? report.version);
  fact(L.facts.input, L.input[report.input] ?? report.input);
  root.append(facts);

  const body = h('div', { class: 'nb-body' });
  // The tables keep the official Chinese wording whatever the interface language.
  const tablesBox = h('div', { class: 'nb-tables', lang: 'zh-CN' });
  const aside = h('aside', { class: 'nb-aside', 'aria-label': L.findings });
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
    const edited = edits.has(addr);
    if (m || edited) {
      const id = `${prefix}-d${++descCount}`;
      const d = h('div', { id, lang: 'zh-CN' });
      if (edited) d.append(h('p', { class: 'nb-edited-note', lang: uiLang }, L.edited(edits.get(addr))));
      for (const f of m ? [...m.failed, ...m.notAssessable] : []) d.append(h('p', {}, `${findingLabel(f)} ${f.rule}：${f.message}`));
      descs.append(d);
      td.setAttribute('tabindex', '0');
      td.setAttribute('aria-describedby', id);
      if (edited) td.setAttribute('data-edited', '');
    }
    if (m?.failed.length) {
      td.setAttribute('aria-invalid', 'true');
      td.setAttribute('data-severity', m.severity);
      td.setAttribute('data-status', 'failed');
    } else if (m) {
      td.setAttribute('data-status', 'not_assessable');
    }
    if (editable && !td.hasAttribute('tabindex')) td.setAttribute('tabindex', '-1');
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

  // The findings, one list per kind; choosing one selects its cells.
  aside.append(h('h3', {}, L.findings));
  if (editable) aside.append(editsPanel());
  const order = (f) => KINDS.indexOf(findingKind(f));
  const sorted = findings.map((f, i) => [f, i]).sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1]);
  const buttons = new Map();
  const groups = new Map();
  for (const kind of KINDS) {
    const inKind = sorted.filter(([f]) => findingKind(f) === kind);
    if (!inKind.length) continue;
    const hid = `${prefix}-k-${kind}`;
    const list = h('ol', { class: 'nb-findings', 'aria-labelledby': hid });
    // Rules not assessable come one per row or column: grouped per table, folded.
    const folds = new Map();
    const listFor = (f) => {
      if (kind !== 'not_assessable') return list;
      const t = tableOf(f);
      if (!folds.has(t)) {
        const ol = h('ol', { class: 'nb-findings' });
        const d = h('details', { class: 'nb-fold', 'data-table': t }, h('summary', {}), ol);
        folds.set(t, { d, ol, n: 0 });
        list.append(h('li', {}, d));
      }
      const fold = folds.get(t);
      fold.n += 1;
      fold.d.querySelector('summary').textContent = L.tableCount(L.tables[t] ?? L.groups.not_assessable, fold.n);
      return fold.ol;
    };
    for (const [f, i] of inKind) {
      const b = h('button', { type: 'button', class: 'nb-finding', 'data-severity': kind, 'data-rule': f.rule, 'data-index': i, 'aria-pressed': 'false' },
        h('span', { class: 'nb-sev' }, findingLabel(f)),
        h('span', { class: 'nb-rule' }, f.rule),
        h('span', { class: 'nb-msg', lang: 'zh-CN' }, f.message),
        f.related_file ? h('span', { class: 'nb-related' }, L.related(f.related_file)) : null,
        f.sentence ? h('q', { class: 'nb-sentence', lang: 'zh-CN' }, f.sentence) : null);
      b.addEventListener('click', () => select(i));
      buttons.set(i, b);
      // The rule reference (rules.html, generated from the catalogue) lives beside this module.
      const ref = h('a', { class: 'nb-rule-ref', href: `${RULES_PAGE}#${f.rule}`, target: '_blank', rel: 'noopener', 'aria-label': L.ruleRef(f.rule) }, '?');
      listFor(f).append(h('li', {}, b, ref));
    }
    const section = h('section', { class: 'nb-kind', 'data-kind': kind },
      h('h4', { id: hid }, L.groupCount(L.groups[kind], inKind.length)), list);
    groups.set(kind, section);
    aside.append(section);
  }
  if (!findings.length) aside.append(h('p', { class: 'nb-none' }, L.none));

  let shown = new Set(options.filter ?? KINDS);
  let current = null;

  function setFilter(kinds) {
    shown = new Set(kinds);
    for (const [kind, section] of groups) section.hidden = !shown.has(kind);
    // A mark whose every finding is filtered out is drawn faintly (it stays marked for assistive
    // technology: the cell is still wrong).
    for (const [addr, m] of marks) {
      const td = root.querySelector(`td[data-cell="${CSS.escape(addr)}"]`);
      if (!td) continue;
      const visible = m.failed.some((f) => shown.has(f.severity)) || (m.notAssessable.length && shown.has('not_assessable'));
      td.toggleAttribute('data-filtered', !visible);
    }
  }
  setFilter(shown);

  /** The listed findings' indices, in list order. */
  const visibleOrder = () => sorted.filter(([f]) => shown.has(findingKind(f))).map(([, i]) => i);

  const cellOf = (addr) => root.querySelector(`td[data-cell="${CSS.escape(addr)}"]`);
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    const view = doc.defaultView;
    return r.top >= 0 && r.bottom <= view.innerHeight && r.left >= 0 && r.right <= view.innerWidth;
  };
  /** Keeps an entry of the (scrolling) findings list in sight without moving the page. */
  const revealInAside = (b) => {
    const a = aside.getBoundingClientRect(), r = b.getBoundingClientRect();
    if (r.top < a.top) aside.scrollTop -= a.top - r.top + 8;
    else if (r.bottom > a.bottom) aside.scrollTop += r.bottom - a.bottom + 8;
  };

  function select(i, { focus = true } = {}) {
    for (const el of root.querySelectorAll('[data-selected]')) el.removeAttribute('data-selected');
    for (const b of buttons.values()) b.setAttribute('aria-pressed', 'false');
    const f = findings[i];
    current = f ? i : null;
    if (!f) return;
    const button = buttons.get(i);
    const fold = button?.closest('details');
    if (fold) fold.open = true;
    button?.setAttribute('aria-pressed', 'true');
    if (button) revealInAside(button);
    const tds = (f.cells ?? []).map(cellOf).filter(Boolean);
    for (const td of tds) td.setAttribute('data-selected', 'true');
    if (!focus) return;
    if (tds[0]) {
      if (!inView(tds[0])) tds[0].scrollIntoView({ block: 'center', inline: 'nearest' });
      tds[0].focus({ preventScroll: true });
    } else {
      button?.focus();
    }
  }

  function step(delta) {
    const list = visibleOrder();
    if (!list.length) return null;
    let pos = list.indexOf(current);
    if (pos === -1) pos = delta > 0 ? 0 : list.length - 1;
    else if (pos + delta < 0 || pos + delta >= list.length) return { edge: delta > 0 ? 'last' : 'first', position: pos + 1, total: list.length };
    else pos += delta;
    select(list[pos]);
    return { finding: findings[list[pos]], index: list[pos], position: pos + 1, total: list.length };
  }

  function focusCell(addr) {
    const td = cellOf(addr);
    if (td) td.focus({ preventScroll: inView(td) });
  }

  /** The corrections tried on this report: each with its original and a way back. */
  function editsPanel() {
    const hid = `${prefix}-edits`;
    if (!edits.size) return h('p', { class: 'nb-edit-hint' }, L.editHint);
    const list = h('ul', { class: 'nb-edit-list' });
    for (const [addr, orig] of edits) {
      const label = labelOf.get(addr) ?? addr;
      const now = cells[addr]?.raw ?? '';
      const undo = h('button', { type: 'button', class: 'nb-revert', 'aria-label': L.revertLabel(label) }, L.revert);
      undo.addEventListener('click', () => options.onEdit?.(addr, null));
      list.append(h('li', { 'data-edit': addr },
        h('span', { class: 'nb-edit-where', lang: 'zh-CN' }, label), ' ',
        h('code', {}, addr), h('br'),
        h('del', {}, orig ?? L.missing), ' → ', h('ins', {}, now === '' ? L.empty : now), ' ', undo));
    }
    const all = h('button', { type: 'button', class: 'nb-revert-all' }, L.revertAll);
    all.addEventListener('click', () => options.onRevertAll?.());
    return h('section', { class: 'nb-edits', 'aria-labelledby': hid }, h('h4', { id: hid }, L.editsTitle(edits.size)), list, all);
  }

  // Trying a correction: Enter, F2, a digit or a double click on a cell opens an input in it.
  let editing = null;
  function startEdit(td, initial) {
    if (!editable || editing) return;
    const addr = td.dataset.cell;
    const raw = cells[addr]?.raw ?? '';
    hide();
    const input = h('input', { type: 'text', class: 'nb-input', value: initial ?? raw, 'aria-label': L.editLabel(labelOf.get(addr) ?? addr), autocomplete: 'off', spellcheck: 'false' });
    const shownText = td.textContent;
    td.setAttribute('data-editing', '');
    td.replaceChildren(input);
    editing = { td, input };
    input.focus();
    if (initial === undefined) input.select();
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true;
      editing = null;
      td.removeAttribute('data-editing');
      const value = input.value.trim();
      td.textContent = commit ? value : shownText;
      if (commit && value !== raw) {
        const original = edits.has(addr) ? edits.get(addr) : cells[addr] ? cells[addr].raw : null;
        td.setAttribute('aria-busy', 'true');
        options.onEdit?.(addr, value === original ? null : value);
      } else {
        td.textContent = shownText;
        td.focus();
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); finish(true); }
      else if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); finish(false); }
      e.stopPropagation(); // the page's own keys (j, k, …) are letters typed here
    });
    input.addEventListener('blur', () => finish(true));
  }

  /** Arrow keys move between the data cells of one table, as in a spreadsheet. */
  function move(td, key) {
    const table = td.closest('table');
    const all = [...table.querySelectorAll('td[data-cell]')];
    let next = null;
    if (key === 'ArrowLeft' || key === 'ArrowRight') {
      const tr = td.closest('tr');
      const row = all.filter((x) => x.closest('tr') === tr);
      next = row[row.indexOf(td) + (key === 'ArrowRight' ? 1 : -1)];
    } else {
      const rows = [...table.rows].filter((tr) => tr.querySelector('td[data-cell]'));
      const r = rows.indexOf(td.closest('tr')) + (key === 'ArrowDown' ? 1 : -1);
      if (rows[r]) {
        const box = td.getBoundingClientRect();
        const x = box.left + box.width / 2;
        const dist = (c) => { const b = c.getBoundingClientRect(); return Math.abs(b.left + b.width / 2 - x); };
        next = [...rows[r].querySelectorAll('td[data-cell]')].sort((a, b) => dist(a) - dist(b))[0];
      }
    }
    if (next) next.focus();
    return Boolean(next);
  }

  if (editable) {
    root.addEventListener('dblclick', (e) => {
      const td = e.target.closest?.('td[data-cell]');
      if (td && !editing) startEdit(td);
    });
    root.addEventListener('keydown', (e) => {
      const td = e.target.closest?.('td[data-cell]');
      if (!td || editing || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Enter' || e.key === 'F2') { e.preventDefault(); startEdit(td); }
      else if (/^[0-9./\-—]$/.test(e.key)) { e.preventDefault(); startEdit(td, e.key); }
      else if (e.key.startsWith('Arrow') && move(td, e.key)) e.preventDefault();
    });
  }

  // Tooltip on hover and focus, filled from the cell's description; it follows its cell on scroll
  // (focusing a cell scrolls it into view).
  let tipped = null;
  const place = () => {
    if (!tipped) return;
    const r = tipped.getBoundingClientRect();
    const view = doc.defaultView;
    tip.style.left = `${Math.max(4, Math.min(r.left, view.innerWidth - tip.offsetWidth - 4))}px`;
    const below = r.bottom + 6;
    tip.style.top = `${below + tip.offsetHeight > view.innerHeight ? Math.max(4, r.top - tip.offsetHeight - 6) : below}px`;
  };
  const show = (td) => {
    if (editing) return;
    const d = root.querySelector(`[id="${td.getAttribute('aria-describedby')}"]`);
    if (!d) return;
    tip.replaceChildren(...[...d.children].map((p) => p.cloneNode(true)));
    tip.hidden = false;
    tipped = td;
    place();
  };
  function hide() {
    tip.hidden = true;
    tipped = null;
  }
  const markedCell = (e) => e.target.closest?.('td[aria-describedby]');
  root.addEventListener('mouseover', (e) => { const td = markedCell(e); if (td) show(td); });
  root.addEventListener('mouseout', (e) => {
    const td = markedCell(e);
    if (td && !td.contains(e.relatedTarget) && td !== root.ownerDocument.activeElement && td !== td.getRootNode().activeElement) hide();
  });
  root.addEventListener('focusin', (e) => { const td = markedCell(e); td && e.target === td ? show(td) : hide(); });
  root.addEventListener('focusout', hide);
  root.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  outside.get(container)?.abort();
  const ac = new AbortController();
  outside.set(container, ac);
  doc.defaultView?.addEventListener('scroll', place, { passive: true, signal: ac.signal });
  doc.defaultView?.addEventListener('resize', place, { passive: true, signal: ac.signal });
  root.addEventListener('scroll', place, { capture: true, passive: true });

  return { select, step, setFilter, focusCell, order: visibleOrder, root, get current() { return current; } };
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
