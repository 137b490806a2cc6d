// The page's service worker: keeps the page working offline. On install it stores the page's own
// files (the checker's wasm and worker too, so a drop works offline even before the first check);
// afterwards every same-origin GET goes to the network first (so a new build shows at once when
// online) and falls back to the stored copy when the network is cut or too slow. It never fetches
// anything but this page's own files, and never touches another origin's requests.

const CACHE = 'nianbao-check-2';
const FILES = [
  './', 'index.html', 'style.css', 'report.css', 'app.js', 'i18n.js', 'export.js', 'render.js', 'tables.js', 'words.js',
  'nianbao-check.js', 'version.js', 'worker.js', 'pkg/nianbao_check.js', 'pkg/nianbao_check_bg.wasm',
  // The readers of Word files and PDFs, which the worker fetches on their first file: stored too,
  // so such a file can be checked offline before one ever was.
  'pkg/nianbao_check_word.js', 'pkg/nianbao_check_word_bg.wasm', 'pkg/nianbao_check_pdf.js', 'pkg/nianbao_check_pdf_bg.wasm',
];
/** A network that has not answered by then is treated as cut (a "lie-fi" connection). */
const NETWORK_TIMEOUT_MS = 4000;

const scope = new URL(self.registration.scope);
const urls = FILES.map((f) => new URL(f, scope).href);

async function store(cache, url) {
  const res = await fetch(url, { cache: 'no-cache' });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  await cache.put(url, res);
}

self.addEventListener('install', (e) => {
  // One missing file (a renamed stylesheet) must not leave the page without any offline copy.
  e.waitUntil(caches.open(CACHE).then((c) => Promise.allSettled(urls.map((u) => store(c, u)))).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    for (const k of await caches.keys()) if (k !== CACHE) await caches.delete(k);
    await self.clients.claim();
  })());
});

async function networkFirst(req) {
  const cache = await caches.open(CACHE);
  const key = req.url.split('#')[0];
  const stored = await cache.match(key, { ignoreSearch: true });
  const net = fetch(req).then(async (res) => {
    if (res.ok && res.type === 'basic') await cache.put(key, res.clone());
    return res;
  });
  // Nothing stored: the network however slow (a first visit on a slow line must not fail).
  if (!stored) return net;
  net.catch(() => {}); // answered from the store below; a late failure is no news
  const slow = new Promise((resolve) => setTimeout(() => resolve(stored), NETWORK_TIMEOUT_MS));
  return Promise.race([net, slow]).catch(() => stored);
}

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== scope.origin) return;
  e.respondWith(networkFirst(req));
});

/** The page asks whether every file is stored ("ready offline"). */
self.addEventListener('message', (e) => {
  if (e.data?.type !== 'offline-status') return;
  e.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const have = await Promise.all(urls.map((u) => cache.match(u)));
    e.source?.postMessage({ type: 'offline-status', ready: have.every(Boolean), missing: urls.filter((_, i) => !have[i]) });
  })());
});
