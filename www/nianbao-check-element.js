// <nianbao-check>: the checker as a custom element, for pages the project does not own (a
// provincial portal with its own styles and a strict CSP). Everything lives in an open shadow root,
// so the portal's CSS cannot reach in and ours cannot leak out; the only styles are report.css,
// linked from the asset base (a same-origin <link> is what `style-src 'self'` allows). The report is
// drawn by render.js, exactly as on the stand-alone page; the wasm loads in the module worker on the
// first check, never on page load. Typings: nianbao-check.d.ts; manifest: custom-elements.json.
//
//   <script type="module" src="/nianbao/nianbao-check-element.js"></script>
//   <nianbao-check max-size="20971520"></nianbao-check>
//   el.addEventListener('nianbao-check-done', (e) => fill(e.detail.report.cells));
import { checkFiles, getLayout } from './nianbao-check.js';
import { renderReport } from './render.js';
import { VERSION } from './version.js';

/** This module's folder, computed at run time (a literal `new URL('./', import.meta.url)` is rewritten by bundlers). */
const MODULE_BASE = String(import.meta.url).replace(/[^/]*$/, '');
export const DEFAULT_ACCEPT = '.html,.htm,.mht,.mhtml,.docx,.doc,.txt,.md,.pdf,text/html,text/plain';
/** Without `max-size`: large enough for any real report, small enough not to freeze a tab. */
export const DEFAULT_MAX_SIZE = 50 * 1024 * 1024;

