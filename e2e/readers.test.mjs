// The page on the corpus's real forms: saved portal pages (UTF-8, GBK, the v2019 layout), Word
// files (.docx, .doc, the blank official template) and two consecutive years dropped together.
// Every drawn cell is compared with the hand-checked gold values, and every mark with what the same
// wasm reports in node. Only one hook of the page is relied on: a drawn report's container has
// data-file="<name>", and where the page shows one file at a time, [data-summary-file="<name>"]
// selects it (see showReport). Needs `scripts/build.sh` first (www/pkg). Run: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './serve.mjs';
import { ROOT, WWW, corpus, launch, recordingPage, assertOnlyOwnFiles, expectedMarks, ownFiles, seedWith } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference

const gold = (name) => JSON.parse(corpus(`gold/${name}.json`));

const TYPES = {
  '.html': 'text/html', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.doc': 'application/msword',
  '.mht': 'multipart/related', '.pdf': 'application/pdf',
};
const COLS = ['natural', 'commercial', 'research', 'social', 'legal', 'other', 'total'];
const LEGAL = ['commercial', 'research', 'social', 'legal', 'other']; // the five 法人或其他组织 columns

let server, browser, rec, page;

before(async () => {
  server = await startServer(WWW, 0);
  browser = await launch();
  // Every request, console error, page error and CSP violation of every test is recorded.
  rec = await recordingPage(browser, server);
  page = rec.page;
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** `[name="value"]` with the value quoted for CSS. */
const attr = (name, value) => `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;

/** A fresh page per test (one browser, one tab): no drawing of an earlier test is left to match. */
async function freshPage() {
  await page.goto(server.url);
}

/** A real drop: a DataTransfer of File objects dispatched on the drop zone, as a browser does. */
async function dropFiles(files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, b64, type } of files) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type }));
    }
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64'), type: TYPES[path.extname(name)] ?? 'text/plain' })));
  // Every file is listed (summary entry) or drawn (container) once the check is done.
  for (const { name } of files) {
    await page.locator(`${attr('data-summary-file', name)}, ${attr('data-file', name)}`).first().waitFor({ state: 'attached', timeout: 30_000 });
  }
}

/**
 * Brings one report into view and returns its container: clicks its summary entry where the page
 * has one (one file at a time), else the report is already drawn beside the others.
 */
async function showReport(name) {
  const summary = page.locator(attr('data-summary-file', name));
  if (await summary.count()) await summary.first().click();
  const report = page.locator(attr('data-file', name)).first();
  // Playwright's CSS locators pierce open shadow roots, so a custom element's drawing counts too.
  await report.locator('td[data-cell], [role="alert"]').first().waitFor({ timeout: 30_000 });
  return report;
}

/** What the page shows for one report: every data cell, its marks and messages, the findings list. */
async function shown(name) {
  const report = await showReport(name);
  return report.evaluate((host) => {
    // Inside the container and any open shadow root below it.
    const deepAll = (root, sel) => {
      const out = [...root.querySelectorAll(sel)];
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...deepAll(el.shadowRoot, sel));
      return out;
    };
    const scope = host.shadowRoot ? [host, host.shadowRoot] : [host];
    const all = (sel) => scope.flatMap((r) => deepAll(r, sel));
    const deepText = (n) => (n.shadowRoot ? deepText(n.shadowRoot) : '') + [...n.childNodes].map((c) => (c.nodeType === 3 ? c.data : deepText(c))).join('');
    const cells = {};
    for (const td of all('td[data-cell]')) {
      const id = td.getAttribute('aria-describedby');
      cells[td.dataset.cell] = {
        text: td.textContent,
        missing: td.hasAttribute('data-missing'),
        invalid: td.getAttribute('aria-invalid') === 'true',
        severity: td.dataset.severity ?? null,
        status: td.dataset.status ?? null,
        desc: id ? td.getRootNode().getElementById(id)?.textContent ?? null : null,
      };
    }
    return {
      count: all('td[data-cell]').length,
      cells,
      alerts: all('[role="alert"]').map((e) => e.textContent),
      findings: all('[data-rule]').map((b) => ({ rule: b.dataset.rule, severity: b.dataset.severity ?? null, text: b.textContent })),
      verdict: all('.nb-verdict').map((v) => ({ verdict: v.dataset.verdict, word: v.querySelector('.nb-verdict-word')?.textContent, style: getComputedStyle(v).borderTopStyle, color: getComputedStyle(v).borderTopColor }))[0] ?? null,
      reading: all('.nb-reading li').map((li) => ({ table: li.dataset.table, text: li.textContent })),
      folds: all('details.nb-fold').map((d) => ({ table: d.dataset.table, open: d.open, summary: d.querySelector('summary').textContent, n: d.querySelectorAll('[data-rule]').length })),
      text: deepText(host),
    };
  });
}

/** The number a cell's raw text shows: blanks, a trailing unit (元, 万元) and separators dropped. */
function numberOf(raw) {
  const s = raw.replace(/\s+/g, '').replace(/(万元|元)$/, '').replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
}

/** Every gold cell is drawn with its gold value, and no cell the gold lacks is drawn. */
function assertGold(s, g, label) {
  assert.deepEqual(Object.keys(s.cells).sort(), Object.keys(g.cells).sort(), `${label}: the drawn cells are the gold's addresses`);
  assert.equal(s.count, Object.keys(g.cells).length, `${label}: each cell drawn once`);
  for (const [addr, want] of Object.entries(g.cells)) {
    const c = s.cells[addr];
    assert.ok(!c.missing, `${label} ${addr}: found by the reader`);
    if (want === null) assert.equal(c.text.trim(), '', `${label} ${addr}: blank as in the gold`);
    else assert.equal(numberOf(c.text), want, `${label} ${addr}: shows ${JSON.stringify(c.text)}, gold ${want}`);
  }
}

/** The marks the page must show, from the reference run: aria-invalid, worst severity, not-assessable. */
function assertMarks(s, report, label) {
  const want = expectedMarks(report);
  const rules = {};
  for (const f of report.findings) for (const c of f.cells) (rules[c] ??= new Set()).add(f.rule);
  const pick = (p) => Object.keys(s.cells).filter((a) => p(s.cells[a])).sort();
  assert.deepEqual(pick((c) => c.invalid), want.invalid, `${label}: exactly the cells of failed findings carry aria-invalid`);
  assert.deepEqual(Object.fromEntries(pick((c) => c.severity).map((a) => [a, s.cells[a].severity])), want.severity, `${label}: worst severity per cell`);
  assert.deepEqual(pick((c) => c.status === 'not_assessable'), want.notAssessable, `${label}: cells only in not-assessable findings are marked so`);
  for (const [addr, ids] of Object.entries(rules)) {
    for (const id of ids) assert.ok(s.cells[addr]?.desc?.includes(id), `${label} ${addr}: its messages name ${id}`);
  }
  assert.deepEqual(s.findings.map((f) => f.rule).sort(), report.findings.map((f) => f.rule).sort(), `${label}: the findings list`);
}

const errorCells = (s) => Object.keys(s.cells).filter((a) => s.cells[a].severity === 'error').sort();

/** The reference run of the same files in node. */
const reference = (files) => check(files.map(({ name, bytes }) => ({ name, bytes })), {}).reports;

test('saved pages: UTF-8, GBK and the v2019 layout drawn with their gold values; blanks not assessable; no error', async () => {
  await freshPage();
  const files = [
    { name: 'pingtan-2023.html', gold: 'pingtan-2023', bytes: corpus('real/pingtan-2023.html') },
    { name: '2023-shuyang-fgj.gbk.html', gold: '2023-shuyang-fgj', bytes: corpus('derived/2023-shuyang-fgj.gbk.html') },
    { name: 'pingtan-2019.html', gold: 'pingtan-2019', bytes: corpus('real/pingtan-2019.html') },
  ];
  await dropFiles(files);
  const ref = reference(files);
  const got = {};
  for (const [i, f] of files.entries()) {
    const s = (got[f.name] = await shown(f.name));
    const g = gold(f.gold);
    assert.equal(ref[i].error, null, `${f.name} reads`);
    assert.deepEqual(s.alerts, [], `${f.name}: no error message`);
    assert.equal(ref[i].version, g.version);
    assertGold(s, g, f.name);
    assertMarks(s, ref[i], f.name);
    assert.deepEqual(errorCells(s), [], `${f.name}: a consistent report has no error mark`);
    assert.ok(!ref[i].findings.some((x) => x.status === 'failed' && x.severity === 'error'), `${f.name}: no error finding`);
  }

  // The two layouts: v2021 (其他处理 has three rows, one of them 逾期未缴纳费用) and v2019 (one 其他处理 row).
  for (const name of ['pingtan-2023.html', '2023-shuyang-fgj.gbk.html']) {
    const s = got[name];
    assert.equal(s.count, 200, `${name}: every v2021 cell`);
    for (const c of COLS) assert.ok(s.cells[`t3/other.no_fee/${c}`], `${name}: t3/other.no_fee/${c}`);
    assert.ok(!Object.keys(s.cells).some((a) => a.startsWith('t3/other/')), `${name}: no v2019 t3/other row`);
  }
  const v2019 = got['pingtan-2019.html'];
  assert.equal(v2019.count, 198, 'every v2019 cell');
  assert.equal(Object.keys(v2019.cells).filter((a) => a.startsWith('t2/')).length, 22, 'v2019 t2 has 22 cells');
  assert.equal(v2019.cells['t2/procurement/amount'].text.trim(), '75394432.52元', '采购总金额 shows its raw text, unit and all');
  for (const c of COLS) assert.ok(v2019.cells[`t3/other/${c}`], `v2019: t3/other/${c}`);
  assert.ok(!Object.keys(v2019.cells).some((a) => a.startsWith('t3/other.')), 'v2019: no v2021 其他处理 rows');

  // GBK: decoded by the browser, the title as in the gold (沭阳 is not in any ASCII).
  const sy = got['2023-shuyang-fgj.gbk.html'];
  assert.ok(sy.text.includes(gold('2023-shuyang-fgj').title), 'the GBK title is shown decoded');
  // Shuyang left the five 法人 columns blank in all 25 t3 rows: no sum through them can be checked.
  const rows = [...new Set(Object.keys(sy.cells).filter((a) => a.startsWith('t3/')).map((a) => a.split('/')[1]))];
  assert.equal(rows.length, 25);
  for (const row of rows) {
    for (const c of LEGAL) {
      const cell = sy.cells[`t3/${row}/${c}`];
      assert.equal(cell.text.trim(), '', `t3/${row}/${c} is blank`);
      assert.match(cell.desc ?? '', /无法核对 T3-01/, `t3/${row}/${c}: its row sum is named not assessable`);
      assert.notEqual(cell.severity, 'error');
    }
    // The filled cells of those rows are only in not-assessable findings.
    for (const c of ['natural', 'total']) {
      assert.equal(sy.cells[`t3/${row}/${c}`].status, 'not_assessable', `t3/${row}/${c} is marked not assessable`);
    }
  }
  const na = sy.findings.filter((f) => f.severity === 'not_assessable').map((f) => f.rule);
  assert.equal(na.filter((r) => r === 'T3-01').length, 25, 'T3-01 listed as not assessable for every row');
});

test('Word files: .docx and .doc drawn with their gold values; the blank template all empty and not assessable', async () => {
  await freshPage();
  const files = [
    { name: 'pingtan-2025.docx', gold: 'pingtan-2025', bytes: corpus('derived/pingtan-2025.docx') },
    { name: 'pingtan-2021.doc', gold: 'pingtan-2021', bytes: corpus('derived/pingtan-2021.doc') },
    { name: 'template-2021-blank.docx', bytes: corpus('real/template-2021-blank.docx') },
  ];
  await dropFiles(files);
  const ref = reference(files);
  for (const [i, f] of files.slice(0, 2).entries()) {
    const s = await shown(f.name);
    assert.equal(ref[i].error, null, `${f.name} reads`);
    assert.equal(ref[i].input, path.extname(f.name).slice(1), `${f.name}: read by the Word reader`);
    assert.deepEqual(s.alerts, []);
    assertGold(s, gold(f.gold), f.name);
    assertMarks(s, ref[i], f.name);
    assert.deepEqual(errorCells(s), [], `${f.name}: no error mark`);
  }

  const t = await shown('template-2021-blank.docx');
  const tr = ref[2];
  assert.equal(tr.error, null);
  assert.equal(tr.version, 'v2021');
  assert.deepEqual(t.alerts, []);
  assert.equal(t.count, 200, 'the template has every v2021 cell');
  assert.deepEqual(Object.keys(t.cells).filter((a) => t.cells[a].text.trim() !== '' || t.cells[a].missing), [], 'every cell found and empty');
  assertMarks(t, tr, 'template');
  assert.deepEqual(errorCells(t), [], 'an empty form is not an error');
  assert.ok(!tr.findings.some((f) => f.status === 'failed' && f.severity === 'error'));
  // Every t3 and t4 cell stands in a sum that cannot be checked, and says so.
  for (const [addr, c] of Object.entries(t.cells)) {
    if (addr.startsWith('t2/')) continue;
    assert.match(c.desc ?? '', /无法核对 T[34]-0\d/, `${addr}: not assessable`);
  }
  const na = new Set(t.findings.filter((f) => f.severity === 'not_assessable').map((f) => f.rule));
  assert.deepEqual([...na].sort(), ['T3-01', 'T3-02', 'T3-03', 'T4-01', 'T4-02', 'T4-03']);
});

/** A corpus file as another year: every "YYYY年" of the report year moved (title, period, text), as tests/years.rs does. */
function asYear(file, from, to) {
  const t = corpus(file).toString('utf8');
  const moved = t.replaceAll(`${from}年`, `${to}年`).replaceAll(`${from} 年`, `${to} 年`);
  assert.notEqual(moved, t);
  return Buffer.from(moved, 'utf8');
}

/** The carried cells where this year differs from last year's carry_forward, by the gold. */
function x01ByGold(prev, cur) {
  const [p, c] = [gold(prev).cells, gold(cur).cells];
  return COLS.filter((col) => c[`t3/carried/${col}`] !== p[`t3/carry_forward/${col}`]).map((col) => `t3/carried/${col}`).sort();
}

test('two consecutive years dropped together: X01 marks the carried cells that differ, naming last year\'s file', async () => {
  await freshPage();
  // pingtan 2021 carried one request forward; 2023 shows none carried in. 2021 moved to 2022.
  const last = { name: '平潭2022.html', bytes: asYear('real/pingtan-2021.html', 2021, 2022) };
  const cur = { name: '平潭2023.html', bytes: corpus('real/pingtan-2023.html') };
  const want = x01ByGold('pingtan-2021', 'pingtan-2023');
  assert.deepEqual(want, ['t3/carried/natural', 't3/carried/total'], 'what the gold implies');
  await dropFiles([last, cur]);
  const ref = reference([last, cur]);
  assert.equal(ref[0].year, 2022);
  assert.equal(ref[1].year, 2023);

  const s = await shown(cur.name);
  assertMarks(s, ref[1], cur.name);
  for (const addr of want) {
    assert.equal(s.cells[addr].invalid, true, `${addr} aria-invalid`);
    assert.equal(s.cells[addr].severity, 'error', `${addr} data-severity`);
    assert.match(s.cells[addr].desc, /X01/);
  }
  assert.deepEqual(errorCells(s), want, 'no other cell is an error');
  const x01 = s.findings.filter((f) => f.rule === 'X01');
  assert.equal(x01.length, want.length, 'one X01 per differing cell in the list');
  for (const f of x01) {
    assert.equal(f.severity, 'error');
    assert.ok(f.text.includes(last.name), `the X01 entry names last year's file: ${f.text}`);
  }

  const e = await shown(last.name);
  assertMarks(e, ref[0], last.name);
  assert.ok(!e.findings.some((f) => f.rule === 'X01'), 'the earlier report has no X01');
  assert.deepEqual(errorCells(e), []);
});

test('two consecutive years whose carried cells agree: no X01 mark', async () => {
  await freshPage();
  const last = { name: '平潭2024.html', bytes: asYear('real/pingtan-2023.html', 2023, 2024) };
  const cur = { name: '平潭2025.html', bytes: corpus('real/pingtan-2025.html') };
  assert.deepEqual(x01ByGold('pingtan-2023', 'pingtan-2025'), [], 'the gold: 2023 carried nothing forward, 2025 nothing in');
  await dropFiles([last, cur]);
  const ref = reference([last, cur]);
  for (const [i, f] of [last, cur].entries()) {
    const s = await shown(f.name);
    assertMarks(s, ref[i], f.name);
    assert.ok(!s.findings.some((x) => x.rule === 'X01'), `${f.name}: no X01 in the list`);
    assert.deepEqual(errorCells(s), [], `${f.name}: no error mark`);
    assert.ok(!Object.values(s.cells).some((c) => c.desc?.includes('X01')), `${f.name}: no cell names X01`);
  }
  // The pair was compared: the 行政规范性文件 in force does not follow on (X02), naming last year's file.
  const s = await shown(cur.name);
  const x02 = s.findings.filter((f) => f.rule === 'X02');
  assert.equal(x02.length, 1);
  assert.ok(x02[0].text.includes(last.name), x02[0].text);
});

test('a single-file save (.mht) and an old-template report read; a report not fully read is drawn apart from one that fails', async () => {
  await freshPage();
  const files = [
    { name: 'pingtan-2021.mht', gold: 'pingtan-2021', bytes: corpus('derived/pingtan-2021.mht') },
    { name: 'pingtan-2023-oldrow.html', gold: 'pingtan-2023-oldrow', bytes: corpus('derived/pingtan-2023-oldrow.html') },
    // The seed with one number of its 本年新收 row lost (as text pulled out of a PDF loses one):
    // that row is not read, the rest is.
    { name: '官前乡（缺一个数）.txt', gold: 'seed-2021-guanqian', bytes: seedWith(corpus('real/seed-2021-guanqian.txt'), (l) => l.replace(/\s+\S+\s*$/, '')) },
  ];
  await dropFiles(files);
  const ref = reference(files);

  // The MHTML save: read as the page it holds, every cell as in the gold, passed.
  const m = await shown(files[0].name);
  assert.equal(ref[0].input, 'html');
  assertGold(m, gold('pingtan-2021'), files[0].name);
  assertMarks(m, ref[0], files[0].name);
  assert.equal(m.verdict.verdict, 'pass');

  // The old template: the single （六）其他处理 row drawn and read, its format breach an error on it.
  const o = await shown(files[1].name);
  assert.equal(ref[1].layout, 'v2021-single-other-row');
  assertGold(o, gold('pingtan-2023-oldrow'), files[1].name);
  assertMarks(o, ref[1], files[1].name);
  for (const c of COLS) {
    assert.equal(o.cells[`t3/other/${c}`].severity, 'error', `t3/other/${c} carries the breach`);
    assert.match(o.cells[`t3/other/${c}`].desc, /S03.*2019 年版的一行/);
  }
  assert.deepEqual(o.verdict.verdict, 'fail');
  assert.equal(o.verdict.word, '不通过');
  assert.deepEqual(o.reading, [], 'nothing left unread');

  // Not fully read: its own state and look, the unread cells as ？, one line per table.
  const p = await shown(files[2].name);
  assert.equal(ref[2].verdict, 'incomplete');
  assert.equal(p.verdict.verdict, 'incomplete');
  assert.equal(p.verdict.word, '未能完整读取');
  assert.notEqual(p.verdict.style, o.verdict.style, 'drawn apart from 不通过 (a dashed frame)');
  assert.notEqual(p.verdict.color, o.verdict.color, 'and in another colour');
  assert.deepEqual(p.reading.map((r) => r.table), ['t3']);
  assert.match(p.reading[0].text, /表三.*7 个单元格未能可靠读出（本年新收申请数量）/);
  const unread = ref[2].reading[0].cells;
  assert.equal(unread.length, 7);
  for (const a of unread) {
    assert.ok(p.cells[a].missing && p.cells[a].text === '？', `${a} shown as not read`);
  }
  // Every other cell is the gold's: nothing unread is given a value, nothing read is wrong.
  const g = gold('seed-2021-guanqian').cells;
  for (const [a, c] of Object.entries(p.cells)) {
    if (unread.includes(a)) continue;
    if (g[a] === null) assert.equal(c.text.trim(), '', a);
    else assert.equal(numberOf(c.text), g[a], `${a}: ${c.text}`);
  }
  assertMarks(p, ref[2], files[2].name);
  // The rules it could not assess are folded per table, not one line per row.
  assert.deepEqual(p.folds.map((f) => f.table), ['t3']);
  assert.equal(p.folds[0].n, ref[2].findings.filter((f) => f.status === 'not_assessable').length);
  assert.equal(p.folds[0].open, false);
});

test('no request leaves the page own files; no CSP violation', async () => {
  // A saved portal page is full of images, scripts and links: none of them may be fetched.
  await assertOnlyOwnFiles(rec, server, ownFiles());
  assert.ok(server.log.includes('/pkg/nianbao_check_bg.wasm'), 'the wasm was served');
});
