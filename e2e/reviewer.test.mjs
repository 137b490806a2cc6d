// The reviewer's page in headless Chromium: ten files dropped at once (corpus reports and broken
// copies made here), the per-file summary against what the same wasm reports in node, keyboard
// navigation through every finding, a correction that clears a finding, the exports (CSV parsed
// back, JSON, corrections), the print view, the English interface, an axe-core accessibility
// check, and a drop with the network cut. Every request is recorded; only the page's own files
// may be asked for. Needs `scripts/build.sh` first (www/pkg). Run: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { ownFiles, VERSIONS } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference
import { csvField, findingsCSV, FINDING_COLUMNS, BOM } from '../www/export.js';

/** The report's verdict as the page marks it (data-verdict) and says it. */
const VERDICT_ATTR = { passed: 'pass', failed: 'fail', incomplete: 'incomplete' };
const VERDICT_WORD = { passed: '通过', failed: '不通过', incomplete: '未能完整读取' };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const corpus = (p) => fs.readFileSync(path.join(CORPUS, p));
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
  '--disable-default-apps', '--no-default-browser-check'];
const KINDS = ['error', 'warning', 'doubt', 'info', 'not_assessable'];
const kindOf = (f) => (f.status === 'not_assessable' ? 'not_assessable' : f.severity);

// ---- the ten files ------------------------------------------------------------------------------

const seed = corpus('real/seed-2021-guanqian.txt');
/** The seed with its 本年新收 row's 自然人 0 changed to 3: T3-01 and T3-03 fail. */
const mutated = (() => {
  const lines = seed.toString('utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('一、本年新收'));
  const changed = lines[i].replace('\t0', '\t3');
  assert.notEqual(changed, lines[i]);
  lines[i] = changed;
  return Buffer.from(lines.join('\n'), 'utf8');
})();
/** A corpus report moved to another year (title, period, text), so two files make a pair. */
function asYear(file, from, to) {
  const t = corpus(file).toString('utf8');
  const moved = t.replaceAll(`${from}年`, `${to}年`).replaceAll(`${from} 年`, `${to} 年`);
  assert.notEqual(moved, t);
  return Buffer.from(moved, 'utf8');
}
const MUTATED = '官前乡2021（改错）.txt';
const SHUYANG = '2023-shuyang-fgj.html';
const FILES = [
  { name: '2021年官前乡年报.txt', bytes: seed },
  { name: '平潭2022.html', bytes: asYear('real/pingtan-2021.html', 2021, 2022) },
  { name: '平潭2023.html', bytes: corpus('real/pingtan-2023.html') }, // with 2022: the cross-year rules
  { name: '2025-shanghai-office.md', bytes: corpus('real/2025-shanghai-office.md') },
  { name: SHUYANG, bytes: corpus(`real/${SHUYANG}`) },
  { name: MUTATED, bytes: mutated },
  { name: '平潭2025（截断）.docx', bytes: corpus('derived/pingtan-2025.docx').subarray(0, 4000) },
  { name: '空文件.txt', bytes: Buffer.alloc(0) },
  { name: 'pingtan-2013-oldformat.txt', bytes: corpus('real/pingtan-2013-oldformat.txt') },
  { name: 'pingtan-2025.doc', bytes: corpus('derived/pingtan-2025.doc') },
];
/** What the page must show: the same wasm, all ten checked together, in node. */
const REF = check(FILES.map(({ name, bytes }) => ({ name, bytes })), {}).reports;
const refOf = (name) => REF.find((r) => r.file === name);

// ---- the browser --------------------------------------------------------------------------------

let server, browser, ctx, page;
const requests = [], blocked = [], consoleErrors = [], pageErrors = [];

function record(context, p) {
  p.on('request', (r) => requests.push(r.url()));
  p.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) consoleErrors.push(m.text()); });
  p.on('pageerror', (e) => pageErrors.push(String(e)));
  return p;
}

async function newContext(url) {
  const c = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  await c.route('**/*', (r) => {
    const u = r.request().url();
    if (u.startsWith(url)) return r.continue();
    blocked.push(u);
    return r.abort();
  });
  await c.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return c;
}

before(async () => {
  server = await startServer(WWW, 0);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
  ctx = await newContext(server.url);
  page = record(ctx, await ctx.newPage());
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function dropFiles(p, files) {
  await p.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of files) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name));
    }
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64') })));
}

