// The page in headless Chromium (Debian's, through playwright-core): real drops of real reports,
// the marks on the cells compared with what the same wasm reports, the file picker, errors, the
// shadow-root drawing, and every network request the page makes.
// Needs `scripts/build.sh` first (www/pkg). Run: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';
import { expectedMarks, seedWith } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const SEED_NAME = '2021年官前乡年报.txt';
const seed = fs.readFileSync(path.join(CORPUS, 'real/seed-2021-guanqian.txt'));
const oldFormat = fs.readFileSync(path.join(CORPUS, 'real/pingtan-2013-oldformat.txt'));

const mutated = seedWith(seed, (l) => l.replace('\t0', '\t3')); // 自然人 0 → 3
const blanked = seedWith(seed, (l) => l.replace('\t\t0', '\t\t')); // 自然人 left blank
const rowless = seedWith(seed, () => null); // the row is gone

const OWN_FILES = new Set([
  '/', '/index.html', '/style.css', '/report.css', '/app.js', '/nianbao-check.js', '/render.js', '/tables.js', '/words.js', '/worker.js',
  '/i18n.js', '/export.js', '/sw.js', '/version.js', '/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm',
  '/pkg/nianbao_check_word.js', '/pkg/nianbao_check_word_bg.wasm', '/pkg/nianbao_check_pdf.js', '/pkg/nianbao_check_pdf_bg.wasm', '/rules.html', '/rules.css',
]);
const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
  '--disable-default-apps', '--no-default-browser-check'];

let server, browser, page;
const requests = [], blocked = [], consoleErrors = [], pageErrors = [];

before(async () => {
  server = await startServer(path.join(ROOT, 'www'), 0);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  await ctx.route('**/*', (r) => {
    const url = r.request().url();
    if (url.startsWith(server.url)) return r.continue();
    blocked.push(url);
    return r.abort();
  });
  page = await ctx.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What the page shows for one report, by data-cell. */
async function shown(file) {
  return page.$eval(`article.nb-report[data-file="${file}"]`, (a) => {
    const all = [...a.querySelectorAll('td[data-cell]')];
    const pick = (sel) => all.filter((td) => td.matches(sel)).map((td) => td.dataset.cell).sort();
    return {
      cells: all.length,
      invalid: pick('[aria-invalid="true"]'),
      notAssessable: pick('[data-status="not_assessable"]'),
      missing: pick('[data-missing]'),
      errors: pick('[data-severity="error"]'),
      severity: Object.fromEntries(all.filter((td) => td.dataset.severity).map((td) => [td.dataset.cell, td.dataset.severity])),
      text: Object.fromEntries(all.map((td) => [td.dataset.cell, td.textContent])),
      focusable: all.filter((td) => td.hasAttribute('aria-invalid') || td.dataset.status).every((td) => td.tabIndex === 0),
    };
  });
}

function assertMarks(got, report) {
  const want = expectedMarks(report);
  assert.deepEqual(got.invalid, want.invalid, 'exactly the cells of failed findings carry aria-invalid');
  assert.deepEqual(got.severity, want.severity, 'each marked cell shows its worst severity');
  assert.deepEqual(got.notAssessable, want.notAssessable, 'cells only in not-assessable findings are marked so');
  assert.ok(got.focusable, 'marked cells are focusable');
  for (const [addr, c] of Object.entries(report.cells)) assert.equal(got.text[addr], c.raw, `${addr} shows its raw text`);
}

async function dropFiles(files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, bytes } of files) dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/plain' }));
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    }
  }, files.map(({ name, bytes }) => ({ name, bytes: [...bytes] })));
}

async function waitForReports(n) {
  await page.waitForFunction((n) => document.querySelectorAll('#results article.nb-report').length === n
    && document.getElementById('status').textContent.startsWith('已检查'), n, { timeout: 30_000 });
}

test('the page starts the checker\'s core when idle, and no reader before its file', async () => {
  await page.waitForLoadState('networkidle');
  assert.ok(server.log.includes('/app.js'));
  // The page starts its worker when idle, and the worker compiles the core module; the Word and
  // PDF readers wait for their first file. (Its service worker, sw.js, may store every file in the
  // background for offline use; those requests are not the page's.)
  if (page.workers().length === 0) await page.waitForEvent('worker', { timeout: 10_000 });
  assert.equal(page.workers().length, 1, 'one worker, started without a drop');
  const pkg = () => requests.filter((u) => u.includes('/pkg/')).map((u) => new URL(u).pathname).sort();
  for (let i = 0; i < 200 && pkg().length < 2; i++) await page.waitForTimeout(50);
  assert.deepEqual(pkg(), ['/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm'], 'the core only');
});

