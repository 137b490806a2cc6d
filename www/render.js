// Draws one checked report into a container: a verdict, t2, t3 and t4 in the official layout
// (merged headers as printed, tables.js), every data cell as <td data-cell="t3/new/natural"> with
// its raw text, cells named by findings marked, and the findings listed beside the tables by kind
// (errors, warnings, doubts, notes, not assessable). All text goes in through textContent; nothing
// of a file is ever parsed as HTML. Works in a document or a shadow root: it looks things up only
// inside the container and makes ids unique per drawing.
//
// Options (all optional): `lang` (the reader's language: the interface words and the findings'
// texts follow it; the tables stay Chinese), `labels` (words to replace, see words.js), `filter`
// (the kinds of finding to list), and for trying corrections `editable`, `edits` (Map address →
// the original raw text, null where the reader found no cell), `onEdit(address, raw | null)` (null:
// back to the original) and `onRevertAll()`. The returned controller selects and steps through
// findings.
//
// renderReport only assembles; each part is drawn by its own function below: the verdict, what
// could not be read, the facts, the cells, the findings list, the corrections panel, then the
// behaviours (editing in place, the tooltip).

import { KINDS, SEVERITIES, WORDS, textOf, wordsFor } from './words.js';
import { drawTable } from './tables.js';

export { KINDS, SEVERITIES } from './words.js';
/** The Chinese interface words (the default); `options.labels` may replace any of them. */
export const LABELS_ZH = WORDS.zh;
const RULES_PAGE = new URL('rules.html', import.meta.url).href;

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
  const lang = options.lang;
  const findings = report.findings ?? [];
  const cx = {
    doc, h, report, layout, findings, lang,
    L: { ...wordsFor(lang), ...(options.labels ?? {}) },
    // Interface words inside Chinese-only parts (the tables) name their language.
    uiLang: lang && lang !== 'zh-CN' ? lang : undefined,
    prefix: `nbc${++drawings}`,
    marks: indexFindings(findings),
    cells: report.cells ?? {},
    editable: Boolean(options.editable && layout),
    edits: options.edits ?? new Map(),
    labelOf: cellLabels(layout),
    options,
    editing: null,
    root: h('article', { class: 'nb-report', 'data-file': report.file, 'aria-label': report.file }),
  };
  const { root } = cx;
  container.replaceChildren(root);

  root.append(h('h2', { class: 'nb-file' }, report.file));
  if (report.error) {
    root.append(drawError(cx));
    return { ...NO_CONTROLLER, root };
  }
  root.append(drawVerdict(cx));
  if (report.reading?.length) root.append(drawReading(cx));
  root.append(drawFacts(cx));

  // Hidden descriptions (for aria-describedby) and one visible tooltip for hover and focus.
  cx.descs = h('div', { class: 'nb-descs', hidden: true });
  cx.tip = h('div', { class: 'nb-tip', role: 'tooltip', id: `${cx.prefix}-tip`, hidden: true });
  const tables = drawTables(cx);
  const list = drawFindings(cx, (i) => select(i));
  root.append(h('div', { class: 'nb-body' }, tables, list.aside), cx.descs, cx.tip);

  const { sorted, buttons, groups, aside } = list;
  const cellOf = (addr) => root.querySelector(`td[data-cell="${CSS.escape(addr)}"]`);
  let shown = new Set(options.filter ?? KINDS);
  let current = null;

  function setFilter(kinds) {
    shown = new Set(kinds);
    for (const [kind, section] of groups) section.hidden = !shown.has(kind);
    // A mark whose every finding is filtered out is drawn faintly (it stays marked for assistive
    // technology: the cell is still wrong).
    for (const [addr, m] of cx.marks) {
      const td = cellOf(addr);
      if (!td) continue;
      const visible = m.failed.some((f) => shown.has(f.severity)) || (m.notAssessable.length && shown.has('not_assessable'));
      td.toggleAttribute('data-filtered', !visible);
    }
  }
  setFilter(shown);

  /** The listed findings' indices, in list order. */
  const visibleOrder = () => sorted.filter(([f]) => shown.has(findingKind(f))).map(([, i]) => i);

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
    const order = visibleOrder();
    if (!order.length) return null;
    let pos = order.indexOf(current);
    if (pos === -1) pos = delta > 0 ? 0 : order.length - 1;
    else if (pos + delta < 0 || pos + delta >= order.length) return { edge: delta > 0 ? 'last' : 'first', position: pos + 1, total: order.length };
    else pos += delta;
    select(order[pos]);
    return { finding: findings[order[pos]], index: order[pos], position: pos + 1, total: order.length };
  }

  function focusCell(addr) {
    const td = cellOf(addr);
    if (td) td.focus({ preventScroll: inView(td) });
  }

  const tip = attachTooltip(container, cx);
  if (cx.editable) attachEditing(cx, tip.hide);

  return { select, step, setFilter, focusCell, order: visibleOrder, root, get current() { return current; } };
}