function size(n, en) {
  if (n < 1024) return en ? `${n} bytes` : `${n} 字节`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const TEXT = {
  zh: {
    lang: 'zh-CN',
    title: '把年度报告拖到这里',
    hint: '支持网页（.html/.mht）、Word（.docx/.doc）、有文字层的 PDF 和文本（.txt），可一次放入同一机关相邻两年的报告。文件只在本机浏览器中检查，不会上传。',
    pick: '选择文件…',
    checking: (n) => `正在检查 ${n} 个文件…`,
    done: (n, errors, unread) => `已检查 ${n} 个文件` + (errors ? `，共 ${errors} 处错误` : '') + (unread ? `，${unread} 个文件无法检查` : '') + '。',
    tooLarge: (name, n, max) => `文件“${name}”大小为 ${size(n)}，超过了允许的 ${size(max)}，未予读取。`,
    notAccepted: (name) => `文件“${name}”不是可检查的类型（应为网页、Word、PDF 或文本文件），未予读取。`,
    failed: (m) => `检查失败：${m}`,
  },
  en: {
    lang: 'en',
    title: 'Drop an annual report here',
    hint: 'Web page (.html/.mht), Word (.docx/.doc), PDF with a text layer or text (.txt); two consecutive years of one agency can be dropped together. Files are checked in this browser and never uploaded.',
    pick: 'Choose files…',
    checking: (n) => `Checking ${n} file${n === 1 ? '' : 's'}…`,
    done: (n, errors, unread) => `Checked ${n} file${n === 1 ? '' : 's'}` + (errors ? `; ${errors} error${errors === 1 ? '' : 's'}` : '') + (unread ? `; ${unread} could not be read` : '') + '.',
    tooLarge: (name, n, max) => `"${name}" is ${size(n, true)}, over the limit of ${size(max, true)}; it was not read.`,
    notAccepted: (name) => `"${name}" is not a file type that can be checked (web page, Word, PDF or text); it was not read.`,
    failed: (m) => `The check failed: ${m}`,
  },
};

/** `::part()` names put on render.js's drawing (its classes stay internal; these are the API). */
const PARTS = [
  ['article.nb-report', 'report'],
  ['.nb-error', 'error'],
  ['.nb-summary', 'summary'],
  ['table.nb-table', 'table'],
  ['.nb-aside', 'findings'],
  ['button.nb-finding', 'finding'],
  ['td[data-cell]', 'cell'],
];

/** The `accept` test of <input type=file>, applied to dropped files too (a drop bypasses it). */
function accepts(file, accept) {
  const tokens = accept.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (!tokens.length) return true;
  const name = String(file.name ?? '').toLowerCase();
  const type = String(file.type ?? '').toLowerCase();
  return tokens.some((t) => (t.startsWith('.') ? name.endsWith(t) : t.endsWith('/*') ? type.startsWith(t.slice(0, -1)) : type === t));
}

function countErrors(reports) {
  return reports.reduce((n, r) => n + (r.findings ?? []).filter((f) => f.status === 'failed' && f.severity === 'error').length, 0);
}

export class NianbaoCheckElement extends HTMLElement {
  static observedAttributes = ['lang', 'accept', 'asset-base'];

  #els;
  #report = null;
  /** The reports drawn last and their layouts. */
  #drawn = null;
  #reports = [];
  #running = null;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const el = (tag, attrs = {}) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      return e;
    };
    const link = el('link', { rel: 'stylesheet' });
    const frame = el('div', { class: 'nbc', part: 'container' });
    const zone = el('section', { class: 'nbc-drop', part: 'drop-zone', 'aria-labelledby': 'nbc-title', 'aria-describedby': 'nbc-hint' });
    const title = el('p', { class: 'nbc-title', id: 'nbc-title' });
    const hint = el('p', { class: 'nbc-hint', id: 'nbc-hint' });
    const pick = el('button', { type: 'button', class: 'nbc-button', part: 'button', 'aria-describedby': 'nbc-hint' });
    const input = el('input', { type: 'file', multiple: '', hidden: '', tabindex: '-1' });
    const status = el('p', { class: 'nbc-status', part: 'status', role: 'status', 'aria-live': 'polite' });
    // The report follows the element's language (its tables keep the official Chinese wording).
    const results = el('div', { class: 'nbc-results', part: 'results' });
    zone.append(title, hint, pick, input);
    frame.append(zone, status, results);
    root.append(link, frame);
    this.#els = { link, frame, zone, title, hint, pick, input, status, results };

    pick.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      const files = [...input.files];
      input.value = ''; // picking the same file again checks it again
      this.#start(files);
    });
    // The whole element takes drops: a file let go beside the zone would make the browser open it.
    const wantsFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    for (const type of ['dragenter', 'dragover']) {
      frame.addEventListener(type, (e) => {
        if (!wantsFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        zone.classList.add('over');
        zone.part.add('drop-zone-active');
      });
    }
    const leave = () => {
      zone.classList.remove('over');
      zone.part.remove('drop-zone-active');
    };
    frame.addEventListener('dragleave', (e) => { if (!frame.contains(e.relatedTarget)) leave(); });
    frame.addEventListener('drop', (e) => {
      if (!wantsFiles(e)) return;
      e.preventDefault();
      leave();
      this.#start([...e.dataTransfer.files]);
    });
    this.#update();
  }

  attributeChangedCallback() {
    this.#update();
  }

  disconnectedCallback() {
    this.#running?.abort();
  }

  /** The report of the first file of the last finished check, or null. */
  get report() {
    return this.#report;
  }

  /** Every report of the last finished check (files checked together, in the order given). */
  get reports() {
    return this.#reports;
  }

  /** The checker's version (Cargo.toml), as in every report's `checker_version`. */
  get version() {
    return VERSION;
  }

  get accept() {
    return this.getAttribute('accept') ?? DEFAULT_ACCEPT;
  }
  set accept(v) {
    this.setAttribute('accept', v);
  }

  get maxSize() {
    const n = Number(this.getAttribute('max-size'));
    return this.hasAttribute('max-size') && Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_SIZE;
  }
  set maxSize(v) {
    this.setAttribute('max-size', String(v));
  }

  /** The folder that holds worker.js, pkg/ and report.css (default: this module's folder). */
  get assetBase() {
    return String(new URL(this.getAttribute('asset-base') ?? MODULE_BASE, document.baseURI));
  }
  set assetBase(v) {
    this.setAttribute('asset-base', v);
  }

  get blanksAsZero() {
    return this.hasAttribute('blanks-as-zero');
  }
  set blanksAsZero(v) {
    this.toggleAttribute('blanks-as-zero', Boolean(v));
  }

  /**
   * Checks files as if they were dropped (same events, same drawing). Resolves to the reports, or
   * to null when every file was refused (too large, wrong type); rejects with an AbortError when a
   * later check replaced this one.
   */
  check(files) {
    return this.#run(Array.from(files ?? []));
  }

  #text() {
    return /^en\b/i.test(this.getAttribute('lang') ?? '') ? TEXT.en : TEXT.zh;
  }

  #update() {
    const t = this.#text();
    const { link, frame, title, hint, pick, input } = this.#els;
    // Without asset-base, a literal beside this module, which bundlers that follow such URLs (vite) emit.
    const href = this.hasAttribute('asset-base') ? String(new URL('report.css', this.assetBase)) : String(new URL('./report.css', import.meta.url));
    if (link.href !== href) link.href = href;
    frame.lang = t.lang;
    title.textContent = t.title;
    hint.textContent = t.hint;
    pick.textContent = t.pick;
    input.accept = this.accept;
    this.#draw();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  #say(text, state) {
    this.#els.status.textContent = text;
    if (state) this.#els.status.dataset.state = state;
    else delete this.#els.status.dataset.state;
  }

  #start(files) {
    // Failures are reported by events and in the status line; nothing is left unhandled.
    this.#run(files).catch(() => {});
  }

  async #run(files) {
    const t = this.#text();
    const max = this.maxSize;
    const accept = this.accept;
    const refused = [];
    const taken = [];
    for (const f of files) {
      // Refused before a single byte is read.
      if (f.size > max) refused.push({ code: 'too_large', message: t.tooLarge(f.name, f.size, max), file: f.name });
      else if (!accepts(f, accept)) refused.push({ code: 'not_accepted', message: t.notAccepted(f.name), file: f.name });
      else taken.push(f);
    }
    for (const r of refused) this.#emit('nianbao-check-error', r);
    if (refused.length) this.#say(refused.map((r) => r.message).join(' '), 'error');
    if (!taken.length) return null;

    this.#running?.abort();
    const ac = (this.#running = new AbortController());
    const base = this.hasAttribute('asset-base') ? this.assetBase : undefined; // undefined: the API's own default
    const { results } = this.#els;
    this.#emit('nianbao-check-start', { files: taken });
    this.#say(t.checking(taken.length), 'busy');
    results.setAttribute('aria-busy', 'true');
    try {
      const { reports } = await checkFiles(taken, { base, signal: ac.signal, blanksAsZero: this.blanksAsZero, maxSize: max });
      const layouts = await Promise.all(reports.map((r) => (r.version ? getLayout(r.layout ?? r.version, { base }) : null)));
      if (ac.signal.aborted) throw new DOMException('检查已取消', 'AbortError');
      // Boxes are reused: render.js drops the window listeners of a container's previous drawing.
      const boxes = reports.map((_, i) => results.children[i] ?? Object.assign(document.createElement('section'), { className: 'nb-result' }));
      results.replaceChildren(...boxes);
      this.#drawn = { reports, layouts };
      this.#draw();
      this.#report = reports[0] ?? null;
      this.#reports = reports;
      const unread = reports.filter((r) => r.error);
      const summary = t.done(reports.length, countErrors(reports), unread.length);
      this.#say(refused.length ? `${refused.map((r) => r.message).join(' ')} ${summary}` : summary, unread.length || refused.length ? 'error' : 'done');
      for (const r of unread) this.#emit('nianbao-check-error', { code: r.error.code, message: r.error.message, file: r.file });
      this.#emit('nianbao-check-done', { report: this.#report, reports });
      return reports;
    } catch (e) {
      if (ac.signal.aborted) throw e; // replaced by a later check, or the element was removed
      const message = e?.message ?? String(e);
      this.#say(t.failed(message), 'error');
      this.#emit('nianbao-check-error', { code: 'check_failed', message });
      throw e;
    } finally {
      if (this.#running === ac) {
        this.#running = null;
        results.removeAttribute('aria-busy');
      }
    }
  }

  /** Draws the last reports in the element's language (again when `lang` changes). */
  #draw() {
    if (!this.#drawn) return;
    const { reports, layouts } = this.#drawn;
    const boxes = this.#els.results.children;
    reports.forEach((report, i) => {
      if (!boxes[i]) return;
      renderReport(boxes[i], report, layouts[i], { lang: this.#text().lang });
      this.#addParts(boxes[i]);
    });
  }

  #addParts(box) {
    for (const [selector, name] of PARTS) for (const e of box.querySelectorAll(selector)) e.part.add(name);
    for (const td of box.querySelectorAll('td[data-cell][data-severity]')) td.part.add(`cell-${td.dataset.severity}`);
    for (const td of box.querySelectorAll('td[data-cell][data-status="not_assessable"]')) td.part.add('cell-not-assessable');
  }
}

if (!customElements.get('nianbao-check')) customElements.define('nianbao-check', NianbaoCheckElement);
