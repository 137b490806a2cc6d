// The npm package as a portal team takes it: the packed tarball (scripts/pack.sh) installed into an
// empty project, then served two ways — a static page importing it by package name through an
// import map, and an esbuild bundle with the run-time files copied beside it as the package README
// says — each under the CSP of the embedding guide (README.md), a report dropped on the element and
// its marks compared with what the package's own wasm reports in node. Every request is recorded:
// only the project's own files may be asked for. Also: the tarball's contents, package.json against
// Cargo.toml, the exports map, and sideEffects as a bundler reads it.
// Needs scripts/build.sh and scripts/pack.sh first (scripts/test.sh runs both). Run: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { startServer } from './serve.mjs';
import { loadChecker } from './reference.mjs';
import { ROOT, WWW, VERSIONS, corpus, launch, seedWith, recordingPage, assertOnlyOwnFiles, expectedMarks } from './helpers.mjs';

const TGZ = path.join(ROOT, `target/npm/nianbao-check-${VERSIONS.checker}.tgz`);
const RUNTIME = ['nianbao-check.js', 'nianbao-check-element.js', 'render.js', 'tables.js', 'words.js', 'version.js', 'worker.js', 'report.css',
  'pkg/nianbao_check.js', 'pkg/nianbao_check_bg.wasm', 'pkg/nianbao_check_word.js', 'pkg/nianbao_check_word_bg.wasm', 'pkg/nianbao_check_pdf.js', 'pkg/nianbao_check_pdf_bg.wasm', 'rules.html', 'rules.css'];
const DESCRIBE = ['nianbao-check.d.ts', 'nianbao-check-element.d.ts', 'custom-elements.json', 'report.schema.json'];
/** What the package README tells a bundler user to copy next to the bundle. */
const COPY_BESIDE_BUNDLE = ['worker.js', 'pkg/nianbao_check.js', 'pkg/nianbao_check_bg.wasm', 'pkg/nianbao_check_word.js', 'pkg/nianbao_check_word_bg.wasm', 'pkg/nianbao_check_pdf.js', 'pkg/nianbao_check_pdf_bg.wasm', 'report.css',
  'rules.html', 'rules.css'];

