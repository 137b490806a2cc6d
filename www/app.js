// The stand-alone page: many files at once (drop, picker, folder), a per-file summary worst first,
// one report shown at a time, keyboard navigation from finding to finding, corrections tried in
// the tables, exports, print, two interface languages, and offline use through a service worker.
import { checkFiles, getLayout, DEFAULT_MAX_SIZE } from './nianbao-check.js';
import { renderReport, verdictOf, KINDS, findingKind } from './render.js';
import { t, both, setLang, initialLang, apply } from './i18n.js';
import { textOf } from './words.js';
import { findingsCSV, resultsJSON, editsCSV, editsJSON, download, stamp } from './export.js';
import { VERSION, RULES_VERSION } from './version.js';

const $ = (id) => document.getElementById(id);
const drop = $('drop');
const picker = $('file');
const folderPicker = $('folder');
const blanks = $('blanks-as-zero');
const append = $('append');
const status = $('status');
const progressBox = $('progress-box');
const progress = $('progress');
const progressText = $('progress-text');
const workspace = $('workspace');
const summaryList = $('summary');
const filesTitle = $('files-title');
const results = $('results');
const announcer = $('announce');
const position = $('position');

/**
 * Every file of the batch: its bytes (kept for re-checks), its report (the latest check, with
 * corrections applied), the report as first read (`original`, for the values a correction
 * replaced), `edits` (address → corrected raw text), and where it is drawn.
 */
const state = { entries: [], selected: null, userChose: false, filter: new Set(KINDS), gen: 0 };
let nextId = 1;
let running = null;

/** render.js takes its words and the findings' language from the page's language. */
function labelsFor() {
  return { lang: document.documentElement.lang };
}

// ---------------------------------------------------------------------------------------------
// Reading and checking

/** A folder's own clutter is not a report: hidden files and the desktop's index files. */
const clutter = (name) => name.startsWith('.') || /^(thumbs\.db|desktop\.ini)$/i.test(name);

/** Files of a drop, with dropped folders walked (their entries must be taken during the event). */
function takeDrop(dt) {
  const entries = [...(dt?.items ?? [])].filter((i) => i.kind === 'file').map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  const files = [...(dt?.files ?? [])];
  if (!entries.some((e) => e.isDirectory)) return Promise.resolve(files);
  return (async () => {
    const out = [];
    const walk = async (entry) => {
      if (entry.isFile) {
        if (!clutter(entry.name)) out.push(await new Promise((ok, fail) => entry.file(ok, fail)));
      } else if (entry.isDirectory) {
        const reader = entry.createReader();
        for (;;) {
          const batch = await new Promise((ok, fail) => reader.readEntries(ok, fail));
          if (!batch.length) break;
          for (const e of batch) await walk(e);
        }
      }
    };
    for (const e of entries) await walk(e);
    return out;
  })();
}

// The shape of a core report (report-json.md), for a file whose bytes the browser could not read.
const unreadable = (name, e) => {
  const why = both('unreadableFile', e?.message ?? String(e));
  return { checker_version: VERSION, rules_version: RULES_VERSION, file: name, input: null, agency: null, version: null, layout: null, year: null, title: null,
    cells: {}, findings: [], error: { code: 'unreadable', message: why.zh, message_en: why.en }, verdict: 'unreadable', reading: [] };
};

const editsObject = (e) => (e.edits.size ? Object.fromEntries(e.edits) : undefined);

/** Files larger than this are not read: `<body data-max-size="bytes">`, else 50 MB. */
const maxSize = () => Number(document.body.dataset.maxSize) || DEFAULT_MAX_SIZE;

/** Checks entries together (their corrections applied) and stores the reports. */
async function checkTogether(list, signal) {
  const { reports } = await checkFiles(list.map((e) => ({ name: e.name, bytes: e.bytes, edits: editsObject(e), size: e.size })),
    { blanksAsZero: blanks.checked, signal, maxSize: maxSize() });
  const layouts = await Promise.all(reports.map((r) => (r.version ? getLayout(r.layout ?? r.version) : null)));
  list.forEach((e, i) => {
    e.report = reports[i];
    e.layout = layouts[i];
    if (!e.original) e.original = reports[i].cells ?? {};
  });
}

