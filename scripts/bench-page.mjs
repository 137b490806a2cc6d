// Drop → cells marked on the page, in headless Chromium (Debian's, through playwright-core): for a
// saved page, a .docx and a PDF, the time from the drop to the first drawn cell of the report,
// measured in the page (performance.now()), median of RUNS:
//   - fresh tab: a new context (empty cache, no service worker), the file dropped as soon as the
//     page has loaded — before its idle start of the worker has done anything;
//   - fresh tab, idle: the same, dropped once the page has been idle (the worker started and the
//     core compiled, as when a reviewer opens the page and then picks a file);
//   - warm: a second drop of the same file in the same tab.
// Also the bytes of wasm and glue each drop fetched (as served, and gzip -9).
//
//   node scripts/bench-page.mjs [WWW=www] [RUNS=5]
//
// Give another build's www/ (e.g. main's, built in /tmp) to measure it in the same run for the ratio.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startServer } from '../e2e/serve.mjs';
import { launch } from '../e2e/helpers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.resolve(process.argv[2] ?? path.join(ROOT, 'www'));
const RUNS = Number(process.argv[3] ?? 5);
const CORPUS = path.resolve(ROOT, '../shared/corpus');
const DROPS = [
  ['saved page', 'real/pingtan-2021.html'],
  ['.docx', 'derived/pingtan-2021.docx'],
  ['PDF', 'real/2024-huaian-city.pdf'],
];

const server = await startServer(WWW, 0);
const browser = await launch();

async function tab() {
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  const page = await ctx.newPage();
  return { ctx, page };
}

/** Drops the file and resolves to the milliseconds until a cell of its report is drawn. */
function dropAndTime(page, name, bytes) {
  return page.evaluate(async ({ name, b64 }) => {
    const file = new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name);
    const drawn = () => document.querySelector('#results article td[data-cell]');
    document.getElementById('results').replaceChildren();
    const dt = new DataTransfer();
    dt.items.add(file);
    const t0 = performance.now();
    const done = new Promise((resolve) => {
      const seen = () => drawn() && (obs.disconnect(), resolve(performance.now() - t0));
      const obs = new MutationObserver(seen);
      obs.observe(document.body, { childList: true, subtree: true });
    });
    const zone = document.getElementById('drop');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
    return done;
  }, { name, b64: bytes.toString('base64') });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const size = (files) => files.reduce(([r, g], f) => {
  const b = fs.readFileSync(path.join(WWW, f));
  return [r + b.length, g + zlib.gzipSync(b, { level: 9 }).length];
}, [0, 0]);

console.log(`${WWW}, ${RUNS} runs, median; load average ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.log('| drop | wasm + glue fetched (raw / gzip) | fresh tab | fresh tab, idle | warm |');
console.log('|---|---:|---:|---:|---:|');
for (const [label, rel] of DROPS) {
  const name = path.basename(rel);
  const bytes = fs.readFileSync(path.join(CORPUS, rel));
  const fresh = [], idle = [], warm = [];
  let fetched = [];
  for (let i = 0; i < RUNS; i++) {
    for (const wait of [false, true]) {
      const { ctx, page } = await tab();
      server.log.length = 0; // what the tab fetches for the drop, its idle start included
      await page.goto(server.url, { waitUntil: 'load' });
      if (wait) await page.waitForLoadState('networkidle');
      (wait ? idle : fresh).push(await dropAndTime(page, name, bytes));
      if (!wait) fetched = [...new Set(server.log.filter((p) => p.startsWith('/pkg/') || p === '/worker.js'))];
      if (wait) warm.push(await dropAndTime(page, name, bytes));
      await ctx.close();
    }
  }
  const [raw, gz] = size(fetched.map((p) => p.slice(1)));
  const ms = (xs) => `${Math.round(median(xs))} ms`;
  console.log(`| ${label} | ${raw.toLocaleString('en')} / ${gz.toLocaleString('en')} B | ${ms(fresh)} | ${ms(idle)} | ${ms(warm)} |`);
}
await browser.close();
await server.close();
