// SMP Designer page glue: configures Emscripten's Module before smp-designer.js loads, reports
// loading failures in plain words, and exposes window.smp for automation and, later, the embed.
'use strict';

(function () {
  const statusBox = document.getElementById('status');
  const canvas = document.getElementById('canvas');
  let latestStatsJson = null;
  let runtimeReady = false;

  function showStatus(text, isError) {
    statusBox.textContent = text;
    statusBox.classList.toggle('error', Boolean(isError));
    statusBox.hidden = false;
  }

  function hideStatus() {
    statusBox.hidden = true;
  }

  function supportsWebGL2() {
    try {
      return Boolean(document.createElement('canvas').getContext('webgl2'));
    } catch (e) {
      return false;
    }
  }

  if (typeof WebAssembly !== 'object') {
    showStatus('This browser cannot run the designer: it has no WebAssembly support.', true);
    return;
  }
  if (!supportsWebGL2()) {
    showStatus('This browser cannot run the designer: WebGL2 is not available. ' +
               'Try an up-to-date Chrome, Edge, Firefox or Safari.', true);
    return;
  }

  // The canvas takes keyboard focus when pressed, so shortcuts work when the page is embedded.
  canvas.addEventListener('pointerdown', () => canvas.focus({ preventScroll: true }));

  // Pen input: the app reads positions from the mouse events the browser derives from every
  // pointer, but pressure and the kind of pointer only exist here. Each pointer event tells the
  // app (before its mouse event arrives) what is drawing and how hard.
  let penActiveUntil = 0;
  function reportPointer(event) {
    if (event.pointerType === 'pen') penActiveUntil = performance.now() + 1500;
    if (!runtimeReady) return;
    // A mouse reports 0.5 while pressed and 0 when not; only a pen's pressure means anything.
    const pressure = event.pointerType === 'pen' ? event.pressure : 1;
    call('pointer', JSON.stringify({ type: event.pointerType, pressure }));
  }
  canvas.addEventListener('pointerdown', reportPointer);
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

  window.Module = {
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    onRuntimeInitialized: () => { runtimeReady = true; hideStatus(); },
    onAbort: (what) => showStatus('The designer stopped unexpectedly (' + what + '). ' +
                                  'Reload the page; your browser may be out of memory.', true),
    onStats: (json) => { latestStatsJson = json; },
  };

  // One call into the app (src/ui/document.h): a command and its argument, JSON text back.
  function call(command, argument) {
    if (!runtimeReady) throw new Error('the designer is still loading');
    return JSON.parse(window.Module.ccall('smp_api', 'string', ['string', 'string'], [command, argument || '']));
  }

  // window.smp: the page-level API. Plain JSON in, plain JSON out.
  window.smp = Object.freeze({
    // Live figures: frames drawn, last frame time, canvas and scalp placement in CSS pixels, dots.
    stats() {
      return latestStatsJson === null ? null : JSON.parse(latestStatsJson);
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
    // skin_tone (0 light .. 4 dark), years (faded, 0..10), viewing_distance_m (0 close up .. 3)}.
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
    // The shipped presets: [{name, title}].
    listPresets() {
      return call('listPresets');
    },
  });
})();
