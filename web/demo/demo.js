// The demo clinic page (served by `make run` on a second origin, PORT + 1): it embeds the designer
// with the snippet a clinic would paste, and shows what the page can do with it.
(function () {
  'use strict';
  // Where the designer lives: ?widget=URL, or this host one port below (make run's layout).
  const widget = new URLSearchParams(location.search).get('widget') ||
    `${location.protocol}//${location.hostname}:${Number(location.port) - 1}/`;
  const snippet =
    `<div data-smp-designer data-preset="norwood-4" data-mode="client"\n` +
    `     data-accent="#8c4a2a" data-clinic="Example Clinic"></div>\n` +
    `<script src="${new URL('embed.js', widget).href}" defer></script>`;
  document.getElementById('snippet').textContent = snippet;

  const slot = document.getElementById('designer-slot');
  const element = document.createElement('div');
  element.dataset.smpDesigner = '';
  element.dataset.preset = new URLSearchParams(location.search).get('preset') || 'norwood-4';
  element.dataset.mode = new URLSearchParams(location.search).get('mode') || 'client';
  element.dataset.accent = '#8c4a2a';
  element.dataset.clinic = 'Example Clinic';
  // ?preset=NAME and ?mode=MODE try other data-preset and data-mode values; ?allow=ORIGINS: the
  // origins the widget may talk to (default: this page's), to try the allow-list.
  const allow = new URLSearchParams(location.search).get('allow');
  if (allow) element.dataset.allowedOrigins = allow;
  slot.appendChild(element);

  const log = (text) => {
    const item = document.createElement('li');
    item.textContent = text;
    const events = document.getElementById('events');
    events.prepend(item);
    while (events.children.length > 50) events.lastChild.remove();
  };
  for (const type of ['ready', 'change', 'resize', 'error', 'send']) {
    element.addEventListener(`smp:${type}`, (event) => {
      const d = event.detail;
      if (type === 'change') log(`change: revision ${d.revision}, ${d.dots} dots (${d.title})`);
      else if (type === 'resize') log(`resize: ${d.height} px`);
      else if (type === 'send') log(`send: "${d.design.title}", link of ${d.link.length} characters`);
      else if (type === 'error') log(`error: ${d.message}`);
      else log('ready');
    });
  }

  const script = document.createElement('script');
  script.src = new URL('embed.js', widget).href;
  script.onload = () => {
    const designer = window.SMPDesigner.ready(element);
    const run = (label, action) => designer.then(action).then((text) => log(`${label}: ${text}`), (e) => log(`${label} failed: ${e.message}`));
    document.getElementById('load-ludwig').onclick = () => run('load', (d) => d.load('ludwig-2').then(() => 'Ludwig II'));
    document.getElementById('get-plan').onclick = () => run('plan', (d) => d.getPlan().then((p) => `${p.summary.total_dots} dots over ${p.sessions.length} sessions`));
    document.getElementById('get-link').onclick = () => run('link', (d) => d.getLink().then((l) => `${l.chars} characters`));
  };
  script.onerror = () => log(`the designer could not be loaded from ${widget}`);
  document.head.appendChild(script);
})();
