// <nianbao-check> on the example portal page, under the portal's CSP and next to its hostile
// styles: real DataTransfer drops on the element, its events, the marks inside its shadow root
// compared with what the same wasm reports in node, the portal's styles unchanged around it and
// absent inside, errors, two elements side by side, checkFile() with an AbortSignal, and every
// request. Needs `scripts/build.sh` first (www/pkg). Run: node --test e2e/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './serve.mjs';
import { ROOT, corpus, launch, seedWith, recordingPage, assertOnlyOwnFiles, expectedMarks } from './helpers.mjs';
import { check } from './reference.mjs'; // the page's checker in node: the reference

const SEED_NAME = '2021年官前乡年报.txt';
const seed = corpus('real/seed-2021-guanqian.txt');
const mutated = seedWith(seed, (l) => l.replace('\t0', '\t3')); // 自然人 0 → 3
const blanked = seedWith(seed, (l) => l.replace('\t\t0', '\t\t')); // 自然人 left blank
const notReport = Buffer.from('关于做好秋季防火工作的通知\n\n各乡镇：请做好防火准备。\n'.repeat(5), 'utf8');
const ref = (name, bytes) => check([{ name, bytes }], {}).reports[0];

const PORTAL = 'portal-example.html';
/** The portal's policy, read from its meta tag; a portal also sends it as a header on every response,
 *  and only the header reaches the worker (a worker's CSP comes with its own script's response). */
const CSP = fs.readFileSync(path.join(ROOT, 'www', PORTAL), 'utf8').match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
/** Answers every request of the server with `csp` as a header. */
const withCsp = (csp) => async (r) => {
  const res = await r.fetch();
  await r.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': csp } });
  return true;
};
const OWN_FILES = new Set([
  `/${PORTAL}`, '/portal-example.css', '/portal-example.js', '/portal-example.svg',
  '/nianbao-check-element.js', '/nianbao-check.js', '/version.js', '/render.js', '/tables.js', '/words.js', '/report.css', '/worker.js',
  '/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm', '/pkg/nianbao_check_word.js', '/pkg/nianbao_check_word_bg.wasm', '/pkg/nianbao_check_pdf.js', '/pkg/nianbao_check_pdf_bg.wasm',
]);
const EVENTS = ['nianbao-check-start', 'nianbao-check-done', 'nianbao-check-error'];

/** Portal elements and the computed properties a leaking widget would change. */
const PORTAL_PROBES = ['body', '.portal-header', 'h1', 'h2', '.portal-nav a', '.portal-note', '#portal-t3 th',
  '#portal-t3 td', '#portal-submit', 'input[name="t4/review/upheld"]', 'caption', '.portal-footer'];
const PROPS = ['color', 'background-color', 'font-family', 'font-size', 'line-height', 'letter-spacing', 'text-align',
  'box-sizing', 'border-top-width', 'border-top-style', 'padding-top', 'margin-top', 'display', 'width'];

let server, browser, rec, page, baseline, seenParts, partsWanted;

function portalStyles(p) {
  return p.evaluate(({ probes, props }) => Object.fromEntries(probes.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return [sel, null];
    const cs = getComputedStyle(el);
    return [sel, Object.fromEntries(props.map((k) => [k, cs.getPropertyValue(k)]))];
  })), { probes: PORTAL_PROBES, props: PROPS });
}