/** Waits until the page has checked what it was given; a failed check fails at once, with its message. */
async function done(p) {
  await p.waitForFunction(() => /^(已检查|检查失败)/.test(document.getElementById('status').textContent)
    && document.getElementById('progress-box').hidden, null, { timeout: 60_000 });
  assert.match(await p.textContent('#status'), /^已检查/);
}

const attr = (name, value) => `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
const box = (name) => page.locator(`#results > ${attr('data-file', name)}`);

async function choose(name) {
  await page.locator(attr('data-summary-file', name)).click();
  await box(name).waitFor({ state: 'visible' });
}

/** RFC 4180: fields, quoted ones with doubled quotes, CRLF (or LF) between records. */
function parseCSV(text) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') { row.push(field); rows.push(row); row = []; field = ''; i++; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function downloadOf(p, button) {
  const [dl] = await Promise.all([p.waitForEvent('download'), p.locator(button).click()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// ---- tests --------------------------------------------------------------------------------------

test('CSV fields: RFC 4180 quoting, and a text a spreadsheet would run is guarded', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('-3', { text: false }), '-3');
  assert.equal(csvField(null), '');
  const csv = findingsCSV([{ file: 'a,"b".txt', findings: [{ rule: 'T3-01', severity: 'error', status: 'failed', cells: ['t3/new/total', 't3/new/natural'], message: '第一行\n第二行', message_en: 'line one, "two"', expected: 5, actual: 4 }] }]);
  assert.ok(csv.startsWith(BOM));
  assert.deepEqual(parseCSV(csv.slice(1)), [FINDING_COLUMNS, ['a,"b".txt', 'T3-01', 'error', 'failed', 't3/new/total t3/new/natural', '第一行\n第二行', 'line one, "two"', '5', '4', '', '']]);
});

