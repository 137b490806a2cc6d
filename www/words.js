// The interface's words for a checked report, in Chinese and English: the one place where
// severities, kinds, verdicts and the facts of a report are named. render.js draws with them, the
// page (i18n.js, app.js) and the <nianbao-check> element take them from here, so a word changes in
// one place. The findings' own texts come from the core, in both languages (`message`,
// `message_en`); `textOf` picks the one the reader chose.

export const SEVERITIES = ['error', 'warning', 'doubt', 'info'];
/** The kinds a finding list is split into, in this order. */
export const KINDS = [...SEVERITIES, 'not_assessable'];

const plural = (n, one) => `${n} ${one}${n === 1 ? '' : 's'}`;

const zh = {
  lang: 'zh-CN',
  /** One finding's kind, as its badge says. */
  kind: { error: '错误', warning: '警告', doubt: '存疑', info: '提示', not_assessable: '无法核对' },
  /** A list of findings of one kind, as its heading says. */
  groups: { error: '错误', warning: '警告', doubt: '存疑', info: '提示', not_assessable: '无法核对' },
  groupCount: (name, n) => `${name}（${n}）`,
  counts: { error: (n) => `${n} 个错误`, warning: (n) => `${n} 个警告`, doubt: (n) => `${n} 个存疑`, info: (n) => `${n} 个提示` },
  notAssessableCount: (n) => `${n} 项因单元格空白或不是数字而无法核对`,
  verdict: { passed: '通过', failed: '不通过', incomplete: '未能完整读取', unreadable: '无法读取' },
  input: { text: '文本', html: '网页', docx: 'Word（.docx）', doc: 'Word（.doc）', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' },
  version: { v2019: '2019 年版格式（国办公开办函〔2019〕60号）', v2021: '2021 年版格式（国办公开办函〔2021〕30号）' },
  facts: { title: '标题', year: '报告年度', version: '表格格式', input: '读取方式' },
  yearValue: (y) => `${y} 年`,
  cannotCheck: '无法检查这个文件：',
  findings: '检查结果',
  none: '全部规则均已通过。',
  ruleRef: (id) => `规则 ${id} 的说明`,
  passWith: (s) => `（另有 ${s}）`,
  incompleteWhy: '：读出的部分未发现错误，但下列表格没能完整读出，这份报告还不能算通过',
  reading: '未能读取的部分',
  tables: { t2: '表二', t3: '表三', t4: '表四' },
  tableCount: (t, n) => `${t}：${n} 项`,
  sep: '：',
  sep2: '；',
  edited: (orig) => (orig == null ? '已修改（原表中没有这个单元格）' : `已修改（原为“${orig}”）`),
  editsTitle: (n) => `已修改的单元格（${n}）`,
  revert: '还原',
  revertLabel: (label) => `还原 ${label}`,
  revertAll: '全部还原',
  editLabel: (label) => `修改 ${label}`,
  editHint: '双击单元格，或在单元格上按 Enter，可试改数值；检查结果随即更新。',
  missing: '缺失',
  empty: '（空）',
};

const en = {
  lang: 'en',
  kind: { error: 'Error', warning: 'Warning', doubt: 'Doubt', info: 'Note', not_assessable: 'Not assessable' },
  groups: { error: 'Errors', warning: 'Warnings', doubt: 'Doubts', info: 'Notes', not_assessable: 'Not assessable' },
  groupCount: (name, n) => `${name} (${n})`,
  counts: { error: (n) => plural(n, 'error'), warning: (n) => plural(n, 'warning'), doubt: (n) => plural(n, 'doubt'), info: (n) => plural(n, 'note') },
  notAssessableCount: (n) => `${n} not assessable (blank or not a number)`,
  verdict: { passed: 'Passed', failed: 'Failed', incomplete: 'Not fully read', unreadable: 'Unreadable' },
  input: { text: 'text', html: 'web page', docx: 'Word (.docx)', doc: 'Word (.doc)', xlsx: 'Excel', pdf: 'PDF', json: 'JSON' },
  version: { v2019: '2019 format (国办公开办函〔2019〕60号)', v2021: '2021 format (国办公开办函〔2021〕30号)' },
  facts: { title: 'Title', year: 'Report year', version: 'Table format', input: 'Read as' },
  yearValue: (y) => String(y),
  cannotCheck: 'This file cannot be checked: ',
  findings: 'Findings',
  none: 'Every rule passed.',
  ruleRef: (id) => `About rule ${id} (in Chinese)`,
  passWith: (s) => ` (with ${s})`,
  incompleteWhy: ': no error in what was read, but the tables below could not be read in full, so the report has not passed',
  reading: 'What could not be read',
  tables: { t2: 'Table 2', t3: 'Table 3', t4: 'Table 4' },
  tableCount: (t, n) => `${t}: ${n}`,
  sep: ': ',
  sep2: '; ',
  edited: (orig) => (orig == null ? 'Corrected (the cell was missing)' : `Corrected (was “${orig}”)`),
  editsTitle: (n) => `Corrected cells (${n})`,
  revert: 'Undo',
  revertLabel: (label) => `Undo the correction of ${label}`,
  revertAll: 'Undo all',
  editLabel: (label) => `Correct ${label}`,
  editHint: 'Double-click a cell, or press Enter on it, to try a correction; the findings update at once.',
  missing: 'missing',
  empty: '(empty)',
};

export const WORDS = { zh, en };

/** True for an English language tag (`en`, `en-GB`); everything else reads Chinese. */
export const isEnglish = (lang) => /^en\b/i.test(lang ?? '');

/** The words for a language tag. */
export const wordsFor = (lang) => (isEnglish(lang) ? en : zh);

/**
 * A text the core wrote in both languages (a finding, a reading gap, an error) in the reader's
 * language: `{ text, lang }`, Chinese when no English text came with it (a report from an older
 * checker).
 */
export function textOf(item, lang) {
  if (isEnglish(lang) && item?.message_en) return { text: item.message_en, lang: 'en' };
  return { text: item?.message ?? '', lang: 'zh-CN' };
}
