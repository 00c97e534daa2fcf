// Offline use: registers the service worker (web/sw.js) and offers a new release once it has
// installed ("Reload to update").
import { embedded } from './embed_protocol.js';
import { saveBeforeLeaving } from './storage.js';

// Offline use (web/sw.js): after the first visit the service worker serves this release's files
// from its cache, so the designer opens without a network; designs stay in localStorage. A new
// release installs in the background and waits: the person chooses when to reload onto it.
const updateBox = document.getElementById('update');
let updateRequested = false;

function offerUpdate(worker) {
  updateBox.hidden = false;
  document.getElementById('update-reload').onclick = () => {
    updateRequested = true;
    try {
      saveBeforeLeaving();   // the last change, before the page goes away
    } catch (e) { /* the autosave reports its own trouble; the update goes ahead */ }
    worker.postMessage({ type: 'skip-waiting' });
  };
}

// The release id a service worker answers with (web/sw.js), or null when it does not answer
// within two seconds (a release from before the question existed: treated as another release).
function releaseOf(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), 2000);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(typeof event.data === 'string' ? event.data : null);
    };
    try {
      worker.postMessage({ type: 'release' }, [channel.port2]);
    } catch (e) {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

/** Called once the app runs, so the worker's download does not slow the app's first one. */
export function registerServiceWorker() {
  // Embedded in a clinic's page, the widget offers "Open in the app" instead of going offline.
  if (embedded) return;
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const workers = navigator.serviceWorker;
  // Only the page that asked reloads; other tabs keep the release they have loaded.
  workers.addEventListener('controllerchange', () => { if (updateRequested) location.reload(); });
  workers.register('sw.js').then((registration) => {
    // A worker that installs while another release controls this page is a new release. The
    // releases' ids are compared, not only the workers: WebKit once offered an update on a first
    // visit (most likely its own worker, reported installed after it had taken control; not
    // reproduced since), and a copy of the same release (sw.js's bytes rewritten by a server) is
    // nothing to reload onto either.
    const offerWhenInstalled = (worker) => {
      if (!worker) return;
      const check = async () => {
        const controller = workers.controller;
        if (worker.state !== 'installed' || !controller || controller === worker) return;
        const [running, waiting] = await Promise.all([releaseOf(controller), releaseOf(worker)]);
        if (running !== null && running === waiting) return;
        if (worker.state !== 'installed') return;   // taken over (or replaced) meanwhile
        offerUpdate(worker);
      };
      worker.addEventListener('statechange', check);
      check();
    };
    offerWhenInstalled(registration.waiting || registration.installing);
    registration.addEventListener('updatefound', () => offerWhenInstalled(registration.installing));
    // A tab left open for days still hears of new releases.
    setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
  }, (e) => console.warn(`Offline use is not available: ${e.message}`));
}