/** The policy of README's "The CSP it needs", read from there so the test and the guide cannot drift apart. */
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const GUIDE_CSP = readme.match(/### The CSP it needs\n\n```\n([\s\S]*?)```/)[1].trim().split(/\s*\n\s*/).join(' ');

const seed = corpus('real/seed-2021-guanqian.txt');
const mutated = seedWith(seed, (l) => l.replace('\t0', '\t3')); // 自然人 0 → 3: T3-01 fails

const IMPORT_MAP = JSON.stringify({ imports: {
  'nianbao-check': '/node_modules/nianbao-check/nianbao-check.js',
  'nianbao-check/element': '/node_modules/nianbao-check/nianbao-check-element.js',
} });
// The portal's own module: the element by its package path, and the API beside it.
const MAIN = `import 'nianbao-check/element';
import { checkFile, version, rulesVersion } from 'nianbao-check';
window.portal = { checkFile, version, rulesVersion };
`;
const page = (head, attrs = '') => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="/favicon.svg"><title>portal</title>
${head}
</head><body><h1>年报报送</h1><nianbao-check id="checker"${attrs}></nianbao-check></body></html>
`;

let dir, server, browser, ref, pkgJson;

/** Every file under the project, as the server's paths: the only requests allowed. */
function served(d = dir, prefix = '/') {
  const out = new Set();
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) for (const p of served(path.join(d, e.name), `${prefix}${e.name}/`)) out.add(p);
    else out.add(prefix + e.name);
  }
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(TGZ), `${path.relative(ROOT, TGZ)} is missing: run scripts/pack.sh (scripts/test.sh does)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-portal-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'portal', private: true, type: 'module' }));
  // --offline: the package has no dependencies, so nothing may be fetched to install it.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', TGZ], { cwd: dir, stdio: 'pipe' });
  pkgJson = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules/nianbao-check/package.json'), 'utf8'));

  // The portal's own icon (a data: icon would need img-src data:, which the guide's policy lacks).
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/main.js'), MAIN);
  // 1. No build step: the import map names the package's modules; it is an inline script, so the
  //    guide's policy gets the map's hash (the one addition an import map needs).
  fs.writeFileSync(path.join(dir, 'importmap.html'), page(`<script type="importmap">${IMPORT_MAP}</script>\n<script type="module" src="/src/main.js"></script>`));
  // 2. esbuild's bundle, and the files the modules load at run time copied beside it.
  const built = await esbuild.build({ entryPoints: [path.join(dir, 'src/main.js')], bundle: true, format: 'esm',
    outfile: path.join(dir, 'dist/app.js'), absWorkingDir: dir, logLevel: 'silent', metafile: true });
  for (const f of COPY_BESIDE_BUNDLE) {
    fs.mkdirSync(path.dirname(path.join(dir, 'dist', f)), { recursive: true });
    fs.copyFileSync(path.join(dir, 'node_modules/nianbao-check', f), path.join(dir, 'dist', f));
  }
  fs.writeFileSync(path.join(dir, 'dist/index.html'), page('<script type="module" src="app.js"></script>'));
  // 3. The same bundle, its element pointed by asset-base at the installed package instead.
  fs.writeFileSync(path.join(dir, 'assetbase.html'), page('<script type="module" src="/dist/app.js"></script>', ' asset-base="/node_modules/nianbao-check/"'));
  const inputs = Object.keys(built.metafile.inputs);
  assert.deepEqual(inputs.filter((i) => i.startsWith('node_modules/')).sort(),
    ['nianbao-check-element.js', 'nianbao-check.js', 'render.js', 'tables.js', 'version.js', 'words.js'].map((f) => `node_modules/nianbao-check/${f}`),
    'the bundle holds the element, the API, the drawing and the version; worker and wasm stay files');

  // The reference: the package's own glue and wasm, in node.
  const checker = await loadChecker(path.join(dir, 'node_modules/nianbao-check/pkg'));
  ref = (name, bytes) => checker.check([{ name, bytes }], {}).reports[0];

  server = await startServer(dir, 0);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the tarball holds what runs and what describes it, no more; package.json follows Cargo.toml', () => {
  const listed = execFileSync('tar', ['-tzf', TGZ], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
  assert.deepEqual(listed, [...RUNTIME, ...DESCRIBE, 'LICENSE', 'README.md', 'package.json'].sort());
  const pkgDir = path.join(dir, 'node_modules/nianbao-check');
  for (const f of [...RUNTIME, ...DESCRIBE.filter((f) => f !== 'report.schema.json')]) {
    assert.ok(fs.readFileSync(path.join(pkgDir, f)).equals(fs.readFileSync(path.join(WWW, f))), `${f} is the current www/${f} (pack again after a build)`);
  }
  assert.ok(fs.readFileSync(path.join(pkgDir, 'report.schema.json')).equals(fs.readFileSync(path.join(ROOT, 'schema/report.schema.json'))));

  assert.equal(pkgJson.name, 'nianbao-check');
  assert.equal(pkgJson.version, VERSIONS.checker, "the package's version is Cargo.toml's");
  assert.equal(pkgJson.nianbaoCheck.rulesVersion, VERSIONS.rules);
  assert.equal(pkgJson.type, 'module');
  assert.equal(pkgJson.license, 'MIT');
  assert.equal(pkgJson.dependencies, undefined, 'no dependencies');
  assert.equal(pkgJson.scripts, undefined, 'no install scripts');
  assert.deepEqual(pkgJson.sideEffects, ['./nianbao-check-element.js', './worker.js']);
  assert.equal(pkgJson.customElements, 'custom-elements.json');
  assert.deepEqual(pkgJson.exports, {
    '.': { types: './nianbao-check.d.ts', default: './nianbao-check.js' },
    './element': { types: './nianbao-check-element.d.ts', default: './nianbao-check-element.js' },
    './report.css': './report.css',
    './report.schema.json': './report.schema.json',
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  });
  const resolve = createRequire(path.join(dir, 'src/main.js')).resolve;
  assert.equal(resolve('nianbao-check'), path.join(pkgDir, 'nianbao-check.js'));
  assert.equal(resolve('nianbao-check/element'), path.join(pkgDir, 'nianbao-check-element.js'));
  assert.equal(resolve('nianbao-check/report.css'), path.join(pkgDir, 'report.css'));
  assert.throws(() => resolve('nianbao-check/render.js'), { code: 'ERR_PACKAGE_PATH_NOT_EXPORTED' }, 'internals are not exports');

  const pkgReadme = fs.readFileSync(path.join(pkgDir, 'README.md'), 'utf8');
  assert.ok(pkgReadme.includes('## Embedding in a portal') && pkgReadme.includes('### The CSP it needs'), 'the README carries the embedding guide');
  assert.match(fs.readFileSync(path.join(pkgDir, 'LICENSE'), 'utf8'), /^MIT License/);
});

