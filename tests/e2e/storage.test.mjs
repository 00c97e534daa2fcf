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