test('ten files at once: progress while they are read, then a summary per file, worst first, as the reports say', async () => {
  // Every text the progress line shows, as it changes.
  await page.evaluate(() => {
    window.__progress = [];
    const el = document.getElementById('progress-text');
    new MutationObserver(() => window.__progress.push([el.textContent, document.getElementById('progress').value, document.getElementById('progress').max]))
      .observe(el, { childList: true, characterData: true, subtree: true });
  });
  await dropFiles(page, FILES);
  await done(page);

  const seen = await page.evaluate(() => window.__progress);
  for (let i = 1; i <= FILES.length; i++) {
    const at = seen.find(([text]) => text.startsWith(`正在读取 ${i}/${FILES.length}：`));
    assert.ok(at, `progress showed 正在读取 ${i}/${FILES.length}: ${JSON.stringify(seen)}`);
    assert.equal(at[2], FILES.length, 'the progress bar counts the files');
    assert.equal(at[1], i - 1, 'and stands at the files already read');
  }
  assert.ok(await page.locator('#progress-box').isHidden(), 'the progress goes away when done');

  const entries = await page.$$eval('#summary button[data-summary-file]', (bs) => bs.map((b) => ({
    file: b.dataset.summaryFile, verdict: b.dataset.verdict, text: b.querySelector('.sum-verdict').textContent,
    counts: { error: +b.dataset.error, warning: +b.dataset.warning, doubt: +b.dataset.doubt, info: +b.dataset.info, not_assessable: +b.dataset.na },
  })));
  assert.equal(entries.length, FILES.length, 'one entry per file');

  // Worst first: unreadable, then by errors, not fully read, warnings, doubts, notes, not
  // assessable; ties as dropped.
  const counts = (r) => Object.fromEntries(KINDS.map((k) => [k, (r.findings ?? []).filter((f) => kindOf(f) === k).length]));
  const key = (r) => [r.error ? 0 : 1, -counts(r).error, r.verdict === 'incomplete' ? 0 : 1, ...KINDS.slice(1).map((k) => -counts(r)[k])];
  assert.ok(REF.some((r) => r.verdict === 'incomplete'), 'a report not fully read is among the files (the Shanghai text from a PDF)');
  const want = REF.map((r, i) => [r, key(r), i]).sort((a, b) => {
    for (let k = 0; k < a[1].length; k++) if (a[1][k] !== b[1][k]) return a[1][k] - b[1][k];
    return a[2] - b[2];
  }).map(([r]) => r.file);
  assert.deepEqual(entries.map((e) => e.file), want, 'sorted worst first');

  for (const e of entries) {
    const r = refOf(e.file);
    if (r.error) {
      assert.equal(e.verdict, 'unreadable', e.file);
      assert.equal(e.text, `无法读取（${r.error.message}）`, `${e.file}: the reason is given`);
      continue;
    }
    const c = counts(r);
    assert.deepEqual(e.counts, c, `${e.file}: the counts of its report`);
    assert.equal(e.verdict, VERDICT_ATTR[r.verdict], e.file);
    const parts = [c.error && `${c.error} 个错误`, c.warning && `${c.warning} 个警告`, c.doubt && `${c.doubt} 个存疑`, c.info && `${c.info} 个提示`].filter(Boolean);
    assert.equal(e.text, [VERDICT_WORD[r.verdict], ...parts].join(' · '), `${e.file}: the summary line`);
  }
  // The broken copies are said to be unreadable, with the reason; the good ones are not.
  for (const name of ['平潭2025（截断）.docx', '空文件.txt', 'pingtan-2013-oldformat.txt']) assert.ok(refOf(name).error, `${name} is broken`);
  // The pair was checked together: the later year carries X01 (its carried cells differ from 2022's).
  assert.ok(refOf('平潭2023.html').findings.some((f) => f.rule === 'X01'), 'the reference pairs 2022 and 2023');
  assert.ok(entries.find((e) => e.file === '平潭2023.html').counts.error > 0, 'so does the page');

  // Only the chosen file's report is shown; choosing another shows its tables and verdict.
  assert.equal(await page.locator('#results > .nb-result:visible').count(), 1);
  for (const name of [MUTATED, '平潭2023.html', 'pingtan-2025.doc', '空文件.txt']) {
    await choose(name);
    assert.equal(await page.locator(`${attr('data-summary-file', name)}[aria-current="true"]`).count(), 1);
    assert.equal(await page.locator('#results > .nb-result:visible').count(), 1, 'one report at a time');
    const r = refOf(name);
    if (r.error) {
      assert.equal(await box(name).locator('[role="alert"]').textContent(), `无法检查这个文件：${r.error.message}`);
    } else {
      assert.equal(await box(name).locator('td[data-cell]').count(), r.version === 'v2021' ? 200 : 198);
      const c = counts(r);
      const verdict = box(name).locator('.nb-verdict');
      assert.equal(await verdict.getAttribute('data-verdict'), VERDICT_ATTR[r.verdict]);
      assert.match(await verdict.textContent(), c.error ? new RegExp(`^不通过：${c.error} 个错误`) : new RegExp(`^${VERDICT_WORD[r.verdict]}`));
      // Kinds are listed apart, each with its count.
      for (const k of KINDS) {
        const n = await box(name).locator(`.nb-kind[data-kind="${k}"] button.nb-finding`).count();
        assert.equal(n, c[k], `${name}: ${k} listed apart`);
      }
    }
  }
});

