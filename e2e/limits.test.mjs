// The input size limit: the checker refuses a file over `maxSize` (node, the same wasm), and the
// stand-alone page refuses it without reading it (`<body data-max-size>`), saying so in Chinese,
// while the files under the limit are checked as usual. Needs `scripts/build.sh` first (www/pkg).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { corpus, pageSite } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference

const seed = corpus('real/seed-2021-guanqian.txt');

test('the checker refuses a file over maxSize by its size, read or not, and checks the others', () => {
  const { reports } = check([{ name: 'seed.txt', bytes: seed }, { name: 'big.html', bytes: new Uint8Array(0), size: 60 << 20 }], {});
  assert.equal(reports[0].error, null, 'under the default 50 MB');
  assert.equal(reports[1].error.code, 'too_large');
  assert.match(reports[1].error.message, /60 MB.*超过了允许的 50 MB/);
  const small = check([{ name: 'seed.txt', bytes: seed }], { maxSize: 1000 }).reports[0];
  assert.equal(small.error.code, 'too_large');
  assert.throws(() => check([{ name: 'seed.txt', bytes: seed }], { maxSize: -1 }), /maxSize/);
});

const site = pageSite();

test('the page refuses a file over <body data-max-size> unread, with the reason, and checks the rest', async () => {
  const ctx = await site.browser.newContext({ locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(site.server.url);
  await page.evaluate(() => {
    document.body.dataset.maxSize = '5000';
    // Reading the big file's bytes would show here: it must not happen.
    window.__read = [];
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function () {
      window.__read.push(this.name);
      return read.call(this);
    };
  });
  await page.evaluate(({ seed }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(seed), (c) => c.charCodeAt(0))], 'seed.txt'));
    dt.items.add(new File(['行政许可 1 2 3\n'], 'small.txt'));
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, { seed: seed.toString('base64') });
  await page.waitForFunction(() => /^已检查/.test(document.getElementById('status').textContent), null, { timeout: 60_000 });
  const entry = page.locator('[data-summary-file="seed.txt"]');
  assert.match(await entry.textContent(), /无法读取.*文件大小为.*超过了允许的/);
  assert.deepEqual(await page.evaluate(() => window.__read), ['small.txt'], 'only the small file was read');
  assert.doesNotMatch(await page.locator('[data-summary-file="small.txt"]').textContent(), /超过了允许的/);
  await ctx.close();
});