/**
 * Reports of one agency in consecutive years are checked together (the cross-year rules); every
 * other file alone. Returns the groups of entries that must be checked together.
 */
function pairedGroups(entries) {
  const byAgency = new Map();
  for (const e of entries) {
    const r = e.report;
    if (!r || r.error || !r.agency || r.year == null) continue;
    byAgency.set(r.agency, [...(byAgency.get(r.agency) ?? []), e]);
  }
  return [...byAgency.values()].filter((g) => g.some((a) => g.some((b) => b.report.year === a.report.year + 1)));
}

function groupOf(entry) {
  return pairedGroups(state.entries).find((g) => g.includes(entry)) ?? [entry];
}

/** Reads and checks `todo` one by one (so progress is real), then the paired groups together. */
async function checkEntries(todo) {
  running?.abort();
  const ac = (running = new AbortController());
  const gen = ++state.gen;
  const n = todo.length;
  progress.max = n;
  progress.value = 0;
  progressBox.hidden = false;
  results.setAttribute('aria-busy', 'true');
  say(t.readingStart(n));
  let lastSaid = Date.now();
  try {
    for (const [i, e] of todo.entries()) {
      progressText.textContent = `${t.reading(i + 1, n)}：${e.name}`;
      // The live region is told at most every 2 s: a screen reader need not read every file name.
      if (Date.now() - lastSaid > 2000) { say(t.reading(i + 1, n)); lastSaid = Date.now(); }
      if (!e.bytes && e.file.size > maxSize()) {
        // Not read: the checker refuses it by its size (too_large) with a Chinese message.
        e.bytes = new Uint8Array(0);
        e.size = e.file.size;
        e.file = null;
      }
      if (!e.bytes) {
        try {
          e.bytes = new Uint8Array(await e.file.arrayBuffer());
          e.file = null;
        } catch (err) {
          e.report = unreadable(e.name, err);
        }
      }
      if (e.bytes) await checkTogether([e], ac.signal);
      if (gen !== state.gen) return;
      progress.value = i + 1;
    }
    const redraw = new Set(todo);
    for (const group of pairedGroups(state.entries)) {
      await checkTogether(group, ac.signal);
      if (gen !== state.gen) return;
      group.forEach((e) => redraw.add(e));
    }
    // Drawn only now: a report of a pair changes once it is checked with its other year, and a
    // report should not change under the reader's eyes.
    for (const e of redraw) draw(e);
    workspace.hidden = false;
    if (!state.userChose || !entryById(state.selected)) select(sortedEntries()[0]?.id ?? null);
    renderSummary();
    say(doneText());
  } catch (err) {
    if (err.name === 'AbortError' || gen !== state.gen) return;
    say(t.failedRun(err.message));
  } finally {
    if (gen === state.gen) {
      progressBox.hidden = true;
      results.removeAttribute('aria-busy');
      if (running === ac) running = null;
    }
  }
}

function doneText() {
  const v = state.entries.map((e) => verdictOf(e.report ?? {}));
  const n = (k) => v.filter((x) => x.verdict === k).length;
  return t.checked(v.length, n('passed'), n('failed'), n('unreadable'), n('incomplete'));
}

async function run(files) {
  if (!files.length) return;
  const fresh = files.map((f) => ({ id: nextId++, name: f.name, file: f, bytes: null, report: null, layout: null, original: null, edits: new Map(), box: null, ctl: null }));
  if (!append.checked) {
    state.entries = [];
    state.selected = null;
    state.userChose = false;
    results.replaceChildren();
  }
  state.entries.push(...fresh);
  drop.classList.add('compact');
  await checkEntries(fresh);
}

/** Corrections are checked in order, one after another. */
let queue = Promise.resolve();

function edit(entry, addr, raw) {
  if (raw === null) entry.edits.delete(addr);
  else entry.edits.set(addr, raw);
  recheck(entry, addr);
}

