// Typings for nianbao-check.js (the headless checker) and nianbao-check-element.js (the
// <nianbao-check> element; its module's own typings are nianbao-check-element.d.ts). The report
// shape is report-json.md, as a JSON Schema in report.schema.json: fields are only ever added, so
// a portal may rely on these.

/** A canonical cell address, `table/row/column`, e.g. `t3/new/natural` (format.md). */
export type CellAddress = string;

export type Severity = 'error' | 'warning' | 'doubt' | 'info';
export type FindingStatus = 'failed' | 'not_assessable';
export type FormatVersion = 'v2019' | 'v2021';
export type InputKind = 'text' | 'html' | 'docx' | 'doc' | 'xlsx' | 'pdf' | 'json';

export interface Cell {
  /** The text as printed ("1,234", "／", ""). */
  raw: string;
  /** The number, or null when blank, n/a or text. */
  value: number | null;
  state: 'number' | 'blank' | 'na' | 'text';
}

export interface Finding {
  /** Rule id of the catalogue, e.g. `T3-01`. */
  rule: string;
  severity: Severity;
  status: FindingStatus;
  /** Every cell the rule involves, the cell to blame first. */
  cells: CellAddress[];
  /** Chinese, for the person who fills the report. */
  message: string;
  /** The value the rule expects, or null. */
  expected: number | null;
  /** The value the report has, or null. */
  actual: number | null;
  /** Narrative rules: the sentence of the report's text, verbatim; otherwise null. */
  sentence: string | null;
  /** Cross-year rules: the other report's file; otherwise null. */
  related_file: string | null;
}

export interface ReadError {
  /** e.g. `no_tables`, `old_format`, `damaged`, `encrypted`, `too_large`, `empty`. */
  code: string;
  /** Chinese. */
  message: string;
}

/** One checked file. When `error` is set nothing else but `file` (and maybe `input`) is filled. */
export interface Report {
  /** The checker that made the report, e.g. `0.1.0` (the same as `version`). */
  checker_version: string;
  /** The rule catalogue it was checked against, `YEAR.N` (the same as `rulesVersion`). */
  rules_version: string;
  file: string;
  input: InputKind | null;
  version: FormatVersion | null;
  /** The tables' layout as the report has them; pass it to getLayout to draw them. */
  layout: LayoutKey | null;
  year: number | null;
  title: string | null;
  agency: string | null;
  cells: Record<CellAddress, Cell>;
  findings: Finding[];
  error: ReadError | null;
  /** Only in the page's JSON export: the corrections a report was checked with. */
  edits?: { cell: CellAddress; original: string | null; corrected: string }[];
}

/** The checker's version (Cargo.toml), as in every report's `checker_version`. */
export const version: string;
/** The rule catalogue's version, as in every report's `rules_version`. */
export const rulesVersion: string;

export interface CheckResult {
  reports: Report[];
}

/** Bytes with a name; `edits` replaces the raw text of cells before checking. */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array | ArrayBuffer;
  edits?: Record<CellAddress, string>;
  /** The file's size, when `bytes` were left out because it is too large to read. */
  size?: number;
}

export interface CheckOptions {
  /** The folder (URL) holding worker.js and pkg/; default: the module's own folder. */
  base?: string | URL;
  /** Aborting rejects with an AbortError and stops the running check. */
  signal?: AbortSignal;
  /** Read blank cells as 0 in sums (default false: a blank is not a zero). */
  blanksAsZero?: boolean;
  /** Files larger than this (bytes) are not read: their report has error `too_large` (default 50 MB). */
  maxSize?: number;
}

export interface CheckFileOptions extends CheckOptions {
  /** The file name for bare bytes (default 文件1). */
  name?: string;
}

/** Checks one file: resolves to its report; a file that is not a report gives `error`, not a rejection. */
export function checkFile(file: Blob | NamedBytes | Uint8Array | ArrayBuffer, options?: CheckFileOptions): Promise<Report>;
/** Checks files together (cross-year rules pair reports of one agency); reports in the order given. */
export function checkFiles(files: Iterable<Blob | NamedBytes> | ArrayLike<Blob | NamedBytes>, options?: CheckOptions): Promise<CheckResult>;

export interface LayoutColumn { key: string; label: string }
export interface LayoutRow { key: string; label: string; group: string | null; columns: LayoutColumn[] }
export interface LayoutTable { id: 't2' | 't3' | 't4'; title: string; rows: LayoutRow[] }
/** A layout: a format version's, or a 2021+ report that keeps v2019's single （六）其他处理 row. */
export type LayoutKey = FormatVersion | 'v2021-single-other-row';
/** The official layout of a format version (or a report's `layout`), for drawing the tables as printed. */
export function getLayout(version: LayoutKey, options?: Pick<CheckOptions, 'base'>): Promise<LayoutTable[]>;

export interface RuleInfo { id: string; severity: Severity; title: string; checks: string; why: string; example: string }
/** The rule catalogue. */
export function getRules(options?: Pick<CheckOptions, 'base'>): Promise<RuleInfo[]>;

// ---- <nianbao-check> (nianbao-check-element.js) ----

export interface NianbaoCheckStartDetail {
  /** The files about to be checked (refused ones are not among them). */
  files: File[];
}
export interface NianbaoCheckDoneDetail {
  /** The report of the first file (may have `error`). */
  report: Report;
  /** Every report of this check, in the order the files came. */
  reports: Report[];
}
export interface NianbaoCheckErrorDetail {
  /**
   * `too_large` (over max-size, not read), `not_accepted` (not matching accept, not read),
   * `check_failed` (the checker itself failed), or a report's `error.code` (read, not a report).
   */
  code: string;
  /** In the UI language (zh by default); a report's own error is always Chinese. */
  message: string;
  /** The file concerned; absent for `check_failed`. */
  file?: string;
}

/**
 * The element's instance type. nianbao-check-element.js is loaded for its side effect (it defines
 * the element once); in TypeScript: `import type { NianbaoCheckElement } from './nianbao-check.js'`,
 * or just `document.querySelector('nianbao-check')`, typed through the maps below.
 */
export interface NianbaoCheckElement extends HTMLElement {
  /** The report of the first file of the last finished check, or null. */
  readonly report: Report | null;
  /** Every report of the last finished check. */
  readonly reports: Report[];
  /** The checker's version, as in every report's `checker_version`. */
  readonly version: string;
  /** Reflects `accept` (default: .html,.htm,.mht,.mhtml,.docx,.doc,.txt,.md,.pdf,text/html,text/plain); applied to dropped files too. */
  accept: string;
  /** Reflects `max-size`, bytes (default 52428800, 50 MiB). */
  maxSize: number;
  /** Reflects `asset-base`, resolved to an absolute URL. */
  assetBase: string;
  /** Reflects `blanks-as-zero`. */
  blanksAsZero: boolean;
  /** Checks files as if dropped: same events and drawing; null when every file was refused. */
  check(files: Iterable<File> | ArrayLike<File>): Promise<Report[] | null>;
}

declare global {
  interface HTMLElementTagNameMap {
    'nianbao-check': NianbaoCheckElement;
  }
  interface HTMLElementEventMap {
    'nianbao-check-start': CustomEvent<NianbaoCheckStartDetail>;
    'nianbao-check-done': CustomEvent<NianbaoCheckDoneDetail>;
    'nianbao-check-error': CustomEvent<NianbaoCheckErrorDetail>;
  }
}
