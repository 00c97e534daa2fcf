// Chromium (Debian's) through playwright-core, with the e2e suite's flags (SwiftShader WebGL2,
// headless, no calls home): tests/e2e/browser.mjs.
//
// "No errors" here: console messages of type error, uncaught exceptions (pageerror), failed
// requests (requestfailed) and HTTP answers of 400 or more, as playwright reports them for the
// page, on top of the capture script's record in the page and each frame (harness.mjs) and the
// servers' HTTP errors.
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../e2e/browser.mjs';
import { readCapturedProblems, fingersInFrame, frameContentOrigin } from '../harness.mjs';

export async function launch() {
  const executablePath = process.env.SMP_CHROMIUM || '/usr/bin/chromium';
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
  return {
    version: `Chromium ${browser.version()}`,
    /** A fresh page in its own context (its own storage, like a new visitor), at `url`. */
    async open(url, { width = 1280, height = 800, phone = false } = {}) {
      // A phone: a touch screen (the page sees a coarse pointer and touch input) at twice the density.
      const context = await browser.newContext(phone ? { viewport: { width, height }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 }
                                                     : { viewport: { width, height } });
      const page = await context.newPage();
      const problems = [];
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.message}`));
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
      page.on('response', (response) => { if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`); });
      await page.goto(url);
      return wrapPage(page, problems, async () => context.close(), phone ? await context.newCDPSession(page) : null);
    },
    async close() {
      await browser.close();
    },
  };
}

function wrapPage(page, problems, closeContext, cdp) {
  const frameApi = (frame) => ({
    evaluate: (fn, arg) => frame.evaluate(fn, arg),
  });
  // A finger on a phone's page (open(url, {phone: true})): touch events through the DevTools
  // protocol, as a touch screen sends them.
  const fingers = cdp && (() => {
    const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
    return {
      tap: (x, y) => page.touchscreen.tap(x, y),
      down: (x, y) => touch('touchStart', [{ x, y, id: 1 }]),
      move: (x, y) => touch('touchMove', [{ x, y, id: 1 }]),
      up: () => touch('touchEnd', []),
      // Two fingers, {x, y} each: the second goes down after the first, and lifts first.
      pinchStart: async (a, b) => {
        await touch('touchStart', [{ ...a, id: 1 }]);
        await touch('touchStart', [{ ...a, id: 1 }, { ...b, id: 2 }]);
      },
      pinchMove: (a, b) => touch('touchMove', [{ ...a, id: 1 }, { ...b, id: 2 }]),
      // (A touchEnd carries no points: both lift, one event each.)
      pinchEnd: () => touch('touchEnd', []),
    };
  })();
  return {
    ...frameApi(page),
    async pointerDown(x, y) { await page.mouse.move(x, y); await page.mouse.down(); },
    async pointerMove(x, y) { await page.mouse.move(x, y); },
    async pointerUp() { await page.mouse.up(); },
    async click(x, y) { await page.mouse.click(x, y); },
    async key(combo) { await page.keyboard.press(combo); },   // 'b', 'Control+z', 'Control+Shift+z'
    screenshot: () => page.screenshot(),
    viewport: () => page.viewportSize(),
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