function revertAll(entry) {
  entry.edits.clear();
  recheck(entry, null);
}

function recheck(entry, addr) {
  const gen = state.gen;
  queue = queue.then(async () => {
    if (gen !== state.gen || !entry.bytes) return;
    const group = groupOf(entry);
    try {
      await checkTogether(group, undefined);
    } catch (err) {
      say(t.failedRun(err.message));
      return;
    }
    if (gen !== state.gen) return;
    group.forEach(draw);
    renderSummary();
    if (addr) entry.ctl?.focusCell(addr);
    announce(t.rechecked(entry.name, verdictText(entry.report)));
    say(doneText());
  });
}

// ---------------------------------------------------------------------------------------------
// Drawing

function editsForRender(e) {
  return new Map([...e.edits.keys()].map((a) => [a, e.original?.[a]?.raw ?? null]));
}

function draw(e) {
  if (!e.box) {
    e.box = document.createElement('section');
    e.box.className = 'nb-result';
    e.box.dataset.file = e.name;
    results.append(e.box);
  }
  // The chosen finding stays chosen across a redraw when it is still there (indices may shift).
  const was = e.ctl?.current != null ? e.prevFindings?.[e.ctl.current] : null;
  const same = (f) => was && f.rule === was.rule && f.cells?.join() === was.cells?.join();
  e.ctl = renderReport(e.box, e.report, e.layout, {
    ...labelsFor(), filter: state.filter, editable: true, edits: editsForRender(e),
    onEdit: (addr, raw) => edit(e, addr, raw), onRevertAll: () => revertAll(e),
  });
  const again = (e.report.findings ?? []).findIndex(same);
  if (again >= 0) e.ctl.select(again, { focus: false });
  e.prevFindings = e.report.findings;
  e.box.hidden = e.id !== state.selected;
}

function verdictText(report) {
  const { unreadable: bad, pass, incomplete, counts } = verdictOf(report);
  if (bad) return `${t.unreadable}${t.inParens(textOf(report.error, t.lang).text)}`;
  const parts = [counts.error && t.errors(counts.error), counts.warning && t.warnings(counts.warning),
    counts.doubt && t.doubts(counts.doubt), counts.info && t.infos(counts.info)].filter(Boolean);
  return [pass ? t.pass : incomplete ? t.incomplete : t.fail, ...parts].join(' · ');
}

/** Worst first: unreadable, then by errors, not fully read, warnings, doubts, notes, not assessable; then as given. */
function sortedEntries() {
  const key = (e) => {
    if (!e.report) return [2, 0, 0, 0, 0, 0, 0];
    const { unreadable: bad, incomplete, counts: c } = verdictOf(e.report);
    return [bad ? 0 : 1, -c.error, incomplete ? 0 : 1, -c.warning, -c.doubt, -c.info, -c.not_assessable];
  };
  return state.entries.map((e, i) => [e, key(e), i]).sort((a, b) => {
    for (let k = 0; k < a[1].length; k++) if (a[1][k] !== b[1][k]) return a[1][k] - b[1][k];
    return a[2] - b[2];
  }).map(([e]) => e);
}

function renderSummary() {
  const focusedId = document.activeElement?.closest?.('#summary button')?.dataset.entry;
  filesTitle.textContent = t.files(state.entries.length);
  const items = sortedEntries().map((e) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'sum';
    b.dataset.summaryFile = e.name;
    b.dataset.entry = String(e.id);
    if (e.id === state.selected) b.setAttribute('aria-current', 'true');
    const name = Object.assign(document.createElement('span'), { className: 'sum-name', textContent: e.name });
    const verdict = Object.assign(document.createElement('span'), { className: 'sum-verdict' });
    if (!e.report) {
      b.dataset.verdict = 'pending';
      verdict.textContent = '…';
    } else {
      const v = verdictOf(e.report);
      b.dataset.verdict = v.unreadable ? 'unreadable' : v.pass ? 'pass' : v.incomplete ? 'incomplete' : 'fail';
      for (const k of KINDS) b.dataset[{ not_assessable: 'na' }[k] ?? k] = String(v.counts[k]);
      verdict.textContent = verdictText(e.report);
    }
    b.append(name, verdict);
    if (e.report?.title || e.report?.year) {
      const what = Object.assign(document.createElement('span'), { className: 'sum-title', lang: 'zh-CN', textContent: e.report.title ?? `${e.report.year}` });
      b.append(what);
    }
    b.addEventListener('click', () => { state.userChose = true; select(e.id); });
    const li = document.createElement('li');
    li.append(b);
    return li;
  });
  summaryList.replaceChildren(...items);
  if (focusedId) summaryList.querySelector(`button[data-entry="${focusedId}"]`)?.focus();
  updateExports();
}