test('sideEffects: an unused import of the API bundles to nothing; the element module defines the tag', async () => {
  const bundle = async (contents) => (await esbuild.build({ stdin: { contents, resolveDir: dir, loader: 'js' }, bundle: true,
    format: 'esm', write: false, minify: true, absWorkingDir: dir, logLevel: 'silent' })).outputFiles[0].text;
  assert.equal((await bundle("import 'nianbao-check';")).trim(), '', 'the API has no side effect');
  const api = await bundle("import { checkFile } from 'nianbao-check'; globalThis.f = checkFile;");
  assert.ok(!api.includes('customElements'), 'using the API does not define the element');
  assert.match(await bundle("import 'nianbao-check/element';"), /customElements\.define\("nianbao-check"/);
});

/** Drops files on the element's drop zone with a real DataTransfer, then waits for its done event. */
async function dropAndWait(p, name, bytes) {
  return p.evaluate(async ({ name, bytes }) => {
    const el = document.getElementById('checker');
    const done = new Promise((resolve) => el.addEventListener('nianbao-check-done', (e) => resolve(e.detail.report), { once: true }));
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/plain' }));
    const zone = el.shadowRoot.querySelector('[part~="drop-zone"]');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt }));
    return done;
  }, { name, bytes: [...bytes] });
}

function marks(p) {
  return p.evaluate(() => {
    const all = [...document.getElementById('checker').shadowRoot.querySelectorAll('td[data-cell]')];
    const pick = (sel) => all.filter((td) => td.matches(sel)).map((td) => td.dataset.cell).sort();
    return {
      cells: all.length,
      invalid: pick('[aria-invalid="true"]'),
      notAssessable: pick('[data-status="not_assessable"]'),
      severity: Object.fromEntries(all.filter((td) => td.dataset.severity).map((td) => [td.dataset.cell, td.dataset.severity])),
      styled: getComputedStyle(document.getElementById('checker').shadowRoot.querySelector('td[aria-invalid="true"]')).borderTopStyle,
    };
  });
}

