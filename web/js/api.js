// The one way into the running app: call() passes a command and its argument to smp_api
// (src/ui/page_api.h) and parses the JSON answer. Keeps the runtime's state (ready, the latest
// stats) and publishes window.smp, the page-level API, on top of it.

let runtimeReady = false;
let latestStatsJson = null;

// Module.onRuntimeInitialized and Module.onStats (web/js/main.js) report here.
export function markRuntimeReady() {
  runtimeReady = true;
}
export function setLatestStats(json) {
  latestStatsJson = json;
}

/** True once the app can answer call(). */
export function isReady() {
  return runtimeReady;
}

/** The app's latest stats (src/platform/platform_web.cpp publishes them every frame), or null. */
export function latestStats() {
  return latestStatsJson === null ? null : JSON.parse(latestStatsJson);
}

// One call into the app (src/ui/page_api.h, one row per command): a command and its argument, JSON text back.
// The argument goes through the heap, not the stack: ccall copies 'string' arguments onto the
// wasm stack (5 MiB), which a plan file or a big design would overflow.
export function call(command, argument) {
  if (!runtimeReady) throw new Error('the designer is still loading');
  const text = argument || '';
  const size = window.Module.lengthBytesUTF8(text) + 1;
  const pointer = window.Module._malloc(size);
  if (!pointer) throw new Error(`not enough memory for ${size} bytes`);
  try {
    window.Module.stringToUTF8(text, pointer, size);
    return JSON.parse(window.Module.ccall('smp_api', 'string', ['string', 'number'], [command, pointer]));
  } finally {
    window.Module._free(pointer);
  }
}

/**
 * Copies bytes into the app's memory for the next call() that takes them ("photoPixels": a photo's
 * pixels, which JSON would blow up fourfold). Throws when the app refuses the size.
 */
export function stageBytes(bytes) {
  if (!runtimeReady) throw new Error('the designer is still loading');
  const pointer = window.Module.ccall('smp_api_stage', 'number', ['number'], [bytes.length]);
  if (!pointer) throw new Error(`the designer takes at most a 2048 x 2048 px photo, not ${bytes.length} bytes`);
  window.Module.HEAPU8.set(bytes, pointer);   // read after the call: the memory may have grown
}

// window.smp.photos: photos of the client's head, kept in this browser only (web/js/photos.js,
// loaded on the first call so a first visit does not download it). Every call is asynchronous and
// answers {ok: true, ...} or {ok: false, error}.
let photosModule = null;
function loadPhotos() {
  return (photosModule ??= import('./photos.js').catch((e) => {
    photosModule = null;   // tried again on the next call
    throw e;
  }));
}
const photoCall = (name) => async (...args) => {
  try {
    return await (await loadPhotos())[name](...args);
  } catch (e) {
    return { ok: false, error: `the photo tools failed: ${e.message}` };
  }
};
const photosApi = {};
for (const name of ['add', 'list', 'get', 'remove', 'setMarks', 'usage', 'saveDesignWithPhotos', 'openDesignWithPhotos']) photosApi[name] = photoCall(name);

// pick({view, camera}): the browser's file picker for one photo (camera: true on a phone opens the
// camera: "Take a photo"; else "Choose a photo"), then add(). Call it from a click or tap: the
// picker opens only in a user gesture, so it opens here, before the module loads. {ok, id, ...}
// as add(), or {ok: false, error} (also when nothing was chosen).
photosApi.pick = ({ view, camera } = {}) => new Promise((resolve) => {
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = 'image/*';
  if (camera) input.setAttribute('capture', 'environment');
  input.hidden = true;
  document.body.append(input);   // Safari opens a picker in the page only
  const done = (result) => { input.remove(); resolve(result); };
  const none = () => done({ ok: false, error: 'no photo was chosen' });
  input.oncancel = none;
  input.onchange = () => (input.files[0] ? photosApi.add(input.files[0], { view }).then(done) : none());
  input.click();   // synchronously, inside the caller's gesture
});
Object.freeze(photosApi);

// window.smp: the page-level API. Plain JSON in, plain JSON out.
export function publishApi() {
  window.smp = Object.freeze({
    // Live figures: frames drawn, last frame time, canvas and scalp placement in CSS pixels, dots.
    stats() {
      return latestStats();
    },
    // True once the app can answer the calls below.
    ready() {
      return runtimeReady;
    },
    // The design being edited (schema: src/core/schema/design.schema.json).
    getDesign() {
      return call('getDesign');
    },
    // Replaces the design with `design` (an object, JSON text, or a preset name). Returns
    // {ok: true} or {ok: false, error: "..."}; on an error the current design stays as it was.
    loadDesign(design) {
      return call('loadDesign', typeof design === 'string' ? design : JSON.stringify(design));
    },
    // The session plan for the current design: the same bytes as `smp plan`.
    getPlan() {
      return call('getPlan');
    },
    // How dots are shown (never regenerates them): {mode: 'plan'|'healed'|'faded', up_to_session,
    // skin_tone (0 light .. 4 dark), hair_colour (the client's own hair on the head: 0 black ..
    // 7 white, README), years (faded, 0..10), viewing_distance_m (0 close up .. 3)},
    // and on what: {view: 'map'|'head'|'both'|'photo', yaw_deg (-180..180), pitch_deg (-90..90), zoom
    // (0.6..4)}. {ok} or {ok: false, error} naming a refused value; then nothing changed.
    setPreview(settings) {
      return call('setPreview', JSON.stringify(settings));
    },
    // Undo / redo the last edit: {ok: true}, or {ok: false} when there is nothing to undo / redo.
    undo() {
      return call('undo');
    },
    redo() {
      return call('redo');
    },
    // The design's share link: {ok, link, fragment, chars, within_budget, budget}.
    getLink() {
      return call('getLink');
    },
    // Opens a share link (a whole URL or "#d=...") in the client view: {ok} or {ok: false, error};
    // on an error nothing changes.
    openLink(link) {
      return call('openLink', link);
    },
    // The client view's buttons: the shared design becomes editable ("Edit a copy"), or closes.
    editCopy() {
      return call('editCopy');
    },
    closeClientView() {
      return call('closeClientView');
    },
    // The shipped presets: [{name, title}].
    listPresets() {
      return call('listPresets');
    },
    // What is on the screen, item by item, in CSS px (src/ui/layout_audit.h): the last recorded
    // frame's windows, items (label, rectangle, clipped or not) and table columns; each call asks
    // for the next frame to be recorded, so call, wait a frame, and call again.
    layout() {
      return call('layout');
    },
    // Photos on this device only (see photosApi above): add, list, get, remove, setMarks, usage,
    // pick, saveDesignWithPhotos, openDesignWithPhotos.
    photos: photosApi,
  });
}
