// SMP Designer service worker: the app works offline after its first visit.
//
// One release's files (tools/stamp_release.mjs: APP_FILES) are downloaded together, each checked
// against the hash stamped below, into one cache named after the release, and served from there
// first. A new release installs beside the running one and waits until the page asks for it
// ("Reload to update", web/js/service_worker.js); when it takes over, older releases' caches are
// deleted. So the .js and .wasm the page runs always come from the same release. Nothing else is
// ever cached: the designs live in the page's localStorage. RELEASE.lazy (js/photos.js), loaded
// on first use, is cached then, and by a new release when the old one had it.
'use strict';

// Filled in by the build (tools/stamp_release.mjs): the release id and each file's fingerprint, the
// first 128 bits of its SHA-256 (hex): the odds that another version of a file matches are 2^-128.
const RELEASE = { id: 'unstamped', files: {}, lazy: {} };

const CACHE_PREFIX = 'smp-designer-';
const CACHE_NAME = CACHE_PREFIX + RELEASE.id;
const scope = new URL(self.registration.scope);

// The app file a request asks for ('index.html' for a visit to the app's address), or null.
function appFileFor(request) {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return null;
  const name = url.pathname.slice(scope.pathname.length);
  if (request.mode === 'navigate' && name === '') return 'index.html';
  return Object.hasOwn(RELEASE.files, name) || Object.hasOwn(RELEASE.lazy, name) ? name : null;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

// Downloads one file of this release; refuses it when the server has another version of it (a
// release half deployed, a stale proxy): the install fails and is tried again on the next visit.
async function download(name) {
  const response = await fetch(new Request(new URL(name, scope), { cache: 'no-cache' }));
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status}`);
  const bytes = await response.arrayBuffer();
  const digest = hex(await crypto.subtle.digest('SHA-256', bytes)).slice(0, 32);
  if (digest !== (RELEASE.files[name] ?? RELEASE.lazy[name])) throw new Error(`${name} on the server is not the one of release ${RELEASE.id}`);
  return new Response(bytes, { status: 200, headers: { 'Content-Type': response.headers.get('Content-Type') || '' } });
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const names = Object.keys(RELEASE.files);
    for (const name of Object.keys(RELEASE.lazy)) {
      if (await caches.match(new URL(name, scope))) names.push(name);
    }
    const responses = await Promise.all(names.map(download));   // all of them, or none
    const cache = await caches.open(CACHE_NAME);
    await Promise.all(names.map((name, i) => cache.put(new URL(name, scope), responses[i])));
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME) await caches.delete(name);
    }
    // A first visit's page is looked after at once (it hears of the next release). It loaded
    // everything it needs before registering, so nothing of it comes from two releases.
    await self.clients.claim();
  })());
});

// The page's "Reload to update": this release takes over now (the page reloads on controllerchange).
// And which release this is, asked by a page before it offers a waiting worker as an update.
self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'skip-waiting') self.skipWaiting();
  if (event.data && event.data.type === 'release' && event.ports[0]) event.ports[0].postMessage(RELEASE.id);
});

self.addEventListener('fetch', (event) => {
  const name = appFileFor(event.request);
  if (name === null) return;   // not an app file: the browser fetches it as usual, uncached
  event.respondWith((async () => {
    const cached = await caches.match(new URL(name, scope), { cacheName: CACHE_NAME });
    if (cached) return cached;
    if (Object.hasOwn(RELEASE.lazy, name)) {
      try {
        const response = await download(name);
        await (await caches.open(CACHE_NAME)).put(new URL(name, scope), response.clone());
        return response;
      } catch (e) { /* offline, or another release on the server */ }
    }
    return fetch(event.request);   // evicted by the browser: from the network
  })());
});
