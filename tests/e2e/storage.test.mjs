// Work survives a closed tab: the design is autosaved to browser storage and restored when the
// page opens again; storage that refuses, or a saved design that cannot be read, is reported.
import test from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, openPage, waitForFrames, screenshot, paintStroke, occipitalSpot } from './browser.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

const getDesign = (page) => page.evaluate(() => window.smp.getDesign());
const savedDesign = (page) => page.evaluate(() => {
  const text = localStorage.getItem('smp.autosave.v1');
  return text === null ? null : JSON.parse(text).design;
});

test('autosave: a painted design is in browser storage moments later, and a reload opens it again', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await waitForFrames(page, 3);
  assert.equal(await savedDesign(page), null, 'nothing is saved before anything changes');
  const from = occipitalSpot(start);
  await paintStroke(page, from, 8, (i) => ({ x: from.x + i * 8, y: from.y }));
  await waitForFrames(page, 2);
  const painted = await getDesign(page);
  await page.waitForFunction((expected) => {
    const text = localStorage.getItem('smp.autosave.v1');
    return text !== null && JSON.stringify(JSON.parse(text).design) === expected;
  }, JSON.stringify(painted), { timeout: 15000, polling: 100 });

  await page.reload();
  const reopened = await waitForFrames(page, 5);
  assert.deepEqual(await getDesign(page), painted, 'the reloaded page shows the painted design');
  assert.equal(reopened.can_undo, false, 'restoring is not an edit to undo');
  assert.equal(await page.locator('#notice').isHidden(), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('autosave: storage that refuses (quota) is reported on the page, and the design stays open', async () => {
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const page = await context.newPage();
  await page.goto(browser.baseUrl);
  const start = await waitForFrames(page, 3);
  const from = occipitalSpot(start);
  await paintStroke(page, from, 6, (i) => ({ x: from.x + i * 8, y: from.y }));
  const painted = await getDesign(page);
  await page.locator('#notice').waitFor({ state: 'visible', timeout: 15000 });
  const text = await page.locator('#notice').textContent();
  assert.match(text, /Autosave failed: browser storage is full\. Your design is still open here; keep this tab open until it can be saved/);
  await screenshot(page, 'autosave-quota');
  assert.deepEqual(await getDesign(page), painted, 'the design is untouched');
  await context.close();
});

test('a saved design that cannot be read is set aside with a message, and the app opens as new', async () => {
  const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('smp.autosave.v1', JSON.stringify({ design: { type: 'smp.design', schema_version: 99 } }));
    }
  });
  const page = await context.newPage();
  await page.goto(browser.baseUrl);
  const start = await waitForFrames(page, 5);
  await page.locator('#notice').waitFor({ state: 'visible', timeout: 15000 });
  assert.match(await page.locator('#notice').textContent(), /Your last design could not be restored: .*schema_version/);
  assert.equal(start.design_title, 'Hamilton–Norwood IV', 'the start design opens');
  const kept = await page.evaluate(() => localStorage.getItem('smp.autosave.v1.unreadable'));
  assert.match(kept, /"schema_version":99/, 'the unreadable design is kept, not overwritten');
  await context.close();
});

test('autosave keeps the view (zoom, preview), and earlier designs come back from File > Recent designs', async () => {
  const page = await openPage(browser, browser.baseUrl);
  const start = await waitForFrames(page, 3);
  const from = occipitalSpot(start);
  await paintStroke(page, from, 8, (i) => ({ x: from.x + i * 8, y: from.y }));
  const painted = await getDesign(page);
  // Zoom in twice about the canvas' middle and show the healed preview.
  await page.mouse.move(800, 400);
  await page.mouse.wheel(0, -240);
  await page.evaluate(() => window.smp.setPreview({ mode: 'healed', skin_tone: 3 }));
  const zoomed = await waitForFrames(page, 3);
  assert.ok(zoomed.pixels_per_mm > start.pixels_per_mm * 1.2, 'zoomed in');
  await page.waitForFunction(() => {
    const text = localStorage.getItem('smp.autosave.v1');
    return text !== null && JSON.parse(text).view?.preview?.mode === 'healed' && JSON.parse(text).view?.fit === false;
  }, null, { timeout: 15000, polling: 100 });

  await page.reload();
  const reopened = await waitForFrames(page, 5);
  assert.deepEqual(await getDesign(page), painted);
  assert.equal(reopened.view_mode, 'healed', 'the preview comes back');
  assert.ok(Math.abs(reopened.pixels_per_mm - zoomed.pixels_per_mm) < 1e-6, `zoom ${reopened.pixels_per_mm} vs ${zoomed.pixels_per_mm}`);
  assert.deepEqual(reopened.scalp_css, zoomed.scalp_css, 'the same part of the scalp is in view');

  // Another design replaces it; the painted one goes to the recent designs.
  await page.evaluate(() => window.smp.loadDesign('ludwig-2'));
  await page.waitForFunction(() => window.smp.stats().recent_designs === 1, null, { timeout: 15000, polling: 100 });
  await page.mouse.click(128, 13);
  await waitForFrames(page, 2);
  await page.mouse.move(170, 90);   // File > Recent designs
  await waitForFrames(page, 3);
  await screenshot(page, 'recent-designs');
  // The submenu opens to the right of the File menu, its first item level with "Recent designs".
  await page.mouse.move(400, 90);
  await page.mouse.click(400, 90);
  await page.waitForFunction((title) => window.smp.stats().design_title === title, painted.title, { timeout: 15000 });
  assert.deepEqual(await getDesign(page), painted, 'the recent design opens as it was');
  assert.equal((await page.evaluate(() => window.smp.stats())).can_undo, true, 'opening it can be undone');
  await page.close();
});
