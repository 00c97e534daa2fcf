// Pointer input the app cannot get from Emscripten's GLFW: keyboard focus on press, pen pressure
// and the kind of pointer, the browser's click counts, palm rejection while a pen is in use, and
// two-finger pan and pinch. Everything reaches the app through call('pointer' | 'gesture').
import { call, isReady } from './api.js';

const TAP_SLOP_PX = 12;   // a finger that moved less than this between press and lift tapped

/**
 * Listens on `canvas` and its container (the capture listeners run before the app's own).
 * `onTap(x, y, pressedAt)`, if given, hears each one-finger tap inside its touchend, before the app
 * does (CSS px in the canvas; pressedAt: when the finger went down, on performance.now()'s clock,
 * from the event's time stamp): what must happen within
 * the finger's own event, like focusing an input so a phone opens its keyboard (text_entry.js).
 * `keepsFocus(element)`: a page element that keeps the keyboard focus when the canvas is pressed
 * (that input: a tap on another field moves the keyboard there instead of closing it).
 * `swipesScrollPage(x, y)`, if given, says whether one finger going down there (CSS px in the
 * canvas) may be the host page's: in a clinic's widget on a phone the head view fills most of the
 * screen, and a visitor scrolling the clinic's page must not be caught in it. Such a finger is
 * held until it shows its way: up or down, the browser scrolls the page (touch-action: pan-y, the
 * iframe's own page cannot scroll, so its scroll goes to the clinic's); sideways, or two fingers,
 * it is the app's, pressed where it went down; lifted first, a tap.
 */
// When an event happened, on performance.now()'s clock: the event's own time stamp (for a touch,
// when the screen sensed it), not when a busy page got round to it. A double tap is two touches
// close in time however long a frame kept the page from hearing the second one. Engines that stamp
// events on another clock (old WebKit counted from 1970) get the time it is heard instead.
function whenFired(event) {
  const now = performance.now();
  return event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
}

