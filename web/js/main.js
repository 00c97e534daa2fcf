// SMP Designer page glue, the entry point (web/index.html loads it as a module): checks that the
// browser can run the designer, configures Emscripten's Module, then loads smp-designer.js and
// reports loading failures in plain words. The other modules each do one job:
//   messages.js        the status line and the notice
//   api.js             call() into the app, and window.smp
//   pointer_input.js   pen, click counts, palm rejection, two-finger gestures
//   host_files.js      downloads, the file picker, the clipboard and its link fallback
//   storage.js         autosave, recent designs, a shared link in the address
//   embed_protocol.js  the widget side of the embed protocol (web/embed.js is the clinic side),
//                      and the address share links start with
//   service_worker.js  offline use and the update offer
//   announcer.js       the canvas as text for screen readers: summary, session table, messages
//   keyboard.js        keys between the page and the app: Tab into and out of the canvas
//   appearance.js      light or dark, reduced motion: the browser's preferences, the saved choice
//   text_entry.js      the phone's keyboard for the app's text fields: an input over the field
//   viewport.js        the designer's box: the visible part of the page, inside the safe area
//   photos.js          photos of the client's head in IndexedDB (window.smp.photos): imported by
//                      api.js on first use, never on the first visit
//   photo_bridge.js    the app's photo view asking the photo store (list, pick, load, markers)
import { showStatus, hideStatus } from './messages.js';
import { markRuntimeReady, setLatestStats, latestStats, publishApi } from './api.js';
import { installPointerInput } from './pointer_input.js';
import { createHostFiles } from './host_files.js';
import { startStorage, openRecent, firstArguments } from './storage.js';
import { embedded, widgetPreset, startEmbedding, onAppEvent, shareBaseAddress } from './embed_protocol.js';
import { registerServiceWorker } from './service_worker.js';
import { onAnnouncement, onFocusAnnouncement } from './announcer.js';
import { installKeyboard } from './keyboard.js';
import { showPreferredThemeEarly, startAppearance, onAppearanceEvent } from './appearance.js';
import { installTextEntry, textEntryTap, onTextEntryEvent, isTextEntryElement } from './text_entry.js';
import { installViewport } from './viewport.js';
import { photoRequest } from './photo_bridge.js';

function supportsWebGL2() {
  try {
    return Boolean(document.createElement('canvas').getContext('webgl2'));
  } catch (e) {
    return false;
  }
}

// After the first frame (main() has opened its first design), outside the frame's call.
let startedUp = false;
let designShown = false;
function startUp() {
  startAppearance();
  const restoredOwnWork = startStorage();
  if (embedded) startEmbedding(restoredOwnWork, firstArgs.includes('--preset'));
}

// Module.smpPage.event: every event the app posts (src/platform/platform_web.cpp), to the module
// that does its job.
function routeAppEvent(json) {
  const event = JSON.parse(json);
  if (event.type === 'announce') onAnnouncement(event);
  else if (event.type === 'focus') onFocusAnnouncement(event);
  else if (event.type === 'appearance' || event.type === 'themeChoice') onAppearanceEvent(event);
  else if (event.type === 'textEntry') onTextEntryEvent(event);
  else onAppEvent(event);
}

// smp-designer.js is a classic script that reads the global Module as it runs, so it is added
// only now, once Module (and Module.smpPage, which src/platform/platform_web.cpp calls) exists.
// Module scripts run after the document is parsed; index.html preloads smp-designer.js so its
// download does not wait for them.
let firstArgs = [];
function loadDesigner(canvas) {
  firstArgs = firstArguments(widgetPreset);
  window.Module = {
    canvas: canvas,
    arguments: firstArgs,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // The service worker registers once the app runs, so its download does not slow the first one.
    // The performance marks time the start (make bench): the WebAssembly compiled and running,
    // the first frame drawn, the first frame that drew dots (the design on screen).
    onRuntimeInitialized: () => {
      performance.mark('smp:runtime-ready');
      markRuntimeReady();
      hideStatus();
      registerServiceWorker();
    },
    onAbort: (what) => showStatus('The designer stopped unexpectedly (' + what + '). ' +
                                  'Reload the page; your browser may be out of memory.', true),
    onStats: (json) => {
      setLatestStats(json);
      if (!startedUp) {
        performance.mark('smp:first-frame');
        startedUp = true;
        setTimeout(startUp, 0);
      }
      const drawn = designShown ? null : JSON.parse(json);
      if (drawn && (drawn.dots_drawn > 0 || drawn.head_dots_drawn > 0)) {
        performance.mark('smp:first-design');
        designShown = true;
      }
    },
    // What the app asks of the page (src/platform/platform_web.cpp): downloads, the clipboard and
    // the file picker, all asynchronous in a browser; answers go back through the API.
    smpPage: { ...createHostFiles(), openRecent, shareBase: shareBaseAddress, event: routeAppEvent, photo: photoRequest },
  };
  publishApi();

  const script = document.createElement('script');
  script.src = 'smp-designer.js';
  script.onerror = () => showStatus('The designer could not be downloaded. ' +
                                    'Check the connection and reload the page.', true);
  document.body.appendChild(script);
}

// Whether a point (CSS px in the canvas) is on the head view: in a clinic's widget, a finger going
// up or down there scrolls the clinic's page (pointer_input.js); sideways it turns the head.
function onHeadView(x, y) {
  const rect = latestStats()?.head_css;
  return !!rect && x >= rect.x && y >= rect.y && x < rect.x + rect.width && y < rect.y + rect.height;
}

function main() {
  const canvas = document.getElementById('canvas');
  if (typeof WebAssembly !== 'object') {
    showStatus('This browser cannot run the designer: it has no WebAssembly support.', true);
    return;
  }
  if (!supportsWebGL2()) {
    showStatus('This browser cannot run the designer: WebGL2 is not available. ' +
               'Try an up-to-date Chrome, Edge, Firefox or Safari.', true);
    return;
  }
  showPreferredThemeEarly();
  installViewport(canvas.parentElement);
  installPointerInput(canvas, { onTap: textEntryTap, keepsFocus: isTextEntryElement, swipesScrollPage: embedded ? onHeadView : null });
  installTextEntry(canvas);  // before keyboard.js: it hears Enter and Escape in its input first
  installKeyboard(canvas);   // before smp-designer.js: its key listeners must come first
  loadDesigner(canvas);
}

main();
