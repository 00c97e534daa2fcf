// The design in browser storage: autosave (and its restore on the next visit), the list of recent
// designs, and a shared design's link in the address.
import { call, latestStats } from './api.js';
import { showNotice, hideNotice } from './messages.js';

// Autosave: the design goes to browser storage after every change (once it has been still for a
// moment), and comes back when the page opens again. Storage that refuses (full, disabled,
// private mode) is reported, never ignored: the design stays open, and the message says how to
// keep it. A saved design that cannot be read is set aside, not overwritten.
const AUTOSAVE_KEY = 'smp.autosave.v1';
const UNREADABLE_KEY = 'smp.autosave.v1.unreadable';
const AUTOSAVE_QUIET_MS = 600;   // after the last change
let savedRevision = null;
let changedRevision = null;
let changedAt = 0;
let autosaveFailing = false;
let autosaveRunning = false;   // after the restore
let savedDocument = null;      // the app's document serial the autosave holds (another one: a new design)
let wasClientView = false;

// The open design's key (issue 18): photos in IndexedDB (photos.js) belong to the design they were
// added to, and find it again by this random id. It is kept with the autosave (design_key) and in
// the recent designs, so the photos come back with their design after a reload or from File >
// Recent designs; a design that replaces the open one (a preset, a file, a new design, an edited
// copy of a shared one: the app's "document" serial changes) gets a new key, or the one set aside
// for it (nextDesignKey). A shared design open in the client view has its link's fragment as its
// key: the same link finds the same photos. Never in a link or a design file.
let designKey = null;         // the open design's
let keyDocument = null;       // the app's document serial it belongs to
let pendingKey = null;        // for the design that opens next
let keyUnsaved = false;       // made since the last autosave: the next tick saves it

