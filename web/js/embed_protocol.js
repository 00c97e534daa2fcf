// The designer embedded in a clinic's page: the widget side of the postMessage protocol (the
// clinic side is web/embed.js), and the app's events that leave the page ("Open in the app",
// "Send to clinic").
import { call, isReady, latestStats } from './api.js';
import { showNotice } from './messages.js';

// web/embed.js puts the designer in an iframe with ?embed=1&allow=<origins>&mode=...&preset=...
// The widget talks only to the origins on that allow-list, checks origin and source on every
// message, never posts to '*', and ignores anything malformed with a console warning.
// Protocol (version 1): README, "Embedding the designer".
const PROTOCOL_VERSION = 1;
const query = new URLSearchParams(location.search);
/** True when this page runs as a clinic's widget. */
export const embedded = query.get('embed') === '1' && window.parent !== window;
const allowedOrigins = embedded
  ? (query.get('allow') || '').split(/[\s,]+/).filter((origin) => /^https?:\/\/[^/?#\s]+$/.test(origin))
  : [];
const COMMANDS = ['load', 'getDesign', 'getPlan', 'getLink', 'setTheme', 'setMode'];

// postMessage drops a message whose target origin is not the parent's, so posting to each
// allowed origin reaches the parent only when it is one of them.
function postToHost(message) {
  for (const origin of allowedOrigins) window.parent.postMessage({ ...message, v: PROTOCOL_VERSION }, origin);
}

// The page's background follows the app's answer (web/js/appearance.js): a person's own theme
// choice may win over the clinic's.
function applyTheme(theme) {
  return call('setTheme', JSON.stringify(theme));
}

/**
 * The clinic's look from the address, as setTheme takes it: {accent, clinic_name} wherever they
 * are (a widget, or the designer opened from a widget's share link), and {dark} in a widget only
 * (data-theme: the clinic page's look; in the full designer the person's preference decides).
 */
export function clinicTheme() {
  const theme = {};
  if (query.get('accent')) theme.accent = query.get('accent');
  if (query.get('clinic')) theme.clinic_name = query.get('clinic');
  if (embedded && (query.get('theme') === 'dark' || query.get('theme') === 'light')) theme.dark = query.get('theme') === 'dark';
  return theme;
}

// What of this page's address a share link keeps: the clinic's name and accent, nothing else.
// A client who got the link from a clinic's widget opens the full designer (never a widget: no
// embed, allow or mode) and still sees whose design it is, in the clinic's colour: the tab's title
// and the plan sheet name the clinic. `preset` would only be overridden by the link's design, and
// `theme` was the clinic page's look, which the client's own preference decides now. Anything else
// in the address (a tracker's parameters) does not travel either.
const SHARED_PARAMETERS = [
  ['clinic', (value) => value.slice(0, 80)],
  ['accent', (value) => (/^#[0-9a-fA-F]{6}$/.test(value) ? value : '')],
];

/** Module.smpPage.shareBase: the designer page's own address, which share links start with. */
export function shareBaseAddress() {
  const address = new URL(location.href);
  address.hash = '';
  const kept = new URLSearchParams();
  for (const [name, clean] of SHARED_PARAMETERS) {
    const value = clean(query.get(name) || '');
    if (value) kept.set(name, value);
  }
  address.search = kept.toString();
  return address.href;
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
    answer = isReady() ? runCommand(name, data) : { ok: false, error: 'the designer is still loading' };
  } catch (e) {
    answer = { ok: false, error: e.message || String(e) };
  }
  const reply = { type: 'smp:result', id: data.id, ok: answer.ok !== false };
  if (reply.ok) reply.result = 'result' in answer ? answer.result : null;
  else reply.error = answer.error;
  event.source.postMessage({ ...reply, v: PROTOCOL_VERSION }, event.origin);
  if (!reply.ok) postToHost({ type: 'smp:error', message: reply.error, command: name });
}

// The widget's height for the page around it: the canvas wants about 3:4 of its width. A widget
// narrow enough for the app's bottom sheet (kBottomSheetBelowLogicalPx in src/ui/app_ui.cpp)
// stacks it under the canvas, so it asks for most of the screen's height instead (560 px there
// left the photo view a strip about 100 px high).
function preferredHeight() {
  const narrow = window.innerWidth < 700;
  const wanted = narrow ? (window.screen?.height ?? 0) * 0.85 : window.innerWidth * 0.75;
  return Math.round(Math.min(900, Math.max(560, wanted)));
}

/** The widget's preset (?preset=), which main() may open as the first design (firstArguments). */
export const widgetPreset = embedded ? query.get('preset') : null;

/**
 * Starts the widget once the app has drawn its first frame: the mode and preset from the address
 * (the preset only when `restoredOwnWork` is false: the autosave brought nothing back, and not
 * again when main() opened it, `presetOpened`; the clinic's theme is web/js/appearance.js's), then
 * the protocol, and once that design is drawn "ready", size reports and change events.
 */
export function startEmbedding(restoredOwnWork, presetOpened) {
  const mode = query.get('mode');
  if (mode) {
    const answer = call('setMode', JSON.stringify({ mode }));
    if (!answer.ok) console.warn(`smp widget: ${answer.error}`);
  }
  const preset = query.get('preset');
  if (preset && !restoredOwnWork && !presetOpened) call('loadDesign', preset);
  window.addEventListener('message', onHostMessage);
  // The page hears "ready" once the start design (the preset, or the visitor's own work) has been
  // drawn, and changes are counted from its revision. The stats come with each frame: until the
  // next one they show the design from before the preset, and taking them then made the start
  // design look like a change whenever that frame was slow (a big preset, a busy machine).
  const startFrame = latestStats().frames;
  const announceWhenDrawn = () => {
    const drawn = latestStats();
    if (drawn.frames <= startFrame) {
      requestAnimationFrame(announceWhenDrawn);
      return;
    }
    let lastChangeRevision = drawn.design_revision;
    setInterval(() => {
      const stats = latestStats();
      if (stats.design_revision === lastChangeRevision) return;
      lastChangeRevision = stats.design_revision;
      postToHost({ type: 'smp:change', revision: stats.design_revision, dots: stats.dots, title: stats.design_title });
    }, 250);
    postToHost({ type: 'smp:ready', commands: COMMANDS, mode: drawn.mode });
    let lastHeight = 0;
    const reportSize = () => {
      const height = preferredHeight();
      if (height !== lastHeight) postToHost({ type: 'smp:resize', height });
      lastHeight = height;
    };
    new ResizeObserver(reportSize).observe(document.documentElement);
    reportSize();
  };
  requestAnimationFrame(announceWhenDrawn);
}

/** The app's events that leave the page (Module.smpPage.event, routed by web/js/main.js). */
export function onAppEvent(event) {
  if (event.type === 'openInApp') {
    // The design's share link: the full designer's address already (shareBaseAddress).
    window.open(event.link, '_blank', 'noopener');
  } else if (event.type === 'send') {
    // The client's before/after picture only when they ticked "Include my photo" (the app adds it then).
    if (embedded) postToHost({ type: 'smp:send', design: event.design, link: event.link, ...(event.photo ? { photo: event.photo } : {}) });
    else showNotice('There is no clinic page to send this design to; share its link instead.');
  }
}
