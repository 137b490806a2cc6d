// Exports: every finding of every file as CSV (for Excel and WPS) and JSON, and the corrections
// tried on the page. Pure functions over reports (usable in node) plus one download helper.

/** Excel and WPS take a file without it for GBK: the BOM makes them read UTF-8. */
export const BOM = '\uFEFF';

// The versions close every row: a row pasted elsewhere still says what checked it.
export const FINDING_COLUMNS = ['file', 'rule', 'severity', 'status', 'cells', 'message', 'message_en', 'expected', 'actual', 'checker_version', 'rules_version'];
export const EDIT_COLUMNS = ['file', 'cell', 'original', 'corrected'];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A text
 * that a spreadsheet would run as a formula (= + - @ at the start) gets a leading apostrophe, as
 * OWASP advises: a file name is the uploader's choice. Numbers are written as they are.
 */
export function csvField(v, { text = true } = {}) {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(header, rows) {
  // CRLF line ends, as RFC 4180 says and as Excel writes them.
  return BOM + [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}

/**
 * Every finding of every report, one row each; a file that could not be read is one row with
 * status `unreadable`, its error code as rule and its reason as message. Messages come in both
 * languages (`message`, `message_en`). Cells are separated by
 * spaces (addresses never contain one).
 */
export function findingsCSV(reports) {
  const rows = [];
  for (const r of reports) {
    const versions = [csvField(r.checker_version), csvField(r.rules_version)];
    if (r.error) {
      rows.push([csvField(r.file), csvField(r.error.code), 'error', 'unreadable', '', csvField(r.error.message), csvField(r.error.message_en), '', '', ...versions]);
      continue;
    }
    for (const f of r.findings ?? []) {
      rows.push([
        csvField(r.file), csvField(f.rule), f.severity, f.status, csvField((f.cells ?? []).join(' ')), csvField(f.message), csvField(f.message_en),
        csvField(f.expected, { text: false }), csvField(f.actual, { text: false }), ...versions,
      ]);
    }
  }
  return csv(FINDING_COLUMNS, rows);
}

/** `edits`: [{file, cell, original (null: the reader did not find the cell), corrected}]. */
export function editsCSV(edits) {
  return csv(EDIT_COLUMNS, edits.map((e) => [csvField(e.file), csvField(e.cell), csvField(e.original), csvField(e.corrected)]));
}

/**
 * The reports in the shape of report-json.md ({reports}), each with the corrections tried on it
 * (`edits`, an added field) when there are any.
 */
export function resultsJSON(reports, editsByFile = new Map()) {
  const out = reports.map((r) => {
    const edits = editsByFile.get(r.file);
    return edits?.length ? { ...r, edits } : r;
  });
  return JSON.stringify({ reports: out }, null, 2) + '\n';
}

export function editsJSON(edits) {
  return JSON.stringify({ edits }, null, 2) + '\n';
}

/** 2026-11-29 08:05 → "20261129-0805", for file names. */
export function stamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/**
 * Saves text as a file: a Blob behind an object URL, followed by a link with `download`. That is a
 * download, not a navigation, so the page's CSP needs no change for it.
 */
export function download(doc, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