/** The kind of a finding in words (its badge). */
const kindWord = (cx, f) => cx.L.kind[findingKind(f)] ?? f.severity;

function drawError({ h, L, report, lang }) {
  const said = textOf(report.error, lang);
  return h('div', { class: 'nb-error', role: 'alert', 'data-code': report.error.code },
    h('strong', {}, L.cannotCheck), h('span', { lang: said.lang }, said.text));
}

/** The verdict and the counts: passed, failed, or not fully read (the checker's limit). */
function drawVerdict({ h, L, report }) {
  const { pass, incomplete, counts } = verdictOf(report);
  const parts = SEVERITIES.filter((s) => counts[s]).map((s) => L.counts[s](counts[s]));
  const word = L.verdict[pass ? 'passed' : incomplete ? 'incomplete' : 'failed'];
  const detail = incomplete ? `${L.incompleteWhy}${parts.length ? `${L.sep2}${parts.join(' · ')}` : ''}`
    : parts.length ? (pass ? L.passWith(parts.join(' · ')) : `${L.sep}${parts.join(' · ')}`) : null;
  return h('p', { class: 'nb-summary nb-verdict', 'data-verdict': pass ? 'pass' : incomplete ? 'incomplete' : 'fail', 'data-errors': String(counts.error) },
    h('strong', { class: 'nb-verdict-word' }, word), detail,
    counts.not_assessable ? `${L.sep2}${L.notAssessableCount(counts.not_assessable)}` : null);
}

/** What could not be read, one line per table: the checker's limits, not the report's errors. */
function drawReading({ h, L, report, prefix, lang }) {
  const hid = `${prefix}-reading`;
  return h('section', { class: 'nb-reading', 'aria-labelledby': hid },
    h('h3', { id: hid }, L.reading),
    h('ul', {}, report.reading.map((g) => {
      const said = textOf(g, lang);
      return h('li', { 'data-table': g.table, lang: said.lang }, h('strong', {}, L.tables[g.table] ?? g.table), L.sep, said.text);
    })));
}

function drawFacts({ h, L, report }) {
  const facts = h('dl', { class: 'nb-facts' });
  const fact = (k, v, lang) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', {}, k), h('dd', { lang }, String(v)));
  fact(L.facts.title, report.title, 'zh-CN');
  fact(L.facts.year, report.year != null ? L.yearValue(report.year) : null);
  fact(L.facts.version, L.version[report.version] ?? report.version);
  fact(L.facts.input, L.input[report.input] ?? report.input);
  return facts;
}

/** The tables as printed; they keep the official Chinese wording whatever the interface language. */
function drawTables(cx) {
  const { h } = cx;
  const box = h('div', { class: 'nb-tables', lang: 'zh-CN' });
  const dataCell = (addr, attrs) => drawCell(cx, addr, attrs);
  for (const table of cx.layout ?? []) {
    const t = drawTable(h, table, dataCell);
    if (!t) continue;
    t.classList.add('nb-table', `nb-${table.id}`);
    t.setAttribute('data-table', table.id);
    box.append(h('section', { class: 'nb-section' }, h('h3', {}, table.title), h('div', { class: 'nb-scroll' }, t)));
  }
  return box;
}

