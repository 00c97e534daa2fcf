// The keyboard between the page and the app. Emscripten's GLFW listens for keys on the whole
// window and cancels every Tab, so without this the page's own fields would drive the app's
// shortcuts and Tab could never leave the canvas (a keyboard trap). Installed before the app's
// script runs, so these capture listeners come first.
//   - Keys typed into the page's own controls (the link fallback's field, the update button) stay
//     there: the app never sees them.
//   - Tab belongs to the app while it uses the keyboard (stats().keyboard_nav: a widget highlighted,
//     a field being edited, a menu or dialog open); otherwise the browser moves the focus on, out of
//     the designer.
//   - Tab arriving on the canvas (its keyup lands there once the browser has moved the focus in,
//     from this page or from a clinic's page around the widget) highlights the side panel's first
//     widget: the app's "keyboardEnter".
//   - Alt alone opens the app's menus; the browser's own menu bar (Firefox) must not take it.
import { call, isReady, latestStats } from './api.js';

const PAGE_CONTROLS = 'input, textarea, select, button, a[href], [contenteditable]';

const appUsesKeyboard = () => latestStats()?.keyboard_nav === true;
const plainTab = (event) => event.key === 'Tab' && !event.ctrlKey && !event.altKey && !event.metaKey;

export function installKeyboard(canvas) {
  const inPageControl = (event) => event.target !== canvas && event.target instanceof Element &&
                                   event.target.closest(PAGE_CONTROLS) !== null;
  window.addEventListener('keydown', (event) => {
    if (inPageControl(event)) {
      event.stopImmediatePropagation();
      return;
    }
    if (plainTab(event) && !appUsesKeyboard()) event.stopImmediatePropagation();
    if (event.key === 'Alt' && event.target === canvas) event.preventDefault();
  }, true);
  window.addEventListener('keypress', (event) => {
    if (inPageControl(event)) event.stopImmediatePropagation();
  }, true);
  window.addEventListener('keyup', (event) => {
    if (inPageControl(event)) {
      event.stopImmediatePropagation();
      return;
    }
    if (event.key === 'Alt' && event.target === canvas) event.preventDefault();
    if (plainTab(event) && event.target === canvas && isReady() && !appUsesKeyboard()) call('keyboardEnter');
  }, true);
}
