// The headless checker: files in, reports out (the JSON of report-json.md). The WebAssembly runs in
// a module worker started on first use, so loading the page costs nothing and a long check never
// blocks the page. No drawing here: see render.js.
//
//   import { checkFile, checkFiles } from './nianbao-check.js';
//   const report = await checkFile(input.files[0], { signal });
//   const { reports } = await checkFiles(input.files, { blanksAsZero: false, signal });
//
// Options: `base` — the URL of the folder that holds worker.js and pkg/ (default: this module's
// folder); `signal` — an AbortSignal; `blanksAsZero` — read blank cells as 0 in sums; `maxSize`
// — files larger than this many bytes are not read (report error `too_large`; default 50 MB).
// Typings: nianbao-check.d.ts. `version` and `rulesVersion` say which checker and rule catalogue
// this is (every report says the same in `checker_version` and `rules_version`).

export { VERSION as version, RULES_VERSION as rulesVersion } from './version.js';

/** Files larger than this are not read (the checker's memory bound holds up to it). */
export const DEFAULT_MAX_SIZE = 50 * 1024 * 1024;

/** One worker per asset base; each keeps its compiled module for later checks. */
const workers = new Map();

function abortError(signal) {
  return signal.reason instanceof Error ? signal.reason : new DOMException('检查已取消', 'AbortError');
}

function startWorker(base) {
  const key = base ? String(base) : '';
  const existing = workers.get(key);
  if (existing) return existing;
  // Without a base, the worker is named by a literal beside this module: bundlers that follow
  // `new Worker(new URL('./worker.js', import.meta.url))` (vite, webpack) emit it and the wasm it
  // loads; a bundler that does not (esbuild) leaves it to be found next to the bundle.
  const worker = base
    ? new Worker(new URL('worker.js', base), { type: 'module', name: 'nianbao-check' })
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'nianbao-check' });
  const w = { worker, pending: new Map(), nextId: 1 };
  const fail = (message) => {
    workers.delete(key);
    w.worker.terminate();
    for (const { reject } of w.pending.values()) reject(new Error(message));
    w.pending.clear();
  };
  w.worker.addEventListener('message', ({ data }) => {
    const p = w.pending.get(data.id);
    if (p) {
      w.pending.delete(data.id);
      data.ok ? p.resolve(data.result) : p.reject(new Error(data.error));
    }
    // After a trap the module's memory cannot be trusted: the next check starts a fresh worker.
    if (data.fatal) fail('检查程序出错，已重新启动，请再试一次。');
  });
  w.worker.addEventListener('error', (e) => {
    e.preventDefault?.();
    fail(`检查程序无法加载：${e.message || '请检查网络或刷新页面'}`);
  });
  w.terminate = () => fail('检查已取消');
  workers.set(key, w);
  return w;
}

function call(op, args, { base, signal } = {}, transfer = []) {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const w = startWorker(base == null ? null : new URL(base, globalThis.document?.baseURI ?? location.href));
  const id = w.nextId++;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      w.pending.delete(id);
      reject(abortError(signal));
      // The only way to stop a running check is to stop its worker; the next call starts another.
      if (w.pending.size === 0) w.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (f) => (v) => {
      signal?.removeEventListener('abort', onAbort);
      f(v);
    };
    w.pending.set(id, { resolve: done(resolve), reject: done(reject) });
    w.worker.postMessage({ id, op, args }, transfer);
  });
}

/**
 * `File`/`Blob` (its bytes are read here, unless there are more than `maxSize`: then only its
 * size goes to the checker, which refuses it) or `{name, bytes, edits?, size?}`.
 */
async function toInput(f, i, maxSize) {
  if (typeof Blob !== 'undefined' && f instanceof Blob) {
    if (f.size > maxSize) return { input: { name: f.name ?? `文件${i + 1}`, bytes: new Uint8Array(0), size: f.size }, owned: null };
    const bytes = new Uint8Array(await f.arrayBuffer());
    return { input: { name: f.name ?? `文件${i + 1}`, bytes }, owned: bytes.buffer };
  }
  if (f && typeof f === 'object' && typeof f.name === 'string' && (f.bytes instanceof Uint8Array || f.bytes instanceof ArrayBuffer)) {
    const input = { name: f.name, bytes: f.bytes };
    if (f.edits) input.edits = f.edits;
    if (f.size) input.size = f.size;
    return { input, owned: null }; // the caller's bytes: copied, never transferred away
  }
  throw new TypeError(`第 ${i + 1} 个文件无效：应为 File，或 {name, bytes: Uint8Array}`);
}

/**
 * Checks one file; resolves to its report (one report of report-json.md). `fileOrBytes` is a
 * `File`/`Blob`, `{name, bytes, edits?}`, or bare bytes (`Uint8Array`/`ArrayBuffer`, named
 * `options.name` or 文件1). A file that is not a report resolves to a report with `error` set.
 */
export async function checkFile(fileOrBytes, options = {}) {
  const bare = fileOrBytes instanceof Uint8Array || fileOrBytes instanceof ArrayBuffer;
  const file = bare ? { name: String(options.name ?? '文件1'), bytes: fileOrBytes } : fileOrBytes;
  const { reports } = await checkFiles([file], options);
  return reports[0];
}

/**
 * Checks files together; resolves to `{reports}` in the order given. A file that is not a report
 * gives a report with `error` ({code, message} in Chinese), not a rejection.
 */
export async function checkFiles(files, options = {}) {
  const list = Array.from(files ?? []);
  const maxSize = Number(options.maxSize) > 0 ? Number(options.maxSize) : DEFAULT_MAX_SIZE;
  const prepared = await Promise.all(list.map((f, i) => toInput(f, i, maxSize)));
  options.signal?.throwIfAborted?.();
  const inputs = prepared.map((p) => p.input);
  const transfer = prepared.map((p) => p.owned).filter(Boolean);
  const opts = { blanksAsZero: Boolean(options.blanksAsZero), maxSize };
  return call('check', [inputs, opts], options, transfer);
}

const layouts = new Map();

/** The official layout of `v2019`, `v2021` or a report's own `layout` (`v2021-single-other-row`): tables, rows (with merged group labels), columns. */
export function getLayout(version, options = {}) {
  const key = `${options.base ?? ''}|${version}`;
  if (!layouts.has(key)) {
    const p = call('layout', [version], options);
    p.catch(() => layouts.delete(key));
    layouts.set(key, p);
  }
  return layouts.get(key);
}

/** The rule catalogue: [{id, severity, title, checks, why, example}]. */
export function getRules(options = {}) {
  return call('rules', [], options);
}