test('keyboard: j and k reach every finding in order, the cell takes focus and the message is read out; filters; files', async () => {
  await choose(SHUYANG);
  const r = refOf(SHUYANG);
  const order = r.findings.map((f, i) => [f, i]).sort((a, b) => KINDS.indexOf(kindOf(a[0])) - KINDS.indexOf(kindOf(b[0])) || a[1] - b[1]);
  assert.ok(order.length > 30, 'many findings to go through');
  const drawn = new Set(await box(SHUYANG).locator('td[data-cell]').evaluateAll((tds) => tds.map((td) => td.dataset.cell)));
  for (const [k, [f, i]] of order.entries()) {
    await page.keyboard.press('j');
    const got = await page.evaluate(() => {
      const a = document.activeElement;
      return { cell: a?.dataset.cell ?? null, index: a?.dataset.index ?? null, said: document.getElementById('announce').textContent };
    });
    const cell = f.cells.find((c) => drawn.has(c));
    if (cell) assert.equal(got.cell, cell, `finding ${k + 1} (${f.rule}): its first cell has focus`);
    else assert.equal(got.index, String(i), `finding ${k + 1} (${f.rule}): its entry has focus`);
    assert.ok(got.said.startsWith(`第 ${k + 1}/${order.length} 个问题：`), got.said);
    assert.ok(got.said.includes(f.rule) && got.said.includes(f.message), `finding ${k + 1} is read out: ${got.said}`);
    assert.equal(await box(SHUYANG).locator(`button.nb-finding[data-index="${i}"]`).getAttribute('aria-pressed'), 'true');
  }
  await page.keyboard.press('n');
  assert.match(await page.textContent('#announce'), /已是最后一个问题/);
  await page.keyboard.press('k');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.cell), order.at(-2)[0].cells.find((c) => drawn.has(c)));
  await page.locator('#prev').click();
  assert.ok((await page.textContent('#announce')).startsWith(`第 ${order.length - 2}/${order.length} 个问题`));

  // Filters: without the not-assessable ones only the warnings are gone through.
  await page.locator('#filters input[data-kind="not_assessable"]').uncheck();
  assert.ok(await box(SHUYANG).locator('.nb-kind[data-kind="not_assessable"]').isHidden());
  const warnings = order.filter(([f]) => kindOf(f) === 'warning');
  for (const [k, [f]] of warnings.entries()) {
    await page.locator('#next').click();
    const said = await page.textContent('#announce');
    assert.ok(said.startsWith(`第 ${k + 1}/${warnings.length} 个问题`) && said.includes(f.message), said);
  }
  await page.keyboard.press('j');
  assert.match(await page.textContent('#announce'), /已是最后一个问题/);
  await page.locator('#filters input[data-kind="not_assessable"]').check();
  assert.ok(await box(SHUYANG).locator('.nb-kind[data-kind="not_assessable"]').isVisible());

  // ] and [ go from file to file in the summary's order.
  const names = await page.$$eval('#summary button', (bs) => bs.map((b) => b.dataset.summaryFile));
  const at = names.indexOf(SHUYANG);
  await page.keyboard.press(']');
  assert.equal(await page.getAttribute('#summary button[aria-current="true"]', 'data-summary-file'), names[at + 1]);
  await page.keyboard.press('[');
  assert.equal(await page.getAttribute('#summary button[aria-current="true"]', 'data-summary-file'), SHUYANG);
});

test('blanks as 0: every file is checked again, its corrections kept; a folder picked: its reports, not its clutter', async () => {
  await choose(MUTATED);
  const fixCell = box(MUTATED).locator('td[data-cell="t3/new/natural"]');
  await fixCell.focus();
  await page.keyboard.press('0'); // typing on a cell starts a correction with that character
  await page.keyboard.press('Enter');
  await box(MUTATED).locator('.nb-verdict[data-verdict="pass"]').waitFor({ timeout: 30_000 });

  await page.locator('#blanks-as-zero').check();
  await done(page);
  assert.equal(await box(MUTATED).locator('td[data-cell="t3/new/natural"]').getAttribute('data-edited'), '', 'the correction is kept');
  assert.equal(await box(MUTATED).locator('.nb-verdict').getAttribute('data-verdict'), 'pass');
  await box(MUTATED).locator('button.nb-revert-all').click();
  await box(MUTATED).locator('.nb-verdict[data-verdict="fail"]').waitFor({ timeout: 30_000 });
  const lenient = check(FILES.map(({ name, bytes }) => ({ name, bytes })), { blanksAsZero: true }).reports;
  const na = (r) => (r.findings ?? []).filter((f) => f.status === 'not_assessable').length;
  const shy = lenient.find((r) => r.file === SHUYANG);
  assert.ok(na(shy) < na(refOf(SHUYANG)), 'blanks as 0 leave fewer cells not assessable');
  for (const r of lenient) {
    if (r.error) continue;
    assert.equal(await page.getAttribute(attr('data-summary-file', r.file), 'data-na'), String(na(r)), `${r.file}: counted again`);
  }
  await page.locator('#blanks-as-zero').uncheck();
  await done(page);
  assert.equal(await page.getAttribute(attr('data-summary-file', SHUYANG), 'data-na'), String(na(refOf(SHUYANG))));

  // A folder (the picker with webkitdirectory): its files, without the desktop's hidden ones.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reviewer-folder-'));
  try {
    fs.mkdirSync(path.join(dir, '2021'));
    fs.writeFileSync(path.join(dir, '2021', '官前乡.txt'), seed);
    fs.writeFileSync(path.join(dir, MUTATED), mutated);
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'junk');
    fs.writeFileSync(path.join(dir, 'Thumbs.db'), 'junk');
    await page.locator('#append').check();
    await page.setInputFiles('#folder', dir);
    await done(page);
    const names = await page.$$eval('#summary button', (bs) => bs.map((b) => b.dataset.summaryFile));
    assert.equal(names.length, FILES.length + 2, 'appended: the ten and the two reports of the folder');
    assert.ok(names.includes('官前乡.txt') && !names.some((n) => n === '.DS_Store' || n === 'Thumbs.db'), names.join());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await page.locator('#append').uncheck();
  }
  // Back to the ten for the tests below.
  await dropFiles(page, FILES);
  await done(page);
  assert.equal(await page.locator('#summary button').count(), FILES.length);
});

