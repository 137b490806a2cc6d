// The page's interface in Chinese (the default) and English. The tables keep the official Chinese
// wording; findings come from the core in both languages. The words a report is drawn with
// (severities, kinds, verdicts) live in words.js, shared with the <nianbao-check> element; this
// file holds the page's own. Elements name their text with data-i18n (text), data-i18n-label
// (aria-label) or data-i18n-title; apply() fills them.

import { WORDS } from './words.js';

/** The page's words that are the report's words too, taken from words.js. */
const shared = (w) => ({
  kindError: w.groups.error,
  kindWarning: w.groups.warning,
  kindDoubt: w.groups.doubt,
  kindInfo: w.groups.info,
  kindNa: w.groups.not_assessable,
  pass: w.verdict.passed,
  fail: w.verdict.failed,
  incomplete: w.verdict.incomplete,
  unreadable: w.verdict.unreadable,
  errors: w.counts.error,
  warnings: w.counts.warning,
  doubts: w.counts.doubt,
  infos: w.counts.info,
  one: w.kind,
  sep: w.sep,
});

const zh = {
  ...shared(WORDS.zh),
  lang: 'zh-CN',
  inParens: (s) => `（${s}）`,
  title: '政府信息公开工作年度报告检查',
  intro: '核对年度报告三张统计表的勾稽关系和格式。文件只在本机浏览器中检查，不会上传。',
  switchTo: 'English',
  switchToLang: 'en',
  switchLabel: 'Switch the interface to English',
  langNote: '',
  dropTitle: '把年度报告拖到这里',
  dropHelp: '可一次放入多个文件或整个文件夹中的文件（同一机关相邻两年的报告将同时核对上年结转）。支持网页（.html）、Word（.docx/.doc）、有文字层的 PDF 和文本（.txt）。',
  pick: '选择文件…',
  pickFolder: '选择文件夹…',
  tools: '工具',
  basis: '规则依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号、〔2021〕30号）。',
  rulesLink: '全部核对规则及说明',
  append: '保留已检查的文件（新文件追加在后）',
  blanks: '把空白单元格当作 0 计算（默认不这样做：空白不等于 0）',
  cancel: '取消',
  reading: (i, n) => `正在读取 ${i}/${n}`,
  readingStart: (n) => `正在读取 ${n} 个文件…`,
  checked: (n, pass, fail, bad, part = 0) => `已检查 ${n} 个文件：${pass} 个通过，${fail} 个不通过` + (part ? `，${part} 个未能完整读取` : '') + (bad ? `，${bad} 个无法读取` : '') + '。',
  failedRun: (m) => `检查失败：${m}`,
  cancelled: '已取消。',
  unreadableFile: (m) => `无法读取文件：${m}`,
  files: (n) => `文件（${n}）`,
  filesNav: '已检查的文件，问题多的在前',
  show: '显示',
  prevProblem: '上一个问题',
  nextProblem: '下一个问题',
  keys: '快捷键：j 或 n 下一个问题，k 或 p 上一个问题，[ 和 ] 切换文件，在单元格上按 Enter 修改，Esc 取消修改。',
  position: (i, n) => `第 ${i}/${n} 个问题`,
  noProblems: '没有要显示的问题。',
  lastProblem: '已是最后一个问题。按 ] 看下一个文件。',
  firstProblem: '已是第一个问题。',
  exportCsv: '导出全部问题（CSV）',
  exportJson: '导出全部结果（JSON）',
  exportEditsCsv: '导出修改（CSV）',
  exportEditsJson: '导出修改（JSON）',
  print: '打印',
  exportNote: '导出的是当前显示的结果；试改过的文件按修改后的数值核对，修改本身可另行导出。',
  rechecked: (name, verdict) => `已重新检查 ${name}：${verdict}`,
  offlineReady: '已可离线使用：断网后本页仍可检查文件。',
  checkerVersion: '检查程序版本',
  rulesVersion: '规则版本',
};