/** Opens `url` under `csp` (as a header on every response, as the guide says), drops the mutated seed, checks what shows. */
async function dropOnPortal(url, csp, { onLoad = async () => {}, apiBase } = {}) {
  const rec = await recordingPage(browser, server, {
    intercept: async (r) => {
      const res = await r.fetch();
      await r.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': csp } });
      return true;
    },
  });
  try {
    await rec.page.goto(server.url + url);
    await rec.page.waitForFunction(() => customElements.get('nianbao-check') && window.portal);
    assert.equal(await rec.page.evaluate(() => document.getElementById('checker').version), VERSIONS.checker, 'the element says its version');
    assert.deepEqual(await rec.page.evaluate(() => [window.portal.version, window.portal.rulesVersion]), [VERSIONS.checker, VERSIONS.rules]);
    assert.ok(!server.log.some((p) => p.endsWith('.wasm') || p.endsWith('/worker.js')), 'nothing of the checker loads before a drop');
    await onLoad(rec.page);

    const report = await dropAndWait(rec.page, 'mutated.txt', mutated);
    const want = ref('mutated.txt', mutated);
    assert.deepEqual(report, want, 'the report is the one the package\'s wasm gives in node');
    assert.equal(report.checker_version, VERSIONS.checker);
    assert.equal(report.rules_version, VERSIONS.rules);
    assert.ok(want.findings.some((f) => f.rule === 'T3-01' && f.status === 'failed'), 'the mutation is found');
    const got = await marks(rec.page);
    const expected = expectedMarks(want);
    assert.equal(got.cells, 200, 'every v2021 cell is drawn');
    assert.deepEqual(got.invalid, expected.invalid, 'exactly the cells of failed findings are marked');
    assert.deepEqual(got.severity, expected.severity);
    assert.deepEqual(got.notAssessable, expected.notAssessable);
    assert.notEqual(got.styled, 'none', 'report.css reached the shadow root: marked cells have a border');

    // The headless API through the same page (`apiBase`, else its own default): bytes in, the same report out.
    const viaApi = await rec.page.evaluate(({ bytes, base }) => window.portal.checkFile(new Uint8Array(bytes), { name: 'mutated.txt', base }),
      { bytes: [...mutated], base: apiBase });
    assert.deepEqual(viaApi, want);
    await assertOnlyOwnFiles(rec, server, served());
    return [...new Set(server.log)];
  } finally {
    await rec.ctx.close();
    server.log.length = 0;
  }
}

test('a static page imports the package by name through an import map: a drop shows the marks, nothing else is fetched', async () => {
  const hash = crypto.createHash('sha256').update(IMPORT_MAP).digest('base64');
  const csp = GUIDE_CSP.replace("script-src 'self' 'wasm-unsafe-eval'", `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`);
  assert.notEqual(csp, GUIDE_CSP, "the guide's script-src is as expected");
  const log = await dropOnPortal('importmap.html', csp);
  const pkg = log.filter((p) => p.startsWith('/node_modules/')).map((p) => p.replace('/node_modules/nianbao-check/', '')).sort();
  assert.deepEqual(pkg, ['nianbao-check-element.js', 'nianbao-check.js', 'pkg/nianbao_check.js', 'pkg/nianbao_check_bg.wasm', 'render.js', 'report.css', 'tables.js', 'version.js', 'words.js', 'worker.js'],
    'the modules, the worker, the wasm and the styles come from the installed package');
});

test('an esbuild bundle of the same page: a drop shows the marks under exactly the guide\'s CSP, nothing else is fetched', async () => {
  const log = await dropOnPortal('dist/index.html', GUIDE_CSP);
  assert.deepEqual(log.filter((p) => !p.startsWith('/dist/')), ['/favicon.svg'], 'nothing from node_modules: the bundle and the files beside it');
  assert.deepEqual(log.sort(), ['/dist/app.js', '/dist/index.html', '/dist/pkg/nianbao_check.js', '/dist/pkg/nianbao_check_bg.wasm', '/dist/report.css', '/dist/worker.js', '/favicon.svg']);
  assert.ok(fs.statSync(path.join(dir, 'dist/app.js')).size < 100_000, 'the wasm is not in the bundle');
});

test('asset-base: the bundle\'s element takes its worker, wasm and styles from the folder it names', async () => {
  const log = await dropOnPortal('assetbase.html', GUIDE_CSP, {
    onLoad: async (p) => assert.equal(await p.evaluate(() => document.getElementById('checker').assetBase), `${server.url}node_modules/nianbao-check/`),
    apiBase: '/node_modules/nianbao-check/', // the API's `base` option, likewise
  });
  assert.deepEqual(log.sort(), ['/assetbase.html', '/dist/app.js', '/favicon.svg', '/node_modules/nianbao-check/pkg/nianbao_check.js',
    '/node_modules/nianbao-check/pkg/nianbao_check_bg.wasm', '/node_modules/nianbao-check/report.css', '/node_modules/nianbao-check/worker.js']);
});
