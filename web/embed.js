// SMP Designer embed loader, for clinic websites:
//
//   <div data-smp-designer data-preset="norwood-4" data-mode="client"></div>
//   <script src="https://designer.example/embed.js" defer></script>
//
// Each such element gets the designer in an iframe (never WebAssembly in the host page: its
// globals, canvas lookup and key handling would clash with the clinic's page), kept at the height
// the designer asks for, and a promise-based object to drive it:
//
//   const designer = await SMPDesigner.ready(element);   // or element.smpDesigner.ready
//   await designer.load('ludwig-2');                     // a preset name or a design object
//   const plan = await designer.getPlan();
//   designer.on('change', (event) => ...);               // also 'resize', 'error', 'send', 'ready'
//
// Attributes: data-preset, data-mode (full | client | viewer), data-accent (#rrggbb),
// data-theme (light | dark), data-clinic (the clinic's name on exports), data-allowed-origins
// (the origins the widget may talk to; default: this page's origin), data-height (initial px).
// Messages are {type: "smp:<name>", v: 1, id} (README, "Embedding the designer"); the loader
// posts only to the widget's origin and accepts only messages from its own iframe.
(function () {
  'use strict';
  const PROTOCOL_VERSION = 1;
  const script = document.currentScript;
  const widgetBase = new URL('./', script ? script.src : location.href);
  const widgetOrigin = widgetBase.origin;
  const COMMAND_TIMEOUT_MS = 60000;

  function mount(element) {
    if (element.smpDesigner) return element.smpDesigner;
    const data = element.dataset;
    const params = new URLSearchParams({ embed: '1', allow: data.allowedOrigins || location.origin });
    for (const [key, name] of [['preset', 'preset'], ['mode', 'mode'], ['accent', 'accent'], ['theme', 'theme'], ['clinic', 'clinic']]) {
      if (data[key]) params.set(name, data[key]);
    }
    const iframe = document.createElement('iframe');
    iframe.src = new URL(`index.html?${params}`, widgetBase).href;
    iframe.title = data.clinic ? `${data.clinic}: SMP designer` : 'SMP designer';
    iframe.allow = 'clipboard-write';
    iframe.style.cssText = 'display:block;width:100%;border:0;';
    iframe.style.height = `${Number(data.height) > 0 ? Number(data.height) : 640}px`;

    const listeners = new Map();
    const pending = new Map();
    let nextId = 1;
    let markReady;
    const ready = new Promise((resolve) => { markReady = resolve; });

    const emit = (type, detail) => {
      for (const handler of listeners.get(type) ?? []) {
        try { handler(detail); } catch (e) { console.error(e); }
      }
      element.dispatchEvent(new CustomEvent(`smp:${type}`, { detail }));
    };

    window.addEventListener('message', (event) => {
      // Only our iframe, from the widget's origin; the page may have other frames.
      if (event.source !== iframe.contentWindow || event.origin !== widgetOrigin) return;
      const message = event.data;
      if (!message || message.v !== PROTOCOL_VERSION || typeof message.type !== 'string') {
        console.warn('SMP designer: ignored a malformed message from the widget', message);
        return;
      }
      const name = message.type.replace(/^smp:/, '');
      if (name === 'result') {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        clearTimeout(call.timer);
        if (message.ok) call.resolve(message.result);
        else call.reject(new Error(message.error));
        return;
      }
      if (name === 'ready') markReady(designer);
      if (name === 'resize' && Number(message.height) > 0) iframe.style.height = `${Math.round(message.height)}px`;
      emit(name, message);
    });

    const command = (type, payload = {}) => ready.then(() => new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the designer did not answer "${type}" in time`));
      }, COMMAND_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      iframe.contentWindow.postMessage({ ...payload, type: `smp:${type}`, v: PROTOCOL_VERSION, id }, widgetOrigin);
    }));

    const designer = Object.freeze({
      element,
      iframe,
      ready,
      load: (design) => command('load', typeof design === 'string' && !design.trim().startsWith('{') ? { preset: design } : { design }),
      getDesign: () => command('getDesign'),
      getPlan: () => command('getPlan'),
      getLink: () => command('getLink'),
      setTheme: (theme) => command('setTheme', { theme }),
      setMode: (mode) => command('setMode', { mode }),
      on(type, handler) {
        if (!listeners.has(type)) listeners.set(type, []);
        listeners.get(type).push(handler);
        return () => listeners.set(type, listeners.get(type).filter((h) => h !== handler));
      },
    });
    element.smpDesigner = designer;
    element.appendChild(iframe);
    return designer;
  }

  function mountAll() {
    for (const element of document.querySelectorAll('[data-smp-designer]')) mount(element);
  }

  window.SMPDesigner = Object.freeze({
    version: PROTOCOL_VERSION,
    mount,
    // The designer of `element` (or the first on the page) once it has answered.
    ready: (element) => mount(element ?? document.querySelector('[data-smp-designer]')).ready,
  });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
