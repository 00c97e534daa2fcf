// The head view (issue 17): the design on the client's head, turned with a drag (mouse or one
// finger), zoomed with the wheel or a pinch, the named views' buttons, the page API's view and
// camera (setPreview, stats, the autosave), the client view and the widget opening on the head, and
// what the view shows (a head on a background).
//
// The head renderer may be the stand-in of branch headui (render/head_renderer.cpp clears the view
// to the skin colour): the picture test then checks only what the stand-in draws and says so.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { serveDirectory } from '../../tools/serve.mjs';
import { startBrowser, openScreen, openPage, waitForFrames, screenshot, pixelAt, distance, luminance, webRoot, repoRoot, screenshotDir, layoutNow } from './browser.mjs';
import { layoutProblems } from './layout_audit.mjs';
import { decodePng } from '../../tools/png.mjs';
import { readCaption } from './caption.mjs';

// SwiftShader's time goes with the pixels drawn: the desktop screens are as small as the checks
// allow. DESKTOP keeps the side panel beside a head view wide enough for every drag below; WIDE's
// canvas, beside the 320 px side panel, stays over 1000 CSS px wide (kSideBySideFromLogicalPx) for the
// map and the head side by side.
const DESKTOP = { width: 960, height: 640, scale: 1, touch: false };
const WIDE = { width: 1360, height: 660, scale: 1, touch: false };
const PHONE = { width: 390, height: 844, scale: 3, touch: true };
const BACKGROUND = [236, 239, 242];            // kCanvasBackgroundRgba (export/dot_palette.h)
const SKIN_LIGHT_MEDIUM = [226, 188, 160];     // kSkinTones[1], the default skin tone
const DEG_PER_PX = 0.5;                        // kOrbitDegPerLogicalPx (ui/head_view_math.h)

let browser, hostServer, hostUrl;
test.before(async () => {
  browser = await startBrowser();
  hostServer = await serveDirectory(path.join(webRoot, 'demo'), { port: 0, quiet: true });
  hostUrl = `http://127.0.0.1:${hostServer.address().port}/`;
});
test.after(async () => {
  await browser?.close();
  await new Promise((resolve) => hostServer?.close(resolve));
});

const stats = (page) => page.evaluate(() => window.smp.stats());
const centreOf = (rect) => ({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });

// The buttons over the head view (or the canvas' view toggle), by label, found where the app drew them.
async function overlayButtons(page, windowPart) {
  const layout = await layoutNow(page);
  const found = {};
  for (const item of layout.items) {
    if (item.visible && item.interactive && item.window.includes(windowPart)) found[item.label] = item;
  }
  return found;
}
async function overlayButton(page, label, windowPart) {
  const item = (await overlayButtons(page, windowPart))[label];
  assert.ok(item, `"${label}" is drawn in ${windowPart}`);
  return item;
}

// A mouse drag of (dx, dy) CSS px from `from`, a frame per step; the press gets its own frames
// first (the app ignores the frame a press lands in: the pointer may have jumped there).
async function drag(page, from, dx, dy, steps = 4) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await waitForFrames(page, 2);
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
    await waitForFrames(page, 1);
  }
  await page.mouse.up();
  return waitForFrames(page, 2);
}