before(async () => {
  server = await startServer(path.join(ROOT, 'www'), 0);
  browser = await launch();
  // The portal as it looks without the element (its module answered with an empty script).
  const bare = await recordingPage(browser, server, {
    intercept: async (r) => {
      if (!r.request().url().endsWith('/nianbao-check-element.js')) return false;
      await r.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
      return true;
    },
  });
  await bare.page.goto(server.url + PORTAL);
  await bare.page.waitForLoadState('networkidle');
  assert.equal(await bare.page.evaluate(() => customElements.get('nianbao-check')), undefined);
  baseline = await portalStyles(bare.page);
  await bare.ctx.close();
  server.log.length = 0;

  rec = await recordingPage(browser, server, { intercept: withCsp(CSP) });
  page = rec.page;
  await page.addInitScript((types) => {
    window.__events = [];
    for (const type of types) {
      document.addEventListener(type, (e) => {
        // Files do not cross into node: they are kept as what they are and their names.
        const detail = e.detail.files ? { ...e.detail, files: e.detail.files.map((f) => ({ name: f.name, isFile: f instanceof File })) } : e.detail;
        window.__events.push({ type, target: e.target.id, detail, composed: e.composed, bubbles: e.bubbles });
      });
    }
  }, EVENTS);
  await page.goto(server.url + PORTAL);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Drops files on an element's drop zone with a real DataTransfer: did the zone take the drag, was it shown active. */
function dropOn(id, files) {
  return page.evaluate(({ id, files }) => {
    const dt = new DataTransfer();
    for (const { name, bytes, type } of files) dt.items.add(new File([new Uint8Array(bytes)], name, { type: type ?? 'text/plain' }));
    const zone = document.getElementById(id).shadowRoot.querySelector('[part~="drop-zone"]');
    let took = true, active = false;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      const e = new DragEvent(type, { bubbles: true, cancelable: true, composed: true, dataTransfer: dt });
      zone.dispatchEvent(e);
      took &&= e.defaultPrevented;
      if (type === 'dragover') active = zone.part.contains('drop-zone-active');
    }
    return { took, active, after: zone.part.contains('drop-zone-active') };
  }, { id, files: files.map((f) => ({ ...f, bytes: [...f.bytes] })) });
}

/** Waits for the n-th event of `type` on element `id` (1-based, counting from the start) and returns its detail. */
async function eventNo(type, id, n) {
  await page.waitForFunction(({ type, id, n }) => window.__events.filter((e) => e.type === type && e.target === id).length >= n,
    { type, id, n }, { timeout: 30_000 });
  return page.evaluate(({ type, id, n }) => window.__events.filter((e) => e.type === type && e.target === id)[n - 1], { type, id, n });
}
const count = (type, id) => page.evaluate(({ type, id }) => window.__events.filter((e) => e.type === type && e.target === id).length, { type, id });

/** The marks inside an element's shadow root. */
function marks(id) {
  return page.evaluate((id) => {
    const all = [...document.getElementById(id).shadowRoot.querySelectorAll('td[data-cell]')];
    const pick = (sel) => all.filter((td) => td.matches(sel)).map((td) => td.dataset.cell).sort();
    return {
      cells: all.length,
      invalid: pick('[aria-invalid="true"]'),
      notAssessable: pick('[data-status="not_assessable"]'),
      severity: Object.fromEntries(all.filter((td) => td.dataset.severity).map((td) => [td.dataset.cell, td.dataset.severity])),
      text: Object.fromEntries(all.map((td) => [td.dataset.cell, td.textContent])),
      parts: Object.fromEntries(all.filter((td) => td.dataset.severity).map((td) => [td.dataset.cell, td.getAttribute('part')])),
    };
  }, id);
}

function assertMarks(got, report) {
  const want = expectedMarks(report);
  assert.equal(got.cells, 200, 'every v2021 cell is drawn');
  assert.deepEqual(got.invalid, want.invalid, 'exactly the cells of failed findings carry aria-invalid');
  assert.deepEqual(got.severity, want.severity, 'each marked cell shows its worst severity');
  assert.deepEqual(got.notAssessable, want.notAssessable);
  for (const [addr, c] of Object.entries(report.cells)) assert.equal(got.text[addr], c.raw, `${addr} shows its raw text`);
}

test('on load: the element is drawn in its shadow root, report.css only there, no worker and no wasm', async () => {
  await page.waitForLoadState('networkidle');
  const s = await page.evaluate(() => {
    const el = document.getElementById('checker');
    const root = el.shadowRoot;
    return {
      upgraded: el instanceof customElements.get('nianbao-check'),
      mode: root?.mode,
      links: [...root.querySelectorAll('link[rel=stylesheet]')].map((l) => new URL(l.href).pathname),
      shadowSheets: [...root.styleSheets].map((s) => s.cssRules.length),
      pageSheets: [...document.styleSheets].map((s) => new URL(s.href).pathname),
      title: root.querySelector('.nbc-title').textContent,
      button: root.querySelector('[part~="button"]').textContent,
      buttonTag: root.querySelector('[part~="button"]').localName,
      accept: root.querySelector('input[type=file]').accept,
      status: root.querySelector('[role=status]') !== null,
      report: el.report,
      maxSize: el.maxSize,
    };
  });
  assert.equal(s.upgraded, true);
  assert.equal(s.mode, 'open');
  assert.deepEqual(s.links, ['/report.css']);
  assert.equal(s.shadowSheets.length, 1);
  assert.ok(s.shadowSheets[0] > 50, 'report.css is loaded inside the shadow root');
  assert.deepEqual(s.pageSheets, ['/portal-example.css'], 'the page keeps only its own stylesheet');
  assert.equal(s.title, '把年度报告拖到这里');
  assert.equal(s.button, '选择文件…');
  assert.equal(s.buttonTag, 'button', 'the picker is a real button');
  assert.match(s.accept, /\.docx/);
  assert.ok(s.status);
  assert.equal(s.report, null);
  assert.equal(s.maxSize, 5242880, 'max-size from the portal markup');
  assert.ok(server.log.includes('/report.css') && server.log.includes('/render.js'));
  assert.ok(!server.log.some((p) => p.includes('worker') || p.includes('/pkg/')), `loaded early: ${server.log}`);
  assert.deepEqual(await portalStyles(page), baseline, 'the portal looks exactly as without the element');
});

test('a report dropped on the element: the events, the report, the marks in the shadow root, the portal form', async () => {
  assert.ok(!server.log.some((p) => p.startsWith('/pkg/')), 'no wasm before the first drop');
  assert.deepEqual(await dropOn('checker', [{ name: 'mutated.txt', bytes: mutated }]), { took: true, active: true, after: false },
    'the zone takes a file drag and shows it while it lasts');
  const start = await eventNo('nianbao-check-start', 'checker', 1);
  assert.deepEqual(start.detail.files, [{ name: 'mutated.txt', isFile: true }]);
  assert.equal(start.bubbles && start.composed, true);
  const done = await eventNo('nianbao-check-done', 'checker', 1);
  assert.equal(done.bubbles && done.composed, true);
  assert.ok(server.log.includes('/pkg/nianbao_check_bg.wasm'), 'the wasm loads on the first drop');

  const want = ref('mutated.txt', mutated);
  assert.deepEqual(done.detail.report, want, 'the report is the one the same wasm gives in node');
  assert.deepEqual(done.detail.reports, [want]);
  assert.equal(await page.evaluate(() => {
    const done = window.__events.find((e) => e.type === 'nianbao-check-done');
    return document.getElementById('checker').report === done.detail.report;
  }), true, 'the report property is the reported object');
  assert.equal(await count('nianbao-check-error', 'checker'), 0);

  const m = await marks('checker');
  assertMarks(m, want);
  assert.equal(m.severity['t3/new/natural'], 'error');
  assert.equal(m.parts['t3/new/natural'], 'cell cell-error');
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-cell], .nb-report').length), 0, 'nothing drawn in the light DOM');

  // The portal's own script filled its fields, named by cell addresses, from the event.
  const form = await page.evaluate(() => {
    const f = document.getElementById('report-form').elements;
    return {
      natural: f['t3/new/natural'].value, naturalInvalid: f['t3/new/natural'].getAttribute('aria-invalid'),
      carried: f['t3/carried/total'].value, review: f['t4/review/total'].value,
      title: f.title.value, year: f.year.value, errors: f.errors.value,
    };
  });
  assert.equal(form.natural, '3');
  assert.equal(form.naturalInvalid, 'true');
  assert.equal(form.carried, want.cells['t3/carried/total'].raw);
  assert.equal(form.review, want.cells['t4/review/total'].raw);
  assert.equal(form.title, want.title);
  assert.equal(form.year, String(want.year));
  assert.equal(form.errors, String(want.findings.filter((f) => f.status === 'failed' && f.severity === 'error').length));

  // The element's own UI: a finding selects its cells inside the shadow root, the tooltip shows.
  const host = page.locator('#checker');
  await host.locator('button.nb-finding[data-rule="T3-01"]').click();
  const selected = await page.evaluate(() => [...document.getElementById('checker').shadowRoot.querySelectorAll('td[data-selected]')].map((td) => td.dataset.cell).sort());
  assert.deepEqual(selected, [...want.findings.find((f) => f.rule === 'T3-01').cells].sort());
  const tip = host.locator('.nb-tip');
  await tip.waitFor({ state: 'visible' });
  assert.match(await tip.textContent(), /T3-01/);
});