function entryById(id) {
  return state.entries.find((e) => e.id === id) ?? null;
}

function select(id) {
  state.selected = id;
  for (const e of state.entries) if (e.box) e.box.hidden = e.id !== id;
  for (const b of summaryList.querySelectorAll('button[data-entry]')) {
    if (b.dataset.entry === String(id)) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
  position.textContent = '';
}

// ---------------------------------------------------------------------------------------------
// Moving through problems and files

function announce(text) {
  // A changed text is read out; the same text twice would not be, hence the position in it.
  announcer.textContent = text;
}

function say(text) {
  status.textContent = text;
}

function stepFinding(delta) {
  const e = entryById(state.selected);
  if (!e?.ctl) return;
  const r = e.ctl.step(delta);
  if (!r) return announce(t.noProblems);
  if (r.edge) return announce(`${r.edge === 'last' ? t.lastProblem : t.firstProblem} ${t.position(r.position, r.total)}`);
  const f = r.finding;
  position.textContent = t.position(r.position, r.total);
  announce(`${t.position(r.position, r.total)}${t.sep}${t.one[findingKind(f)]} ${f.rule}${t.sep}${textOf(f, t.lang).text}`);
}

function stepFile(delta) {
  const list = sortedEntries();
  if (!list.length) return;
  const i = list.findIndex((e) => e.id === state.selected);
  const next = list[Math.min(list.length - 1, Math.max(0, i + delta))];
  state.userChose = true;
  select(next.id);
  announce(`${next.name}：${next.report ? verdictText(next.report) : '…'}`);
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
  if (e.target.closest?.('input:not([type="checkbox"]), textarea, select, [contenteditable]')) return;
  const key = e.key;
  if (key === 'j' || key === 'n') stepFinding(1);
  else if (key === 'k' || key === 'p') stepFinding(-1);
  else if (key === ']') stepFile(1);
  else if (key === '[') stepFile(-1);
  else if ((key === 'ArrowDown' || key === 'ArrowUp') && e.target.closest?.('#summary')) {
    const buttons = [...summaryList.querySelectorAll('button')];
    const i = buttons.indexOf(e.target.closest('button'));
    const b = buttons[i + (key === 'ArrowDown' ? 1 : -1)];
    if (b) b.focus();
  } else return;
  e.preventDefault();
});

$('next').addEventListener('click', () => stepFinding(1));
$('prev').addEventListener('click', () => stepFinding(-1));

for (const box of document.querySelectorAll('#filters input[data-kind]')) {
  box.addEventListener('change', () => {
    state.filter = new Set([...document.querySelectorAll('#filters input[data-kind]:checked')].map((b) => b.dataset.kind));
    for (const e of state.entries) e.ctl?.setFilter(state.filter);
    position.textContent = '';
  });
}

// ---------------------------------------------------------------------------------------------
// Exports and print

const reportsNow = () => state.entries.filter((e) => e.report).map((e) => e.report);

function allEdits() {
  return state.entries.flatMap((e) => [...e.edits].map(([cell, corrected]) => ({ file: e.name, cell, original: e.original?.[cell]?.raw ?? null, corrected })));
}

function updateExports() {
  const any = state.entries.some((e) => e.edits.size);
  $('export-edits-csv').hidden = !any;
  $('export-edits-json').hidden = !any;
}

