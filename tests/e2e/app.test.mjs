// The designer in headless Chromium, used as a person would: load it, look at it, resize the
// window, drag and scroll on the canvas. Screenshots land in build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startBrowser, openPage, waitForFrames, screenshotDir } from './browser.mjs';
import { decodePng } from '../../tools/png.mjs';

// Colours from src/ui/theme.h.
const SCALP_OUTLINE = [84, 55, 40];
const SCALP_FILL = [233, 205, 182];
const CANVAS_BACKGROUND = [236, 239, 242];

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

async function screenshot(page, name) {
  const file = path.join(screenshotDir, `${name}.png`);
  return decodePng(await page.screenshot({ path: file }));
}

function pixelAt(image, x, y) {
  const i = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]];
}

function distance(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

// Share of pixels in a square of half-size `r` (CSS px × scale) around (x, y) within `tolerance`
// of `colour`. Grid lines cross everything, so areas are judged by majority, not by one pixel.
function shareNear(image, x, y, r, colour, tolerance) {
  let near = 0, all = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      all++;
      if (distance(pixelAt(image, x + dx, y + dy), colour) <= tolerance) near++;
    }
  }
  return near / all;
}

test('the app loads, keeps drawing frames, and reports no errors', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const first = await waitForFrames(page, 5);
  const later = await waitForFrames(page, 20);
  assert.ok(later.frames >= first.frames + 20);
  assert.equal(await page.title(), 'SMP Designer');
  assert.equal(await page.locator('#status').isHidden(), true, 'the loading message must go away');
  await screenshot(page, 'app-loaded');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the canvas shows the scalp outline, filled, over the background', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const stats = await waitForFrames(page, 10);
  const image = await screenshot(page, 'scalp-outline');
  const scalp = stats.scalp_css, canvas = stats.canvas_css;

  // The scalp sits inside the canvas, fitted with a margin.
  assert.ok(scalp.x > canvas.x && scalp.x + scalp.width < canvas.x + canvas.width, JSON.stringify(stats));
  assert.ok(scalp.y > canvas.y && scalp.y + scalp.height < canvas.y + canvas.height, JSON.stringify(stats));
  assert.ok(scalp.height > 0.8 * canvas.height, 'fit to view uses the space');

  // The outline stroke at the widest point, left and right, and at the front and back.
  const cy = scalp.y + scalp.height / 2;
  const midX = scalp.x + scalp.width / 2;
  // The widest point of the egg lies a little behind the middle; scan the whole height band.
  const strokeFound = (x0, y0, dxs, dys) =>
    dxs.some((dx) => dys.some((dy) => distance(pixelAt(image, x0 + dx, y0 + dy), SCALP_OUTLINE) < 60));
  const band = Array.from({ length: 61 }, (_, i) => (i - 30) * (scalp.height / 200));
  const near = [-2, -1, 0, 1, 2];
  assert.ok(strokeFound(scalp.x, cy, near, band), 'outline stroke on the left');
  assert.ok(strokeFound(scalp.x + scalp.width, cy, near, band), 'outline stroke on the right');
  assert.ok(strokeFound(midX, scalp.y, [-1, 0, 1, 4, -4], near), 'outline stroke at the front');
  assert.ok(strokeFound(midX, scalp.y + scalp.height, [-1, 0, 1, 4, -4], near), 'outline stroke at the back');

  // Inside: skin fill (off the midline); outside, between the canvas edge and the scalp: background.
  const inside = shareNear(image, midX + scalp.width * 0.2, cy + scalp.height * 0.1, 12, SCALP_FILL, 30);
  assert.ok(inside > 0.6, `scalp fill inside the outline (${(inside * 100).toFixed(0)} %)`);
  const outsideX = (canvas.x + scalp.x) / 2;
  const outside = shareNear(image, outsideX, scalp.y + 30, 8, CANVAS_BACKGROUND, 30);
  assert.ok(outside > 0.6, `background outside the outline (${(outside * 100).toFixed(0)} %)`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the canvas fills its container and follows window resizes', async () => {
  const page = await openPage(browser, browser.baseUrl);
  for (const size of [{ width: 1280, height: 800 }, { width: 760, height: 540 }, { width: 1100, height: 900 }]) {
    await page.setViewportSize(size);
    await waitForFrames(page, 5);
    const stats = await waitForFrames(page, 3);
    const canvas = stats.canvas_css;
    assert.ok(Math.abs(canvas.x + canvas.width - size.width) <= 1, `canvas reaches the right edge at ${size.width}`);
    assert.ok(Math.abs(canvas.y + canvas.height - size.height) <= 1, `canvas reaches the bottom at ${size.height}`);
    const backing = await page.evaluate(() => {
      const c = document.getElementById('canvas');
      return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
    });
    assert.deepEqual(backing, { width: size.width, height: size.height, cssWidth: size.width, cssHeight: size.height });
    // Until the user pans or zooms, the scalp stays fitted inside the canvas.
    const scalp = stats.scalp_css;
    assert.ok(scalp.x >= canvas.x && scalp.y >= canvas.y);
    assert.ok(scalp.x + scalp.width <= canvas.x + canvas.width + 0.5);
    assert.ok(scalp.y + scalp.height <= canvas.y + canvas.height + 0.5);
  }
  await screenshot(page, 'resized-1100x900');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a high-DPI screen the canvas is drawn at device resolution', async () => {
  const page = await openPage(browser, browser.baseUrl,
                              { viewport: { width: 900, height: 640 }, deviceScaleFactor: 2 });
  await waitForFrames(page, 5);
  const stats = await waitForFrames(page, 5);
  assert.equal(stats.device_pixel_ratio, 2);
  const backing = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight };
  });
  assert.equal(backing.width, backing.cssWidth * 2);
  assert.equal(backing.height, backing.cssHeight * 2);
  // The layout in CSS pixels is the same as at 1x: the UI scaled, it did not shrink.
  assert.ok(stats.canvas_css.x > 250 && stats.canvas_css.x < 350, JSON.stringify(stats.canvas_css));
  const image = await screenshot(page, 'high-dpi-2x');
  assert.equal(image.width, 1800);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('dragging pans the view and the wheel zooms about the cursor', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const before = await waitForFrames(page, 5);
  const s0 = before.scalp_css;
  const start = { x: s0.x + s0.width * 0.5, y: s0.y + s0.height * 0.4 };

  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(start.x + 12 * i, start.y + 5 * i);
    await waitForFrames(page, 1);
  }
  await page.mouse.up();
  const panned = (await waitForFrames(page, 3)).scalp_css;
  assert.ok(Math.abs(panned.x - (s0.x + 120)) < 1.5, `panned x ${panned.x} vs ${s0.x + 120}`);
  assert.ok(Math.abs(panned.y - (s0.y + 50)) < 1.5, `panned y ${panned.y} vs ${s0.y + 50}`);

  // Zoom in about a point: the millimetre under the cursor stays under it.
  const cursor = { x: panned.x + panned.width * 0.3, y: panned.y + panned.height * 0.6 };
  const ppm0 = (await waitForFrames(page, 1)).pixels_per_mm;
  const mmUnder = { x: (cursor.x - panned.x) / ppm0, y: (cursor.y - panned.y) / ppm0 };
  await page.mouse.move(cursor.x, cursor.y);
  await waitForFrames(page, 2);
  await page.mouse.wheel(0, -300);
  await waitForFrames(page, 5);
  const zoomed = await waitForFrames(page, 2);
  assert.ok(zoomed.pixels_per_mm > ppm0 * 1.2, `zoomed in: ${ppm0} -> ${zoomed.pixels_per_mm} px/mm`);
  const mmAfter = {
    x: (cursor.x - zoomed.scalp_css.x) / zoomed.pixels_per_mm,
    y: (cursor.y - zoomed.scalp_css.y) / zoomed.pixels_per_mm,
  };
  assert.ok(Math.abs(mmAfter.x - mmUnder.x) < 1 && Math.abs(mmAfter.y - mmUnder.y) < 1,
            `point under the cursor moved: ${JSON.stringify(mmUnder)} -> ${JSON.stringify(mmAfter)}`);
  await screenshot(page, 'panned-and-zoomed');

  // "Fit scalp to view" (the F key) brings the whole scalp back.
  await page.keyboard.press('f');
  const refit = (await waitForFrames(page, 3)).scalp_css;
  assert.ok(Math.abs(refit.x - s0.x) < 1 && Math.abs(refit.width - s0.width) < 1, 'F fits the scalp again');
  assert.deepEqual(page.problems, []);
  await page.close();
});