test('accessibility: axe-core, which sees into the shadow root, finds no WCAG 2 A/AA violation', async () => {
  // A page of its own: axe applies inline styles, which the portal's CSP (rightly) reports.
  const own = await recordingPage(browser, server, { intercept: withCsp(CSP) });
  const p = own.page;
  try {
    await p.goto(server.url + PORTAL);
    await p.setInputFiles('#checker input[type=file]', [{ name: 'mutated.txt', mimeType: 'text/plain', buffer: mutated }]);
    await p.waitForFunction(() => document.getElementById('checker').report);
    await p.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')); // through CDP
    const axe = () => p.evaluate(async () => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`) }));
    });
    await p.locator('#checker td[data-cell="t3/new/natural"]').focus(); // a tooltip open
    assert.deepEqual(await axe(), []);
    // The control: an unnamed button inside the shadow root is found.
    await p.evaluate(() => { document.getElementById('checker').shadowRoot.querySelector('[part~="button"]').textContent = ''; });
    const found = await axe();
    assert.deepEqual(found.map((v) => v.id), ['button-name']);
    assert.match(found[0].nodes[0], /checker/);
  } finally {
    await own.ctx.close();
  }
});

test('the portal styles stay outside, none reaches inside; the documented hooks do', async () => {
  assert.deepEqual(await portalStyles(page), baseline, 'portal elements after a check: unchanged');
  const inside = await page.evaluate(() => {
    const root = document.getElementById('checker').shadowRoot;
    const cs = (sel, ...props) => {
      const s = getComputedStyle(root.querySelector(sel));
      return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
    };
    return {
      frame: cs('.nbc', 'font-family', 'font-size', 'letter-spacing', 'text-align', 'color'),
      td: cs('td[data-cell="t3/carried/natural"]', 'color', 'font-size', 'padding-top', 'box-sizing'),
      th: cs('table.nb-t3 th', 'background-color', 'color'),
      finding: cs('button.nb-finding', 'background-color', 'font-size', 'border-top-style'),
      table: cs('table.nb-t3', 'border-collapse', 'width'),
      section: cs('section.nb-result', 'border-top-width', 'padding-top'),
      li: cs('.nb-findings li', 'display'),
      zone: cs('[part~="drop-zone"]', 'box-sizing', 'background-color', 'border-top-color'),
      button: cs('[part~="button"]', 'background-color', 'color', 'font-size', 'border-top-style'),
      errorCell: cs('td[data-cell="t3/new/natural"]', 'background-color'),
    };
  });
  // Inherited portal properties (font, letter-spacing, centring) are reset at the frame.
  assert.doesNotMatch(inside.frame['font-family'], /SimSun|Songti/);
  assert.match(inside.frame['font-family'], /Noto Sans CJK SC/);
  assert.equal(inside.frame['letter-spacing'], 'normal');
  assert.equal(inside.frame['text-align'], 'start');
  assert.equal(inside.frame['font-size'], '14px', '--nianbao-check-font-size from the portal');
  // The portal's td, th, button, table, section, li rules do not apply.
  assert.notEqual(inside.td.color, 'rgb(255, 0, 0)');
  assert.equal(inside.td['font-size'], '13px');
  assert.equal(inside.td['box-sizing'], 'border-box', 'not the portal\'s * { box-sizing: content-box }');
  assert.notEqual(inside.th['background-color'], 'rgb(155, 27, 27)');
  assert.notEqual(inside.finding['background-color'], 'rgb(224, 168, 0)');
  assert.notEqual(inside.finding['border-top-style'], 'outset');
  assert.equal(inside.table['border-collapse'], 'collapse');
  assert.equal(inside.section['border-top-width'], '0px');
  assert.equal(inside.li.display, 'flex', 'report.css lays out a finding and its rule link, not the portal\'s li { display: inline }');
  // The hooks: --nianbao-check-accent and ::part(drop-zone), ::part(cell-error) from portal-example.css.
  assert.equal(inside.button['background-color'], 'rgb(155, 27, 27)');
  assert.equal(inside.button['border-top-style'], 'none');
  assert.equal(inside.zone['background-color'], 'rgb(255, 250, 240)');
  assert.equal(inside.zone['border-top-color'], 'rgb(155, 27, 27)');
  assert.equal(inside.errorCell['background-color'], 'rgb(255, 215, 215)');
  // And the portal's own elements keep the very rules the element escapes.
  const outside = await page.evaluate(() => {
    const s = getComputedStyle(document.querySelector('#portal-t3 td'));
    return { color: s.color, size: s.fontSize, box: s.boxSizing };
  });
  assert.deepEqual(outside, { color: 'rgb(255, 0, 0)', size: '30px', box: 'content-box' });
});

test('errors: a file over max-size is refused unread, a non-report and a wrong type are reported', async () => {
  await page.evaluate(() => {
    window.__reads = [];
    window.__unspy = [];
    for (const m of ['arrayBuffer', 'text', 'stream', 'slice']) {
      const orig = Blob.prototype[m];
      Blob.prototype[m] = function (...a) { window.__reads.push(`${m}:${this.name}`); return orig.apply(this, a); };
      window.__unspy.push(() => { Blob.prototype[m] = orig; });
    }
  });
  const starts = await count('nianbao-check-start', 'checker');
  await page.evaluate(() => {
    // 5 MB + 1 byte, made in the page: over the portal's max-size="5242880".
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(5 * 1024 * 1024 + 1)], '大报告.docx'));
    const zone = document.getElementById('checker').shadowRoot.querySelector('[part~="drop-zone"]');
    for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  const big = await eventNo('nianbao-check-error', 'checker', 1);
  assert.equal(big.detail.code, 'too_large');
  assert.equal(big.detail.file, '大报告.docx');
  assert.equal(big.detail.message, '文件“大报告.docx”大小为 5.0 MB，超过了允许的 5.0 MB，未予读取。');
  assert.equal(big.bubbles && big.composed, true);
  assert.deepEqual(await page.evaluate(() => window.__reads), [], 'not a byte read');
  assert.equal(await count('nianbao-check-start', 'checker'), starts, 'no check started');
  const status = page.locator('#checker [role=status]');
  assert.match(await status.textContent(), /超过了允许的/);
  assert.equal(await page.locator('#portal-notice').textContent(), `未能检查：${big.detail.message}`);
  assert.equal(await marks('checker').then((m) => m.cells), 200, 'the last report stays drawn');

  await dropOn('checker', [{ name: '程序.exe', bytes: Buffer.from('MZ'), type: 'application/octet-stream' }]);
  const exe = await eventNo('nianbao-check-error', 'checker', 2);
  assert.equal(exe.detail.code, 'not_accepted');
  assert.match(exe.detail.message, /不是可检查的类型/);
  assert.deepEqual(await page.evaluate(() => window.__reads), []);

  const want = ref('通知.txt', notReport);
  assert.ok(want.error, 'the core refuses the notice');
  await dropOn('checker', [{ name: '通知.txt', bytes: notReport }]);
  const err = await eventNo('nianbao-check-error', 'checker', 3);
  assert.deepEqual(err.detail, { code: want.error.code, message: want.error.message, file: '通知.txt' });
  const done = await eventNo('nianbao-check-done', 'checker', 2);
  assert.deepEqual(done.detail.report, want, 'done still reports what was checked');
  assert.deepEqual(await page.evaluate(() => document.getElementById('checker').report.error), want.error);
  const alert = page.locator('#checker [role=alert]');
  assert.equal(await alert.textContent(), `无法检查这个文件：${want.error.message}`);
  assert.equal(await marks('checker').then((m) => m.cells), 0);
  assert.equal(await page.evaluate(() => document.getElementById('report-form').elements['t3/new/natural'].value), '3',
    'the portal keeps its fields when nothing could be read');
  assert.deepEqual(await page.evaluate(() => window.__reads), ['arrayBuffer:通知.txt'], 'an accepted file is read once');
  await page.evaluate(() => window.__unspy.forEach((f) => f()));
});

test('a CSP header without \'wasm-unsafe-eval\': the worker cannot compile, the element says so', async () => {
  assert.match(CSP, /script-src 'self' 'wasm-unsafe-eval'/);
  const strict = await recordingPage(browser, server, { intercept: withCsp(CSP.replace(" 'wasm-unsafe-eval'", '')) });
  try {
    await strict.page.goto(server.url + PORTAL);
    const detail = await strict.page.evaluate(async (bytes) => {
      await customElements.whenDefined('nianbao-check');
      const el = document.getElementById('checker');
      const failed = new Promise((resolve) => el.addEventListener('nianbao-check-error', (e) => resolve(e.detail)));
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], 'seed.txt', { type: 'text/plain' }));
      const zone = el.shadowRoot.querySelector('[part~="drop-zone"]');
      for (const type of ['dragenter', 'dragover', 'drop']) zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
      const d = await failed;
      return { ...d, status: el.shadowRoot.querySelector('[role=status]').textContent, report: el.report };
    }, [...seed]);
    assert.equal(detail.code, 'check_failed');
    assert.match(detail.message, /WebAssembly|wasm|Content Security Policy|unsafe-eval/i);
    assert.equal(detail.status, `检查失败：${detail.message}`);
    assert.equal(detail.report, null);
  } finally {
    await strict.ctx.close();
  }
});

test('two elements on one page check independently: their own files, reports, marks and events', async () => {
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'two';
    for (const id of ['a', 'b']) {
      const el = document.createElement('nianbao-check');
      el.id = id;
      if (id === 'b') el.setAttribute('lang', 'en');
      box.append(el);
    }
    document.querySelector('main').append(box);
  });
  // Both drops before either check ends.
  await Promise.all([dropOn('a', [{ name: SEED_NAME, bytes: seed }]), dropOn('b', [{ name: 'blank.txt', bytes: blanked }, { name: 'mutated.txt', bytes: mutated }])]);
  const [a, b] = await Promise.all([eventNo('nianbao-check-done', 'a', 1), eventNo('nianbao-check-done', 'b', 1)]);
  const wantA = ref(SEED_NAME, seed);
  const wantB = check([{ name: 'blank.txt', bytes: blanked }, { name: 'mutated.txt', bytes: mutated }], {}).reports;
  assert.deepEqual(a.detail.reports, [wantA]);
  assert.deepEqual(b.detail.reports, wantB);
  assert.deepEqual(b.detail.report, wantB[0], 'report is the first file\'s');

  const ma = await marks('a');
  assertMarks(ma, wantA);
  assert.ok(!ma.invalid.includes('t3/new/natural'), 'the seed\'s cell is not marked in a');
  const mb = await page.evaluate(() => [...document.getElementById('b').shadowRoot.querySelectorAll('article.nb-report')].map((art) => ({
    file: art.dataset.file,
    invalid: [...art.querySelectorAll('td[aria-invalid="true"]')].map((td) => td.dataset.cell).sort(),
    na: [...art.querySelectorAll('td[data-status="not_assessable"]')].map((td) => td.dataset.cell).sort(),
  })));
  assert.deepEqual(mb.map((r) => r.file), ['blank.txt', 'mutated.txt']);
  assert.deepEqual(mb[0].invalid, expectedMarks(wantB[0]).invalid);
  assert.deepEqual(mb[0].na, expectedMarks(wantB[0]).notAssessable);
  assert.deepEqual(mb[1].invalid, expectedMarks(wantB[1]).invalid);
  assert.ok(mb[1].invalid.includes('t3/new/natural'));

  const props = await page.evaluate(() => ({
    a: document.getElementById('a').report.file, b: document.getElementById('b').reports.map((r) => r.file),
    checker: document.getElementById('checker').report.file,
    bTitle: document.getElementById('b').shadowRoot.querySelector('.nbc-title').textContent,
    bStatus: document.getElementById('b').shadowRoot.querySelector('[role=status]').textContent,
    aStatus: document.getElementById('a').shadowRoot.querySelector('[role=status]').textContent,
    bLang: document.getElementById('b').shadowRoot.querySelector('.nbc').lang,
  }));
  assert.deepEqual([props.a, props.b, props.checker], [SEED_NAME, ['blank.txt', 'mutated.txt'], '通知.txt'], 'each element keeps its own report');
  assert.equal(props.bTitle, 'Drop an annual report here', 'lang="en" switches the UI language');
  assert.equal(props.bLang, 'en');
  assert.match(props.bStatus, /^Checked 2 files; \d+ errors?\.$/);
  assert.equal(props.aStatus, '已检查 1 个文件。');
  // b speaks English: the same words as the page (words.js) and the core's English findings;
  // changing `lang` draws the reports again in the other language.
  const findingTexts = (id) => page.evaluate((id) => [...document.getElementById(id).shadowRoot.querySelectorAll('article.nb-report')]
    .filter((art) => art.dataset.file === 'mutated.txt')
    .flatMap((art) => [...art.querySelectorAll('button.nb-finding')].map((x) => [x.querySelector('.nb-sev').textContent, x.querySelector('.nb-msg').lang, x.querySelector('.nb-msg').textContent])), id);
  const wantEn = wantB[1].findings.map((f) => [f.status === 'not_assessable' ? 'Not assessable' : { error: 'Error', warning: 'Warning', doubt: 'Doubt', info: 'Note' }[f.severity], 'en', f.message_en]);
  const sortRows = (rows) => rows.map((r) => r.join('|')).sort();
  assert.ok(wantEn.length > 0);
  assert.deepEqual(sortRows(await findingTexts('b')), sortRows(wantEn), 'findings in English');
  await page.evaluate(() => document.getElementById('b').setAttribute('lang', 'zh-CN'));
  const wantZh = wantB[1].findings.map((f) => [f.status === 'not_assessable' ? '无法核对' : { error: '错误', warning: '警告', doubt: '存疑', info: '提示' }[f.severity], 'zh-CN', f.message]);
  assert.deepEqual(sortRows(await findingTexts('b')), sortRows(wantZh), 'drawn again in Chinese');
  assert.ok((await page.evaluate(() => document.getElementById('b').shadowRoot.querySelectorAll('td[data-cell]').length)) > 0, 'the tables drawn again');
  await page.evaluate(() => document.getElementById('b').setAttribute('lang', 'en'));
  assert.deepEqual(sortRows(await findingTexts('b')), sortRows(wantEn), 'and back in English');
  for (const id of ['a', 'b']) {
    assert.equal(await count('nianbao-check-start', id), 1);
    assert.equal(await count('nianbao-check-done', id), 1);
    assert.equal(await count('nianbao-check-error', id), 0);
  }
  assert.equal(await count('nianbao-check-done', 'checker'), 2, 'the portal\'s element saw none of it');

  // A second drop on a replaces only a's drawing.
  await dropOn('a', [{ name: 'mutated.txt', bytes: mutated }]);
  await eventNo('nianbao-check-done', 'a', 2);
  assert.ok((await marks('a')).invalid.includes('t3/new/natural'));
  assert.deepEqual(await page.evaluate(() => document.getElementById('b').reports.map((r) => r.file)), ['blank.txt', 'mutated.txt']);
  // Every ::part name on the page now, for the manifest test: the static ones and a cell-<severity>
  // for each severity some drawn report has.
  seenParts = await page.evaluate(() => [...new Set([...document.querySelectorAll('nianbao-check')]
    .flatMap((el) => [...el.shadowRoot.querySelectorAll('[part]')].flatMap((e) => [...e.part])))].sort());
  // Drawn now: 通知.txt in #checker (error), mutated.txt in a, blank.txt and mutated.txt in b.
  partsWanted = new Set(['container', 'drop-zone', 'button', 'status', 'results', 'report', 'error', 'summary', 'table', 'findings', 'finding', 'cell']);
  for (const r of wantB) {
    const m = expectedMarks(r);
    for (const sev of Object.values(m.severity)) partsWanted.add(`cell-${sev}`);
    if (m.notAssessable.length) partsWanted.add('cell-not-assessable');
  }
  await page.evaluate(() => document.getElementById('two').remove());
});

test('checkFile from page script: bytes or a File, blanksAsZero, an AbortSignal', async () => {
  const res = await page.evaluate(async ({ seed, blanked }) => {
    const { checkFile } = await import('./nianbao-check.js');
    const bytes = new Uint8Array(seed);
    const fromBytes = await checkFile(bytes, { name: 'seed.txt' });
    const fromFile = await checkFile(new File([new Uint8Array(blanked)], 'blank.txt'));
    const lenient = await checkFile({ name: 'blank.txt', bytes: new Uint8Array(blanked) }, { blanksAsZero: true });
    const ac = new AbortController();
    ac.abort();
    const early = await checkFile(bytes, { signal: ac.signal }).then(() => 'resolved', (e) => e.name);
    const ac2 = new AbortController();
    const p = checkFile(bytes, { name: 'late.txt', signal: ac2.signal });
    ac2.abort();
    const late = await p.then(() => 'resolved', (e) => e.name);
    const again = await checkFile(bytes);
    return { fromBytes, fromFile, lenient, early, late, again: again.file, bytesKept: bytes.length };
  }, { seed: [...seed], blanked: [...blanked] });
  assert.deepEqual(res.fromBytes, ref('seed.txt', seed));
  assert.deepEqual(res.fromFile, ref('blank.txt', blanked));
  assert.ok(res.fromFile.findings.some((f) => f.rule === 'T3-01' && f.status === 'not_assessable'));
  assert.ok(!res.lenient.findings.some((f) => f.rule === 'T3-01' && f.status === 'not_assessable'), 'blanksAsZero reaches the core');
  assert.equal(res.early, 'AbortError');
  assert.equal(res.late, 'AbortError');
  assert.equal(res.again, '文件1', 'bare bytes without a name');
  assert.equal(res.bytesKept, seed.length, "the caller's bytes are not transferred away");
});

test('custom-elements.json and the typings describe the element as it is', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'www/custom-elements.json'), 'utf8'));
  assert.equal(manifest.schemaVersion, '1.0.0');
  const mod = manifest.modules.find((m) => m.path === 'nianbao-check-element.js');
  const el = mod.declarations.find((d) => d.customElement);
  assert.equal(el.tagName, 'nianbao-check');
  assert.ok(mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === 'nianbao-check'));
  assert.deepEqual(el.events.map((e) => e.name).sort(), [...EVENTS].sort());

  // Parts: what the drawings on the page carried is exactly what was expected, and all documented.
  assert.deepEqual(seenParts, [...partsWanted].sort());
  const documented = el.cssParts.map((p) => p.name).sort();
  const all = [...partsWanted, 'drop-zone-active', ...['error', 'warning', 'doubt', 'info', 'not-assessable'].map((s) => `cell-${s}`)];
  assert.deepEqual(documented, [...new Set(all)].sort());

  // Custom properties: exactly those report.css reads, with its fallbacks as defaults.
  const css = fs.readFileSync(path.join(ROOT, 'www/report.css'), 'utf8');
  const used = new Map();
  for (const [, name, fallback] of css.matchAll(/var\((--nianbao-check-[a-z-]+),\s*([^)]*)\)/g)) {
    assert.equal(used.get(name) ?? fallback, fallback, `${name} has one fallback`);
    used.set(name, fallback.trim());
  }
  assert.deepEqual(Object.fromEntries(el.cssProperties.map((p) => [p.name, p.default])), Object.fromEntries([...used].sort()),
    'every --nianbao-check-* that report.css reads is a public hook: list it in custom-elements.json (cssProperties, its fallback as default) and the README');

  // Attributes and members against the class itself.
  const cls = await page.evaluate(() => {
    const C = customElements.get('nianbao-check');
    const proto = Object.getOwnPropertyDescriptors(C.prototype);
    return {
      observed: C.observedAttributes,
      members: Object.fromEntries(Object.entries(proto).map(([k, d]) => [k, d.get ? (d.set ? 'rw' : 'r') : typeof d.value])),
    };
  });
  const attrs = el.attributes.map((a) => a.name);
  for (const a of cls.observed) assert.ok(attrs.includes(a), `observed attribute ${a} is documented`);
  for (const a of el.attributes.filter((a) => a.fieldName)) assert.equal(cls.members[a.fieldName], 'rw', `${a.name} reflects to ${a.fieldName}`);
  for (const m of el.members) {
    const want = m.kind === 'method' ? 'function' : m.readonly ? 'r' : 'rw';
    assert.equal(cls.members[m.name], want, `member ${m.name}`);
  }
  const dts = fs.readFileSync(path.join(ROOT, 'www/nianbao-check.d.ts'), 'utf8');
  for (const name of [...EVENTS, 'checkFile(', 'checkFiles(', 'interface Report ', 'interface NianbaoCheckElement ', 'HTMLElementEventMap']) {
    assert.ok(dts.includes(name), `the typings declare ${name}`);
  }
  for (const m of el.members) assert.match(dts, new RegExp(`\\b${m.name}[(:]`), `the typings declare ${m.name}`);
});

test('nothing but the page\'s own files is requested; no CSP violation', async () => {
  await assertOnlyOwnFiles(rec, server, OWN_FILES);
  for (const p of ['/worker.js', '/pkg/nianbao_check.js', '/pkg/nianbao_check_bg.wasm', '/report.css']) assert.ok(server.log.includes(p), `${p} served`);
});
