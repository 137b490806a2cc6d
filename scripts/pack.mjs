// Stages the npm package in target/npm/package/ and packs it into
// target/npm/nianbao-check-<version>.tgz with `npm pack` (nothing is published). Run by
// scripts/pack.sh after scripts/build.sh. The version comes from Cargo.toml; package.json is
// written here, so there is no second copy of it to keep in step.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'target/npm');
const STAGE = path.join(OUT, 'package');

const version = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];
const rulesVersion = fs.readFileSync(path.join(ROOT, 'src/version.rs'), 'utf8').match(/^pub const RULES_VERSION: &str = "([^"]+)";/m)[1];

/** What runs (the element, the API, the drawing, the worker, the wasm modules and their glue, the styles) and
 *  what describes it (typings, the element's manifest), laid out as in www/ so relative URLs hold. */
const RUNTIME = [
  'nianbao-check.js', 'nianbao-check-element.js', 'render.js', 'tables.js', 'words.js', 'version.js', 'worker.js', 'report.css',
  'pkg/nianbao_check.js', 'pkg/nianbao_check_bg.wasm',
  // The Word and the PDF reader, each a wasm module the worker fetches on its first such file.
  'pkg/nianbao_check_word.js', 'pkg/nianbao_check_word_bg.wasm', 'pkg/nianbao_check_pdf.js', 'pkg/nianbao_check_pdf_bg.wasm',
  // The rule reference each drawn finding links to (render.js: rules.html next to itself).
  'rules.html', 'rules.css',
];
const DESCRIBE = ['nianbao-check.d.ts', 'nianbao-check-element.d.ts', 'custom-elements.json'];

function fail(msg) {
  console.error(`pack: ${msg}`);
  process.exit(1);
}

// A stale build would ship another version's wasm: version.js is written by the same build.sh run.
const built = fs.existsSync(path.join(WWW, 'version.js')) ? fs.readFileSync(path.join(WWW, 'version.js'), 'utf8') : '';
if (!built.includes(`VERSION = '${version}'`) || !built.includes(`RULES_VERSION = '${rulesVersion}'`)) {
  fail(`www/version.js is missing or not ${version} / rules ${rulesVersion}: run scripts/build.sh first`);
}
for (const f of RUNTIME) if (!fs.existsSync(path.join(WWW, f))) fail(`www/${f} is missing: run scripts/build.sh first`);

fs.rmSync(STAGE, { recursive: true, force: true });
fs.mkdirSync(path.join(STAGE, 'pkg'), { recursive: true });
for (const f of [...RUNTIME, ...DESCRIBE]) fs.copyFileSync(path.join(WWW, f), path.join(STAGE, f));
fs.copyFileSync(path.join(ROOT, 'schema/report.schema.json'), path.join(STAGE, 'report.schema.json'));
fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(STAGE, 'LICENSE'));

// The package README: its own head, then the repository's embedding guide as it stands.
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const guide = readme.match(/^## Embedding in a portal\n[\s\S]*?(?=^## )/m);
if (!guide) fail('README.md has no "## Embedding in a portal" section');
fs.writeFileSync(path.join(STAGE, 'README.md'), fs.readFileSync(path.join(ROOT, 'npm/README.md'), 'utf8') + guide[0].trimEnd() + '\n');

const pkg = {
  name: 'nianbao-check',
  version,
  description: '政府信息公开工作年度报告 checker in the browser: a <nianbao-check> element and a headless API (Rust compiled to WebAssembly; files never leave the browser)',
  license: 'MIT',
  type: 'module',
  exports: {
    '.': { types: './nianbao-check.d.ts', default: './nianbao-check.js' },
    './element': { types: './nianbao-check-element.d.ts', default: './nianbao-check-element.js' },
    './report.css': './report.css',
    './report.schema.json': './report.schema.json',
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  types: './nianbao-check.d.ts',
  // Importing the element module defines the tag; the API, the drawing and the rest have no effect
  // on import, so a bundler may drop them when unused. The worker is an entry of its own.
  sideEffects: ['./nianbao-check-element.js', './worker.js'],
  customElements: 'custom-elements.json',
  files: [...RUNTIME, ...DESCRIBE, 'report.schema.json'],
  keywords: ['政府信息公开', '年度报告', 'annual-report', 'checker', 'web-component', 'custom-element', 'webassembly'],
  nianbaoCheck: { rulesVersion },
};
fs.writeFileSync(path.join(STAGE, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// --ignore-scripts: the package has none, and packing must never run anything from it.
const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', OUT], { cwd: STAGE, encoding: 'utf8' });
const [info] = JSON.parse(out);
const tgz = path.join(OUT, info.filename);
if (info.filename !== `nianbao-check-${version}.tgz`) fail(`npm pack wrote ${info.filename}`);
console.log(`${path.relative(ROOT, tgz)}: ${info.entryCount} files, ${fs.statSync(tgz).size} bytes packed, ${info.unpackedSize} unpacked`);
