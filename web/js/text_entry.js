// Text entry on touch screens: the phone's keyboard for the app's text fields (src/ui/text_entry.h
// says the whole of it). A phone opens its keyboard only for a real <input> or <textarea> focused
// inside the finger's own event handler (iOS Safari ignores a focus made a frame later), so:
//   - the app posts, on touch screens, where its text fields are and which one is being edited
//     (the "textEntry" event, onTextEntryEvent);
//   - the tap's touchend (web/js/pointer_input.js calls textEntryTap) focuses an input of the right
//     kind placed over the tapped field, while the same tap reaches the app as the mouse and
//     ImGui activates the field; a slider takes a double tap (its single tap sets it);
//   - what is typed goes back whole on every change ("textEntry" command): the phone's own field
//     keeps its autocorrect, predictive text and composition; Enter commits a one-line field,
//     Escape goes back, closing the keyboard commits;
//   - when the app lets the field go (Enter, a tap elsewhere), the input goes and the keyboard closes.
// Without touch the app posts no fields, so nothing here ever shows: a physical keyboard types into
// the canvas as it always did.
import { call, isReady, latestStats } from './api.js';

const DOUBLE_TAP_MS = 350;        // two taps closer than this are a double tap (about a phone's own)
const SETTLE_FRAMES = 6;          // frames the app has to activate the tapped field

// What each kind of field gets: the element, the keyboard, its Enter key, what the phone may change.
const KINDS = {
  text: { tag: 'input', inputmode: 'text', enterkeyhint: 'done', autocapitalize: 'sentences', autocorrect: 'on', label: 'Edit the text' },
  multiline: { tag: 'textarea', inputmode: 'text', enterkeyhint: 'enter', autocapitalize: 'sentences', autocorrect: 'on', label: 'Edit the text' },
  number: { tag: 'input', inputmode: 'decimal', enterkeyhint: 'done', autocapitalize: 'off', autocorrect: 'off', label: 'Edit the number' },
};

let canvas = null;
let fields = [];          // the app's text fields (CSS px in the canvas): {x, y, width, height, kind, id}
let active = null;        // the field the app is editing: {x, y, width, height, kind, text, id}, or null
const editors = {};       // the page's inputs, one per kind, made when first needed
let session = null;       // the input in use: {kind, element, rect, synced, id, dirty, tapFrame}
let lastSliderTap = null; // {field, at}: the first tap of a double tap on a slider

function editor(kind) {
  if (editors[kind]) return editors[kind];
  const spec = KINDS[kind];
  const element = document.createElement(spec.tag);
  element.className = 'text-entry';
  element.dataset.smpTextEntry = kind;
  element.hidden = true;
  if (spec.tag === 'input') element.type = 'text';
  element.setAttribute('inputmode', spec.inputmode);
  element.setAttribute('enterkeyhint', spec.enterkeyhint);
  element.setAttribute('autocapitalize', spec.autocapitalize);
  element.setAttribute('autocorrect', spec.autocorrect);
  element.setAttribute('autocomplete', 'off');
  element.spellcheck = kind !== 'number';
  element.setAttribute('aria-label', spec.label);
  element.addEventListener('input', () => sendText());
  element.addEventListener('blur', onBlur);
  // Outside the canvas' box: the finger's listeners there (pointer_input.js) would take its touches.
  document.getElementById('app').appendChild(element);
  editors[kind] = element;
  return element;
}

/** True when `element` is one of the page's inputs over an app field. */
export function isTextEntryElement(element) {
  return element instanceof HTMLElement && element.dataset.smpTextEntry !== undefined;
}

// Places the input over the field (CSS px in the canvas) as the canvas is now.
function place(element, rect) {
  const box = canvas.getBoundingClientRect();
  element.style.left = `${box.left + rect.x}px`;
  element.style.top = `${box.top + rect.y}px`;
  element.style.width = `${Math.max(rect.width, 48)}px`;
  element.style.height = `${Math.max(rect.height, 44)}px`;
}

function fieldAt(x, y) {
  // Later fields are drawn over earlier ones (a dialog over the panel).
  for (let i = fields.length - 1; i >= 0; --i) {
    const f = fields[i];
    if (x >= f.x && x < f.x + f.width && y >= f.y && y < f.y + f.height) return f;
  }
  return null;
}

function open(field, kind) {
  const element = editor(kind);
  if (session && session.element !== element) close({ keepFocus: true });
  place(element, field);
  element.value = '';
  element.classList.add('text-entry-waiting');   // unseen until the app says what the field holds
  session = { kind, element, rect: field, synced: false, id: null, dirty: false, tapFrame: latestStats()?.frames ?? 0 };
  element.hidden = false;
  // Within the tap's own handler: the phone's keyboard opens. preventScroll: the page's own
  // viewport handling (viewport.js) keeps the field in view.
  element.focus({ preventScroll: true });
  // A finger held a moment before it lifts: the app took the field at the press and said so
  // already, and says nothing more until something changes. Without this the input would wait
  // unseen and empty, and what is typed would replace the field's text.
  if (active && active.id === field.id) followApp();
}