test('a correction: the wrong cell typed right clears its findings and the verdict turns to 通过; undo; the corrections export', async () => {
  await choose(MUTATED);
  const b = box(MUTATED);
  const cell = b.locator('td[data-cell="t3/new/natural"]');
  assert.equal(await cell.textContent(), '3');
  assert.equal(await b.locator('.nb-verdict').getAttribute('data-verdict'), 'fail');
  assert.ok(await b.locator('button.nb-finding[data-rule="T3-01"]').count());

  await cell.focus();
  await page.keyboard.press('Enter');
  const input = b.locator('td[data-cell="t3/new/natural"] input');
  await input.waitFor();
  assert.equal(await input.evaluate((i) => i === document.activeElement), true, 'the input takes focus');
  assert.match(await input.getAttribute('aria-label'), /本年新收.*自然人/);
  await input.fill('0');
  await page.keyboard.press('Enter');

  await b.locator('.nb-verdict[data-verdict="pass"]').waitFor({ timeout: 30_000 });
  const fixed = check([{ name: MUTATED, bytes: mutated, edits: { 't3/new/natural': '0' } }], {}).reports[0];
  assert.ok(!fixed.findings.some((f) => f.severity === 'error'), 'the reference agrees: no error left');
  assert.deepEqual(await b.locator('button.nb-finding').evaluateAll((bs) => bs.map((x) => x.dataset.rule)),
    fixed.findings.map((f, i) => [f, i]).sort((x, y) => KINDS.indexOf(kindOf(x[0])) - KINDS.indexOf(kindOf(y[0])) || x[1] - y[1]).map(([f]) => f.rule),
    'the findings are those of the corrected report');
  assert.equal(await b.locator('button.nb-finding[data-rule="T3-01"]').count(), 0, 'T3-01 is gone');
  assert.equal(await b.locator('.nb-verdict-word').textContent(), '通过');
  const td = b.locator('td[data-cell="t3/new/natural"]');
  assert.equal(await td.textContent(), '0');
  assert.equal(await td.getAttribute('data-edited'), '');
  assert.equal(await td.getAttribute('aria-invalid'), null, 'no longer marked wrong');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.cell), 't3/new/natural', 'focus is back on the cell');
  assert.match(await page.textContent('#announce'), /已重新检查.*通过/);
  const desc = await td.evaluate((el) => document.getElementById(el.getAttribute('aria-describedby')).textContent);
  assert.match(desc, /已修改（原为“3”）/);
  const entry = page.locator(attr('data-summary-file', MUTATED));
  assert.equal(await entry.getAttribute('data-verdict'), 'pass', 'the summary follows');
  assert.equal(await b.locator('.nb-edits li[data-edit="t3/new/natural"] del').textContent(), '3');
  assert.equal(await b.locator('.nb-edits li[data-edit="t3/new/natural"] ins').textContent(), '0');

  // The corrections, exported.
  const csv = await downloadOf(page, '#export-edits-csv');
  assert.match(csv.name, /\.csv$/);
  assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM');
  assert.deepEqual(parseCSV(csv.bytes.toString('utf8').slice(1)), [['file', 'cell', 'original', 'corrected'], [MUTATED, 't3/new/natural', '3', '0']]);
  const json = JSON.parse((await downloadOf(page, '#export-edits-json')).bytes.toString('utf8'));
  assert.deepEqual(json.edits, [{ file: MUTATED, cell: 't3/new/natural', original: '3', corrected: '0' }]);

  // Back to the original, per cell.
  await b.locator('.nb-edits li[data-edit="t3/new/natural"] button.nb-revert').click();
  await b.locator('.nb-verdict[data-verdict="fail"]').waitFor({ timeout: 30_000 });
  assert.equal(await b.locator('td[data-cell="t3/new/natural"]').textContent(), '3');
  assert.equal(await b.locator('td[data-cell="t3/new/natural"]').getAttribute('data-edited'), null);
  assert.ok(await b.locator('button.nb-finding[data-rule="T3-01"]').count(), 'T3-01 is back');

  // A double click opens a cell too; typing starts a value; 全部还原 undoes every correction. The
  // chosen finding stays chosen through the redraw.
  await b.locator('.nb-kind[data-kind="warning"] button.nb-finding').first().click();
  const chosen = await b.locator('button.nb-finding[aria-pressed="true"] .nb-msg').textContent();
  await b.locator('td[data-cell="t3/new/total"]').dblclick();
  await b.locator('td[data-cell="t3/new/total"] input').fill('3');
  await page.keyboard.press('Enter');
  await b.locator('td[data-cell="t3/new/total"][data-edited]').waitFor({ timeout: 30_000 });
  assert.equal(await b.locator('button.nb-finding[aria-pressed="true"] .nb-msg').textContent(), chosen);
  await b.locator('td[data-cell="t2/penalty/decisions"]').focus();
  await page.keyboard.press('7');
  await page.keyboard.press('Enter');
  await b.locator('td[data-cell="t2/penalty/decisions"][data-edited]').waitFor({ timeout: 30_000 });
  assert.equal(await b.locator('td[data-cell="t2/penalty/decisions"]').textContent(), '7');
  assert.equal(await b.locator('.nb-edits li').count(), 2);
  await b.locator('button.nb-revert-all').click();
  await page.waitForFunction((name) => !document.querySelector(`#results > [data-file="${name}"] td[data-edited]`), MUTATED, { timeout: 30_000 });
  assert.equal(await b.locator('.nb-edits').count(), 0);
  assert.equal(await page.locator('#export-edits-csv').isHidden(), true, 'nothing left to export');
  // Escape leaves a cell as it was.
  await b.locator('td[data-cell="t3/new/total"]').dblclick();
  await b.locator('td[data-cell="t3/new/total"] input').fill('99');
  await page.keyboard.press('Escape');
  assert.equal(await b.locator('td[data-cell="t3/new/total"]').textContent(), refOf(MUTATED).cells['t3/new/total'].raw);
});

