// The checker in node, composed as www/worker.js composes it in the browser: the core module, and
// the Word and PDF reader modules reading such files first. The reference every browser test
// compares the page with. `loadChecker(dir)` loads the modules of another folder (the installed
// npm package).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WWW = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../www');

/** As worker.js tells them, and src/readers/mod.rs: ZIP or compound file → Word, %PDF → PDF. */
export function readerFor(b) {
  const starts = (...sig) => b.length >= sig.length && sig.every((x, i) => b[i] === x);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'word';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'word';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  return null;
}

export async function loadChecker(pkg) {
  const load = async (name) => {
    const m = await import(pathToFileURL(path.join(pkg, `${name}.js`)).href);
    m.initSync({ module: fs.readFileSync(path.join(pkg, `${name}_bg.wasm`)) });
    return m;
  };
  const [core, word, pdf] = await Promise.all(['nianbao_check', 'nianbao_check_word', 'nianbao_check_pdf'].map(load));
  const readers = { word, pdf };
  return {
    check(files, options = {}) {
      const maxSize = Number(options?.maxSize) > 0 ? Number(options.maxSize) : 50 * 1024 * 1024;
      const inputs = Array.from(files, (f) => {
        const raw = f?.bytes;
        if (!(raw instanceof Uint8Array || raw instanceof ArrayBuffer)) return f;
        const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
        const kind = bytes.length <= maxSize ? readerFor(bytes) : null;
        if (!kind) return f;
        const { document, error } = readers[kind].read(bytes);
        const { bytes: _, ...rest } = f;
        return error ? { ...rest, error } : { ...rest, document };
      });
      return core.check(inputs, options);
    },
    layout: core.layout,
    rules: core.rules,
  };
}

export const { check, layout, rules } = await loadChecker(path.join(WWW, 'pkg'));