test('a dropped seed and a mutated seed: the changed cell and its row are marked', async () => {
  await dropFiles([{ name: SEED_NAME, bytes: seed }, { name: 'mutated.txt', bytes: mutated }]);
  await waitForReports(2);
  const ref = check([{ name: SEED_NAME, bytes: seed }, { name: 'mutated.txt', bytes: mutated }], {}).reports;

  const s = await shown(SEED_NAME);
  assert.equal(s.cells, 200, 'every v2021 cell is drawn');
  assert.deepEqual(s.errors, [], 'the unchanged seed has no error mark');
  assert.deepEqual(s.missing, []);
  assertMarks(s, ref[0]);

  const m = await shown('mutated.txt');
  assert.equal(m.text['t3/new/natural'], '3');
  assert.equal(m.severity['t3/new/natural'], 'error');
  assert.equal(m.severity['t3/new/total'], 'error');
  assert.ok(ref[1].findings.some((f) => f.rule === 'T3-01' && f.cells.includes('t3/new/natural')));
  assertMarks(m, ref[1]);
  assert.ok(!m.invalid.includes('t3/carried/commercial') && !m.invalid.includes('t4/review/upheld'), 'untouched cells are not marked');
});

test('focus and hover show the messages; choosing a finding selects its cells', async () => {
  const art = page.locator('article.nb-report[data-file="mutated.txt"]');
  const cell = art.locator('td[data-cell="t3/new/natural"]');
  await cell.focus();
  const tip = art.locator('.nb-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /T3-01.*总计应为 3/);
  const described = await cell.evaluate((td) => td.getRootNode().getElementById(td.getAttribute('aria-describedby'))?.textContent);
  assert.match(described, /错误 T3-01/);
  assert.equal(await cell.getAttribute('title'), null);

  await page.locator('#blanks-as-zero').focus();
  await tip.waitFor({ state: 'hidden' });
  await art.locator('td[data-cell="t3/new/total"]').hover();
  await tip.waitFor({ state: 'visible' });

  const finding = art.locator('button.nb-finding[data-rule="T3-01"]');
  await finding.click();
  assert.equal(await finding.getAttribute('aria-pressed'), 'true');
  const selected = await art.locator('td[data-selected]').evaluateAll((tds) => tds.map((td) => td.dataset.cell).sort());
  const ref = check([{ name: 'mutated.txt', bytes: mutated }], {}).reports[0].findings.find((f) => f.rule === 'T3-01');
  assert.deepEqual(selected, [...ref.cells].sort());
  // The committed screenshots are refreshed on request only, so a test run leaves the tree clean.
  const shot = await page.screenshot({ fullPage: false });
  assert.ok(shot.length > 10000, 'a real picture');
  if (process.env.UPDATE_DOCS) fs.writeFileSync(path.join(ROOT, 'docs/screenshot-findings.png'), shot);
});

test('picked files: a blank cell, a missing row, an old-format report', async () => {
  const files = [
    { name: 'blank.txt', mimeType: 'text/plain', buffer: blanked },
    { name: 'rowless.txt', mimeType: 'text/plain', buffer: rowless },
    { name: 'pingtan-2013.txt', mimeType: 'text/plain', buffer: oldFormat },
  ];
  await page.setInputFiles('#file', files);
  await waitForReports(3);
  const ref = check(files.map((f) => ({ name: f.name, bytes: f.buffer })), {}).reports;

  const b = await shown('blank.txt');
  assertMarks(b, ref[0]);
  assert.equal(b.text['t3/new/natural'], '');
  assert.ok(b.notAssessable.includes('t3/new/commercial'), 'the rest of the unassessable row is marked as such');

  const r = await shown('rowless.txt');
  assert.equal(r.cells, 200, 'the layout draws every cell, found or not');
  assert.deepEqual(r.missing, ['natural', 'commercial', 'research', 'social', 'legal', 'other', 'total'].map((c) => `t3/new/${c}`).sort());
  assert.equal(r.text['t3/new/natural'], '？');
  assertMarks(r, ref[1]);

  assert.equal(ref[2].error.code, 'old_format');
  const alert = page.locator('article.nb-report[data-file="pingtan-2013.txt"] [role="alert"]');
  assert.equal(await alert.textContent(), `无法检查这个文件：${ref[2].error.message}`);
  assert.equal(await page.locator('article.nb-report[data-file="pingtan-2013.txt"] td').count(), 0);
});

test('a GBK page is decoded by the browser (TextDecoder in the worker) cell for cell like its UTF-8 original', async () => {
  const files = ['real/pingtan-2021.html', 'derived/pingtan-2021.gbk.html'].map((f) => ({
    name: path.basename(f), mimeType: 'text/html', buffer: fs.readFileSync(path.join(CORPUS, f)),
  }));
  await page.setInputFiles('#file', files);
  await waitForReports(2);
  const [utf8, gbk] = await Promise.all(files.map((f) => shown(f.name)));
  const ref = check([{ name: files[0].name, bytes: files[0].buffer }], {}).reports[0];
  assert.equal(ref.error, null);
  assert.ok(Object.keys(ref.cells).length > 100, 'the UTF-8 page reads');
  assert.deepEqual(gbk.text, utf8.text, 'the same raw text in every cell');
  assert.ok(Object.values(gbk.text).some((t) => /^[1-9]/.test(t)), 'real numbers, not blanks');
  const titles = await page.$$eval('article.nb-report dd:first-of-type', (dds) => dds.map((d) => d.textContent));
  assert.equal(titles[1], titles[0]);
  assert.match(titles[1], /平潭/);
});

test('file content is text, never markup', async () => {
  const evil = Buffer.from(seed.toString('utf8').replace('三门峡市', '<img src=x onerror=alert(1)>三门峡市'));
  await page.setInputFiles('#file', [{ name: '<b>x</b>.txt', mimeType: 'text/plain', buffer: evil }]);
  await waitForReports(1);
  const art = page.locator('article.nb-report');
  assert.equal(await art.locator('img, b').count(), 0);
  assert.equal(await art.locator('h2').textContent(), '<b>x</b>.txt');
});

test('the API: drawing in a shadow root, blanksAsZero, and abort', async () => {
  const res = await page.evaluate(async ({ bytes }) => {
    const { checkFiles, getLayout } = await import('./nianbao-check.js');
    const { renderReport } = await import('./render.js');
    const file = { name: 'blank.txt', bytes: new Uint8Array(bytes) };
    const strict = (await checkFiles([file])).reports[0];
    const lenient = (await checkFiles([file], { blanksAsZero: true })).reports[0];
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const box = document.createElement('div');
    shadow.append(box);
    const drawn = renderReport(box, strict, await getLayout(strict.version));
    const i = strict.findings.findIndex((f) => f.rule === 'C02');
    drawn.select(i);
    const td = shadow.querySelector('td[data-cell="t3/new/natural"]');
    const desc = shadow.getElementById(td.getAttribute('aria-describedby'))?.textContent;
    const ac = new AbortController();
    ac.abort();
    const aborted = await checkFiles([file], { signal: ac.signal }).then(() => 'resolved', (e) => e.name);
    // A check aborted while it runs rejects at once; the next check still works.
    const ac2 = new AbortController();
    const p = checkFiles([file], { signal: ac2.signal });
    ac2.abort();
    const abortedLate = await p.then(() => 'resolved', (e) => e.name);
    const after = (await checkFiles([file])).reports[0].version;
    host.remove();
    return {
      strictRules: strict.findings.map((f) => `${f.rule}:${f.status}`),
      lenientRules: lenient.findings.map((f) => `${f.rule}:${f.status}`),
      inShadow: shadow.querySelectorAll('td[data-cell]').length,
      selected: td.hasAttribute('data-selected'),
      invalid: td.getAttribute('aria-invalid'),
      desc, aborted, abortedLate, after,
    };
  }, { bytes: [...blanked] });
  assert.ok(res.strictRules.includes('T3-01:not_assessable'));
  assert.ok(!res.lenientRules.includes('T3-01:not_assessable'), 'blanksAsZero reaches the core');
  assert.equal(res.inShadow, 200);
  assert.equal(res.selected, true);
  assert.equal(res.invalid, 'true');
  assert.match(res.desc, /C02/);
  assert.equal(res.aborted, 'AbortError');
  assert.equal(res.abortedLate, 'AbortError');
  assert.equal(res.after, 'v2021');
});

test('every finding links to its rule in the rule reference, which opens under its own CSP', async () => {
  await page.goto(server.url);
  await page.evaluate(({ name, bytes }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, { name: 'mutated.txt', bytes: [...mutated] });
  await page.waitForSelector('article.nb-report[data-file="mutated.txt"] a.nb-rule-ref');
  const links = await page.$$eval('article.nb-report[data-file="mutated.txt"] li', (lis) =>
    lis.map((li) => [li.querySelector('.nb-finding')?.dataset.rule, li.querySelector('a.nb-rule-ref')?.href]));
  assert.ok(links.length > 0);
  for (const [rule, href] of links) assert.equal(href, `${server.url.replace(/\/$/, '')}/rules.html#${rule}`);
  assert.ok(links.some(([rule]) => rule === 'T3-01'));
  assert.equal(await page.$eval('footer a[href="rules.html"]', (a) => a.textContent.length > 0), true);
  const ref = await page.context().newPage();
  const refErrors = [];
  ref.on('console', (m) => { if (m.type() === 'error') refErrors.push(m.text()); });
  await ref.goto(`${server.url.replace(/\/$/, '')}/rules.html#T3-01`);
  assert.match(await ref.$eval('article#T3-01 h3', (h) => h.textContent), /T3-01/);
  assert.equal(await ref.$$eval('article[id]', (a) => a.length) >= 30, true);
  assert.deepEqual(refErrors, []);
  await ref.close();
});

test('no request leaves the page own files; no CSP violation', async () => {
  const origin = new URL(server.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin + '/') || !OWN_FILES.has(new URL(u).pathname));
  assert.deepEqual(foreign, [], 'page requests');
  assert.deepEqual(blocked, [], 'routed requests');
  assert.deepEqual(server.log.filter((p) => !OWN_FILES.has(p)), [], 'server log');
  for (const p of ['/worker.js', '/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm']) assert.ok(server.log.includes(p), `${p} served`);
  assert.deepEqual(consoleErrors, [], 'console errors');
  assert.deepEqual(pageErrors, [], 'page errors');
});