test('exports: the CSV (BOM, RFC 4180) parses back to the same findings; the JSON is the reports', async () => {
  const csv = await downloadOf(page, '#export-csv');
  assert.match(csv.name, /\.csv$/);
  assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM, so Excel and WPS read Chinese');
  const text = csv.bytes.toString('utf8').slice(1);
  assert.ok(text.includes('\r\n'), 'CRLF line ends');
  const [header, ...rows] = parseCSV(text);
  assert.deepEqual(header, ['file', 'rule', 'severity', 'status', 'cells', 'message', 'message_en', 'expected', 'actual', 'checker_version', 'rules_version']);
  const v = [VERSIONS.checker, VERSIONS.rules];
  const want = REF.flatMap((r) => (r.error
    ? [[r.file, r.error.code, 'error', 'unreadable', '', r.error.message, r.error.message_en, '', '', ...v]]
    : r.findings.map((f) => [r.file, f.rule, f.severity, f.status, f.cells.join(' '), f.message, f.message_en, f.expected == null ? '' : String(f.expected), f.actual == null ? '' : String(f.actual), ...v])));
  assert.ok(want.length > 50);
  assert.deepEqual(rows, want, 'every finding of every file, as the reports say, with the versions that made them');

  const json = await downloadOf(page, '#export-json');
  assert.match(json.name, /\.json$/);
  const exported = JSON.parse(json.bytes.toString('utf8'));
  assert.deepEqual(exported, { reports: REF }, 'the reports of report-json.md');
  for (const r of exported.reports) {
    assert.equal(r.checker_version, VERSIONS.checker, `${r.file}: checker_version is Cargo.toml's version`);
    assert.equal(r.rules_version, VERSIONS.rules, `${r.file}: rules_version is src/version.rs's`);
  }
  assert.deepEqual(await page.evaluate(() => [document.getElementById('checker-version').textContent, document.getElementById('rules-version').textContent]),
    [VERSIONS.checker, VERSIONS.rules], 'the footer shows both versions');
});

