// A long working session in the browser, as a practitioner has one: dozens of strokes with the
// mouse and with a pen, tool changes, zone fills, undo and redo by key and through window.smp,
// preview switches; then a reload brings back exactly the last state. Storage that fills up on
// the way is reported to the person, the design stays open, and the autosave catches up as soon as
// there is room again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, waitForFrames, screenshot } from './browser.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

// The same session every run: a small linear congruential generator, seeded.
function randomFrom(seed) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const getDesign = (page) => page.evaluate(() => window.smp.getDesign());
async function waitForAutosaveOf(page, design) {
  await page.waitForFunction((expected) => {
    const text = localStorage.getItem('smp.autosave.v1');
    return text !== null && JSON.stringify(JSON.parse(text).design) === expected;
  }, JSON.stringify(design), { timeout: 20000, polling: 100 });
}

// A point well inside the scalp outline, in CSS pixels.
function insideScalp(stats, random) {
  const { left, right, front, back } = stats.outline_css;
  const x = left[0] + (right[0] - left[0]) * (0.25 + 0.5 * random());
  const y = front[1] + (back[1] - front[1]) * (0.2 + 0.6 * random());
  return { x, y };
}

// A drag from `from`, `steps` moves of 10 px in a wandering direction.
function* wander(from, steps, random) {
  let { x, y } = from;
  let heading = random() * 2 * Math.PI;
  for (let i = 0; i < steps; i++) {
    heading += (random() - 0.5) * 0.8;
    x += 10 * Math.cos(heading);
    y += 10 * Math.sin(heading);
    yield { x, y };
  }
}

async function mouseStroke(page, tool, from, random) {
  await page.keyboard.press(tool);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (const p of wander(from, 4, random)) await page.mouse.move(p.x, p.y);
  await page.mouse.up();
}

async function penStroke(page, cdp, from, random) {
  const force = 0.2 + 0.8 * random();
  const pen = (type, p) => cdp.send('Input.dispatchMouseEvent', {
    type, x: p.x, y: p.y, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen', force });
  await page.keyboard.press('b');
  // ImGui takes queued input one press or release per frame, so the drag needs no waiting.
  await pen('mouseMoved', from);
  await pen('mousePressed', from);
  let last = from;
  for (const p of wander(from, 5, random)) {
    await pen('mouseMoved', p);
    last = p;
  }
  await pen('mouseReleased', last);
}

test('robustness: a long painting session survives a reload exactly; a full storage is reported, then caught up', async (t) => {
  // A tablet-sized window: SwiftShader draws it faster than a desktop one, and the session is long.
  const page = await openPage(browser, browser.baseUrl, { viewport: { width: 900, height: 640 } });
  const start = await waitForFrames(page, 3);
  const cdp = await page.context().newCDPSession(page);
  const random = randomFrom(20261121);
  await page.mouse.click(start.canvas_css.x + 5, start.canvas_css.y + 5);   // focus the canvas

  // Input is queued as a person would give it; the app is let catch up every few operations.
  const counts = { mouse: 0, pen: 0, fill: 0, undo: 0, redo: 0, preview: 0 };
  const operations = 48;
  for (let op = 0; op < operations; op++) {
    if (op % 8 === 7) await waitForFrames(page, 1);
    const at = insideScalp(start, random);
    const pick = random();
    if (pick < 0.5) {
      await mouseStroke(page, ['b', 'b', 'e', 's'][Math.floor(random() * 4)], at, random);
      counts.mouse++;
    } else if (pick < 0.68) {
      await penStroke(page, cdp, at, random);
      counts.pen++;
    } else if (pick < 0.74) {
      await page.keyboard.press('z');
      await page.mouse.click(at.x, at.y);
      counts.fill++;
    } else if (pick < 0.86) {
      if (random() < 0.5) await page.keyboard.press('Control+z');
      else assert.ok('ok' in await page.evaluate(() => window.smp.undo()));
      counts.undo++;
    } else if (pick < 0.94) {
      assert.ok('ok' in await page.evaluate(() => window.smp.redo()));
      counts.redo++;
    } else {
      const mode = ['plan', 'healed', 'faded'][Math.floor(random() * 3)];
      assert.deepEqual(await page.evaluate((m) => window.smp.setPreview({ mode: m }), mode), { ok: true });
      counts.preview++;
    }
  }
  const end = await waitForFrames(page, 3);
  const last = await getDesign(page);
  const strokes = last.density.layers.filter((layer) => layer.kind === 'stroke').length;
  t.diagnostic(`session: ${JSON.stringify(counts)}; the design has ${strokes} strokes; ` +
               `WebAssembly memory ${end.memory_mib} MiB, undo history ${end.history_kib} KiB`);
  assert.ok(strokes >= 15, `the session painted (${strokes} strokes)`);
  assert.ok(end.can_undo, 'the session is undoable');
  await waitForAutosaveOf(page, last);

  await page.reload();
  const reopened = await waitForFrames(page, 5);
  assert.deepEqual(await getDesign(page), last, 'the reloaded page has exactly the last state');
  for (const key of ['pixels_per_mm', 'scalp_css', 'view_mode']) assert.deepEqual(reopened[key], end[key], `and the same view (${key})`);
  assert.equal(await page.locator('#notice').isHidden(), true);

  // Storage fills up (other sites' data, say): everything but a few bytes is taken, for real.
  const filled = await page.evaluate(() => {
    let bytes = 0;
    for (let size = 1 << 20, i = 0; size >= 1; size >>= 1) {
      for (;;) {
        try {
          localStorage.setItem(`filler.${i}`, 'x'.repeat(size));
          i++;
          bytes += size;
        } catch (error) {
          if (error.name !== 'QuotaExceededError') throw error;
          break;
        }
      }
    }
    return bytes;
  });
  t.diagnostic(`filled browser storage with ${filled} characters`);
  const stats = await waitForFrames(page, 1);
  await page.mouse.click(stats.canvas_css.x + 5, stats.canvas_css.y + 5);
  await mouseStroke(page, 'b', insideScalp(stats, random), random);
  await page.locator('#notice').waitFor({ state: 'visible', timeout: 20000 });
  const notice = await page.locator('#notice').innerText();
  assert.match(notice, /Autosave failed: browser storage is full/, notice);
  const unsaved = await getDesign(page);
  assert.equal(unsaved.density.layers.length, last.density.layers.length + 1, 'the new stroke is on the open design');
  await screenshot(page, 'robustness-storage-full');

  // Room again: the next change is saved, and the notice goes.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith('filler.')) localStorage.removeItem(key);
  });
  await mouseStroke(page, 'b', insideScalp(stats, random), random);
  await waitForFrames(page, 2);
  const caughtUp = await getDesign(page);
  await waitForAutosaveOf(page, caughtUp);
  await page.locator('#notice').waitFor({ state: 'hidden', timeout: 20000 });
  await page.reload();
  await waitForFrames(page, 5);
  assert.deepEqual(await getDesign(page), caughtUp, 'after the reload: both strokes made while storage was full or freed');
  assert.deepEqual(page.problems, []);
  await page.close();
});