test('head view with a mouse: drag turns, wheel zooms, double-click and the buttons choose the view; the brush paints nothing; setPreview and stats agree; a reload keeps it', async () => {
  const page = await openScreen(browser, DESKTOP);
  const opened = await stats(page);
  assert.equal(opened.view, 'map', 'a designer session opens on the map');
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head' })), { ok: true });
  const start = await waitForFrames(page, 3);
  assert.equal(start.view, 'head');
  assert.deepEqual(start.camera, { yaw_deg: 0, pitch_deg: 0, zoom: 1 });
  assert.ok(start.head_css && start.map_css === null, JSON.stringify([start.head_css, start.map_css]));
  assert.ok(start.head_dots_drawn > 0, 'the head view holds the dots');

  // Drag right 100 px: the client turns to their left by 50 degrees (the surface follows the mouse).
  const centre = centreOf(start.head_css);
  let now = await drag(page, centre, 100, 0);
  assert.ok(Math.abs(now.camera.yaw_deg - 100 * DEG_PER_PX) <= 3, `yaw after a 100 px drag right: ${now.camera.yaw_deg}`);
  assert.equal(now.camera.pitch_deg, 0);
  // Up 300 px: the pitch stops at -90 (from below); down again 60 px: -60.
  now = await drag(page, centre, 0, -300);
  assert.equal(now.camera.pitch_deg, -90, 'pitch clamps at -90');
  now = await drag(page, centre, 0, 60);
  assert.ok(Math.abs(now.camera.pitch_deg - -60) <= 3, `pitch: ${now.camera.pitch_deg}`);
  // Right 300 px more from yaw 50: past the back, the yaw wraps to about -160.
  now = await drag(page, centre, 300, 0, 6);
  assert.ok(Math.abs(now.camera.yaw_deg - -160) <= 4, `yaw wraps: ${now.camera.yaw_deg}`);
  assert.equal(now.head_uploads, start.head_uploads, 'turning the head uploads no dots');

  // The wheel zooms in; a double-click returns to the front at the default zoom.
  await page.mouse.move(centre.x, centre.y);
  await page.mouse.wheel(0, -300);
  now = await waitForFrames(page, 3);
  assert.ok(now.camera.zoom > 1.2, `wheel zooms: ${now.camera.zoom}`);
  await page.mouse.dblclick(centre.x, centre.y);
  now = await waitForFrames(page, 3);
  assert.deepEqual(now.camera, { yaw_deg: 0, pitch_deg: 0, zoom: 1 }, 'double-click: the front');

  // The buttons over the corner: Left is the client's left profile, Top is from above.
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Left', 'head_camera'))));
  now = await waitForFrames(page, 3);
  assert.deepEqual([now.camera.yaw_deg, now.camera.pitch_deg], [-90, 0], 'Left: yaw -90');
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Top', 'head_camera'))));
  now = await waitForFrames(page, 3);
  assert.deepEqual([now.camera.yaw_deg, now.camera.pitch_deg], [0, 90], 'Top: pitch 90');

  // Picking the brush over the head brings the map it paints on; back on the head, the brush does
  // nothing there: a drag turns the head, and the design stays as it was.
  await page.keyboard.press('b');
  assert.deepEqual(((s) => [s.tool, s.view])(await waitForFrames(page, 3)), ['brush', 'map']);
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Head', 'canvas_view'))));
  const beforeBrush = await waitForFrames(page, 3);
  assert.deepEqual([beforeBrush.tool, beforeBrush.view], ['brush', 'head']);
  now = await drag(page, centre, -40, 0);
  assert.equal(now.design_revision, beforeBrush.design_revision, 'nothing painted on the head');
  assert.equal(now.dots, beforeBrush.dots);
  assert.ok(Math.abs(now.camera.yaw_deg - -20) <= 3, `the drag turned the head instead: ${now.camera.yaw_deg}`);
  // The brush picked again over the head (it is still in hand) brings the map too.
  await page.keyboard.press('b');
  assert.deepEqual(((s) => [s.tool, s.view])(await waitForFrames(page, 3)), ['brush', 'map']);
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Head', 'canvas_view'))));
  assert.equal((await waitForFrames(page, 3)).view, 'head');

  // The toggle's Map brings the map back; Head the head.
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Map', 'canvas_view'))));
  assert.equal((await waitForFrames(page, 3)).view, 'map');
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Head', 'canvas_view'))));
  assert.equal((await waitForFrames(page, 3)).view, 'head');

  // Without a pointer: the arrows turn the head alone (60 px of drag a press: 30 degrees), + zooms it.
  const beforeKeys = await waitForFrames(page, 1);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Equal');
  now = await waitForFrames(page, 3);
  assert.ok(Math.abs(now.camera.yaw_deg - (beforeKeys.camera.yaw_deg + 30)) < 0.01, `ArrowRight: ${beforeKeys.camera.yaw_deg} -> ${now.camera.yaw_deg}`);
  assert.ok(now.camera.zoom > beforeKeys.camera.zoom, '+ zooms the head');
  assert.equal(now.pixels_per_mm, beforeKeys.pixels_per_mm, 'not the hidden map');
  // With Before / after on, Shift and the arrows move its line a twentieth; the arrows alone still turn.
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Before / after', 'head_before_after'))));
  assert.equal((await waitForFrames(page, 3)).head_before_after, 0.5);
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  now = await waitForFrames(page, 3);
  assert.ok(Math.abs(now.head_before_after - 0.6) < 1e-9, `Shift+ArrowRight twice: the line at ${now.head_before_after}`);
  const lineMoved = now;
  await page.keyboard.press('ArrowLeft');
  now = await waitForFrames(page, 3);
  assert.ok(Math.abs(now.camera.yaw_deg - (lineMoved.camera.yaw_deg - 30)) < 0.01, 'ArrowLeft still turns the head');
  assert.equal(now.head_before_after, lineMoved.head_before_after);
  await page.mouse.click(...Object.values(centreOf(await overlayButton(page, 'Before / after', 'head_before_after'))));
  assert.equal((await waitForFrames(page, 3)).head_before_after, null);

  // setPreview and stats: a round trip, and bad values refused with a message naming them.
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head', yaw_deg: 30, pitch_deg: -20, zoom: 2, mode: 'healed' })), { ok: true });
  now = await waitForFrames(page, 3);
  assert.deepEqual(now.camera, { yaw_deg: 30, pitch_deg: -20, zoom: 2 });
  assert.equal(now.view_mode, 'healed');
  const refusals = [
    [{ yaw_deg: 200 }, /yaw 200° is outside -180\.\.180/],
    [{ pitch_deg: 91 }, /pitch 91° is outside -90\.\.90/],
    [{ zoom: 5 }, /zoom 5 is outside 0\.6\.\.4/],
    [{ zoom: 'near' }, /zoom must be a number, got "near"/],
    [{ view: 'globe' }, /view must be "map", "head", "both" or "photo"/],
    [{ view: 'head', yaw_deg: 10, mode: 'sketch' }, /mode must be/],
  ];
  for (const [settings, message] of refusals) {
    const answer = await page.evaluate((s) => window.smp.setPreview(s), settings);
    assert.equal(answer.ok, false, JSON.stringify(settings));
    assert.match(answer.error, message);
  }
  const after = await waitForFrames(page, 2);
  assert.deepEqual(after.camera, { yaw_deg: 30, pitch_deg: -20, zoom: 2 }, 'a refused call changes nothing');
  assert.equal(after.view_mode, 'healed');

  // The autosave keeps the head view: a reload opens on it, at the same camera.
  await page.waitForFunction(() => /"view":"head"/.test(localStorage.getItem('smp.autosave.v1') ?? '') &&
                                   /"yaw_deg":30/.test(localStorage.getItem('smp.autosave.v1')), null, { timeout: 10000, polling: 100 });
  await page.reload();
  await page.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000 });
  const reloaded = await waitForFrames(page, 3);
  assert.equal(reloaded.view, 'head', 'the reload opens on the head');
  assert.deepEqual(reloaded.camera, { yaw_deg: 30, pitch_deg: -20, zoom: 2 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

// A short view (a phone held sideways, a clinic's widget): the map/head/photo buttons over its top
// would cover the crown, the part a client looks at; the head sits lower, its top below them.
test('head view picture: on a short view the crown comes out from under the buttons over it', async (t) => {
  const page = await openScreen(browser, { width: 844, height: 390, scale: 1, touch: true });
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head', mode: 'healed', skin_tone: 1 })), { ok: true });
  const now = await waitForFrames(page, 4);
  const toggle = (await layoutNow(page)).items.find((it) => it.visible && it.label === 'Head' && it.window.includes('canvas_view'));
  assert.ok(toggle, 'the Head button of the canvas toggle is drawn');
  const buttonsBottom = toggle.y + toggle.height;
  const { x, y, width, height } = now.head_css;
  assert.ok(height < width, `a short view: ${width} x ${height}`);
  const image = await screenshot(page, 'head-view-short');
  // Down the head's middle column: the first pixel that is not the background is the crown's top.
  const column = x + width / 2;
  let top = null;
  for (let row = Math.ceil(y) + 1; row < y + height - 1 && top === null; row++) {
    if (distance(pixelAt(image, column, row), BACKGROUND) > 25) top = row;
  }
  if (top !== null && distance(pixelAt(image, column, y + height - 3), SKIN_LIGHT_MEDIUM) < 3 && top <= y + 2) {
    t.diagnostic('the stand-in head renderer (the whole view in the skin colour): the crown is not checked');
  } else {
    assert.ok(top !== null, 'the head is drawn');
    assert.ok(top >= buttonsBottom, `the crown's top (${top} px) is below the buttons over the view (${buttonsBottom} px)`);
    assert.ok(top < y + height * 0.35, `and the head is not pushed down further than that: its top at ${top} px in ${y}..${y + height}`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('head view picture: a head in the middle of the view, the background at its corners', async (t) => {
  const page = await openScreen(browser, DESKTOP);
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head', mode: 'healed', skin_tone: 1 })), { ok: true });
  const now = await waitForFrames(page, 4);
  await page.mouse.move(5, now.head_css.y + now.head_css.height - 5);   // no hover over the view
  await waitForFrames(page, 2);
  const image = await screenshot(page, 'head-view-front');
  const { x, y, width, height } = now.head_css;
  // The middle of the head: skin (shaded, with healed dots on it), far from the background.
  const middle = pixelAt(image, x + width / 2, y + height * 0.45);
  assert.ok(distance(middle, BACKGROUND) > 25, `the middle is not the background: ${middle}`);
  assert.ok(distance(middle, SKIN_LIGHT_MEDIUM) < 90, `the middle is skin-coloured: ${middle}`);
  // The corners free of buttons (top right, bottom left), a little inside the view.
  const corners = [pixelAt(image, x + width - 8, y + 8), pixelAt(image, x + 8, y + height - 8)];
  if (corners.every((c) => distance(c, SKIN_LIGHT_MEDIUM) < 3) && distance(middle, SKIN_LIGHT_MEDIUM) < 3) {
    t.diagnostic('the stand-in head renderer (the whole view in the skin colour): the silhouette is not checked');
  } else {
    for (const corner of corners) assert.ok(distance(corner, BACKGROUND) < 12, `a corner shows the background: ${corner}`);
  }
  // From the back at the same size: still a head in the middle.
  await page.evaluate(() => window.smp.setPreview({ yaw_deg: 180 }));
  await waitForFrames(page, 3);
  const back = await screenshot(page, 'head-view-back');
  assert.ok(distance(pixelAt(back, x + width / 2, y + height * 0.45), BACKGROUND) > 25);
  // Left alone, the head view drops to the idle rate (a few frames a second), as the map does.
  await page.waitForTimeout(2500);
  const idle = await waitForFrames(page, 2);
  assert.ok(idle.frame_interval_ms > 120, `idle: a frame every ${idle.frame_interval_ms} ms`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('head view on a phone (390 x 844, touch): one finger turns, two fingers zoom, finger-sized buttons, a shared link opens on the head, from behind for a design at the back', async (t) => {
  const page = await openScreen(browser, PHONE);
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head' })), { ok: true });
  const start = await waitForFrames(page, 3);
  assert.equal(start.view, 'head');
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const c = centreOf(start.head_css);

  // One finger 80 px to the right: yaw +40.
  await touch('touchStart', [[c.x - 40, c.y]]);
  await waitForFrames(page, 2);
  for (let i = 1; i <= 4; i++) {
    await touch('touchMove', [[c.x - 40 + i * 20, c.y]]);
    await waitForFrames(page, 1);
  }
  await touch('touchEnd', []);
  let now = await waitForFrames(page, 3);
  assert.ok(Math.abs(now.camera.yaw_deg - 40) <= 4, `a finger turns the head: yaw ${now.camera.yaw_deg}`);
  assert.equal(now.dots, start.dots);

  // Two fingers spreading apart over the head: it zooms in, and does not turn.
  const turned = now.camera.yaw_deg;
  await touch('touchStart', [[c.x - 20, c.y], [c.x + 20, c.y]]);
  await waitForFrames(page, 1);
  for (let i = 1; i <= 3; i++) {
    await touch('touchMove', [[c.x - 20 - i * 17, c.y], [c.x + 20 + i * 17, c.y]]);
    await waitForFrames(page, 1);
  }
  await touch('touchEnd', []);
  now = await waitForFrames(page, 3);
  assert.ok(now.camera.zoom > 2, `a pinch zooms the head: ${now.camera.zoom}`);
  assert.ok(Math.abs(now.camera.yaw_deg - turned) <= 1, 'and does not turn it');
  assert.equal(now.pixels_per_mm, start.pixels_per_mm, 'the map did not zoom');

  // The named views: finger-sized, on the screen, and a tap on Left shows the client's left side.
  const drawn = await overlayButtons(page, 'head_camera');
  const buttons = ['Front', 'Left', 'Right', 'Back', 'Top'].map((label) => drawn[label]);
  assert.ok(buttons.every(Boolean), `the five views: ${Object.keys(drawn)}`);
  for (const b of buttons) {
    assert.ok(b.height >= 43.5 && b.width >= 43.5, `"${b.label}" is ${b.width} x ${b.height} px`);
    assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width, `"${b.label}" on the screen`);
  }
  await page.touchscreen.tap(...Object.values(centreOf(buttons[1])));
  now = await waitForFrames(page, 4);
  assert.deepEqual([now.camera.yaw_deg, now.camera.pitch_deg], [-90, 0], 'Left');
  await page.screenshot({ path: path.join(screenshotDir, 'head-view-phone.png') });

  // A shared link opens on the head, from the front and 20° above (the top, where most designs
  // are, in sight), whatever the view was.
  await page.evaluate(() => window.smp.setPreview({ view: 'map', yaw_deg: 45 }));
  const link = (await page.evaluate(() => window.smp.getLink())).link;
  assert.deepEqual(await page.evaluate((l) => window.smp.openLink(l), link), { ok: true });
  now = await waitForFrames(page, 3);
  assert.equal(now.client_view, true);
  assert.equal(now.view, 'head', 'a phone: the head alone');
  assert.deepEqual(now.camera, { yaw_deg: 0, pitch_deg: 20, zoom: 1 });
  // "Edit a copy" makes it the person's own work: back to the map.
  assert.deepEqual(await page.evaluate(() => window.smp.editCopy()), { ok: true });
  assert.equal((await waitForFrames(page, 3)).view, 'map');

  // A design the front does not show (a strip scar across the back) opens from behind, as high:
  // there its before and after differ, where from the front they were the same picture.
  await page.evaluate(() => window.smp.loadDesign('fut-strip-scar'));
  const scarLink = (await page.evaluate(() => window.smp.getLink())).link;
  assert.deepEqual(await page.evaluate((l) => window.smp.openLink(l), scarLink), { ok: true });
  now = await waitForFrames(page, 3);
  assert.deepEqual(now.camera, { yaw_deg: 180, pitch_deg: 20, zoom: 1 });
  const changedPixels = async (name) => {
    const head = (await waitForFrames(page, 3)).head_css;
    const shot = async (split) => {
      assert.deepEqual(await page.evaluate((at) => window.smp.setPreview({ before_after: at }), split), { ok: true });
      await waitForFrames(page, 3);
      return screenshot(page, `${name}-${split ? 'before' : 'after'}`);
    };
    const before = await shot(1), after = await shot(0);
    // The middle of the view: clear of the line at either edge and of the tags by its knob.
    let changed = 0;
    for (let y = Math.round(head.y * PHONE.scale); y < (head.y + 0.65 * head.height) * PHONE.scale; y += 2) {
      for (let x = Math.round((head.x + 0.2 * head.width) * PHONE.scale); x < (head.x + 0.8 * head.width) * PHONE.scale; x += 2) {
        if (luminance(pixelAt(after, x, y)) < 0.97 * luminance(pixelAt(before, x, y))) changed++;
      }
    }
    return changed;
  };
  const fromBehind = await changedPixels('head-link-scar-behind');
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ yaw_deg: 0, pitch_deg: 20 })), { ok: true });
  const fromTheFront = await changedPixels('head-link-scar-front');
  t.diagnostic(`a strip scar's design: ${fromBehind} sampled pixels darker after than before from behind, ${fromTheFront} from the front`);
  assert.ok(fromBehind > 2000 && fromTheFront < fromBehind / 10, `the design seen from behind: ${fromBehind}; from the front ${fromTheFront}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// luminance()'s weights (browser.mjs) on the sRGB values as they are (0-255): a quick measure of
// how light a pixel is against its neighbours, where only comparisons count.
function luma([r, g, b]) {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
// The mean over a rectangle given in CSS px of a screenshot taken at `scale` device px per CSS px.
function meanLuminance(image, scale, x0, y0, x1, y1) {
  let sum = 0, n = 0;
  for (let y = Math.round(y0 * scale); y < y1 * scale; y++) {
    for (let x = Math.round(x0 * scale); x < x1 * scale; x++, n++) sum += luminance(pixelAt(image, x, y));
  }
  return sum / n;
}

test('head view on a phone: "Before / after" shows the head without the design beside it with it; a finger moves the line, and anywhere else still turns the head; the sheet\'s sections leave the face clear', async (t) => {
  const page = await openScreen(browser, PHONE);
  const screen = { name: 'phone-390x844', width: PHONE.width, height: PHONE.height, touch: true, sheet: true };
  // A client's shared link: Norwood VI, shaved, healed on the head from the front.
  await page.evaluate(() => window.smp.loadDesign('norwood-6'));
  const link = (await page.evaluate(() => window.smp.getLink())).link;
  assert.deepEqual(await page.evaluate((l) => window.smp.openLink(l), link), { ok: true });
  let now = await waitForFrames(page, 4);
  assert.equal(now.view, 'head');
  assert.equal(now.head_before_after, null, 'a link opens on the design alone');
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const fingerDrag = async (from, dx) => {
    await touch('touchStart', [[from.x, from.y]]);
    await waitForFrames(page, 2);
    for (let i = 1; i <= 4; i++) {
      await touch('touchMove', [[from.x + (dx * i) / 4, from.y]]);
      await waitForFrames(page, 1);
    }
    await touch('touchEnd', []);
    return waitForFrames(page, 3);
  };

  const button = await overlayButton(page, 'Before / after', 'head_before_after');
  assert.ok(button.width >= 43.5 && button.height >= 43.5, `finger-sized: ${button.width} x ${button.height}`);
  assert.deepEqual(layoutProblems(await layoutNow(page), now, screen, 'head with its before/after button'), []);
  const off = await screenshot(page, 'head-before-after-off');
  await page.touchscreen.tap(...Object.values(centreOf(button)));
  now = await waitForFrames(page, 4);
  assert.equal(now.head_before_after, 0.5, 'the line in the middle');
  const both = await screenshot(page, 'head-before-after');
  // The same comparison with the line at the left edge: all after, in the comparison's light.
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ before_after: 0 })), { ok: true });
  await waitForFrames(page, 3);
  const after = await screenshot(page, 'head-before-after-all-after');
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ before_after: 0.5 })), { ok: true });
  now = await waitForFrames(page, 3);

  // Down the middle column, the first pixel that is not the background is the crown's top; the
  // treated scalp is below it. Left of the line it is lighter than all after (no ink), right of
  // it the same (the line and its labels kept out of both boxes).
  const { x, y, width, height } = now.head_css;
  const middle = x + width / 2;
  let top = null;
  const scale = PHONE.scale;

  // The line starts under the buttons at the top and stops short of the named views, rather
  // than running up past them to the menu bar and down between them. It is a white core 2 px
  // wide in a dark edge 4 px wide: a row shows it where the middle is much lighter than 5 device
  // px either side (over the background, the head or a button alike).
  const coreRows = (image, from, to) => {
    const rows = [];
    for (let row = Math.ceil(from * scale); row < Math.floor(to * scale); row++) {
      const at = (dx) => luma(pixelAt(image, Math.round(middle * scale) + dx, row));
      if ([-1, 0, 1].some((dx) => at(dx) - Math.max(at(dx - 5), at(dx + 5)) > 50)) rows.push(row / scale);
    }
    return rows;
  };
  const topRow = Object.values(await overlayButtons(page, 'canvas_view')).concat(Object.values(await overlayButtons(page, 'head_before_after')));
  const namedViews = Object.values(await overlayButtons(page, 'head_camera'));
  const underTop = Math.max(...topRow.map((b) => b.y + b.height));
  const aboveViews = Math.min(...namedViews.map((b) => b.y));
  const lineRows = coreRows(both, y, y + height);
  t.diagnostic(`the line's core from ${lineRows[0]} to ${lineRows.at(-1)} CSS px; the buttons at the top end at ${underTop}, the named views start at ${aboveViews}`);
  assert.ok(lineRows.length > 0.5 * height, `the line is drawn (${lineRows.length} rows)`);
  assert.ok(lineRows[0] > underTop, `the line starts under the buttons at the top: at ${lineRows[0]}, they end at ${underTop}`);
  assert.ok(lineRows.at(-1) < aboveViews, `the line stops above the named views: at ${lineRows.at(-1)}, they start at ${aboveViews}`);
  for (let row = Math.ceil(y) + 1; row < y + height - 1 && top === null; row++) {
    if (distance(pixelAt(off, middle * scale, row * scale), BACKGROUND) > 25) top = row;
  }
  assert.ok(top !== null, 'the head is drawn');
  if (distance(pixelAt(off, middle * scale, (y + height - 3) * scale), SKIN_LIGHT_MEDIUM) < 3 && top <= y + 2) {
    t.diagnostic('the stand-in head renderer (the whole view in the skin colour): the picture is not checked');
  } else {
    // (The top of the head, where Norwood VI's design is seen from the front: within the head's
    // outline, 10 to 35 px either side of the middle, 6 to 26 px under its top.)
    const rows = [top + 6, top + 26];
    const left = [middle - 35, middle - 10], right = [middle + 10, middle + 35];
    const mean = (image, [x0, x1]) => meanLuminance(image, scale, x0, rows[0], x1, rows[1]);
    const lighter = mean(both, left) / mean(after, left) - 1;
    const unchanged = mean(both, right) / mean(after, right) - 1;
    t.diagnostic(`the crown left of the line ${(100 * lighter).toFixed(1)} % lighter, right of it ${(100 * unchanged).toFixed(2)} %`);
    assert.ok(lighter > 0.03, `before: the scalp without the design is lighter by ${(100 * lighter).toFixed(1)} %`);
    assert.ok(Math.abs(unchanged) < 0.005, `after: unchanged (${(100 * unchanged).toFixed(2)} %)`);
    // The comparison's light comes from straight above the camera: the cheeks either side of the
    // line (no design there) are alike, as the scalp's two sides are, so the after side does not
    // look darker for being in the shade. (The usual light, from the upper left, leaves the
    // right cheek 10-20 % darker.)
    const cheeks = [top + 0.55 * (y + height - top), top + 0.62 * (y + height - top)];
    const cheek = (image, [x0, x1]) => meanLuminance(image, scale, x0, cheeks[0], x1, cheeks[1]);
    const sides = cheek(both, [middle + 25, middle + 45]) / cheek(both, [middle - 45, middle - 25]) - 1;
    const sidesUsually = cheek(off, [middle + 25, middle + 45]) / cheek(off, [middle - 45, middle - 25]) - 1;
    t.diagnostic(`the right cheek against the left: ${(100 * sides).toFixed(2)} % in the comparison, ${(100 * sidesUsually).toFixed(1)} % without it`);
    assert.ok(Math.abs(sides) < 0.02, `the two sides lit alike: the right cheek ${(100 * sides).toFixed(2)} % off the left`);
    assert.ok(sidesUsually < -0.05, `(the usual light leaves the right in the shade: ${(100 * sidesUsually).toFixed(1)} %)`);
  }

  // A finger on the line moves it, and does not turn the head.
  const line = { x: x + width * 0.5, y: y + height * 0.72 };
  now = await fingerDrag(line, 100);
  assert.ok(Math.abs(now.head_before_after - (0.5 + 100 / width)) < 0.02, `the line followed the finger: ${now.head_before_after}`);
  assert.equal(now.camera.yaw_deg, 0, 'the head did not turn');
  // Anywhere else a finger turns the head, and the line stays.
  const split = now.head_before_after;
  now = await fingerDrag({ x: x + 40, y: y + height * 0.5 }, 60);
  assert.ok(Math.abs(now.camera.yaw_deg - 30) <= 4, `a finger away from the line turns the head: yaw ${now.camera.yaw_deg}`);
  assert.equal(now.head_before_after, split);
  // Dragged past the screen's side, the line stops there: all before.
  now = await fingerDrag({ x: x + split * width, y: y + height * 0.72 }, width);
  assert.equal(now.head_before_after, 1);

  // The page's API: a line's place, or off; nonsense is refused and changes nothing.
  const refused = await page.evaluate(() => window.smp.setPreview({ before_after: 2, yaw_deg: 10 }));
  assert.equal(refused.ok, false);
  assert.match(refused.error, /before_after must be true, false or where the line is, from 0 \(all after\) to 1 \(all before\)/);
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ before_after: 0.25 })), { ok: true });
  now = await waitForFrames(page, 2);
  assert.equal(now.head_before_after, 0.25);
  assert.ok(Math.abs(now.camera.yaw_deg - 30) <= 4, 'the refused call turned nothing');

  // The sheet's sections open over a short view, where the named views' row would cover the face:
  // they become one "Views" menu in the corner, beside the face; the layout stays sound. The
  // menu's Left turns the head; folded, the sheet leaves room for the row again.
  await page.touchscreen.tap(...Object.values(centreOf(await overlayButton(page, 'More', 'sheet'))));
  now = await waitForFrames(page, 4);
  assert.equal(now.sheet_expanded, true);
  let drawn = await overlayButtons(page, 'head_camera');
  assert.deepEqual(Object.keys(drawn), ['Views'], 'one "Views" button instead of the row');
  assert.ok(drawn.Views.x > now.head_css.x + now.head_css.width * 0.5 + 0.3 * now.head_css.height, 'right of the face');
  assert.ok((await overlayButtons(page, 'head_before_after'))['Before / after'], 'Before / after stays');
  assert.deepEqual(layoutProblems(await layoutNow(page), now, screen, 'sheet expanded over the head'), []);
  await screenshot(page, 'head-before-after-sheet');
  await page.touchscreen.tap(...Object.values(centreOf(drawn.Views)));
  await waitForFrames(page, 3);
  const menu = await overlayButtons(page, '##Popup_');   // ImGui names a popup's window by its id
  assert.deepEqual(Object.keys(menu), ['Front', 'Left', 'Right', 'Back', 'Top']);
  for (const item of Object.values(menu)) assert.ok(item.height >= 43.5, `"${item.label}" is ${item.height} px high`);
  await page.touchscreen.tap(...Object.values(centreOf(menu.Left)));
  now = await waitForFrames(page, 4);
  assert.deepEqual([now.camera.yaw_deg, now.camera.pitch_deg], [-90, 0], 'Left from the menu');
  await page.touchscreen.tap(...Object.values(centreOf(await overlayButton(page, 'Less', 'sheet'))));
  await waitForFrames(page, 4);
  drawn = await overlayButtons(page, 'head_camera');
  assert.ok(drawn.Front, 'the row is back once the sheet folds');

  // Off again: the design on the whole head.
  await page.touchscreen.tap(...Object.values(centreOf(await overlayButton(page, 'Before / after', 'head_before_after'))));
  now = await waitForFrames(page, 3);
  assert.equal(now.head_before_after, null);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Specks in the middle of the head seen from the top (the mid-scalp, towards the face, which is
// at the bottom): device pixels 6 % darker than the mean of the 9 x 9 around them. Bare skin has
// none (its shading changes far more slowly); stubble and dots are such specks.
function topOfHeadSpecks(image, stats, scale) {
  const { x, y, width, height } = stats.head_css;
  const cx = x + width / 2, cy = y + height / 2;
  const background = (px, py) => distance(pixelAt(image, Math.round(px * scale), Math.round(py * scale)), BACKGROUND) < 12;
  let top = cy, bottom = cy, left = cx, right = cx;
  while (top > y && !background(cx, top - 1)) top--;
  while (bottom < y + height && !background(cx, bottom + 1)) bottom++;
  while (left > x && !background(left - 1, cy)) left--;
  while (right < x + width && !background(right + 1, cy)) right++;
  const w = right - left, h = bottom - top;
  let specks = 0, pixels = 0;
  for (let py = Math.round((top + 0.45 * h) * scale); py < (top + 0.75 * h) * scale; py++) {
    for (let px = Math.round((cx - 0.2 * w) * scale); px < (cx + 0.2 * w) * scale; px++, pixels++) {
      let sum = 0;
      for (let dy = -4; dy <= 4; dy++) for (let dx = -4; dx <= 4; dx++) sum += luma(pixelAt(image, px + dx, py + dy));
      if (luma(pixelAt(image, px, py)) < 0.94 * sum / 81) specks++;
    }
  }
  return { specks, pixels };
}

test('head view on a phone: Before shows the hair a client keeps on top (a Norwood III vertex\'s mid-scalp, its own stubble where the design paints less than its full look), and a Norwood VI\'s top bare', async (t) => {
  const seen = {};
  for (const preset of ['norwood-3-vertex', 'norwood-6']) {
    const sender = await openScreen(browser, PHONE);
    await sender.evaluate((name) => window.smp.loadDesign(name), preset);
    const link = (await sender.evaluate(() => window.smp.getLink())).link;
    await sender.close();
    const page = await openScreen(browser, PHONE, { url: link });
    // From the top, all Before (the line at the right edge).
    assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ yaw_deg: 0, pitch_deg: 90, before_after: 1 })), { ok: true });
    const now = await waitForFrames(page, 4);
    seen[preset] = topOfHeadSpecks(await screenshot(page, `head-before-top-${preset}`), now, PHONE.scale);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
  t.diagnostic(`specks on the mid-scalp seen from the top, Before: ${JSON.stringify(seen)}`);
  const kept = seen['norwood-3-vertex'], bare = seen['norwood-6'];
  assert.ok(bare.specks < bare.pixels / 500, `Norwood VI's top is bare before: ${bare.specks} of ${bare.pixels}`);
  // III vertex's mid-scalp is painted at 40 of the design's 70: 30 units/cm² of the client's own
  // stubble there (the top used to be drawn bare for every design, as Norwood VI's).
  assert.ok(kept.specks > kept.pixels / 20, `Norwood III vertex keeps hair on its mid-scalp before: ${kept.specks} of ${kept.pixels}`);
});

test('head view: a wide screen shows a shared link\'s map and head side by side; a flat work area has no head, and says so', async () => {
  const sender = await openScreen(browser, DESKTOP);
  const link = (await sender.evaluate(() => window.smp.getLink())).link;
  // The head chosen, then a design on a flat work area (the bench's uniform one): the map, a
  // sentence saying why, and the head refused by name.
  assert.deepEqual(await sender.evaluate(() => window.smp.setPreview({ view: 'head' })), { ok: true });
  const flatDesign = fs.readFileSync(path.join(repoRoot, 'tests', 'bench', 'uniform-100.design.json'), 'utf8');
  assert.deepEqual(await sender.evaluate((d) => window.smp.loadDesign(d), flatDesign), { ok: true });
  const flat = await waitForFrames(sender, 3);
  assert.equal(flat.view, 'map', 'no head: the map');
  assert.equal(flat.view_chosen, 'head', 'the choice is kept for the next design with a head');
  const refused = await sender.evaluate(() => window.smp.setPreview({ view: 'both' }));
  assert.equal(refused.ok, false);
  assert.match(refused.error, /flat work area: there is no head to show/);
  await screenshot(sender, 'head-view-flat');
  assert.deepEqual(sender.problems, []);
  await sender.close();

  const page = await openScreen(browser, WIDE, { url: link });
  await page.waitForFunction(() => window.smp.stats().client_view === true, null, { timeout: 30000, polling: 50 });
  const both = await waitForFrames(page, 3);
  assert.equal(both.view, 'both', 'a wide canvas: side by side');
  assert.ok(both.map_css.x + both.map_css.width <= both.head_css.x + 0.5, 'the map on the left, the head on the right');
  await screenshot(page, 'head-view-both');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('in a clinic\'s widget on a phone, Before / after\'s knob sits above the named views, and a finger on it moves the line', async () => {
  const page = await openPage(browser, `${hostUrl}?widget=${encodeURIComponent(browser.baseUrl)}`, {
    viewport: { width: PHONE.width, height: PHONE.height }, deviceScaleFactor: PHONE.scale, hasTouch: true, isMobile: true,
  });
  const handle = await page.waitForSelector('[data-smp-designer] iframe', { timeout: 30000 });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 2, null, { timeout: 60000, polling: 100 });
  await page.waitForFunction((h) => document.querySelector('[data-smp-designer] iframe').getBoundingClientRect().height >= h, 0.8 * PHONE.height,
                             { timeout: 15000 });
  const box = await handle.boundingBox();
  const onPage = (at) => ({ x: box.x + at.x, y: box.y + at.y });
  const tap = async (at) => { const p = onPage(at); await page.touchscreen.tap(p.x, p.y); return waitForFrames(frame, 4); };
  let now = await tap(centreOf(await overlayButton(frame, 'Before / after', 'head_before_after')));
  assert.equal(now.head_before_after, 0.5);
  const views = Object.values(await overlayButtons(frame, 'head_camera'));
  assert.ok(views.length > 0, 'the named views are drawn');
  const viewsTop = Math.min(...views.map((b) => b.y));
  // The knob: the white disc on the line, found in the picture 14 px right of the line (clear of its arrows).
  const head = now.head_css;
  const shot = await screenshot(page, 'head-widget-phone-before-after');
  const column = Math.round((box.x + head.x + now.head_before_after * head.width + 14) * PHONE.scale);
  let run = 0, best = { length: 0, end: 0 };
  for (let row = Math.round((box.y + head.y) * PHONE.scale); row < (box.y + head.y + head.height) * PHONE.scale; row++) {
    run = pixelAt(shot, column, row).slice(0, 3).every((c) => c > 245) ? run + 1 : 0;
    if (run > best.length) best = { length: run, end: row };
  }
  assert.ok(best.length > 20 * PHONE.scale, `the knob found: ${best.length} device px of white`);
  const knob = { x: head.x + now.head_before_after * head.width, y: (best.end - best.length / 2) / PHONE.scale - box.y };
  assert.ok(best.end / PHONE.scale - box.y < viewsTop, `the knob (down to ${best.end / PHONE.scale - box.y} CSS px) above the named views (from ${viewsTop})`);
  // A finger on the knob drags the line, and does not turn the head.
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, at) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: at ? [{ ...onPage(at), id: 0 }] : [] });
  await touch('touchStart', knob);
  await waitForFrames(frame, 2);
  for (let i = 1; i <= 4; i++) {
    await touch('touchMove', { x: knob.x + 20 * i, y: knob.y });
    await waitForFrames(frame, 1);
  }
  await touch('touchEnd');
  now = await waitForFrames(frame, 3);
  assert.ok(Math.abs(now.head_before_after - (0.5 + 80 / head.width)) < 0.03, `the line followed the finger: ${now.head_before_after}`);
  assert.equal(now.camera.yaw_deg, 0, 'the head did not turn');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the widget opens on the head in its client and viewer modes, in the healed look (the plan\'s colours are the planner\'s); a tool picked over the head brings the map', async () => {
  const page = await openPage(browser, `${hostUrl}?widget=${encodeURIComponent(browser.baseUrl)}`);
  const handle = await page.waitForSelector('[data-smp-designer] iframe', { timeout: 30000 });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 2, null, { timeout: 60000, polling: 100 });
  let now = await frame.evaluate(() => window.smp.stats());
  assert.equal(now.mode, 'client');
  assert.ok(now.view === 'head' || now.view === 'both', `client mode shows the head: ${now.view}`);
  assert.deepEqual(now.camera, { yaw_deg: 0, pitch_deg: 20, zoom: 1 });
  assert.equal(now.view_mode, 'healed', 'the result, not the plan\'s session colours');
  assert.equal(now.planning_marks, false);
  // The head alone (a phone-narrow widget): the brush brings the map it paints on.
  await frame.evaluate(() => window.smp.setPreview({ view: 'head' }));
  const box = await handle.boundingBox();
  const head = (await waitForFrames(frame, 3)).head_css;
  await page.mouse.click(box.x + head.x + head.width / 2, box.y + head.y + head.height / 2);   // the keys go to the widget
  await page.keyboard.press('b');
  now = await waitForFrames(frame, 3);
  assert.deepEqual([now.tool, now.view], ['brush', 'map']);
  await frame.evaluate(() => window.smp.setPreview({ view: 'map', yaw_deg: 60, mode: 'plan' }));
  await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.setMode('viewer')));
  await frame.waitForFunction(() => window.smp.stats().mode === 'viewer', null, { timeout: 10000, polling: 50 });
  now = await frame.evaluate(() => window.smp.stats());
  assert.ok(now.view === 'head' || now.view === 'both', `viewer mode shows the head: ${now.view}`);
  assert.deepEqual(now.camera, { yaw_deg: 0, pitch_deg: 20, zoom: 1 });
  assert.equal(now.view_mode, 'healed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// The client's own hair on the head (the fringe a shaved design keeps) in their colour: a preview
// setting like the skin tone, kept with the view, never in the design or its link.
test('head view: the client picks their hair colour; a white fringe is lighter than a black one, the choice is kept, the design and link are not touched, no map dots are sent again', async (t) => {
  const page = await openScreen(browser, DESKTOP);
  // Shaved, nothing painted yet: the whole fringe keeps the client's hair.
  const bare = { type: 'smp.design', schema_version: 2, seed: 3, title: 'Fringe', template: { kind: 'scalp' }, mode: 'shaved' };
  assert.deepEqual(await page.evaluate((d) => window.smp.loadDesign(d), bare), { ok: true });
  const link = await page.evaluate(() => window.smp.getLink().link);
  const design = await page.evaluate(() => window.smp.getDesign());
  const meanOfBack = async (hair) => {
    assert.deepEqual(await page.evaluate((h) => window.smp.setPreview({ view: 'head', mode: 'healed', skin_tone: 1, yaw_deg: 180, pitch_deg: 0, hair_colour: h }), hair), { ok: true });
    const now = await waitForFrames(page, 4);
    await page.mouse.move(5, now.head_css.y + now.head_css.height - 5);   // no hover over the view
    await waitForFrames(page, 2);
    const image = await screenshot(page, `head-view-hair-${hair}`);
    // The back of the head below its middle: the occipital fringe.
    const { x, y, width, height } = now.head_css;
    let sum = 0, count = 0;
    for (let row = Math.round(y + height * 0.25); row < y + height * 0.45; row += 2) {
      for (let col = Math.round(x + width * 0.4); col < x + width * 0.6; col += 2) {
        sum += luma(pixelAt(image, col, row));
        count++;
      }
    }
    return { mean: sum / count, image, now };
  };
  const black = await meanOfBack(0);
  const white = await meanOfBack(7);
  const middle = pixelAt(white.image, white.now.head_css.x + white.now.head_css.width / 2, white.now.head_css.y + white.now.head_css.height * 0.5);
  if (distance(middle, SKIN_LIGHT_MEDIUM) < 3 && Math.abs(black.mean - white.mean) < 0.5) {
    t.diagnostic('the stand-in head renderer (the whole view in the skin colour): the hair is not checked');
  } else {
    t.diagnostic(`the fringe at the back, mean luminance: black hair ${black.mean.toFixed(1)}, white hair ${white.mean.toFixed(1)}`);
    assert.ok(white.mean > black.mean + 4, `a white fringe (${white.mean.toFixed(1)}) is lighter than a black one (${black.mean.toFixed(1)})`);
  }
  const hairNow = async () => (await waitForFrames(page, 1)).hair_colour;
  assert.equal(await hairNow(), 7);
  // Out of range: clamped to the known colours.
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ hair_colour: 99 })), { ok: true });
  assert.equal(await hairNow(), 7);
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ hair_colour: -3 })), { ok: true });
  assert.equal(await hairNow(), 0);
  // Kept with the view across a reload (the autosave), as the skin tone is.
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ hair_colour: 6 })), { ok: true });
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('smp.autosave.v1') ?? '{}').view?.preview?.hair_colour === 6, null, { timeout: 15000, polling: 100 });
  await page.reload();
  await page.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000 });
  assert.equal(await hairNow(), 6, 'grey, after the reload');
  // The hair is the client's, not the design's: neither the design nor its link changed.
  assert.deepEqual(await page.evaluate(() => window.smp.getDesign()), design);
  assert.equal(await page.evaluate(() => window.smp.getLink().link), link);
  assert.deepEqual(page.problems, []);
  await page.close();

  // Map and head side by side: another colour sends the head's hair and dots again, and no map dots.
  const wide = await openScreen(browser, WIDE);
  assert.deepEqual(await wide.evaluate(() => window.smp.loadDesign('norwood-6')), { ok: true });
  assert.deepEqual(await wide.evaluate(() => window.smp.setPreview({ view: 'both', mode: 'healed', hair_colour: 1 })), { ok: true });
  const before = await waitForFrames(wide, 4);
  assert.equal(before.view, 'both');
  assert.deepEqual(await wide.evaluate(() => window.smp.setPreview({ hair_colour: 4 })), { ok: true });
  const after = await waitForFrames(wide, 4);
  assert.equal(after.hair_colour, 4);
  assert.equal(after.head_uploads, before.head_uploads + 1, 'the head takes the new hair once');
  assert.equal(after.dot_uploads, before.dot_uploads, 'the map\'s dots are not sent again');
  assert.deepEqual(wide.problems, []);
  await wide.close();
});

