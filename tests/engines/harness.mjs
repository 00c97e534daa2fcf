// What the three engines share: the app and the demo clinic page served on two loopback origins,
// a record of what went wrong on the way (HTTP errors, and a small capture script in every page),
// an X display for Firefox and WebKit, the CLI's plans, and a look at screenshots.
//
// [SECTION] Servers, with the capture script
// [SECTION] A display
// [SECTION] The CLI, screenshots, waiting
import path from 'node:path';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { serveDirectory } from '../../tools/serve.mjs';
import { decodePng } from '../../tools/png.mjs';
import { repoRoot, webRoot, screenshotDir } from '../e2e/browser.mjs';

export { repoRoot, webRoot, screenshotDir };
export { pixelAt, distance, shareNear } from '../e2e/browser.mjs';

// ---------------------------------------------------------------------------------------------
// [SECTION] Servers, with the capture script
// ---------------------------------------------------------------------------------------------

// Runs first in every page the servers hand out as a document (the app, the widget's frame, the
// demo page), before any of the page's own scripts: it keeps what a person's console would show
// as a problem in window.__enginesProblems, which each driver reads (drivers/*.mjs). It is the one
// record that works in all three engines: WebKitWebDriver has no console log and no BiDi, and
// a script run by WebDriver after the page has loaded would miss everything that failed while
// it loaded. It is served from the page's own origin, so the pages' strict
// Content-Security-Policy (script-src 'self') lets it run, unchanged.
const CAPTURE_PATH = '/__engines/capture.js';
const CAPTURE_SCRIPT = `(function () {
  'use strict';
  var problems = [];
  Object.defineProperty(window, '__enginesProblems', { value: problems });
  function add(text) { if (problems.length < 100) problems.push(String(text).slice(0, 400)); }
  // Uncaught exceptions, and (in the capture phase: they do not bubble) resources that failed.
  window.addEventListener('error', function (event) {
    var target = event.target;
    if (target && target !== window && (target.src || target.href)) add('failed to load: ' + (target.src || target.href));
    else add('uncaught exception: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
  }, true);
  window.addEventListener('unhandledrejection', function (event) {
    var reason = event.reason;
    add('unhandled rejection: ' + (reason && reason.message ? reason.message : reason));
  });
  window.addEventListener('securitypolicyviolation', function (event) {
    add('Content-Security-Policy violation: ' + event.violatedDirective + ' ' + event.blockedURI);
  });
  var consoleError = console.error;
  console.error = function () {
    add('console error: ' + Array.prototype.map.call(arguments, String).join(' '));
    return consoleError.apply(this, arguments);
  };
})();
`;

// A phone's screen for an engine whose window cannot be that narrow (WebKitGTK's MiniBrowser: at
// least 447 CSS px here): a page that shows `src` in a frame of exactly `width` x `height` CSS px at
// its top-left corner, nothing around it. The app in the frame is a page of its own, on the same
// origin (so not the clinic's widget, which needs ?embed=1): its window, media queries and
// canvas are the frame's size, as a phone's would be the phone's.
export const PHONE_FRAME_PATH = '/__engines/phone.html';
const escapeAttribute = (text) => String(text).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
function phoneFrameHtml(query) {
  const size = (name) => Math.max(100, Math.min(2000, Number.parseInt(query.get(name), 10) || 0));
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>A phone's screen</title><link rel="icon" href="data:,">
<script src="${CAPTURE_PATH}"></script>
<style>html, body { margin: 0; overflow: hidden; background: #000; } iframe { position: absolute; left: 0; top: 0; border: 0; display: block; }</style>
</head><body><iframe id="phone" width="${size('width')}" height="${size('height')}" src="${escapeAttribute(query.get('src') ?? 'about:blank')}"></iframe></body></html>
`;
}

// A request for a page to show (a tab or a frame), not a fetch() of the same file: the app's
// service worker downloads index.html to check it against its stamped hash, and must get the
// original bytes.
function wantsDocument(request) {
  const dest = request.headers['sec-fetch-dest'];
  if (dest) return dest === 'document' || dest === 'iframe';
  return /text\/html/.test(request.headers.accept ?? '');
}

/**
 * Serves `root` on a free loopback port like `make run` (tools/serve.mjs), with the capture
 * script added to its HTML documents, and keeps every answer of status 400 or more in
 * `server.httpErrors` ({at: ms since epoch, text}).
 */
export async function serveWithCapture(root) {
  const server = await serveDirectory(root, { port: 0, quiet: true });
  const [serveFile] = server.listeners('request');
  server.removeAllListeners('request');
  server.httpErrors = [];
  server.on('request', (request, response) => {
    response.on('finish', () => {
      if (response.statusCode >= 400) server.httpErrors.push({ at: Date.now(), text: `HTTP ${response.statusCode}: ${request.url}` });
    });
    const requested = new URL(request.url, 'http://localhost');
    const pathname = requested.pathname;
    if (pathname === CAPTURE_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' });
      return response.end(CAPTURE_SCRIPT);
    }
    if (pathname === PHONE_FRAME_PATH) {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      return response.end(phoneFrameHtml(requested.searchParams));
    }
    const file = path.join(root, pathname.endsWith('/') ? pathname + 'index.html' : pathname);
    if (request.method === 'GET' && file.endsWith('.html') && wantsDocument(request) && file.startsWith(root + path.sep) && fs.existsSync(file)) {
      const html = fs.readFileSync(file, 'utf8');
      if (!html.includes('</head>')) return serveFile(request, response);
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      return response.end(html.replace('</head>', `  <script src="${CAPTURE_PATH}"></script>\n</head>`));
    }
    return serveFile(request, response);
  });
  server.baseUrl = `http://127.0.0.1:${server.address().port}/`;
  return server;
}

/**
 * The app (build/wasm/web) and the demo clinic page (its demo/ folder) on two origins, and the
 * control page that goes wrong on purpose (tests/engines/fixture/) on a third.
 */
export async function startServers() {
  const app = await serveWithCapture(webRoot);
  const demo = await serveWithCapture(path.join(webRoot, 'demo'));
  const fixture = await serveWithCapture(path.join(repoRoot, 'tests', 'engines', 'fixture'));
  const servers = [app, demo, fixture];
  return {
    appUrl: app.baseUrl,
    // The clinic's page, pointed at the widget on the other origin (tests/e2e/embed.test.mjs).
    demoUrl: `${demo.baseUrl}?widget=${encodeURIComponent(app.baseUrl)}`,
    fixtureUrl: fixture.baseUrl,
    httpErrorsSince: (at) => servers.flatMap((server) => server.httpErrors).filter((e) => e.at >= at).map((e) => e.text),
    async close() {
      await Promise.all(servers.map((server) => new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      })));
    },
  };
}

