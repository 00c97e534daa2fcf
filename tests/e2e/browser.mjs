// Shared set-up for the browser tests: Debian's Chromium through playwright-core, SwiftShader
// WebGL2, a static server on a free loopback port, and a record of everything the page
// complained about (console errors, uncaught exceptions, failed requests).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serveDirectory } from '../../tools/serve.mjs';
import { decodePng } from '../../tools/png.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const webRoot = path.join(repoRoot, 'build', 'wasm', 'web');
export const screenshotDir = path.join(repoRoot, 'build', 'screenshots');

// Playwright adds --headless itself. SwiftShader gives WebGL2 without a GPU; the rest keeps
// Chromium from calling home on this closed network.
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  '--disable-default-apps', '--disable-quic',
];

/** Serves build/wasm/web on a free loopback port and launches Chromium. Call close() when done. */
export async function startBrowser() {
  const server = await serveDirectory(webRoot, { port: 0, quiet: true });
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.SMP_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    baseUrl,
    browser,
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Opens `url` in a fresh browser context (its own storage, like a new visitor) and records every
 * problem the page reports into page.problems. page.close() closes the context too. `colorScheme`
 * ('light' | 'dark') and `reducedMotion` ('reduce' | 'no-preference') are the browser's preferences.
 */
export async function openPage(handle, url, { viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1, hasTouch = false,
                                              isMobile = false, colorScheme = 'light', reducedMotion = 'no-preference',
                                              beforeLoad = null } = {}) {
  const context = await handle.browser.newContext({ viewport, deviceScaleFactor, hasTouch, isMobile, colorScheme, reducedMotion });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => page.problems.push(`uncaught exception: ${error.message}`));
  page.on('requestfailed', (request) => page.problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) page.problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  const closePage = page.close.bind(page);
  page.close = async () => { await closePage(); await context.close(); };
  if (beforeLoad) await beforeLoad(page, context);   // e.g. CDP overrides that must precede the load
  await page.goto(url);
  return page;
}

/**
 * An init script (context.addInitScript) that records what every frame the app draws showed, in
 * window.framesSeen of the page or widget frame the app runs in: {frames, client_view, design_dots
 * (the design's dots), drawn (dots drawn, on the map and the head)}. From the very first frame: what
 * a person saw while the app started.
 */
export const RECORD_FRAMES = () => {
  window.framesSeen = [];
  const record = () => {
    const s = window.smp?.stats?.();
    if (s && s.frames > 0 && window.framesSeen.at(-1)?.frames !== s.frames) {
      window.framesSeen.push({ frames: s.frames, client_view: s.client_view, design_dots: s.dots, drawn: s.dots_drawn + s.head_dots_drawn });
    }
    requestAnimationFrame(record);
  };
  requestAnimationFrame(record);
};

/**
 * openPage on a screen {width, height, scale, touch} (a phone: a mobile viewport with touch), once
 * the app has drawn a few frames.
 */
export async function openScreen(handle, screen, { url = handle.baseUrl, beforeLoad = null } = {}) {
  const page = await openPage(handle, url, {
    viewport: { width: screen.width, height: screen.height }, deviceScaleFactor: screen.scale,
    hasTouch: screen.touch, isMobile: screen.touch, beforeLoad,
  });
  await page.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000 });
  return page;
}
/**
 * Waits until the app has drawn at least `frames` more frames than it had and has taken all the
 * input sent to it (ImGui takes a key or a character a frame while a text field is edited, so what
 * a script types in one go lands over several frames: stats().input_pending counts what is left);
 * returns its stats.
 */
export async function waitForFrames(page, frames = 5, timeoutMs = 30000) {
  const start = await page.evaluate(() => window.smp?.stats()?.frames ?? 0);
  await page.waitForFunction((target) => {
    const stats = window.smp?.stats();
    return (stats?.frames ?? 0) >= target && !(stats?.input_pending > 0);
  }, start + frames, { timeout: timeoutMs, polling: 50 });
  return page.evaluate(() => window.smp.stats());
}

// --- Looking at the page and acting on it, as a person would ----------------------------------

/**
 * The plan the app in `page` (a page or a frame) gives (window.smp.getPlan()), sent over as one
 * JSON string: Playwright sends an object value by value, and a 25,000-dot plan took it 1.5 s
 * that way against 0.2 s as a string.
 */
export async function planOf(page) {
  return JSON.parse(await page.evaluate(() => JSON.stringify(window.smp.getPlan())));
}

/**
 * The app's layout (window.smp.layout()) of a frame drawn after everything asked for so far: the
 * first call asks for the next frame's record, the second returns it.
 */
export async function layoutNow(page) {
  await page.evaluate(() => window.smp.layout());
  await waitForFrames(page, 2);
  return page.evaluate(() => window.smp.layout());
}

/**
 * The first visible layout item named `label` that `where(item)` accepts, once it is on the screen
 * (a new ImGui window is sized over its first frames, then placed: a click before that lands on
 * whatever is under it). Fails after `tries` layouts without it.
 */
export async function itemShown(page, label, where = () => true, tries = 40) {
  for (let i = 0; i < tries; i++) {
    const item = (await layoutNow(page)).items.find((it) => it.visible && it.label === label && where(it));
    if (item) return item;
  }
  throw new Error(`"${label}" never showed in the app's layout`);
}

export async function screenshot(page, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  return decodePng(await page.screenshot({ path: file }));
}

export function pixelAt(image, x, y) {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]];
}

/** Relative luminance (WCAG, Rec. 709 weights on linear light) of an sRGB pixel [r, g, b], 0..1. */
export function luminance([r, g, b]) {
  const linear = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG's contrast ratio of two relative luminances (luminance() above), 1..21. */
export function contrastRatio(a, b) {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

export function distance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// Share of pixels in a square of half-size `r` (CSS px × scale) around (x, y) within `tolerance`
// of `colour`. Grid lines cross everything, so areas are judged by majority, not by one pixel.
export function shareNear(image, x, y, r, colour, tolerance) {
  let near = 0, all = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      all++;
      if (distance(pixelAt(image, x + dx, y + dy), colour) <= tolerance) near++;
    }
  }
  return near / all;
}

// Picks the brush (clicking first to focus the canvas: the pan tool does not paint) and drags it
// from `from` through `steps` points given by `at(i)`, one frame per point when `everyFrame`.
export async function paintStroke(page, from, steps, at, { everyFrame = false, onFrame = null } = {}) {
  await page.mouse.click(from.x, from.y);
  await page.keyboard.press('b');
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    const p = at(i);
    await page.mouse.move(p.x, p.y);
    if (everyFrame || onFrame) {
      const stats = await waitForFrames(page, 1);
      onFrame?.(stats);
    }
  }
  await page.mouse.up();
  // The stroke ends in the frame that takes the release (ImGui takes a queued press, move or
  // release a frame at a time): the design has it once every event is in.
  await waitForFrames(page, 1);
}

// Where the strokes go on the opening preset: the occipital region (35 dots/cm² in norwood-4), a
// little above the back of the outline.
export const occipitalSpot = (stats) => ({ x: stats.outline_css.back[0] - 60, y: stats.outline_css.back[1] - 90 });