/** One data cell: its raw text (or ？ where none was read), its marks and its description. */
function drawCell(cx, addr, attrs = {}) {
  const { h, L, cells, marks, edits } = cx;
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
    const id = `${cx.prefix}-d${cx.descs.childElementCount + 1}`;
    const d = h('div', { id, lang: cx.uiLang });
    if (edited) d.append(h('p', { class: 'nb-edited-note' }, L.edited(edits.get(addr))));
    for (const f of m ? [...m.failed, ...m.notAssessable] : []) {
      const said = textOf(f, cx.lang);
      d.append(h('p', {}, `${kindWord(cx, f)} ${f.rule}${L.sep}`, h('span', { lang: said.lang }, said.text)));
    }
    cx.descs.append(d);
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
  if (cx.editable && !td.hasAttribute('tabindex')) td.setAttribute('tabindex', '-1');
  return td;
}

/**
 * The findings, one list per kind (not-assessable ones folded per table); choosing one calls
 * `select(index)`. Returns the aside, the findings in list order, their buttons and the kind
 * sections (for filtering).
 */
function drawFindings(cx, select) {
  const { h, L, findings, prefix } = cx;
  const aside = h('aside', { class: 'nb-aside', 'aria-label': L.findings }, h('h3', {}, L.findings));
  if (cx.editable) aside.append(drawEdits(cx));
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
      const said = textOf(f, cx.lang);
      const b = h('button', { type: 'button', class: 'nb-finding', 'data-severity': kind, 'data-rule': f.rule, 'data-index': i, 'aria-pressed': 'false' },
        h('span', { class: 'nb-sev' }, kindWord(cx, f)),
        h('span', { class: 'nb-rule' }, f.rule),
        h('span', { class: 'nb-msg', lang: said.lang }, said.text),
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
  return { aside, sorted, buttons, groups };
}

/** The corrections tried on this report: each with its original and a way back. */
function drawEdits({ h, L, prefix, edits, cells, labelOf, options }) {
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

/** Trying a correction: Enter, F2, a digit or a double click on a cell opens an input in it. */
function attachEditing(cx, hideTip) {
  const { h, L, root, cells, edits, labelOf, options } = cx;
  function startEdit(td, initial) {
    if (cx.editing) return;
    const addr = td.dataset.cell;
    const raw = cells[addr]?.raw ?? '';
    hideTip();
    const input = h('input', { type: 'text', class: 'nb-input', value: initial ?? raw, 'aria-label': L.editLabel(labelOf.get(addr) ?? addr), autocomplete: 'off', spellcheck: 'false' });
    const shownText = td.textContent;
    td.setAttribute('data-editing', '');
    td.replaceChildren(input);
    cx.editing = { td, input };
    input.focus();
    if (initial === undefined) input.select();
    let done = false;
    const finish = (commit) => {
      if (done) return;
      done = true;
      cx.editing = null;
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

  root.addEventListener('dblclick', (e) => {
    const td = e.target.closest?.('td[data-cell]');
    if (td && !cx.editing) startEdit(td);
  });
  root.addEventListener('keydown', (e) => {
    const td = e.target.closest?.('td[data-cell]');
    if (!td || cx.editing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter' || e.key === 'F2') { e.preventDefault(); startEdit(td); }
    else if (/^[0-9./\-—]$/.test(e.key)) { e.preventDefault(); startEdit(td, e.key); }
    else if (e.key.startsWith('Arrow') && moveBetweenCells(td, e.key)) e.preventDefault();
  });
}

/** Arrow keys move between the data cells of one table, as in a spreadsheet. */
function moveBetweenCells(td, key) {
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

/**
 * Tooltip on hover and focus, filled from the cell's description; it follows its cell on scroll
 * (focusing a cell scrolls it into view). Returns `{ hide }`.
 */
function attachTooltip(container, cx) {
  const { doc, root, tip } = cx;
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
    if (cx.editing) return;
    const d = root.querySelector(`[id="${td.getAttribute('aria-describedby')}"]`);
    if (!d) return;
    tip.replaceChildren(...[...d.children].map((p) => p.cloneNode(true)));
    tip.lang = d.lang;
    tip.hidden = false;
    tipped = td;
    place();
  };
  const hide = () => {
    tip.hidden = true;
    tipped = null;
  };
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
  return { hide };
}
