// The designer's tools in headless Chromium, used as a person would: keyboard shortcuts pick a
// tool, the mouse (or two fingers) does the rest, window.smp checks what the design became.
// Screenshots land in build/screenshots/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, planOf, openPage, waitForFrames, screenshot, shareNear, occipitalSpot, layoutNow } from './browser.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

const getDesign = (page) => page.evaluate(() => window.smp.getDesign());

// Clicks an empty spot of the canvas first (so keys go to the app), then presses the tool's key.
// A control of the side panel where the app drew it (smp.layout(): the app's record of a frame
// drawn after the call), scrolled into the panel's view first when it lies below it. `pick`
// chooses among the items with that label (default: the first interactive one).
async function panelItem(page, label, pick = (items) => items.find((item) => item.interactive)) {
  for (let attempt = 0; attempt < 8; attempt++) {
    const layout = await layoutNow(page);
    const item = pick(layout.items.filter((i) => i.visible && i.label === label && i.window.includes('side_panel')), layout);
    assert.ok(item, `"${label}" is in the side panel`);
    const clipBottom = item.clip.y + item.clip.height;
    if (item.y + item.height <= clipBottom) return item;
    await page.mouse.move(item.clip.x + item.clip.width / 2, item.clip.y + item.clip.height / 2);
    await page.mouse.wheel(0, 200);
    await waitForFrames(page, 2);
  }
  assert.fail(`"${label}" could not be scrolled into the side panel's view`);
}

const centre = (item) => [item.x + item.width / 2, item.y + item.height / 2];

async function pickTool(page, key, name) {
  const stats = await waitForFrames(page, 1);
  await page.mouse.click(stats.canvas_css.x + stats.canvas_css.width - 30, stats.canvas_css.y + 30);
  await page.keyboard.press(key);
  const after = await waitForFrames(page, 2);
  assert.equal(after.tool, name);
  return after;
}

async function drag(page, from, to, steps = 8) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps);
    await waitForFrames(page, 1);
  }
  await page.mouse.up();
  return waitForFrames(page, 3);
}

// Dots per zone over all sessions, from the plan.
function zoneDots(plan) {
  const totals = {};
  for (const session of plan.sessions) {
    for (const [zone, count] of Object.entries(session.dots_per_zone)) totals[zone] = (totals[zone] ?? 0) + count;
  }
  return totals;
}

