// Pishro's service worker: keeps the app shell (page, wasm, glue, icons) so
// Pishro opens with no network. The build replaces __BUILD__ with a hash of
// the shell, so each deploy installs a new worker; the page then offers
// "Reload to update" and the new worker takes over only when asked, so an
// open page (and its unsent changes) is never swapped out from under a rep.
// API calls always go to the network: data and the outbox live in the page.
const SHELL_CACHE = 'pishro-shell-__BUILD__';
// The build lists every on-demand screen's chunk in place of the __CHUNKS__ mark.
const SHELL = ['/', '/pkg/frontend.js', '/pkg/frontend_bg.wasm', '/favicon.svg', '/icon-maskable.svg', '/manifest.webmanifest', '__CHUNKS__'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('pishro-shell-') && name !== SHELL_CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'pishro-activate-update') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) {
    return;
  }
  if (request.mode === 'navigate') {
    // Every screen is the same page; the app routes in the browser.
    event.respondWith(caches.match('/', { cacheName: SHELL_CACHE }).then((cached) => cached || fetch(request)));
    return;
  }
  event.respondWith(caches.match(request, { cacheName: SHELL_CACHE, ignoreSearch: true }).then((cached) => cached || fetch(request)));
});