test('head view on a phone (390 x 844, touch): a shared link\'s client picks their hair colour from finger-sized choices, all on the screen, and saves the head as they see it, before and after (File > Export image, or the Preview\'s "Save a picture of the head"): `smp render`\'s picture to the byte', async () => {
  const page = await openScreen(browser, PHONE);
  assert.deepEqual(await page.evaluate(() => window.smp.loadDesign('norwood-6')), { ok: true });
  const link = await page.evaluate(() => window.smp.getLink().link);
  assert.equal((await page.evaluate((l) => window.smp.openLink(l), link)).ok, true);
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ view: 'head', mode: 'healed', yaw_deg: 150 })), { ok: true });
  await waitForFrames(page, 4);
  const tap = async (item) => {
    await page.touchscreen.tap(item.x + Math.min(40, item.width / 2), item.y + item.height / 2);
    return waitForFrames(page, 3);
  };
  const find = async (check, what) => {
    const item = (await layoutNow(page)).items.find((it) => it.visible && check(it));
    assert.ok(item, `${what} is on the screen`);
    return item;
  };
  await tap(await find((it) => it.interactive && it.label === 'More', '"More"'));
  await tap(await find((it) => it.interactive && it.label === 'Preview', 'the Preview tab'));
  // The sheet's Preview tab: the look, the session, then Skin and Hair, each a finger-tall combo.
  const combos = (await layoutNow(page)).items.filter((it) => it.visible && (it.label ?? '') === '' && it.height >= 43.5 && it.width > 150 &&
                                                       it.window.includes('sheet'));
  assert.ok(combos.length >= 2, `the Skin and Hair combos: ${JSON.stringify(combos.map((it) => [it.y, it.height]))}`);
  await tap(combos.sort((a, b) => a.y - b.y)[combos.length - 1]);
  const choices = (await layoutNow(page)).items.filter((it) => it.visible && it.window.startsWith('##Combo'));
  assert.deepEqual(choices.map((it) => it.label), ['Black', 'Dark brown', 'Brown', 'Light brown', 'Blond', 'Red', 'Grey', 'White']);
  for (const choice of choices) {
    assert.ok(choice.height >= 43.5, `"${choice.label}" is finger-tall: ${choice.height} px`);
    assert.ok(choice.y >= 0 && choice.y + choice.height <= PHONE.height, `"${choice.label}" is on the screen: ${choice.y}..${choice.y + choice.height}`);
  }
  const listed = await screenshot(page, 'head-view-phone-hair-choices');
  // The list is opaque: right of each label, its row is one colour, though the sheet's title,
  // buttons and tabs lie under the top rows (ImGui's own popups let 2 % through: ghosts of them).
  for (const choice of choices) {
    const background = pixelAt(listed, (choice.x + choice.width - 8) * PHONE.scale, (choice.y + 4) * PHONE.scale);
    let worst = 0;
    for (let y = choice.y + 4; y < choice.y + choice.height - 4; y += 1 / PHONE.scale) {
      for (let x = choice.x + 100; x < choice.x + choice.width - 8; x += 2 / PHONE.scale) {
        worst = Math.max(worst, distance(pixelAt(listed, x * PHONE.scale, y * PHONE.scale), background));
      }
    }
    assert.ok(worst <= 1, `nothing shows through "${choice.label}": a pixel ${worst.toFixed(1)} off its row's colour`);
  }
  const now = await tap(choices.find((it) => it.label === 'Grey'));
  assert.equal(now.hair_colour, 6, 'the tap chose grey');
  assert.equal(await page.evaluate(() => window.smp.getLink().link), link, 'the link is the design\'s alone');

  // The client keeps the picture they are looking at: before / after on, then File > Export image.
  // Another skin, session and distance than the defaults, so that the picture shows it takes them.
  assert.deepEqual(await page.evaluate(() => window.smp.setPreview({ skin_tone: 2, up_to_session: 2, viewing_distance_m: 1 })), { ok: true });
  const shown = await tap(await find((it) => it.interactive && it.label === 'Before / after', '"Before / after"'));
  assert.equal(shown.view, 'head');
  assert.notEqual(shown.head_before_after, null, 'before / after is on');
  await tap(await find((it) => it.label === 'File' && it.y < 40, 'the File menu'));
  const exportItem = await find((it) => it.window.startsWith('##Menu') && it.label === 'Export image (PNG)', 'File > "Export image (PNG)"');
  const [download] = await Promise.all([page.waitForEvent('download'), tap(exportItem)]);
  assert.equal(download.suggestedFilename(), 'hamilton-norwood-vi.head-before-after.png');
  const exported = fs.readFileSync(await download.path());
  const png = decodePng(exported);
  // Before and after side by side, 1080 px each (kHeadImageWidthPx), then the words a picture
  // carries out of the app: "Before" and "After" on its halves, the disclaimer under it.
  const caption = readCaption(png, 2);
  assert.deepEqual([png.width, caption.pictureHeight], [2 * 1080, 1080], 'the heads, 1080 px square each');
  // The words as large a share of the picture as on one head's (src/export/caption.h): a phone shows it whole.
  assert.ok(caption.stripHeight > 150 && caption.stripHeight < 320, `a strip under them: ${caption.stripHeight} px`);
  assert.ok(caption.lines >= 1 && caption.lines <= 3 && caption.inkRows > 20, `the disclaimer's lines: ${JSON.stringify(caption)}`);
  for (const tag of caption.tags) assert.ok(tag.dark > 2000 && tag.light > 200, `a tag on each half: ${JSON.stringify(caption.tags)}`);
  // The same picture from the command line, with the view's camera, look, session, skin, hair and distance:
  // the page exported the head as the view shows it, not the map, and not a default view.
  const camera = (await stats(page)).camera;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-head-export-'));
  try {
    const designFile = path.join(dir, 'shared.design.json');
    fs.writeFileSync(designFile, JSON.stringify(await page.evaluate(() => window.smp.getDesign())));
    const out = path.join(dir, 'cli.png');
    const cli = spawnSync(path.join(repoRoot, 'build/native/bin/smp'), ['render', designFile, '--view', 'head', '--look', 'healed',
      '--yaw', String(camera.yaw_deg), '--pitch', String(camera.pitch_deg), '--skin', '2', '--hair', 'grey', '--distance', '1', '--session', '2',
      '--width', '1080', '--before-after', '--caption', '-o', out], { encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.ok(exported.equals(fs.readFileSync(out)), 'the exported PNG is `smp render --view head --before-after --caption`\'s, byte for byte');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The same picture from where the client set its look: the sheet's Preview ends with "Save a
  // picture of the head" (a finger scrolls the sheet down to it).
  const cdp = await page.context().newCDPSession(page);
  const grip = { x: PHONE.width - 50, y: PHONE.height - 110 };   // right of the Preview's labels: nothing there but the sheet
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...grip, id: 0 }] });
  await waitForFrames(page, 2);
  for (let i = 1; i <= 6; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: grip.x, y: grip.y - i * 40, id: 0 }] });
    await waitForFrames(page, 1);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitForFrames(page, 3);
  // A failed action just before (a file that is not a design): the picture's outcome replaces its
  // message rather than standing under it.
  await page.setInputFiles('#file-picker', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a design') });
  await page.waitForFunction(() => /notes\.txt/.test(window.smp.stats().error), null, { timeout: 15000 });
  await waitForFrames(page, 2);
  const save = await find((it) => it.interactive && it.label === 'Save a picture of the head', '"Save a picture of the head"');
  assert.ok(save.height >= 43.5 && save.y + save.height <= PHONE.height, `finger-sized and on the screen: ${JSON.stringify(save)}`);
  await screenshot(page, 'head-view-phone-save-picture');
  const [again] = await Promise.all([page.waitForEvent('download'), tap(save)]);
  assert.equal(again.suggestedFilename(), 'hamilton-norwood-vi.head-before-after.png');
  assert.ok(fs.readFileSync(await again.path()).equals(exported), 'the same picture as File > Export image');
  assert.equal((await stats(page)).error, '');
  // Said under the button, where the client is looking (the summary saying it too may be out of sight).
  assert.equal((await stats(page)).head_picture, 'downloaded hamilton-norwood-vi.head-before-after.png');
  assert.deepEqual(page.problems, []);
  await page.close();
});
