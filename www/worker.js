// Module worker: compiles the checker once, then answers {id, op, args} with {id, ok, result|error}.
import init, { check, layout, rules } from './pkg/nianbao_check.js';

const ready = init();
const ops = { check, layout, rules };

self.addEventListener('message', async ({ data: { id, op, args } }) => {
  try {
    await ready;
    if (!Object.hasOwn(ops, op)) throw new Error(`未知操作：${op}`);
    self.postMessage({ id, ok: true, result: ops[op](...args) });
  } catch (e) {
    // A RuntimeError is a trap (a panic): the instance is unusable after it.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, fatal, error: e?.message ?? String(e) });
    if (fatal) self.close();
  }
});