export function installPointerInput(canvas, { onTap = null, keepsFocus = () => false, swipesScrollPage = null } = {}) {
  if (swipesScrollPage) canvas.style.touchAction = 'pan-y';
  // The canvas takes keyboard focus when pressed, so shortcuts work when the page is embedded.
  canvas.addEventListener('pointerdown', () => {
    if (!keepsFocus(document.activeElement)) canvas.focus({ preventScroll: true });
  });

  // Pen input: the app reads positions from the mouse events the browser derives from every
  // pointer, but pressure and the kind of pointer only exist here. Each pointer event tells the
  // app (before its mouse event arrives) what is drawing and how hard.
  let penActiveUntil = 0;
  function reportPointer(event) {
    if (event.pointerType === 'pen') penActiveUntil = performance.now() + 1500;
    if (!isReady()) return;
    // A mouse reports 0.5 while pressed and 0 when not; only a pen's pressure means anything.
    const pressure = event.pointerType === 'pen' ? event.pressure : 1;
    call('pointer', JSON.stringify({ type: event.pointerType, pressure }));
  }
  canvas.addEventListener('pointerdown', reportPointer);
  // Double-clicks as the browser counts them (the system's double-click speed), before the app
  // sees the press: the capture listener on the container runs first.
  canvas.parentElement.addEventListener('mousedown', (event) => {
    if (isReady() && event.target === canvas) call('pointer', JSON.stringify({ clicks: event.detail }));
  }, { capture: true });
  canvas.addEventListener('pointermove', reportPointer);
  // Palm rejection: while a pen is in use, touches on the canvas are not passed on (a resting
  // hand must not paint or pan). Capture on the container runs before the app's own listeners.
  const rejectPalm = (event) => {
    if (performance.now() < penActiveUntil) {
      event.stopPropagation();
      if (event.cancelable) event.preventDefault();
    }
  };
  for (const type of ['touchstart', 'touchmove']) {
    canvas.parentElement.addEventListener(type, rejectPalm, { capture: true, passive: false });
  }
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  // Two fingers pan and pinch-zoom. Emscripten's GLFW turns touches into mouse events and sees
  // only one finger, so a second finger takes the touch over: the app takes back whatever the
  // first finger started (a dab of the brush, a handle moved) and the page reports the fingers'
  // movement instead. The last finger's lift goes through, so the app's button is released.
  let gesture = null;   // the fingers' centre (CSS px in the canvas) and spread at the last move
  function fingers(touches) {
    const rect = canvas.getBoundingClientRect();
    const a = touches[0], b = touches[1];
    return {
      x: (a.clientX + b.clientX) / 2 - rect.left,
      y: (a.clientY + b.clientY) / 2 - rect.top,
      spread: Math.max(1, Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY)),
    };
  }
  function onGestureTouch(event) {
    if (!isReady()) return;
    // The last finger's lift ends a gesture whatever else happened meanwhile (a pen included).
    const lastLift = (event.type === 'touchend' || event.type === 'touchcancel') && event.touches.length === 0;
    if (gesture && lastLift) {
      gesture = null;
      call('gesture', JSON.stringify({ phase: 'end' }));
      return;   // through to the app: its button comes up
    }
    if (performance.now() < penActiveUntil) return;
    const two = event.touches.length >= 2;
    if (!gesture && !(two && event.type === 'touchstart')) return;
    event.stopPropagation();
    if (event.cancelable) event.preventDefault();
    if (!gesture) call('gesture', JSON.stringify({ phase: 'begin' }));
    if (!two) return;   // one finger left: the gesture holds until it lifts
    const now = fingers(event.touches);
    if (gesture && event.type === 'touchmove' && gesture.spread) {
      call('gesture', JSON.stringify({ phase: 'move', dx: now.x - gesture.x, dy: now.y - gesture.y,
                                       scale: now.spread / gesture.spread, x: now.x, y: now.y }));
    }
    gesture = now;
  }
  for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
    canvas.parentElement.addEventListener(type, onGestureTouch, { capture: true, passive: false });
  }

  // One finger is the mouse. Emscripten's GLFW listens to touch events but reads no position from
  // them (only SDL's touch events carry one), and a browser turns a tap into mouse events but not a
  // drag: a finger would press where the mouse last was and never move. So every touch is kept
  // from GLFW's own listeners (capture on the container runs first) and the browser's compatibility
  // mouse events (preventDefault), and the first finger is passed on as mouse events at its place.
  // While two fingers pan and pinch (above), the mouse holds still; the last lift releases it.
  const mouseTypes = { touchstart: 'mousedown', touchmove: 'mousemove', touchend: 'mouseup', touchcancel: 'mouseup' };
  let fingerId = null;        // the touch that is the mouse
  let pressedAt = 0;          // when it was pressed in the app (performance.now())
  let pressedStamp = 0;       // when the finger went down (the event's own time, same clock)
  let pressedX = 0, pressedY = 0;   // and where (client CSS px)
  let pendingUp = null;       // a quick tap's release, held for the app's next frames
  function sendMouse(type, touch) {
    canvas.dispatchEvent(new MouseEvent(type, {
      bubbles: true, cancelable: true, view: window, clientX: touch.clientX, clientY: touch.clientY,
      screenX: touch.screenX, screenY: touch.screenY, button: 0, buttons: type === 'mouseup' ? 0 : 1, detail: 1,
    }));
  }
  function flushUp() {
    if (pendingUp === null) return;
    const touch = pendingUp;
    pendingUp = null;
    sendMouse('mouseup', touch);
  }
  // The finger's part: APP (pressed in the app), HELD (its way not shown yet: nothing sent, its
  // default not prevented), PAGE (the browser scrolls the page with it) or PINCH (held when a
  // second finger came: the gesture's). Only APP ever sent a press.
  const APP = 0, HELD = 1, PAGE = 2, PINCH = 3;
  let role = APP;
  function press() {
    role = APP;
    pressedAt = performance.now();
    const at = { clientX: pressedX, clientY: pressedY, screenX: pressedX, screenY: pressedY };
    sendMouse('mousemove', at);   // the pointer goes there first, as a mouse would
    sendMouse('mousedown', at);
  }
  function forwardFinger(event) {
    event.stopPropagation();
    const start = event.type === 'touchstart';
    // The first finger (also when the last one's lift never came, as a finger that scrolled the
    // page may lose it, and nothing was pressed for it).
    if (start && (fingerId === null || (role !== APP && event.touches.length === 1)) && performance.now() >= penActiveUntil) {
      flushUp();
      const touch = event.changedTouches[0], rect = canvas.getBoundingClientRect();
      fingerId = touch.identifier;
      pressedStamp = whenFired(event);
      pressedX = touch.clientX;
      pressedY = touch.clientY;
      if (event.touches.length === 1 && swipesScrollPage?.(pressedX - rect.left, pressedY - rect.top)) {
        role = HELD;
        return;
      }
      if (event.cancelable) event.preventDefault();
      press();
      return;
    }
    if (start && role === HELD) role = PINCH;   // a second finger: the gesture's (below)
    const touch = start ? null : Array.from(event.changedTouches).find((t) => t.identifier === fingerId);
    if (touch && role === HELD) {
      const dx = touch.clientX - pressedX, dy = touch.clientY - pressedY;
      if (event.type === 'touchmove') {
        // Going up or down: the page's. Within the slop: not yet. Sideways: the app's, pressed
        // where it went down. (By the way it goes only: a finger that lands while the page still
        // glides from the last one is not cancelable in Chromium, whichever way it goes.)
        if (Math.abs(dy) > Math.abs(dx) && Math.abs(dy) >= TAP_SLOP_PX) role = PAGE;
        if (role === PAGE || Math.hypot(dx, dy) < TAP_SLOP_PX) return;
      }
      if (event.type !== 'touchcancel') press();   // sideways, or lifted where it went down: a tap
    }
    if (touch && role !== APP) {
      if (event.type !== 'touchmove') fingerId = null;   // nothing was pressed: nothing to release
      if (event.cancelable && role === PINCH) event.preventDefault();
      return;
    }
    if (event.cancelable) event.preventDefault();
    if (start || !touch || performance.now() < penActiveUntil) return;   // a second finger, a palm
    if (event.type === 'touchmove') {
      if (!gesture) sendMouse('mousemove', touch);   // while two fingers pinch, the mouse holds still
      return;
    }
    fingerId = null;
    if (onTap && event.type === 'touchend' && !gesture &&
        Math.hypot(touch.clientX - pressedX, touch.clientY - pressedY) < TAP_SLOP_PX) {
      const rect = canvas.getBoundingClientRect();
      onTap(touch.clientX - rect.left, touch.clientY - rect.top, pressedStamp);
    }
    // A tap quicker than two frames (or a held finger's, pressed only now) is released two frames
    // later, so the app sees the press and the release in different frames (as it does with a
    // mouse, whose clicks take longer).
    if (performance.now() - pressedAt < 40) {
      pendingUp = { clientX: touch.clientX, clientY: touch.clientY, screenX: touch.screenX, screenY: touch.screenY };
      requestAnimationFrame(() => requestAnimationFrame(flushUp));
    } else {
      sendMouse('mouseup', touch);
    }
  }
  for (const type of Object.keys(mouseTypes)) {
    canvas.parentElement.addEventListener(type, forwardFinger, { capture: true, passive: false });
  }
}