const en = {
  ...shared(WORDS.en),
  lang: 'en',
  inParens: (s) => ` (${s})`,
  title: 'Checker for government information disclosure annual reports',
  intro: 'Checks the three statistics tables of an annual report (政府信息公开工作年度报告) for consistency and format. Files are checked in this browser only and are never uploaded.',
  switchTo: '中文',
  switchToLang: 'zh-CN',
  switchLabel: '把界面切换为中文',
  langNote: 'The tables keep the official Chinese wording of the format; the findings are in English.',
  dropTitle: 'Drop annual reports here',
  dropHelp: 'Drop many files at once, or all the files of a folder (reports of one agency for consecutive years are also checked against each other). Web pages (.html), Word (.docx/.doc), PDF with a text layer, and text (.txt).',
  pick: 'Choose files…',
  pickFolder: 'Choose a folder…',
  tools: 'Tools',
  basis: 'Rules as set out in the official format of the annual report (国办公开办函〔2019〕60号, 〔2021〕30号).',
  rulesLink: 'All rules and what they check (in Chinese)',
  append: 'Keep the files already checked (add new ones after them)',
  blanks: 'Count blank cells as 0 (off by default: a blank is not a zero)',
  cancel: 'Cancel',
  reading: (i, n) => `Reading ${i}/${n}`,
  readingStart: (n) => `Reading ${n} files…`,
  checked: (n, pass, fail, bad, part = 0) => `Checked ${n} files: ${pass} passed, ${fail} failed` + (part ? `, ${part} not fully read` : '') + (bad ? `, ${bad} unreadable` : '') + '.',
  failedRun: (m) => `The check failed: ${m}`,
  cancelled: 'Cancelled.',
  unreadableFile: (m) => `Cannot read the file: ${m}`,
  files: (n) => `Files (${n})`,
  filesNav: 'Checked files, worst first',
  show: 'Show',
  prevProblem: 'Previous problem',
  nextProblem: 'Next problem',
  keys: 'Keys: j or n next problem, k or p previous problem, [ and ] change file, Enter on a cell to correct it, Esc to cancel.',
  position: (i, n) => `Problem ${i} of ${n}`,
  noProblems: 'No problems to show.',
  lastProblem: 'This is the last problem. Press ] for the next file.',
  firstProblem: 'This is the first problem.',
  exportCsv: 'Export all findings (CSV)',
  exportJson: 'Export all results (JSON)',
  exportEditsCsv: 'Export corrections (CSV)',
  exportEditsJson: 'Export corrections (JSON)',
  print: 'Print',
  exportNote: 'Exports show the results as displayed: files with corrections are checked with the corrected values; the corrections themselves export separately.',
  rechecked: (name, verdict) => `Checked ${name} again: ${verdict}`,
  offlineReady: 'Ready offline: this page keeps checking files with the network cut.',
  checkerVersion: 'Checker version',
  rulesVersion: 'rules version',
};

const DICTS = { 'zh-CN': zh, en };
let current = zh;

/** The saved choice, else Chinese (the page is for Chinese agencies, whatever the browser says). */
export function initialLang() {
  try {
    const saved = localStorage.getItem('nianbao-lang');
    if (saved && DICTS[saved]) return saved;
  } catch { /* storage may be off */ }
  return 'zh-CN';
}

export function setLang(lang) {
  current = DICTS[lang] ?? zh;
  try { localStorage.setItem('nianbao-lang', current.lang); } catch { /* storage may be off */ }
  return current;
}

export const t = new Proxy({}, { get: (_, k) => current[k] });

/** A text of the page in both languages, as reports carry their messages (message, message_en). */
export const both = (key, ...args) => ({ zh: zh[key](...args), en: en[key](...args) });


/** Fills every element that names its text, label or title in the current language. */
export function apply(root = document) {
  document.documentElement.lang = current.lang;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = current[el.dataset.i18n];
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', current[el.dataset.i18nLabel]);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = current[el.dataset.i18nTitle];
}
