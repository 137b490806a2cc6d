// The page: a drop zone and a file picker feed checkFiles(); each report is drawn by render.js.
import { checkFiles, getLayout } from './nianbao-check.js';
import { renderReport } from './render.js';

const drop = document.getElementById('drop');
const picker = document.getElementById('file');
const blanks = document.getElementById('blanks-as-zero');
const status = document.getElementById('status');
const results = document.getElementById('results');

let lastFiles = [];
let running = null;

async function run(files) {
  if (!files.length) return;
  lastFiles = files;
  running?.abort();
  const ac = (running = new AbortController());
  status.textContent = `正在检查 ${files.length} 个文件…`;
  results.setAttribute('aria-busy', 'true');
  try {
    const { reports } = await checkFiles(files, { blanksAsZero: blanks.checked, signal: ac.signal });
    const drawn = await Promise.all(reports.map(async (r) => [r, r.version ? await getLayout(r.version) : null]));
    if (ac.signal.aborted) return;
    results.replaceChildren();
    for (const [report, layout] of drawn) {
      const box = document.createElement('section');
      box.className = 'nb-result';
      results.append(box);
      renderReport(box, report, layout);
    }
    const errors = reports.reduce((n, r) => n + (r.findings ?? []).filter((f) => f.status === 'failed' && f.severity === 'error').length, 0);
    status.textContent = `已检查 ${reports.length} 个文件` + (errors ? `，共 ${errors} 处错误。` : '。');
  } catch (e) {
    if (e.name === 'AbortError') return;
    status.textContent = `检查失败：${e.message}`;
  } finally {
    if (running === ac) results.removeAttribute('aria-busy');
  }
}

picker.addEventListener('change', () => {
  run([...picker.files]);
  picker.value = ''; // picking the same file again checks it again
});
blanks.addEventListener('change', () => run(lastFiles));

for (const type of ['dragenter', 'dragover']) {
  drop.addEventListener(type, (e) => {
    if (!e.dataTransfer?.types?.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    drop.classList.add('over');
  });
}
drop.addEventListener('dragleave', (e) => {
  if (!drop.contains(e.relatedTarget)) drop.classList.remove('over');
});
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  run([...(e.dataTransfer?.files ?? [])]);
});
// A file dropped beside the zone would make the browser open it and leave the page.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());
