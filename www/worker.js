// Module worker: answers {id, op, args} with {id, ok, result|error}. The checker is three wasm
// modules: the core (text, saved pages, .mht; recognition and rules) compiles as soon as the worker
// starts, while it downloads (streaming); the Word and the PDF reader are fetched and compiled on
// the first such file, and hand the document they read to the core.
import init, { check, layout, rules } from './pkg/nianbao_check.js';

const ready = init();

/** The default of nianbao-check.js: a larger file is not read (the core refuses it by its size). */
const DEFAULT_MAX_SIZE = 50 * 1024 * 1024;

/**
 * The reader module a file needs, told by its first bytes as src/readers/mod.rs tells them:
 * a ZIP (.docx) or a compound file (.doc) → Word, `%PDF` → PDF, anything else the core reads.
 */
function readerFor(b) {
  const starts = (...sig) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'word';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'word';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  return null;
}

const readers = new Map();

function reader(kind) {
  if (!readers.has(kind)) {
    // Literal specifiers, so that a bundler following the worker finds both modules.
    const load = kind === 'word' ? import('./pkg/nianbao_check_word.js') : import('./pkg/nianbao_check_pdf.js');
    const p = load.then(async (m) => {
      await m.default();
      return m;
    });
    p.catch(() => readers.delete(kind)); // a failed fetch is tried again on the next file
    readers.set(kind, p);
  }
  return readers.get(kind);
}

/** `check` of the core, with each Word file and PDF read by its reader module first. */
async function checkFiles(files, options) {
  const maxSize = Number(options?.maxSize) > 0 ? Number(options.maxSize) : DEFAULT_MAX_SIZE;
  const inputs = await Promise.all(Array.from(files ?? [], async (f) => {
    const raw = f?.bytes;
    if (!(raw instanceof Uint8Array || raw instanceof ArrayBuffer)) return f; // the core says what is wrong
    const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    const kind = bytes.length <= maxSize ? readerFor(bytes) : null;
    if (!kind) return f;
    const { read } = await reader(kind);
    const { document, error } = read(bytes);
    const { bytes: _, ...rest } = f;
    return error ? { ...rest, error } : { ...rest, document };
  }));
  await ready;
  return check(inputs, options);
}

// A check does not wait for the core before it fetches a reader: both load at once.
const ops = {
  check: checkFiles,
  layout: async (key) => (await ready, layout(key)),
  rules: async () => (await ready, rules()),
};

self.addEventListener('message', async ({ data: { id, op, args } }) => {
  try {
    if (!Object.hasOwn(ops, op)) throw new Error(`未知操作：${op}`);
    self.postMessage({ id, ok: true, result: await ops[op](...args) });
  } catch (e) {
    // A RuntimeError is a trap (a panic): the instance is unusable after it.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, fatal, error: e?.message ?? String(e) });
    if (fatal) self.close();
  }
});