test('print view: the tables and findings of every report, nothing to press, a page break between reports', async () => {
  await choose(MUTATED);
  await page.evaluate(() => { document.body.dataset.print = 'all'; });
  await page.emulateMedia({ media: 'print' });
  const style = await page.evaluate(() => {
    const shown = (el) => el && getComputedStyle(el).display !== 'none';
    return {
      drop: shown(document.getElementById('drop')),
      toolbar: shown(document.querySelector('.toolbar')),
      files: shown(document.querySelector('.files')),
      reports: [...document.querySelectorAll('#results > .nb-result')].map((b) => [shown(b), getComputedStyle(b).breakBefore]),
      findingButtonsBorder: getComputedStyle(document.querySelector('#results .nb-finding')).borderLeftWidth,
      aside: getComputedStyle(document.querySelector('#results .nb-aside')).position,
    };
  });
  assert.equal(style.drop, false, 'no drop zone on paper');
  assert.equal(style.toolbar, false, 'no buttons');
  assert.equal(style.files, false, 'no file list');
  assert.equal(style.reports.length, FILES.length);
  assert.ok(style.reports.every(([shown]) => shown), 'every report is printed');
  assert.deepEqual(style.reports.slice(1).map(([, b]) => b), Array(FILES.length - 1).fill('page'), 'each report after the first starts a page');
  assert.equal(style.aside, 'static');
  await box(MUTATED).evaluate((el) => el.scrollIntoView());
  const shot = await page.screenshot();
  assert.ok(shot.length > 10000, 'a real picture');
  if (process.env.UPDATE_DOCS) fs.writeFileSync(path.join(ROOT, 'docs/screenshot-print.png'), shot);
  const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
  assert.ok(pdf.length > 10_000, 'it prints');
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => { delete document.body.dataset.print; });
  assert.equal(await page.locator('#results > .nb-result:visible').count(), 1, 'on screen again one report at a time');
});

test('English page: the interface and every finding in English (the core\'s message_en), the tables in Chinese', async () => {
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('#drop-title'), 'Drop annual reports here');
  assert.equal(await page.locator('#lang-note').isVisible(), true);
  assert.match(await page.textContent('#lang-note'), /findings are in English/);
  const b = box(MUTATED);
  const ref = refOf(MUTATED).findings;
  assert.match(await b.locator('.nb-verdict').textContent(), /^Failed: 2 errors/);
  assert.equal(await b.locator('.nb-kind[data-kind="error"] h4').textContent(), 'Errors (2)');
  // Every finding listed in English, word for word the core's, and marked as English.
  const listed = await b.locator('button.nb-finding').evaluateAll((bs) => bs.map((x) => {
    const m = x.querySelector('.nb-msg');
    return [Number(x.dataset.index), x.querySelector('.nb-sev').textContent, m.lang, m.textContent];
  }));
  assert.equal(listed.length, ref.length);
  for (const [i, sev, lang, text] of listed) {
    assert.equal(lang, 'en');
    assert.notEqual(ref[i].message_en, ref[i].message);
    assert.equal(text, ref[i].message_en, `finding ${ref[i].rule} in English`);
    assert.match(sev, /^(Error|Warning|Doubt|Note|Not assessable)$/);
  }
  const t301 = ref.find((f) => f.rule === 'T3-01');
  assert.match(t301.message_en, /total/i, 'a real English text, not the Chinese one copied');
  // The tables keep the official wording; a marked cell's tooltip speaks English.
  assert.equal(await b.locator('.nb-tables').getAttribute('lang'), 'zh-CN');
  await b.locator('td[data-cell="t3/new/natural"]').hover();
  const tip = b.locator('.nb-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), new RegExp(`^Error T3-0[13]: `));
  assert.ok((await tip.textContent()).includes(t301.message_en));
  assert.match(await page.textContent(attr('data-summary-file', MUTATED)), /Failed · 2 errors/);
  await b.locator('button.nb-finding[data-rule="T3-01"]').click();
  await page.keyboard.press('j');
  const t303 = ref.find((f) => f.rule === 'T3-03');
  assert.equal(await page.textContent('#announce'), `Problem 2 of 4: Error T3-03: ${t303.message_en}`);
  // The picture for the README: the English page with its findings.
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  const shot = await page.screenshot();
  assert.ok(shot.length > 10000, 'a real picture');
  if (process.env.UPDATE_DOCS) fs.writeFileSync(path.join(ROOT, 'docs/screenshot-english.png'), shot);
  // A file that cannot be read says why in English too, and a not-assessable fold names its table.
  const truncated = '平潭2025（截断）.docx';
  await choose(truncated);
  const err = box(truncated).locator('.nb-error span');
  assert.equal(await err.getAttribute('lang'), 'en');
  assert.equal(await err.textContent(), refOf(truncated).error.message_en);
  await choose(SHUYANG);
  assert.match(await box(SHUYANG).locator('.nb-fold summary').first().textContent(), /^Table [234]: \d+$/);
  await page.locator('#lang').click();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#drop-title'), '把年度报告拖到这里');
  assert.equal(await page.locator('#lang-note').isVisible(), false);
  await choose(MUTATED);
  const zh = box(MUTATED).locator('button.nb-finding[data-rule="T3-01"] .nb-msg');
  assert.equal(await zh.getAttribute('lang'), 'zh-CN');
  assert.equal(await zh.textContent(), t301.message, 'back in Chinese');
});

