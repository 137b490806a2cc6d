// Shared by the browser tests: paths, the corpus files, Chromium's flags, and a page whose every
// request, console error, page error and CSP violation is recorded.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(ROOT, '../shared/corpus');
export const corpus = (rel) => fs.readFileSync(path.join(CORPUS, rel));
export const WWW = path.join(ROOT, 'www');

/** The versions as set in their one place each (Cargo.toml, src/version.rs), read independently of the build. */
export const VERSIONS = {
  checker: fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1],
  rules: fs.readFileSync(path.join(ROOT, 'src/version.rs'), 'utf8').match(/^pub const RULES_VERSION: &str = "([^"]+)";/m)[1],
};

/** Every file under www/, as the server paths the page may ask for. */
export function ownFiles(dir = WWW, prefix = '/') {
  const out = new Set(prefix === '/' ? ['/'] : []);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) for (const p of ownFiles(path.join(dir, e.name), `${prefix}${e.name}/`)) out.add(p);
    else out.add(prefix + e.name);
  }
  return out;
}

export const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-extensions',
  '--disable-default-apps', '--no-default-browser-check'];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ARGS });
}

/** The seed report with its first t3 data row (一、本年新收…) changed by `edit` (null drops it). */
export function seedWith(seed, edit) {
  const lines = seed.toString('utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('一、本年新收'));
  assert.ok(i > 0, 'the seed has its 本年新收 row');
  const changed = edit(lines[i]);
  assert.notEqual(changed, lines[i], 'the edit changes the row');
  if (changed === null) lines.splice(i, 1);
  else lines[i] = changed;
  return Buffer.from(lines.join('\n'), 'utf8');
}

/**
 * A new context and page on `server` that records everything it asks for. Requests to any other
 * origin are aborted and listed in `blocked`; `intercept(route)` may answer a request of the
 * server itself first (return true when it did).
 */
export async function recordingPage(browser, server, { intercept } = {}) {
  const rec = { requests: [], blocked: [], consoleErrors: [], pageErrors: [] };
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
  await ctx.route('**/*', async (r) => {
    const url = r.request().url();
    if (!url.startsWith(server.url)) {
      rec.blocked.push(url);
      return r.abort();
    }
    if (intercept && (await intercept(r))) return;
    return r.continue();
  });
  const page = await ctx.newPage();
  page.on('request', (r) => rec.requests.push(r.url()));
  page.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy|Refused to/.test(m.text())) rec.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => rec.pageErrors.push(String(e)));
  // CSP violations as the page itself sees them (the console is not the only channel).
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { ctx, page, ...rec };
}

/** Asserts that the page and the server saw nothing but `own` paths of the server's origin. */
export async function assertOnlyOwnFiles(rec, server, own) {
  const origin = new URL(server.url).origin;
  const foreign = rec.requests.filter((u) => !u.startsWith(origin + '/') || !own.has(new URL(u).pathname));
  assert.deepEqual(foreign, [], 'page requests');
  assert.deepEqual(rec.blocked, [], 'routed requests');
  assert.deepEqual(server.log.filter((p) => !own.has(p)), [], 'server log');
  assert.deepEqual(rec.consoleErrors, [], 'console errors');
  assert.deepEqual(rec.pageErrors, [], 'page errors');
  assert.deepEqual(await rec.page.evaluate(() => window.__violations), [], 'CSP violations');
}

/** What the same wasm reports in node must be marked: cells of failed findings, worst severity first. */
export function expectedMarks(report) {
  const order = ['error', 'warning', 'doubt', 'info'];
  const severity = {};
  const failedCells = new Set(), naCells = new Set();
  for (const f of report.findings) {
    for (const c of f.cells) {
      if (f.status === 'failed') {
        failedCells.add(c);
        if (!severity[c] || order.indexOf(f.severity) < order.indexOf(severity[c])) severity[c] = f.severity;
      } else naCells.add(c);
    }
  }
  return { invalid: [...failedCells].sort(), notAssessable: [...naCells].filter((c) => !failedCells.has(c)).sort(), severity };
}

/**
 * A local server of `root` and a headless Chromium, started before a file's tests and closed after
 * them: `site.server`, `site.browser`.
 */
export function pageSite(root = WWW) {
  const site = { server: undefined, browser: undefined };
  before(async () => {
    site.server = await startServer(root, 0);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}