const newDesignKey = () => `design-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** The key of the design open now (photos.js stores photos under it). */
export function currentDesignKey() {
  const stats = latestStats();
  if (stats && stats.client_view) return 'shared-' + call('getLink').fragment;
  const serial = stats ? stats.document : null;
  if (designKey === null || serial !== keyDocument) {
    designKey = pendingKey ?? newDesignKey();
    pendingKey = null;
    keyDocument = serial;
    keyUnsaved = true;
  }
  return designKey;
}

/** The design that opens next (a file with photos) takes this key; returns it. null: none set aside. */
export function nextDesignKey(key = newDesignKey()) {
  currentDesignKey();   // the open design keeps its own
  pendingKey = key;
  return key;
}

function storage() {
  try {
    return window.localStorage;
  } catch (e) {
    return null;   // storage disabled for this page
  }
}

// Returns true when the autosave brought back a design (an embed's preset does not replace it).
function restoreAutosave() {
  publishRecent(readRecent());
  let text = null;
  try {
    text = storage()?.getItem(AUTOSAVE_KEY) ?? null;
  } catch (e) {
    showNotice(`Your last design could not be read from browser storage (${e.message}).`);
  }
  if (text === null) return false;
  let result;
  let saved = null;
  try {
    saved = JSON.parse(text);
    result = call('restoreDesign', JSON.stringify(saved.design));
    if (result.ok && typeof saved.design_key === 'string' && saved.design_key) {
      designKey = saved.design_key;
      keyDocument = latestStats()?.document ?? null;
    }
    if (result.ok && saved.view && typeof saved.view === 'object') call('setView', JSON.stringify(saved.view));
  } catch (e) {
    result = { ok: false, error: `the saved data is not readable (${e.message})` };
  }
  if (!result.ok) {
    try {
      storage().setItem(UNREADABLE_KEY, text);
      storage().removeItem(AUTOSAVE_KEY);
    } catch (e) { /* kept where it was; the notice below still says so */ }
    showNotice(`Your last design could not be restored: ${result.error}. It is kept in browser storage ` +
               `("${UNREADABLE_KEY}"); this is a new start.`);
    return false;
  }
  return true;
}

// Recent designs: when the autosave moves on to another design (a preset, a file, a new or
// shared design), the one before goes to the front of this list; the File menu offers them.
const RECENT_KEY = 'smp.recent.v1';
const RECENT_KEPT = 8;   // kRecentDesignsKept in src/ui/share_panel.h
const RECENT_MAX_CHARS = 2000000;   // and at most this much storage, oldest dropped first

function readRecent() {
  try {
    const list = JSON.parse(storage()?.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((e) => e && typeof e === 'object' && e.design) : [];
  } catch (e) {
    return [];
  }
}

function publishRecent(list) {
  call('setRecent', JSON.stringify(list.map((e) => ({ title: String(e.title ?? ''), saved_at: String(e.saved_at ?? '') }))));
}

const sameDesign = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// Called once another design has replaced the autosaved one (the app's "document" changed):
// the one before goes to the front of the list. Its own failures are reported, and never keep
// the autosave from being written.
function rememberPrevious(previousText, design) {
  let previous;
  try {
    previous = previousText ? JSON.parse(previousText) : null;
  } catch (e) {
    return;
  }
  if (!previous || !previous.design || sameDesign(previous.design, design)) return;
  let list = readRecent().filter((e) => !sameDesign(e.design, previous.design) && !sameDesign(e.design, design));
  list.unshift({ title: previous.design.title ?? '', saved_at: previous.saved_at ?? '', design: previous.design,
                 ...(typeof previous.design_key === 'string' ? { design_key: previous.design_key } : {}) });
  list = list.slice(0, RECENT_KEPT);
  let text = JSON.stringify(list);
  while (list.length > 1 && text.length > RECENT_MAX_CHARS) {
    list.pop();
    text = JSON.stringify(list);
  }
  try {
    storage().setItem(RECENT_KEY, text);
  } catch (e) {
    showNotice('Your design is saved, but the list of recent designs could not be updated: browser storage is full.');
    return;
  }
  publishRecent(list);
}

/** Module.smpPage.openRecent: File > Recent designs, entry `index` (asked from inside a frame). */
export function openRecent(index) {
  setTimeout(() => {
    const entry = readRecent()[index];
    if (!entry) return;
    if (typeof entry.design_key === 'string') nextDesignKey(entry.design_key);   // its photos come back with it
    const result = call('loadDesign', JSON.stringify(entry.design));
    if (!result.ok) nextDesignKey(null);
    if (!result.ok) showNotice(`That recent design could not be opened: ${result.error}`);
  }, 0);
}

let linkOpenedFirst = null;

// main()'s arguments: for a new visitor (nothing saved), a link in the address, else the widget's
// preset, is the app's first design, so the start design is never made; under a saved design the
// link opens in startStorage.
export function firstArguments(preset) {
  try {
    if (storage()?.getItem(AUTOSAVE_KEY) != null) return [];
  } catch (e) { /* nothing readable to restore */ }
  // (main()'s arguments go on its stack: an outsized address goes the page's way, which refuses it.)
  if (/^#d=/.test(location.hash) && location.hash.length <= 16384) {
    linkOpenedFirst = location.hash;
    return ['--link', location.hash];
  }
  return preset ? ['--preset', preset] : [];
}

// A shared design in the address (#d=...) opens in the client view, over whatever was restored:
// that design stays in storage and comes back with "Back to my design". A link that cannot be
// opened says why, and nothing changes.
function openLinkInAddress() {
  if (!/^#d=/.test(location.hash)) return;
  const result = call('openLink', location.hash);
  if (!result.ok) showNotice(result.error);
  else hideNotice();
}

function autosaveNow(revision, documentSerial) {
  try {
    const store = storage();
    if (!store) throw new Error('browser storage is turned off for this page');
    const design = call('getDesign');
    const previousText = store.getItem(AUTOSAVE_KEY);
    const key = currentDesignKey();
    store.setItem(AUTOSAVE_KEY, JSON.stringify({ saved_at: new Date().toISOString(), design, view: call('getView'), design_key: key }));
    keyUnsaved = false;
    if (documentSerial !== savedDocument) rememberPrevious(previousText, design);
    savedDocument = documentSerial;
    savedRevision = revision;
    if (autosaveFailing) hideNotice();
    autosaveFailing = false;
  } catch (e) {
    savedRevision = revision;   // one message per change, not one per tick
    autosaveFailing = true;
    const reason = e && e.name === 'QuotaExceededError' ? 'browser storage is full' : (e.message || String(e));
    showNotice(`Autosave failed: ${reason}. Your design is still open here; keep this tab open ` +
               'until it can be saved (the next change tries again).');
  }
}

// Saves once the design or view has been still for a moment; `now` saves any change at once
// (before the page reloads itself).
function autosaveTick(now) {
  const stats = latestStats();
  if (stats === null || !autosaveRunning) return;
  // A shared design open read-only is not the user's work: storage keeps theirs.
  if (stats.client_view) {
    wasClientView = true;
    return;
  }
  if (wasClientView) {
    // Edited as a copy or closed: the address no longer stands for what is open.
    wasClientView = false;
    if (/^#d=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  }
  // The design and the view (zoom, preview) are kept: either changing saves.
  const revision = `${stats.design_revision} ${JSON.stringify(call('getView'))}`;
  if (savedRevision === null) {
    savedRevision = revision;   // what was just opened or restored is already where it came from
    savedDocument = stats.document;
    return;
  }
  if (revision !== changedRevision) {
    changedRevision = revision;
    changedAt = performance.now();
  }
  // A design key made since the last save (photos added to a design saved without one): kept now,
  // or a reload would lose the way to its photos.
  if (keyUnsaved && revision === savedRevision) {
    autosaveNow(revision, stats.document);
    return;
  }
  if (revision !== savedRevision && (now || performance.now() - changedAt >= AUTOSAVE_QUIET_MS)) autosaveNow(revision, stats.document);
}

/** Saves any change at once, before the page goes away (an update's reload). */
export function saveBeforeLeaving() {
  autosaveTick(true);
}

/**
 * After the app's first frame (main() has opened its first design): restores the autosave, opens
 * a link in the address over it (unless main() has), and starts saving. Returns true when the
 * autosave brought back a design.
 */
export function startStorage() {
  const restoredOwnWork = restoreAutosave();
  // One main() could not open is tried again, to say why.
  if (restoredOwnWork || linkOpenedFirst !== location.hash || !latestStats()?.client_view) openLinkInAddress();
  window.addEventListener('hashchange', () => openLinkInAddress());
  autosaveRunning = true;
  setInterval(() => autosaveTick(false), 200);
  return restoredOwnWork;
}