// The input goes: hidden, blurred (the keyboard closes), the canvas keeps the keyboard focus.
function close({ keepFocus = false } = {}) {
  if (!session) return;
  const { element } = session;
  session = null;
  const focused = document.activeElement === element;
  element.hidden = true;   // which takes the focus from it
  element.classList.remove('text-entry-waiting');
  if (!keepFocus && focused) canvas.focus({ preventScroll: true });
  // iOS may have scrolled the page to show the input; the designer fills the page unscrolled.
  if (window.scrollX !== 0 || window.scrollY !== 0) window.scrollTo(0, 0);
}

function send(message) {
  if (!isReady()) return false;
  return call('textEntry', JSON.stringify(message)).ok === true;
}

function sendText() {
  if (!session) return;
  session.synced = true;   // the person's text wins over what the app held
  session.dirty = !send({ text: session.element.value });
}

function onBlur(event) {
  if (!session || session.closing || event.target !== session.element) return;
  // The keyboard was closed (or the focus went elsewhere): the field commits and lets go.
  session.closing = true;
  send({ text: session.element.value, done: true });
  close({ keepFocus: true });
}

// Enter and Escape in the page's input. A window capture listener installed before keyboard.js's,
// which keeps every key typed into a page control from the app (Emscripten's GLFW listens on the window).
function onKeyDown(event) {
  if (!session || event.target !== session.element || event.isComposing) return;
  if (event.key === 'Enter' && session.kind !== 'multiline') {
    event.preventDefault();
    session.closing = true;
    send({ text: session.element.value, key: 'enter' });
    close();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    session.closing = true;
    send({ key: 'escape' });
    close();
  }
}

/**
 * A finger lifted after a tap, called inside its touchend: (x, y) where it lifted, CSS px in the
 * canvas, and pressedAt when it went down (the touch's own time stamp, on performance.now()'s
 * clock: a frame that kept the page busy between two taps does not split a double tap). Opens the keyboard when the tap
 * lands on a text field, or is a slider's second tap.
 */
export function textEntryTap(x, y, pressedAt) {
  const field = fieldAt(x, y);
  if (!field) {
    lastSliderTap = null;
    return;
  }
  if (field.kind === 'slider') {
    const second = lastSliderTap && pressedAt - lastSliderTap.at < DOUBLE_TAP_MS &&
                   lastSliderTap.field.id === field.id;
    lastSliderTap = second ? null : { field, at: pressedAt };
    if (second) {
      open(field, 'number');
      send({ edit: field.id });   // ImGui turns it into its number field in the next frame
    }
    return;
  }
  lastSliderTap = null;
  if (KINDS[field.kind]) open(field, field.kind);
}

/** The app's "textEntry" event (src/ui/text_entry.h): its fields and the one being edited. */
export function onTextEntryEvent(event) {
  fields = event.fields ?? [];
  active = event.active ?? null;
  if (session) followApp();
}

// The session follows what the app last said: the field it is editing, or none.
function followApp() {
  if (!active) {
    // Not yet active (the tap's press is a frame or two away), or let go (Enter, a tap elsewhere).
    const frames = (latestStats()?.frames ?? 0) - session.tapFrame;
    if (session.id !== null || frames > SETTLE_FRAMES) close();
    return;
  }
  if (session.id !== null && active.id !== session.id) {
    close({ keepFocus: true });   // another field took over without a tap here (the keyboard's Tab)
    return;
  }
  session.id = active.id;
  place(session.element, active);
  session.element.classList.remove('text-entry-waiting');
  if (!session.synced) {
    // The field's text, the caret at its end, as ImGui shows it after a tap.
    session.element.value = active.text;
    const end = active.text.length;
    session.element.setSelectionRange?.(end, end);
    session.synced = true;
  } else if (session.dirty) {
    sendText();   // typed before the app had the field active
  }
}

// The app's fields move with the layout (a resize, the sheet scrolled): keep the input on its field
// even between the app's events, and give up a tap the app never took.
function follow() {
  if (session && active && session.id === active.id) place(session.element, active);
  if (session && !active) {
    const frames = (latestStats()?.frames ?? 0) - session.tapFrame;
    if (frames > SETTLE_FRAMES * 4) close();
  }
}

export function installTextEntry(theCanvas) {
  canvas = theCanvas;
  window.addEventListener('keydown', onKeyDown, true);
  window.addEventListener('resize', follow);
  window.visualViewport?.addEventListener('resize', follow);
  window.visualViewport?.addEventListener('scroll', follow);
  setInterval(follow, 500);
}