async function axe(p) {
  await p.evaluate(AXE); // through the DevTools protocol: the page's CSP does not apply to it
  return p.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary}`) }));
  });
}

test('accessibility: axe-core finds no WCAG 2 A/AA violation with findings shown (Chinese, English, a cell being corrected)', async () => {
  await choose(MUTATED);
  const cell = box(MUTATED).locator('td[data-cell="t3/new/natural"]');
  // The picture for the README: the summary, the verdict, marks, and a tooltip open on a wrong cell.
  await page.setViewportSize({ width: 1400, height: 1300 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await cell.hover();
  await box(MUTATED).locator('.nb-tip').waitFor({ state: 'visible' });
  const shot = await page.screenshot();
  assert.ok(shot.length > 10000, 'a real picture');
  if (process.env.UPDATE_DOCS) fs.writeFileSync(path.join(ROOT, 'docs/screenshot-reviewer.png'), shot);
  await page.setViewportSize({ width: 1400, height: 1000 });
  await cell.focus();
  await box(MUTATED).locator('.nb-tip').waitFor({ state: 'visible' });
  assert.deepEqual(await axe(page), [], 'Chinese, a tooltip open');
  await page.locator('#lang').click();
  assert.deepEqual(await axe(page), [], 'English');
  await page.locator('#lang').click();
  await cell.dblclick();
  assert.deepEqual(await axe(page), [], 'a cell being corrected');
  await page.keyboard.press('Escape');
  await choose(SHUYANG);
  assert.deepEqual(await axe(page), [], 'a report with not-assessable marks');
});

test('offline: after load, with the network cut and the server stopped, a drop still works', async () => {
  // A server of its own in a child process, so that stopping it closes every connection.
  const child = spawn(process.execPath, [path.join(ROOT, 'e2e/serve.mjs'), WWW, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => { out += d; const m = out.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) resolve(m[1]); });
    child.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
  const c = await newContext(url);
  try {
    const p = record(c, await c.newPage());
    await p.goto(url);
    await p.locator('#offline[data-ready="true"]').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await p.textContent('#offline'), /已可离线使用/);
    child.kill();
    await new Promise((r) => child.once('exit', r));
    await c.setOffline(true);
    await assert.rejects(fetch(url), 'the server is gone');

    await dropFiles(p, [{ name: MUTATED, bytes: mutated }]);
    await done(p);
    const b = p.locator(`#results > ${attr('data-file', MUTATED)}`);
    assert.equal(await b.locator('td[data-cell]').count(), 200, 'checked and drawn offline');
    assert.equal(await b.locator('.nb-verdict').getAttribute('data-verdict'), 'fail');
    assert.equal(await b.locator('td[data-cell="t3/new/natural"]').getAttribute('data-severity'), 'error');

    // The page itself comes back offline too, and checks again.
    await p.reload();
    await dropFiles(p, [{ name: 'seed.txt', bytes: seed }]);
    await done(p);
    assert.equal(await p.locator('#results > [data-file="seed.txt"] .nb-verdict').getAttribute('data-verdict'), 'pass');
    assert.deepEqual(await p.evaluate(() => window.__violations), []);
  } finally {
    await c.close();
    child.kill();
  }
});

test('no request leaves the page own files (downloads are the page own blobs); no CSP violation', async () => {
  const own = ownFiles();
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(`blob:${origin}/`)
    && !(/^http:\/\/127\.0\.0\.1:\d+\//.test(u) && own.has(decodeURIComponent(new URL(u).pathname))));
  assert.deepEqual(foreign, [], 'page requests');
  assert.deepEqual(blocked, [], 'routed requests');
  assert.deepEqual(server.log.filter((p) => !own.has(p)), [], 'server log');
  for (const p of ['/sw.js', '/worker.js', '/pkg/nianbao_check_bg.wasm']) assert.ok(server.log.includes(p), `${p} served`);
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(pageErrors, [], 'page errors');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'CSP violations');
});