$('export-csv').addEventListener('click', () => download(document, `年报检查问题-${stamp()}.csv`, findingsCSV(reportsNow()), 'text/csv;charset=utf-8'));
$('export-json').addEventListener('click', () => {
  const byFile = new Map(state.entries.filter((e) => e.edits.size).map((e) => [e.name, allEdits().filter((x) => x.file === e.name).map(({ file, ...x }) => x)]));
  download(document, `年报检查结果-${stamp()}.json`, resultsJSON(reportsNow(), byFile), 'application/json');
});
$('export-edits-csv').addEventListener('click', () => download(document, `年报试改-${stamp()}.csv`, editsCSV(allEdits()), 'text/csv;charset=utf-8'));
$('export-edits-json').addEventListener('click', () => download(document, `年报试改-${stamp()}.json`, editsJSON(allEdits()), 'application/json'));
$('print').addEventListener('click', () => {
  document.body.dataset.print = 'all';
  window.print();
});
window.addEventListener('afterprint', () => delete document.body.dataset.print);

// ---------------------------------------------------------------------------------------------
// Files in

picker.addEventListener('change', () => {
  run([...picker.files]);
  picker.value = ''; // picking the same file again checks it again
});
folderPicker.addEventListener('change', () => {
  run([...folderPicker.files].filter((f) => !clutter(f.name)));
  folderPicker.value = '';
});
blanks.addEventListener('change', () => {
  if (!state.entries.length) return;
  checkEntries(state.entries.filter((e) => e.bytes));
});

for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => {
    if (!e.dataTransfer?.types?.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    drop.classList.add('over');
  });
}
drop.addEventListener('dragleave', (e) => {
  if (!drop.contains(e.relatedTarget)) drop.classList.remove('over');
});
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  takeDrop(e.dataTransfer).then(run, (err) => say(t.failedRun(err.message)));
});
// A file dropped beside the zone would make the browser open it and leave the page.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());

$('cancel').addEventListener('click', () => {
  running?.abort();
  state.gen++;
  progressBox.hidden = true;
  results.removeAttribute('aria-busy');
  say(t.cancelled);
  // What was checked before the cancel is shown; the rest is dropped.
  for (const e of state.entries) if (!e.report) e.box?.remove();
  state.entries = state.entries.filter((e) => e.report);
  for (const e of state.entries) draw(e);
  workspace.hidden = !state.entries.length;
  if (!entryById(state.selected)) select(sortedEntries()[0]?.id ?? null);
  renderSummary();
});

// ---------------------------------------------------------------------------------------------
// Language

function applyLang(lang) {
  setLang(lang);
  apply();
  document.title = t.title;
  $('lang').lang = t.switchToLang;
  $('lang-note').hidden = !t.langNote;
  for (const e of state.entries) if (e.report) draw(e);
  renderSummary();
  if (state.entries.length && !running) say(doneText());
}
$('lang').addEventListener('click', () => applyLang(t.switchToLang));
applyLang(initialLang());
// The footer says which checker and rule catalogue this is, as every report and export does.
$('checker-version').textContent = VERSION;
$('rules-version').textContent = RULES_VERSION;

// The first check should not wait for the worker to start and the core to compile: start both
// when the page is idle (asking for a layout, which the first report needs anyway). The Word and
// PDF readers still load on their first file.
(globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 300)))(() => getLayout('v2021').catch(() => {}));

// ---------------------------------------------------------------------------------------------
// Offline: the service worker stores the page's files; the page says when it is ready.

const offline = $('offline');
if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  navigator.serviceWorker.addEventListener('message', ({ data }) => {
    if (data?.type !== 'offline-status') return;
    const ready = data.ready && Boolean(navigator.serviceWorker.controller);
    offline.dataset.ready = String(ready);
    offline.hidden = !ready;
  });
  const ask = () => navigator.serviceWorker.controller?.postMessage({ type: 'offline-status' });
  navigator.serviceWorker.addEventListener('controllerchange', ask);
  navigator.serviceWorker.register('sw.js').then(() => navigator.serviceWorker.ready).then(ask, () => {});
}