/** What the capture script kept in the current document (see CAPTURE_SCRIPT); run in the page. */
export const readCapturedProblems = () => (Array.isArray(window.__enginesProblems) ? window.__enginesProblems.slice() : ['the capture script did not run in this page']);

// ---------------------------------------------------------------------------------------------
// [SECTION] A display: tests/display.mjs (the desktop app's tests use the same)
// ---------------------------------------------------------------------------------------------

export { startDisplay } from '../display.mjs';

// ---------------------------------------------------------------------------------------------
// [SECTION] The CLI, screenshots, waiting
// ---------------------------------------------------------------------------------------------

/** `smp plan <preset>` of the native build, parsed. */
export function cliPlan(preset) {
  const cli = spawnSync(path.join(repoRoot, 'build/native/bin/smp'), ['plan', preset], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (cli.status !== 0) throw new Error(`smp plan ${preset} failed (${cli.status}): ${cli.stderr}`);
  return JSON.parse(cli.stdout);
}

/** Saves PNG bytes as build/screenshots/engines-<engine>-<name>.png and decodes them. */
export function keepScreenshot(engine, name, png) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(path.join(screenshotDir, `engines-${engine}-${name}.png`), png);
  return decodePng(png);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A phone page's `fingers` for the page inside one of its iframes (a clinic's widget): touches in
 * the frame's own CSS px, moved by where the frame's content is on the page (`origin()`, asked at
 * each touch, so a page that scrolled is followed). For drivers whose fingers are the browser's own
 * touch input, which reaches into frames as a finger's would.
 */
export function fingersInFrame(fingers, origin) {
  const onPage = async (...points) => {
    const at = await origin();
    return points.map((point) => ({ x: point.x + at.x, y: point.y + at.y }));
  };
  return {
    tap: async (x, y) => { const [p] = await onPage({ x, y }); return fingers.tap(p.x, p.y); },
    down: async (x, y) => { const [p] = await onPage({ x, y }); return fingers.down(p.x, p.y); },
    move: async (x, y) => { const [p] = await onPage({ x, y }); return fingers.move(p.x, p.y); },
    up: () => fingers.up(),
    pinchStart: async (a, b) => fingers.pinchStart(...await onPage(a, b)),
    pinchMove: async (a, b) => fingers.pinchMove(...await onPage(a, b)),
    pinchEnd: () => fingers.pinchEnd(),
  };
}
/** In the page: where an iframe's content starts (inside its border), CSS px of the viewport. */
export const frameContentOrigin = (iframe) => {
  const box = iframe.getBoundingClientRect();
  return { x: box.x + iframe.clientLeft, y: box.y + iframe.clientTop };
};

/**
 * Polls `page.evaluate(fn, arg)` until it returns something truthy (and returns that), the same
 * way in every engine (WebDriver has no waitForFunction).
 */
export async function waitFor(page, fn, arg, { timeout = 30000, interval = 50, what = 'the condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(fn, arg);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

/**
 * Waits until the app has drawn `frames` more frames than it had and has taken all the input sent
 * to it (stats().input_pending: ImGui takes typed keys a frame at a time); returns its stats.
 */
/** The app's record of what it drew (smp.layout()), asked for and then read a frame later, as tests/e2e/browser.mjs does with Playwright. */
export async function layoutNow(page) {
  await page.evaluate(() => window.smp.layout());
  await waitForFrames(page, 2);
  return page.evaluate(() => window.smp.layout());
}

export async function waitForFrames(page, frames = 3, timeout = 30000) {
  const start = await page.evaluate(() => window.smp?.stats()?.frames ?? 0);
  await waitFor(page, (target) => {
    const stats = window.smp?.stats();
    return (stats?.frames ?? 0) >= target && !(stats?.input_pending > 0);
  }, start + frames, { timeout, what: `${frames} frames and the input taken` });
  return page.evaluate(() => window.smp.stats());
}
