// Which wasm modules a drop fetches: the page starts its worker and the core module when idle; a
// saved page or a text needs nothing more, a .docx or .doc fetches the Word reader, a PDF the PDF
// reader, each once. Every test is a fresh tab on a fresh context with service workers blocked
// (sw.js would store every module in the background, which is not what a drop fetches); the
// server's own log is the record, and nothing outside the page's files may be asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { corpus, ownFiles, pageSite } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference

const CORE = ['/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm'];
const WORD = ['/pkg/nianbao_check_word.js', '/pkg/nianbao_check_word_bg.wasm'];
const PDF = ['/pkg/nianbao_check_pdf.js', '/pkg/nianbao_check_pdf_bg.wasm'];
const OWN = ownFiles();

const site = pageSite();

/** A fresh tab: the page loaded, its worker started, the core module fetched, nothing dropped. */
async function freshTab() {
  site.server.log.length = 0;
  const ctx = await site.browser.newContext({ serviceWorkers: 'block', locale: 'zh-CN' });
  const errors = [];
  await ctx.route('**/*', (r) => (r.request().url().startsWith(site.server.url) ? r.continue() : (errors.push(r.request().url()), r.abort())));
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(site.server.url);
  if (page.workers().length === 0) await page.waitForEvent('worker', { timeout: 10_000 });
  for (let i = 0; i < 200 && !site.server.log.includes(CORE[1]); i++) await page.waitForTimeout(50);
  return { ctx, page, errors };
}

async function drop(page, files) {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const { name, b64 } of files) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files.map(({ name, bytes }) => ({ name, b64: Buffer.from(bytes).toString('base64') })));
  await page.waitForFunction((n) => document.getElementById('status').textContent.startsWith('已检查')
    && document.querySelectorAll('[data-summary-file], #results article.nb-report').length >= n, files.length, { timeout: 60_000 });
}

const pkg = (log) => [...new Set(log.filter((p) => p.startsWith('/pkg/')))].sort();

/** Drops `files` on a fresh tab and returns the modules fetched before and after the drop. */
async function modulesFor(files) {
  const { ctx, page, errors } = await freshTab();
  try {
    const before = pkg(site.server.log);
    await drop(page, files);
    assert.deepEqual(site.server.log.filter((p) => !OWN.has(p)), [], 'nothing but the page\'s own files');
    assert.deepEqual(errors, [], 'no error, no request elsewhere');
    for (const p of new Set(site.server.log.filter((p) => p.startsWith('/pkg/')))) {
      assert.equal(site.server.log.filter((x) => x === p).length, 1, `${p} fetched once`);
    }
    return { before, after: pkg(site.server.log) };
  } finally {
    await ctx.close();
  }
}

const file = (rel) => ({ name: path.basename(rel), bytes: corpus(rel) });

test('a saved page, a .mht or a text: the core only', async () => {
  const files = [file('real/pingtan-2021.html'), file('derived/pingtan-2021.mht'), file('real/seed-2021-guanqian.txt')];
  const { before, after } = await modulesFor(files);
  assert.deepEqual(before, CORE, 'the core, started when the page was idle');
  assert.deepEqual(after, CORE, 'nothing more for the drop');
});

test('a .docx: the core and the Word reader', async () => {
  const { before, after } = await modulesFor([file('derived/pingtan-2021.docx')]);
  assert.deepEqual(before, CORE);
  assert.deepEqual(after, [...CORE, ...WORD].sort());
});

test('a .doc: the Word reader too', async () => {
  const { after } = await modulesFor([file('derived/pingtan-2023.doc')]);
  assert.deepEqual(after, [...CORE, ...WORD].sort());
});

test('a PDF: the core and the PDF reader', async () => {
  const { before, after } = await modulesFor([file('real/2024-huaian-city.pdf')]);
  assert.deepEqual(before, CORE);
  assert.deepEqual(after, [...CORE, ...PDF].sort());
});

test('Word files and PDFs together: each reader once', async () => {
  const files = [file('derived/pingtan-2021.docx'), file('derived/pingtan-2021.pdf'), file('derived/pingtan-2023.doc'), file('real/pingtan-2019.html')];
  const { after } = await modulesFor(files);
  assert.deepEqual(after, [...CORE, ...WORD, ...PDF].sort());
  // What the page drew came from the readers: in node, the same modules read each form.
  assert.deepEqual(check(files, {}).reports.map((r) => [r.input, r.error]), [['docx', null], ['pdf', null], ['doc', null], ['html', null]]);
});
