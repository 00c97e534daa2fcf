// Firefox ESR (Debian's firefox-esr) through puppeteer-core over WebDriver BiDi, on the suite's X
// display: without one Firefox refuses WebGL (TOOLCHAIN.md). WebGL2 renders on Mesa's llvmpipe.
//
// "No errors" here: console messages of type error, uncaught exceptions (pageerror), failed
// requests (requestfailed) and HTTP answers of 400 or more, as BiDi reports them for the page, on
// top of the capture script's record in the page and each frame (harness.mjs) and the servers'
// HTTP errors.
import puppeteer from 'puppeteer-core';
import { readCapturedProblems, fingersInFrame, frameContentOrigin } from '../harness.mjs';

export async function launch({ display }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.SMP_FIREFOX || '/usr/bin/firefox-esr',
    headless: true,
    env: { ...process.env, DISPLAY: display },
    // puppeteer's profile already turns off updates, telemetry and the first-run pages; these
    // keep the rest of Firefox off this closed network.
    extraPrefsFirefox: {
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'browser.safebrowsing.update.enabled': false,
      'extensions.getAddons.cache.enabled': false,
    },
  });
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`,
    /** A fresh page in its own browser context (its own storage, like a new visitor), at `url`. */
    async open(url, { width = 1280, height = 800, phone = false } = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      // The browser's default viewport is not applied to new tabs (TOOLCHAIN.md). A phone: twice
      // the density and touch input (BiDi's touch actions). Firefox here does not emulate a touch
      // screen's media, though: the page still sees a fine pointer ('(pointer: coarse)' is false).
      await page.setViewport(phone ? { width, height, deviceScaleFactor: 2, hasTouch: true, isMobile: true } : { width, height });
      const problems = [];
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
      page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
      await page.goto(url);
      return wrapPage(page, problems, async () => context.close(), phone);
    },
    async close() {
      await browser.close();
    },
  };
}

function wrapPage(page, problems, closeContext, phone) {
  const frameApi = (frame) => ({
    evaluate: (fn, arg) => frame.evaluate(fn, arg),
  });
  // A finger on a phone's page (open(url, {phone: true})): BiDi's touch actions.
  const fingers = phone && (() => {
    let finger = null, pinch = null;
    return {
      tap: (x, y) => page.touchscreen.tap(x, y),
      down: async (x, y) => { finger = await page.touchscreen.touchStart(x, y); },
      move: (x, y) => finger.move(x, y),
      up: () => finger.end(),
      // Two fingers, {x, y} each, as two BiDi touch sources: the second goes down after the
      // first, moves after it, and lifts first.
      pinchStart: async (a, b) => {
        pinch = [await page.touchscreen.touchStart(a.x, a.y)];
        pinch.push(await page.touchscreen.touchStart(b.x, b.y));
      },
      pinchMove: async (a, b) => { await pinch[0].move(a.x, a.y); await pinch[1].move(b.x, b.y); },
      pinchEnd: async () => { await pinch[1].end(); await pinch[0].end(); },
    };
  })();
  return {
    ...frameApi(page),
    async pointerDown(x, y) { await page.mouse.move(x, y); await page.mouse.down(); },
    async pointerMove(x, y) { await page.mouse.move(x, y); },
    async pointerUp() { await page.mouse.up(); },
    async click(x, y) { await page.mouse.click(x, y); },
    // 'b', 'Control+z', 'Control+Shift+z': modifiers held down around the last key.
    async key(combo) {
      const keys = combo.split('+');
      const last = keys.pop();
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(last);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
    screenshot: async () => Buffer.from(await page.screenshot()),
    viewport: () => page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight })),
    fingers,
    /**
     * The page inside the first iframe matching `selector`, once it has loaded; on a phone's page
     * with fingers of its own (its CSS px).
     */
    async frame(selector) {
      const handle = await page.waitForSelector(selector, { timeout: 30000 });
      const inside = frameApi(await handle.contentFrame());
      return fingers ? { ...inside, fingers: fingersInFrame(fingers, () => handle.evaluate(frameContentOrigin)) } : inside;
    },
    async problems() {
      const captured = [];
      for (const frame of page.frames()) captured.push(...await frame.evaluate(readCapturedProblems).catch((e) => [`could not read a frame's problems: ${e.message}`]));
      return [...problems, ...captured];
    },
    close: closeContext,
  };
}