test('hairline tool: dragging a control point moves the line and its mirror image; a double-click adds a point; undo and redo', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await pickTool(page, 'l', 'hairline');
  const before = await getDesign(page);
  const points = before.hairline.points_mm;
  assert.equal(before.hairline.mirror, true);
  // The first given point (the left temple corner) and its mirror image (the last handle).
  const [x, y, mirrored] = start.hairline_handles_css[0];
  assert.equal(mirrored, false);
  const mirrorBefore = start.hairline_handles_css.at(-1);
  assert.equal(mirrorBefore[2], true);
  await screenshot(page, 'hairline-tool');

  const moved = await drag(page, { x, y }, { x: x + 10, y: y + 30 });
  const after = await getDesign(page);
  const mm = 1 / start.pixels_per_mm;
  assert.ok(Math.abs(after.hairline.points_mm[0][0] - (points[0][0] + 10 * mm)) < 1.0, JSON.stringify(after.hairline.points_mm[0]));
  assert.ok(Math.abs(after.hairline.points_mm[0][1] - (points[0][1] + 30 * mm)) < 1.0);
  for (let i = 1; i < points.length; i++) assert.deepEqual(after.hairline.points_mm[i], points[i], 'only the dragged point moved');
  // The mirror image followed, to the other side.
  const mirrorAfter = moved.hairline_handles_css.at(-1);
  assert.ok(mirrorAfter[0] < mirrorBefore[0] - 5 && mirrorAfter[1] > mirrorBefore[1] + 20, `${mirrorBefore} -> ${mirrorAfter}`);
  assert.notEqual(moved.dots, start.dots, 'dots followed the new line');
  await screenshot(page, 'hairline-moved');

  // One undo step for the whole drag.
  assert.deepEqual(await page.evaluate(() => window.smp.undo()), { ok: true });
  await waitForFrames(page, 2);
  assert.deepEqual(await getDesign(page), before);
  assert.deepEqual(await page.evaluate(() => window.smp.redo()), { ok: true });
  await waitForFrames(page, 2);
  assert.deepEqual(await getDesign(page), after);

  // A double-click on the line between the first two points adds one there.
  const [ax, ay] = moved.hairline_handles_css[0];
  const [bx, by] = moved.hairline_handles_css[1];
  await page.mouse.dblclick((ax + bx) / 2, (ay + by) / 2);
  await waitForFrames(page, 3);
  const added = await getDesign(page);
  assert.equal(added.hairline.points_mm.length, points.length + 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('hairline warnings come live from the core: dragging the mid-frontal point far down warns "too low"', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await pickTool(page, 'l', 'hairline');
  assert.deepEqual(start.warnings, []);
  // The midline point is the last given one (mirror on). The front of the head is up on the map:
  // dragging it 20 mm up brings it down the forehead, towards the brows.
  const midline = start.hairline_handles_css.filter((h) => !h[2]).at(-1);
  const low = await drag(page, { x: midline[0], y: midline[1] }, { x: midline[0], y: midline[1] - 20 * start.pixels_per_mm });
  assert.ok(low.warnings.includes('hairline_low'), JSON.stringify(low.warnings));
  await screenshot(page, 'hairline-low-warning');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('scar tools: tracing a strip and outlining an FUE field add scars, a fourth session, and dots on them', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await pickTool(page, 't', 'scar_strip');
  const from = occipitalSpot(start);
  from.x -= 120;
  const strip = await drag(page, from, { x: from.x + 150, y: from.y + 10 }, 12);
  let design = await getDesign(page);
  assert.equal(design.scars.length, 1, strip.error);
  assert.equal(design.scars[0].kind, 'fut_strip');
  assert.ok(design.scars[0].points_mm.length >= 2 && design.scars[0].points_mm.length < 12, 'the traced path is simplified');
  assert.equal(design.sessions.length, 4, 'scar tissue takes a fourth session');

  // An FUE field: a loop around a spot on the crown side.
  await pickTool(page, 'u', 'scar_field');
  const c = { x: start.outline_css.back[0] + 110, y: start.outline_css.back[1] - 200 };
  await page.mouse.move(c.x + 40, c.y);
  await page.mouse.down();
  for (let i = 1; i <= 24; i++) {
    const angle = (2 * Math.PI * i) / 24;
    await page.mouse.move(c.x + 40 * Math.cos(angle), c.y + 40 * Math.sin(angle));
    await waitForFrames(page, 1);
  }
  await page.mouse.up();
  const field = await waitForFrames(page, 3);
  design = await getDesign(page);
  assert.equal(design.scars.length, 2, field.error);
  assert.equal(design.scars[1].kind, 'fue_field');
  const plan = await planOf(page);
  assert.equal(plan.scars.length, 2);
  for (const scar of plan.scars) assert.ok(scar.dots_on_scar_per_session.reduce((a, b) => a + b, 0) > 0, JSON.stringify(scar));
  await screenshot(page, 'scars');

  // Too short a trace says why and adds nothing.
  await pickTool(page, 't', 'scar_strip');
  const tiny = await drag(page, { x: c.x, y: c.y + 80 }, { x: c.x + 3, y: c.y + 80 }, 2);
  assert.match(tiny.error, /drag along the scar/);
  assert.equal((await getDesign(page)).scars.length, 2);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('zone fill: a click sets that zone to the density; only the dots of that zone and its blended border change', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await pickTool(page, 'z', 'zone_fill');
  const before = zoneDots(await planOf(page));
  const spot = occipitalSpot(start);
  await page.mouse.click(spot.x, spot.y);
  await waitForFrames(page, 3);
  const design = await getDesign(page);
  const layer = design.density.layers.at(-1);
  assert.equal(layer.kind, 'zones');
  assert.deepEqual(Object.keys(layer.targets), ['occipital']);
  const after = zoneDots(await planOf(page));
  assert.ok(after.occipital > before.occipital * 1.5, `occipital ${before.occipital} -> ${after.occipital}`);
  assert.equal(after.frontal, before.frontal, 'the front is untouched');
  for (const zone of ['temporal_left', 'temporal_right']) assert.equal(after[zone], before[zone], `${zone} is untouched`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('sessions panel: "+" adds a session and the plan follows; the figures table matches the plan', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 3);
  const before = await planOf(page);
  assert.equal(before.sessions.length, 3);
  // The "+" beside the sessions count (its field is the non-interactive "Sessions" item).
  const count = await panelItem(page, 'Sessions', (items) => items.find((item) => !item.interactive));
  const plus = await panelItem(page, '+', (items) => items.find((item) => Math.abs(item.y - count.y) < 2));
  await page.mouse.click(...centre(plus));
  await waitForFrames(page, 3);
  const plan = await planOf(page);
  assert.equal(plan.sessions.length, 4);
  assert.equal(plan.sessions[3].day - plan.sessions[2].day, 14);
  assert.equal(plan.sessions[3].cumulative_fraction, 1);
  assert.equal(plan.summary.total_dots, before.summary.total_dots, 'the same design, spread over one more session');
  await waitForFrames(page, 3);
  await screenshot(page, 'sessions-four');
  assert.deepEqual(await page.evaluate(() => window.smp.undo()), { ok: true });
  await waitForFrames(page, 2);
  assert.equal((await planOf(page)).sessions.length, 3);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('density heat map: M shows the target density in colour over the scalp, and hides it again', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await waitForFrames(page, 3);
  // The front (bald in norwood-4's top) against the occipital fringe: different colours once shown.
  const spot = occipitalSpot(start);
  const plain = await screenshot(page, 'heatmap-off');
  await page.mouse.click(start.canvas_css.x + start.canvas_css.width - 30, start.canvas_css.y + 30);
  await page.keyboard.press('m');
  const shown = await waitForFrames(page, 3);
  assert.equal(shown.heatmap, true);
  const image = await screenshot(page, 'heatmap');
  const scalpFill = [233, 205, 182];
  assert.ok(shareNear(plain, spot.x, spot.y, 8, scalpFill, 40) > 0.5, 'without the map: skin colour');
  assert.ok(shareNear(image, spot.x, spot.y, 8, scalpFill, 40) < 0.1, 'with the map: the density colour');
  assert.equal(shown.design_revision, start.design_revision, 'the map never regenerates dots');
  await page.keyboard.press('m');
  assert.equal((await waitForFrames(page, 2)).heatmap, false);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('touch: two fingers pan and pinch-zoom about their centre; a brush touch that became a pinch leaves no stroke', async () => {
  const page = await openPage(browser, browser.baseUrl, { hasTouch: true });
  const start = await pickTool(page, 'b', 'brush');
  const before = await getDesign(page);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const cx = start.canvas_css.x + start.canvas_css.width / 2, cy = start.canvas_css.y + start.canvas_css.height / 2;
  // One finger lands (a brush dab), then a second: the pinch takes over and spreads the fingers.
  await touch('touchStart', [[cx - 20, cy]]);
  await waitForFrames(page, 2);
  await touch('touchStart', [[cx - 20, cy], [cx + 20, cy]]);
  await waitForFrames(page, 1);
  for (let i = 1; i <= 6; i++) {
    await touch('touchMove', [[cx - 20 - i * 10, cy + i * 3], [cx + 20 + i * 10, cy + i * 3]]);
    await waitForFrames(page, 1);
  }
  await touch('touchEnd', []);
  const after = await waitForFrames(page, 3);
  const zoom = after.pixels_per_mm / start.pixels_per_mm;
  assert.ok(zoom > 3.5 && zoom < 4.5, `fingers spread 40 -> 160 px: zoom x${zoom.toFixed(2)}`);
  assert.ok(after.scalp_css.y !== start.scalp_css.y, 'the view moved with the fingers');
  assert.deepEqual(await getDesign(page), before, 'no stroke was left behind');
  assert.equal(after.can_undo, false);
  await screenshot(page, 'touch-pinched');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('smooth tool: brushing over a hard-edged stroke softens the edge of the target density', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await waitForFrames(page, 3);
  // A dense, hard-edged band across the occipital region...
  const from = occipitalSpot(start);
  from.x -= 80;
  await page.mouse.click(from.x, from.y);
  await page.keyboard.press('b');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) { await page.mouse.move(from.x + i * 15, from.y); await waitForFrames(page, 1); }
  await page.mouse.up();
  await waitForFrames(page, 2);
  // The steepest step across the band (between vertically neighbouring 5 mm cells of the plan's
  // target), over its middle part and 20 mm either side (the outline is further away).
  const steepest = (plan) => {
    const grid = plan.target_density;
    const band = { x: Math.round((from.x + 60 - start.scalp_css.x) / start.pixels_per_mm / grid.cell_mm),
                   y: Math.round((from.y - start.scalp_css.y) / start.pixels_per_mm / grid.cell_mm) };
    let worst = 0;
    for (let r = band.y - 4; r < band.y + 4; r++) {
      for (let c = band.x - 3; c <= band.x + 3; c++) {
        worst = Math.max(worst, Math.abs(grid.per_cm2[r * grid.cols + c] - grid.per_cm2[(r + 1) * grid.cols + c]));
      }
    }
    return worst;
  };
  const hard = steepest(await planOf(page));
  // ...then the smooth tool back and forth along it, with a wide brush (] widens it).
  await page.keyboard.press('s');
  for (let i = 0; i < 4; i++) await page.keyboard.press(']');
  assert.equal((await waitForFrames(page, 1)).tool, 'smooth');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) { await page.mouse.move(from.x + i * 15, from.y + (i % 2 ? 6 : -6)); await waitForFrames(page, 1); }
  await page.mouse.up();
  await waitForFrames(page, 2);
  const design = await getDesign(page);
  assert.equal(design.density.layers.at(-1).blend, 'smooth');
  const soft = steepest(await planOf(page));
  console.log(`smooth: steepest step between 5 mm cells ${hard.toFixed(1)} -> ${soft.toFixed(1)} dots/cm²`);
  assert.ok(soft < hard * 0.8, `${hard} -> ${soft}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('head measurements: typing a larger circumference carries the design to the bigger head; undo brings it back', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await waitForFrames(page, 3);
  const before = await getDesign(page);
  // Open the "Head" section, then Ctrl+click the circumference to type into it.
  await page.mouse.click(...centre(await panelItem(page, 'Head')));
  await waitForFrames(page, 2);
  const circumference = await panelItem(page, 'Circumference', (items) => items[0]);
  await page.keyboard.down('Control');
  await page.mouse.click(circumference.x + 40, circumference.y + circumference.height / 2);
  await page.keyboard.up('Control');
  await waitForFrames(page, 2);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('62');
  await page.keyboard.press('Enter');
  const resized = await waitForFrames(page, 4);
  const design = await getDesign(page);
  assert.equal(design.template.circumference_mm, 620, JSON.stringify(design.template));
  assert.ok(resized.scalp_area_cm2 > start.scalp_area_cm2 * 1.05, `${start.scalp_area_cm2} -> ${resized.scalp_area_cm2} cm²`);
  assert.notDeepEqual(design.hairline.points_mm, before.hairline.points_mm, 'the hairline moved with the head');
  await screenshot(page, 'head-resized');
  assert.deepEqual(await page.evaluate(() => window.smp.undo()), { ok: true });
  await waitForFrames(page, 2);
  assert.deepEqual(await getDesign(page), before);
  assert.deepEqual(page.problems, []);
  await page.close();
});
