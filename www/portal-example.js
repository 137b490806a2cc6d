// The portal's own script (a stand-in): it knows nothing of the checker but its events and the
// report's shape. Its form fields are named by cell addresses (t3/new/natural …), so filling them
// is one lookup per field; a portal with its own field names keeps a map instead (README).
const form = document.getElementById('report-form');
const notice = document.getElementById('portal-notice');

/** Cell addresses of failed error findings: the portal marks those fields too. */
function errorCells(report) {
  return new Set(report.findings.filter((f) => f.status === 'failed' && f.severity === 'error').flatMap((f) => f.cells));
}

document.addEventListener('nianbao-check-start', (e) => {
  if (e.target.id !== 'checker') return;
  notice.textContent = `正在检查：${e.detail.files.map((f) => f.name).join('、')}`;
});

document.addEventListener('nianbao-check-done', (e) => {
  if (e.target.id !== 'checker') return;
  const { report } = e.detail;
  if (report.error) return; // nianbao-check-error has said why
  const bad = errorCells(report);
  for (const field of form.elements) {
    if (!/^t[234]\//.test(field.name)) continue;
    // The raw text as the report prints it ("1,234", "/", blank): the portal validates its own way.
    field.value = report.cells[field.name]?.raw ?? '';
    if (bad.has(field.name)) field.setAttribute('aria-invalid', 'true');
    else field.removeAttribute('aria-invalid');
  }
  form.elements.title.value = report.title ?? '';
  form.elements.year.value = report.year ?? '';
  form.elements.version.value = report.version ?? '';
  const errors = report.findings.filter((f) => f.status === 'failed' && f.severity === 'error').length;
  form.elements.errors.value = String(errors);
  notice.textContent = errors
    ? `检查发现 ${errors} 处错误，请修改报告后重新检查；数据已填入下表。`
    : '检查未发现错误，数据已填入下表，请核对后报送。';
});

document.addEventListener('nianbao-check-error', (e) => {
  if (e.target.id !== 'checker') return;
  notice.textContent = `未能检查：${e.detail.message}`;
});

form.addEventListener('submit', (e) => {
  e.preventDefault(); // an example page: nothing is sent anywhere
  notice.textContent = '这是示例页面，数据不会提交。';
});
