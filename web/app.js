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

  // A message that stays until the trouble is over (or the next one replaces it).
  const noticeBox = document.getElementById('notice');
  function showNotice(text) {
    noticeBox.textContent = text;
    noticeBox.hidden = false;
  }
  function hideNotice() {
    noticeBox.hidden = true;
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
  // Double-clicks as the browser counts them (the system's double-click speed), before the app
  // sees the press: the capture listener on the container runs first.
  canvas.parentElement.addEventListener('mousedown', (event) => {
    if (runtimeReady && event.target === canvas) call('pointer', JSON.stringify({ clicks: event.detail }));
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
    if (!runtimeReady) return;
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

  window.Module = {
    canvas: canvas,
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    // The service worker registers once the app runs, so its download does not slow the first one.
    onRuntimeInitialized: () => { runtimeReady = true; hideStatus(); registerServiceWorker(); },
    onAbort: (what) => showStatus('The designer stopped unexpectedly (' + what + '). ' +
                                  'Reload the page; your browser may be out of memory.', true),
    onStats: (json) => {
      latestStatsJson = json;
      // After the first frame (main() has opened the start design), outside the frame's call.
      if (!autosaveStarted) {
        autosaveStarted = true;
        setTimeout(() => {
          restoreAutosave();
          openLinkInAddress();
          startAutosave();
          if (embedded) startEmbedding();
        }, 0);
      }
    },
  };

  // What the app asks of the page (src/platform/platform_web.cpp): downloads, the clipboard and
  // the file picker, all asynchronous in a browser; answers go back through the API.
  const MAX_OPEN_BYTES = 64 * 1024 * 1024;   // a plan with every dot (kMaxPlanBytes)
  const linkFallback = document.getElementById('link-fallback');
  const linkFallbackField = document.getElementById('link-fallback-field');
  document.getElementById('link-fallback-close').addEventListener('click', () => { linkFallback.hidden = true; });

  function showLinkFallback(text) {
    linkFallbackField.value = text;
    linkFallback.hidden = false;
    linkFallbackField.focus();
    linkFallbackField.select();
  }

  const filePicker = document.createElement('input');
  filePicker.type = 'file';
  filePicker.accept = '.json,application/json';
  filePicker.hidden = true;
  filePicker.id = 'file-picker';
  document.body.appendChild(filePicker);
  filePicker.addEventListener('change', async () => {
    const file = filePicker.files && filePicker.files[0];
    filePicker.value = '';
    if (!file) return;
    let answer;
    if (file.size > MAX_OPEN_BYTES) {
      const mb = (file.size / 1048576).toFixed(1);
      answer = { name: file.name, error: `it is ${mb} MB; a design or plan file is at most 64 MB` };
    } else {
      try {
        answer = { name: file.name, text: await file.text() };
      } catch (e) {
        answer = { name: file.name, error: `the browser could not read it (${e.message})` };
      }
    }
    call('openFile', JSON.stringify(answer));
  });

  const page = {
    download(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = name;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    copy(text) {
      // Outside the frame: the answer calls back into the app.
      const report = (ok, error) => setTimeout(() => call('clipboardResult', JSON.stringify({ ok, error })), 0);
      if (!navigator.clipboard || !navigator.clipboard.writeText) {
        showLinkFallback(text);
        report(false, 'no clipboard in this browser');
        return;
      }
      navigator.clipboard.writeText(text).then(() => report(true), (e) => {
        showLinkFallback(text);
        report(false, e && e.message);
      });
    },
    pickFile() {
      filePicker.click();
    },
  };
  window.Module.smpPage = page;

  // --- Embedded in a clinic's page -----------------------------------------------------------
  // web/embed.js puts the designer in an iframe with ?embed=1&allow=<origins>&mode=...&preset=...
  // The widget talks only to the origins on that allow-list, checks origin and source on every
  // message, never posts to '*', and ignores anything malformed with a console warning.
  // Protocol (version 1): README, "Embedding the designer".
  const PROTOCOL_VERSION = 1;
  const query = new URLSearchParams(location.search);
  const embedded = query.get('embed') === '1' && window.parent !== window;
  const allowedOrigins = embedded
    ? (query.get('allow') || '').split(/[\s,]+/).filter((origin) => /^https?:\/\/[^/?#\s]+$/.test(origin))
    : [];
  const COMMANDS = ['load', 'getDesign', 'getPlan', 'getLink', 'setTheme', 'setMode'];

  // postMessage drops a message whose target origin is not the parent's, so posting to each
  // allowed origin reaches the parent only when it is one of them.
  function postToHost(message) {
    for (const origin of allowedOrigins) window.parent.postMessage({ ...message, v: PROTOCOL_VERSION }, origin);
  }

  function applyTheme(theme) {
    const answer = call('setTheme', JSON.stringify(theme));
    if (answer.ok) document.documentElement.classList.toggle('dark', theme.dark === true);
    return answer;
  }

  function runCommand(name, data) {
    switch (name) {
      case 'load': {
        const what = data.design !== undefined ? data.design : data.preset;
        if (what === undefined) return { ok: false, error: 'load needs "design" or "preset"' };
        return call('loadDesign', typeof what === 'string' ? what : JSON.stringify(what));
      }
      case 'getDesign': return { ok: true, result: call('getDesign') };
      case 'getPlan': return { ok: true, result: call('getPlan') };
      case 'getLink': return { ok: true, result: call('getLink') };
      case 'setTheme': return applyTheme(data.theme && typeof data.theme === 'object' ? data.theme : {});
      case 'setMode': return call('setMode', JSON.stringify({ mode: data.mode }));
      default: return { ok: false, error: `unknown command "${name}"` };
    }
  }

  function onHostMessage(event) {
    if (event.source !== window.parent || !allowedOrigins.includes(event.origin)) {
      console.warn(`smp widget: ignored a message from ${event.origin || 'an unknown origin'} (not an allowed embedding page)`);
      return;
    }
    const data = event.data;
    const name = data && typeof data.type === 'string' && data.type.startsWith('smp:') ? data.type.slice(4) : null;
    if (!name || data.v !== PROTOCOL_VERSION || !COMMANDS.includes(name) ||
        (typeof data.id !== 'number' && typeof data.id !== 'string')) {
      console.warn('smp widget: ignored a malformed message', data);
      return;
    }
    let answer;
    try {
      answer = runtimeReady ? runCommand(name, data) : { ok: false, error: 'the designer is still loading' };
    } catch (e) {
      answer = { ok: false, error: e.message || String(e) };
    }
    const reply = { type: 'smp:result', id: data.id, ok: answer.ok !== false };
    if (reply.ok) reply.result = 'result' in answer ? answer.result : null;
    else reply.error = answer.error;
    event.source.postMessage({ ...reply, v: PROTOCOL_VERSION }, event.origin);
    if (!reply.ok) postToHost({ type: 'smp:error', message: reply.error, command: name });
  }

  // The widget's height for the page around it: the canvas wants about 3:4 of its width.
  function preferredHeight() {
    return Math.round(Math.min(900, Math.max(560, window.innerWidth * 0.75)));
  }

  let lastChangeRevision = null;
  function startEmbedding() {
    const mode = query.get('mode');
    if (mode) {
      const answer = call('setMode', JSON.stringify({ mode }));
      if (!answer.ok) console.warn(`smp widget: ${answer.error}`);
    }
    const theme = {};
    if (query.get('accent')) theme.accent = query.get('accent');
    if (query.get('theme') === 'dark') theme.dark = true;
    if (query.get('clinic')) theme.clinic_name = query.get('clinic');
    if (Object.keys(theme).length) {
      const answer = applyTheme(theme);
      if (!answer.ok) console.warn(`smp widget: ${answer.error}`);
    }
    const preset = query.get('preset');
    if (preset && !restoredOwnWork) call('loadDesign', preset);
    window.addEventListener('message', onHostMessage);
    let lastHeight = 0;
    const reportSize = () => {
      const height = preferredHeight();
      if (height !== lastHeight) postToHost({ type: 'smp:resize', height });
      lastHeight = height;
    };
    new ResizeObserver(reportSize).observe(document.documentElement);
    setInterval(() => {
      if (latestStatsJson === null) return;
      const stats = JSON.parse(latestStatsJson);
      if (lastChangeRevision === null) lastChangeRevision = stats.design_revision;
      if (stats.design_revision === lastChangeRevision) return;
      lastChangeRevision = stats.design_revision;
      postToHost({ type: 'smp:change', revision: stats.design_revision, dots: stats.dots, title: stats.design_title });
    }, 250);
    postToHost({ type: 'smp:ready', commands: COMMANDS, mode: JSON.parse(latestStatsJson).mode });
    reportSize();
  }

  page.event = (json) => {
    const event = JSON.parse(json);
    if (event.type === 'openInApp') {
      // The same address without the embedding parameters: the full designer, this design in its link.
      const link = new URL(event.link);
      link.search = '';
      window.open(link.href, '_blank', 'noopener');
    } else if (event.type === 'send') {
      if (embedded) postToHost({ type: 'smp:send', design: event.design, link: event.link });
      else showNotice('There is no clinic page to send this design to; share its link instead.');
    }
  };

  // One call into the app (src/ui/document.h): a command and its argument, JSON text back.
  // The argument goes through the heap, not the stack: ccall copies 'string' arguments onto the
  // wasm stack (5 MiB), which a plan file or a big design would overflow.
  function call(command, argument) {
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
  let autosaveStarted = false;
  let savedDocument = null;      // the app's document serial the autosave holds (another one: a new design)
  let wasClientView = false;
  let restoredOwnWork = false;   // the autosave brought back a design (an embed's preset does not replace it)

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;   // storage disabled for this page
    }
  }

  function restoreAutosave() {
    publishRecent(readRecent());
    let text = null;
    try {
      text = storage()?.getItem(AUTOSAVE_KEY) ?? null;
    } catch (e) {
      showNotice(`Your last design could not be read from browser storage (${e.message}).`);
    }
    if (text === null) return;
    let result;
    let saved = null;
    try {
      saved = JSON.parse(text);
      result = call('restoreDesign', JSON.stringify(saved.design));
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
      return;
    }
    restoredOwnWork = true;
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
    list.unshift({ title: previous.design.title ?? '', saved_at: previous.saved_at ?? '', design: previous.design });
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

  page.openRecent = (index) => setTimeout(() => {
    const entry = readRecent()[index];
    if (!entry) return;
    const result = call('loadDesign', JSON.stringify(entry.design));
    if (!result.ok) showNotice(`That recent design could not be opened: ${result.error}`);
  }, 0);

  // A shared design in the address (#d=...) opens in the client view, over whatever was restored:
  // that design stays in storage and comes back with "Back to my design". A link that cannot be
  // opened says why, and nothing changes.
  function openLinkInAddress() {
    if (!/^#d=/.test(location.hash)) return;
    const result = call('openLink', location.hash);
    if (!result.ok) showNotice(result.error);
    else hideNotice();
  }
  window.addEventListener('hashchange', () => { if (runtimeReady && autosaveStarted) openLinkInAddress(); });

  function autosaveNow(revision, documentSerial) {
    try {
      const store = storage();
      if (!store) throw new Error('browser storage is turned off for this page');
      const design = call('getDesign');
      const previousText = store.getItem(AUTOSAVE_KEY);
      store.setItem(AUTOSAVE_KEY, JSON.stringify({ saved_at: new Date().toISOString(), design, view: call('getView') }));
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
    if (latestStatsJson === null || !autosaveRunning) return;
    const stats = JSON.parse(latestStatsJson);
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
    if (revision !== savedRevision && (now || performance.now() - changedAt >= AUTOSAVE_QUIET_MS)) autosaveNow(revision, stats.document);
  }

  let autosaveRunning = false;   // after the restore
  function startAutosave() {
    autosaveRunning = true;
    setInterval(() => autosaveTick(false), 200);
  }

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
        autosaveTick(true);   // the last change, before the page goes away
      } catch (e) { /* the autosave reports its own trouble; the update goes ahead */ }
      worker.postMessage({ type: 'skip-waiting' });
    };
  }

  function registerServiceWorker() {
    // Embedded in a clinic's page, the widget offers "Open in the app" instead of going offline.
    if (embedded) return;
    if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
    const workers = navigator.serviceWorker;
    // Only the page that asked reloads; other tabs keep the release they have loaded.
    workers.addEventListener('controllerchange', () => { if (updateRequested) location.reload(); });
    workers.register('sw.js').then((registration) => {
      // A worker that installs while an older one controls this page is a new release.
      const offerWhenInstalled = (worker) => {
        if (!worker) return;
        const check = () => { if (worker.state === 'installed' && workers.controller) offerUpdate(worker); };
        worker.addEventListener('statechange', check);
        check();
      };
      offerWhenInstalled(registration.waiting || registration.installing);
      registration.addEventListener('updatefound', () => offerWhenInstalled(registration.installing));
      // A tab left open for days still hears of new releases.
      setInterval(() => registration.update().catch(() => {}), 60 * 60 * 1000);
    }, (e) => console.warn(`Offline use is not available: ${e.message}`));
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
  });
})();
