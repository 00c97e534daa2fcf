// Designs travel safely: a share link opens the same design in a fresh browser (read-only, with
// "Edit a copy"); damaged links and bad files are refused with a message and change nothing; saved
// and exported files download and are valid against the schemas. Driven through the menus and
// keys as a person uses them.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { decodePng } from '../../tools/png.mjs';
import { readCaption } from './caption.mjs';
import { startBrowser, planOf, openPage, waitForFrames, screenshot, paintStroke, occipitalSpot, repoRoot, layoutNow, RECORD_FRAMES } from './browser.mjs';
import { itemNamed, layoutProblems } from './layout_audit.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

const getDesign = (page) => page.evaluate(() => window.smp.getDesign());
const stats = (page) => page.evaluate(() => window.smp.stats());

// The File menu (its title at the top left of the menu bar) and its items, found by label where
// the app drew them (smp.layout()), so a new item does not move the others out from under a test.
const FILE_MENU = { x: 128, y: 13 };
const MENU_LABEL = { open: 'Open design file...', save: 'Save design file', share: 'Share link...', exportPlan: 'Export plan (JSON)',
                     exportImage: 'Export image (PNG)', sheet: 'Plan sheet (printable)...' };

async function chooseFromFileMenu(page, item) {
  await page.mouse.click(FILE_MENU.x, FILE_MENU.y);
  await waitForFrames(page, 2);
  const layout = await layoutNow(page);
  const entry = layout.items.find((it) => it.visible && it.window.startsWith('##Menu') && it.label === MENU_LABEL[item]);
  assert.ok(entry, `File > "${MENU_LABEL[item]}" is drawn`);
  await page.mouse.click(entry.x + entry.width / 2, entry.y + entry.height / 2);
  await waitForFrames(page, 2);
}

// A practitioner's browser sends a preset: its link and the plan the receiver must get.
async function sendPreset(preset) {
  const sender = await openPage(browser, browser.baseUrl);
  await sender.evaluate((name) => window.smp.loadDesign(name), preset);
  const link = (await sender.evaluate(() => window.smp.getLink())).link;
  const plan = await planOf(sender);
  await sender.close();
  return { link, plan };
}

async function paintSomething(page) {
  const start = await waitForFrames(page, 3);
  await page.keyboard.press('b');
  const from = occipitalSpot(start);
  await paintStroke(page, from, 10, (i) => ({ x: from.x + i * 9, y: from.y - i * 2 }));
  await waitForFrames(page, 2);
}

// The published schemas (src/core/schema), the plan's referring to the design's.
const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020').default;
const ajv = new Ajv2020({ allErrors: true, strict: false });
const readSchema = (name) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'src', 'core', 'schema', `${name}.schema.json`), 'utf8'));
const designSchema = readSchema('design');
ajv.addSchema(designSchema);
const validators = { design: ajv.getSchema(designSchema.$id), plan: ajv.compile(readSchema('plan')) };
const schemaValidator = (name) => validators[name];

test('share: an edited design sent by link opens in a fresh browser with the identical plan, read-only, and "Edit a copy" makes it editable', async () => {
  const sender = await openPage(browser, browser.baseUrl);
  await sender.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await paintSomething(sender);
  const sentPlan = await planOf(sender);

  await chooseFromFileMenu(sender, 'share');
  const shot = await screenshot(sender, 'share-window');
  // "Copy link", under the link field in the window's first lines.
  const link = await sender.evaluate(() => window.smp.getLink());
  assert.ok(link.within_budget, `${link.chars} characters`);
  assert.ok(link.link.startsWith(browser.baseUrl + '#d=1.'));
  await sender.locator('canvas').focus();
  const copyButton = await findCopyButton(sender);
  await sender.mouse.click(copyButton.x, copyButton.y);
  await sender.waitForFunction(() => /Link copied/.test(window.smp.stats().share_status), null, { timeout: 15000 });
  const copied = await sender.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, link.link, 'the clipboard holds the link');

  // The QR code in the window reads back as the link.
  const decoded = decodeQrFrom(shot);
  assert.equal(decoded, link.link, 'the QR code in the share window reads back as the link');

  const client = await openPage(browser, copied);
  const opened = await waitForFrames(client, 5);
  assert.equal(opened.client_view, true, 'the link opens in the client view');
  assert.equal(opened.view_mode, 'healed');
  assert.deepEqual(await planOf(client), sentPlan, 'the receiver has the identical plan');
  await screenshot(client, 'share-client-view');

  // Read-only: a drag on the canvas pans, it paints nothing; B does not pick the brush.
  await client.keyboard.press('b');
  const from = occipitalSpot(opened);
  await paintStroke(client, from, 6, (i) => ({ x: from.x + i * 10, y: from.y }));
  await waitForFrames(client, 2);
  assert.deepEqual(await planOf(client), sentPlan, 'nothing in the client view changes the design');
  assert.equal((await stats(client)).tool, 'pan');

  // "Edit a copy" (the first button of the client panel) makes it the client's own design.
  await client.mouse.click(159, 210);
  const editing = await waitForFrames(client, 3);
  assert.equal(editing.client_view, false);
  assert.deepEqual(await planOf(client), sentPlan);
  await client.keyboard.press('b');
  await paintStroke(client, from, 6, (i) => ({ x: from.x + i * 10, y: from.y }));
  assert.notDeepEqual(await planOf(client), sentPlan, 'the copy can be painted');
  assert.deepEqual(sender.problems, []);
  assert.deepEqual(client.problems, []);
  await sender.close();
  await client.close();
});

test('share: when the browser refuses the clipboard, the link is shown selected in a field to copy by hand', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 3);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await chooseFromFileMenu(page, 'share');
  const copyButton = await findCopyButton(page);
  await page.mouse.click(copyButton.x, copyButton.y);
  await page.locator('#link-fallback').waitFor({ state: 'visible', timeout: 15000 });
  const link = await page.evaluate(() => window.smp.getLink());
  assert.equal(await page.locator('#link-fallback-field').inputValue(), link.link);
  const selected = await page.evaluate(() => {
    const field = document.getElementById('link-fallback-field');
    return document.activeElement === field && field.selectionStart === 0 && field.selectionEnd === field.value.length;
  });
  assert.ok(selected, 'the whole link is selected, ready to copy');
  await page.waitForFunction(() => /did not allow copying/.test(window.smp.stats().share_status), null, { timeout: 15000 });
  await screenshot(page, 'share-clipboard-refused');
  await page.close();
});

test('share: a design too detailed for a link says so in the share window and offers the file instead', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 3);
  // Forty wandering strokes with a pen: far more editing than the 2,000-character budget is for.
  const design = await getDesign(page);
  for (let k = 0; k < 40; k++) {
    const points = [];
    for (let i = 0; i < 24; i++) {
      points.push([60 + 4.13 * i + k, 120 + 30 * Math.sin(i * 0.9 + k) + k * 2.71, 0.3 + 0.6 * ((i * 7 + k) % 10) / 10]);
    }
    design.density.layers.push({ kind: 'stroke', points_mm: points, radius_mm: 6, strength: 50, falloff: 0.5, blend: 'set' });
  }
  assert.equal((await page.evaluate((d) => window.smp.loadDesign(d), design)).ok, true);
  const link = await page.evaluate(() => window.smp.getLink());
  assert.equal(link.within_budget, false, `${link.chars} characters`);
  await chooseFromFileMenu(page, 'share');
  await screenshot(page, 'share-over-budget');
  // The window's file button downloads the design.
  const copy = await findCopyButton(page);
  const saved = await downloadFrom(page, () => page.mouse.click(copy.x - 110, copy.y));
  assert.match(saved.name, /\.design\.json$/);
  assert.deepEqual(JSON.parse(saved.text), await getDesign(page));
  await page.close();
});

test('share: a new visitor opening a link on a phone sees the shared design from the first frame, made once, with no painting headroom until "Edit a copy"', async () => {
  const { link, plan: sentPlan } = await sendPreset('norwood-6');

  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
  const client = await openPage(browser, link, { ...phone, beforeLoad: (page) => page.addInitScript(RECORD_FRAMES) });
  await client.waitForFunction(() => performance.getEntriesByName('smp:first-design').length > 0, null, { timeout: 60000 });
  const opened = await waitForFrames(client, 5);
  assert.equal(opened.client_view, true);
  assert.deepEqual(await planOf(client), sentPlan, 'the shared plan');
  // The start design was never made: one generation, the link's, and no frame showed other dots.
  assert.equal(opened.engine.generations, 1, 'one generation: the shared design');
  const frames = await client.evaluate(() => window.framesSeen);
  assert.ok(frames.length > 0);
  const otherDesign = frames.filter((f) => f.drawn > 0 && (!f.client_view || f.design_dots !== opened.dots));
  assert.deepEqual(otherDesign, [], 'no frame drew another design before the shared one');
  // Nobody paints in the client view: the set is not grown for it.
  assert.equal(opened.engine.headroom_ms, 0, 'no painting headroom while read-only');
  assert.equal(opened.engine.headroom_in_place, false);

  // "Edit a copy": the frames after it grow the load's own build, a part each (at most
  // kHeadroomPointsPerFrame points), and nothing is made again.
  assert.deepEqual(await client.evaluate(() => window.smp.editCopy()), { ok: true });
  await client.waitForFunction(() => window.smp.stats().engine.headroom_ms > 0, null, { timeout: 30000, polling: 50 });
  const editing = await waitForFrames(client, 1);
  assert.equal(editing.client_view, false);
  assert.ok(editing.engine.headroom_frames > 1, `the painting headroom, once it can be painted, over ${editing.engine.headroom_frames} frames`);
  assert.ok(editing.engine.headroom_longest_frame_ms < editing.engine.headroom_ms);
  assert.equal(editing.engine.headroom_in_place, true);
  assert.equal(editing.engine.generations, 1);
  assert.deepEqual(await planOf(client), sentPlan);
  assert.deepEqual(client.problems, []);
  await client.close();

  // A damaged link a new visitor opens says why over the start design, as it did before.
  const damaged = link.slice(0, -6) + (link.at(-6) === 'A' ? 'B' : 'A') + link.slice(-5);
  const page = await openPage(browser, damaged, phone);
  await page.locator('#notice').waitFor({ state: 'visible', timeout: 60000 });
  assert.match(await page.locator('#notice').textContent(), /This link could not be opened: .*Nothing was changed/);
  const start = await waitForFrames(page, 3);
  assert.equal(start.client_view, false);
  assert.equal((await getDesign(page)).title, 'Hamilton–Norwood IV');
  await page.close();

  // So does an outsized one (over 1 MB: it never reaches main()'s arguments).
  const huge = await openPage(browser, `${browser.baseUrl}#d=1.${'A'.repeat(1100000)}`, phone);
  await huge.locator('#notice').waitFor({ state: 'visible', timeout: 60000 });
  assert.match(await huge.locator('#notice').textContent(), /This link could not be opened: .*Nothing was changed/);
  assert.equal((await getDesign(huge)).title, 'Hamilton–Norwood IV');
  assert.deepEqual(huge.problems, []);
  await huge.close();
});

// A phone's share sheet (the Web Share API), standing in for the system's: it records what it was
// handed and whether the page still had the tap's user activation (without it a real browser
// refuses), and answers as window.shareAnswer says: 'shared', 'cancelled' (the person closed the
// sheet: AbortError) or 'refused' (NotAllowedError). Desktop Chromium on Linux has none.
// Closes the share window as a person would: its Close button.
async function closeShareWindow(page) {
  const close = (await layoutNow(page)).items.find((item) => item.visible && item.label === 'Close');
  assert.ok(close, 'the share window has Close');
  await page.touchscreen.tap(close.x + close.width / 2, close.y + close.height / 2);
  await waitForFrames(page, 3);
}

const FAKE_SHARE_SHEET = () => {
  window.shareCalls = [];
  window.shareAnswer = 'shared';
  Object.defineProperty(Navigator.prototype, 'share', {
    configurable: true,
    value(data) {
      window.shareCalls.push({ title: data.title, text: data.text, url: data.url, active: navigator.userActivation.isActive });
      if (window.shareAnswer === 'shared') return Promise.resolve();
      const refusal = window.shareAnswer === 'cancelled' ? new DOMException('Share canceled', 'AbortError')
                                                          : new DOMException(window.shareRefusal ?? 'Must be handling a user gesture to perform a share request.', 'NotAllowedError');
      return Promise.reject(refusal);
    },
  });
};

test('share: a client passes a shared link on with the phone\'s share sheet; closing the sheet says nothing, a refusal opens the share window; without a sheet "Share" opens the window', async () => {
  const { link, plan: sentPlan } = await sendPreset('norwood-4');

  const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
  const client = await openPage(browser, link, { ...phone, beforeLoad: (page) => page.addInitScript(FAKE_SHARE_SHEET) });
  await client.waitForFunction(() => window.smp?.stats()?.client_view === true, null, { timeout: 60000 });
  await waitForFrames(client, 3);
  const tapShare = async () => {
    const share = itemNamed(await layoutNow(client), 'Share');
    assert.ok(share && share.window.includes('bottom_sheet'), 'the sheet under a shared design has "Share"');
    await client.touchscreen.tap(share.x + share.width / 2, share.y + share.height / 2);
    await waitForFrames(client, 3);
  };
  const shareWindowOpen = async () => (await layoutNow(client)).items.some((item) => item.visible && item.label === 'Copy link');

  // Shared: the sheet gets the link the client opened, while the tap still counts as theirs.
  await tapShare();
  await client.waitForFunction(() => window.shareCalls.length === 1, null, { timeout: 15000 });
  const [first] = await client.evaluate(() => window.shareCalls);
  assert.equal(first.url, link, 'the link the client opened, passed on as it was');
  assert.equal(first.title, 'Hamilton–Norwood IV');
  assert.match(first.text, /^A scalp micropigmentation design: [\d,]+ dots over 3 sessions\.$/);
  assert.equal(first.active, true, 'asked while the tap\'s user activation holds (a real browser refuses otherwise)');
  await client.waitForFunction(() => window.smp.stats().status === 'Link shared.', null, { timeout: 15000 });
  assert.equal(await shareWindowOpen(), false);
  // A touch screen has no hover: a second after the tap, no tooltip covers the screen.
  await client.waitForTimeout(1000);
  const tooltips = (await layoutNow(client)).windows.filter((w) => w.name.startsWith('##Tooltip'));
  assert.deepEqual(tooltips.map((w) => w.name), [], 'no tooltip left over from the tap');
  await screenshot(client, 'share-client-shared');

  // Cancelled: the person closed the sheet; nothing to say, nothing opens.
  await client.evaluate(() => { window.shareAnswer = 'cancelled'; });
  await tapShare();
  await client.waitForFunction(() => window.shareCalls.length === 2, null, { timeout: 15000 });
  await waitForFrames(client, 5);
  assert.equal(await shareWindowOpen(), false, 'no window after a cancelled share');
  assert.equal((await stats(client)).share_status, '');

  // Refused: the share window opens with the link to copy and says why.
  await client.evaluate(() => { window.shareAnswer = 'refused'; });
  await tapShare();
  await client.waitForFunction(() => /^The share sheet did not open \(Must be handling a user gesture.*\)\. Copy the link instead\.$/.test(window.smp.stats().share_status),
                               null, { timeout: 15000 });
  await waitForFrames(client, 3);
  assert.equal(await shareWindowOpen(), true, 'the share window, with "Copy link"');
  // On the phone's screen, whole: nothing off the sides, cut or overlapping, finger-sized.
  const phoneScreen = { name: 'phone-390x844', width: 390, height: 844, touch: true, sheet: true };
  assert.deepEqual(layoutProblems(await layoutNow(client), await stats(client), phoneScreen, 'share window'), []);
  await screenshot(client, 'share-client-refused');

  // A browser's refusal in another language, longer than the app shows: cut between characters,
  // so the app's own record (JSON) stays valid and the app keeps running.
  await closeShareWindow(client);
  await client.evaluate(() => { window.shareRefusal = `Partage refusé: ${'é'.repeat(80)} 共享被拒绝`; });
  await tapShare();
  await client.waitForFunction(() => window.shareCalls.length === 4, null, { timeout: 15000 });
  const refusedLong = await client.waitForFunction(() => {
    const status = window.smp.stats().share_status;
    return /^The share sheet did not open \(Partage refusé: é+\)\. Copy the link instead\.$/.test(status) ? status : null;
  }, null, { timeout: 15000 });
  const shown = await refusedLong.jsonValue();
  assert.ok(new TextEncoder().encode(shown).length < 200, `at most 120 bytes of the refusal: ${shown}`);
  const after = await waitForFrames(client, 5);
  assert.ok(after.frames > 0, 'the app still draws');
  assert.deepEqual(await planOf(client), sentPlan, 'sharing changed nothing');
  assert.equal((await stats(client)).client_view, true);
  assert.deepEqual(client.problems, []);
  await client.close();

  // A browser without a share sheet: "Share" in the side panel opens the share window.
  const desktop = await openPage(browser, link);
  await desktop.waitForFunction(() => window.smp?.stats()?.client_view === true, null, { timeout: 60000 });
  assert.equal(await desktop.evaluate(() => typeof navigator.share), 'undefined');
  const share = itemNamed(await layoutNow(desktop), 'Share');
  assert.ok(share, 'the side panel has "Share"');
  await desktop.mouse.click(share.x + share.width / 2, share.y + share.height / 2);
  await waitForFrames(desktop, 3);
  const layout = await layoutNow(desktop);
  assert.ok(layout.items.some((item) => item.visible && item.label === 'Copy link'), 'the share window opens');
  assert.ok(!layout.items.some((item) => item.visible && item.label === 'Share...'), 'with no "Share..." where there is no sheet');
  assert.deepEqual(desktop.problems, []);
  await desktop.close();
});

test('share: damaged, truncated and future links say why and leave the open design exactly as it was', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await paintSomething(page);
  const mine = await getDesign(page);
  const link = (await page.evaluate(() => window.smp.getLink())).fragment;
  const code = link.slice(4);
  const cases = [
    [`#d=1.${code.slice(0, code.length - 9)}`, /This link could not be opened: the link is damaged: its checksum does not match.*Nothing was changed/],
    [`#d=1.${code.slice(0, 10)}!${code.slice(11)}`, /character that does not belong in it \('!' at position 11/],
    [`#d=3.${code}`, /newer version of the designer \(link version 3/],
  ];
  for (const [hash, expected] of cases) {
    await page.evaluate((h) => { location.hash = h; }, hash);
    await page.locator('#notice').waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await page.locator('#notice').textContent(), expected);
    const now = await stats(page);
    assert.equal(now.client_view, false);
    assert.deepEqual(await getDesign(page), mine, `${hash.slice(0, 12)}...: the design is untouched`);
    await page.evaluate(() => { document.getElementById('notice').hidden = true; });
  }
  await screenshot(page, 'share-damaged-link');
  await page.close();
});

test('files: save and export download valid files; a bad file is named with its problem and the design stays; a good one opens', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await paintSomething(page);
  const mine = await getDesign(page);

  const saved = await downloadFrom(page, () => page.keyboard.press('Control+s'));
  assert.match(saved.name, /^hamilton-norwood-iv\.design\.json$/);
  const design = JSON.parse(saved.text);
  const validDesign = schemaValidator('design');
  assert.ok(validDesign(design), JSON.stringify(validDesign.errors));
  assert.deepEqual(design, mine, 'the saved file is the design');

  const exported = await downloadFrom(page, () => chooseFromFileMenu(page, 'exportPlan'));
  assert.match(exported.name, /\.plan\.json$/);
  const validPlan = schemaValidator('plan');
  assert.ok(validPlan(JSON.parse(exported.text)), JSON.stringify(validPlan.errors));
  assert.deepEqual(JSON.parse(exported.text), await planOf(page));

  const image = await downloadFrom(page, () => chooseFromFileMenu(page, 'exportImage'));
  assert.match(image.name, /\.plan\.png$/);
  const png = decodePng(image.bytes);
  // The map, 1600 px wide, and under it the disclaimer (no Before / After: one picture).
  const caption = readCaption(png, 1);
  assert.equal(png.width, 1600);
  assert.ok(caption.pictureHeight > 1000 && caption.lines >= 1 && caption.lines <= 3, `the map, then the disclaimer: ${JSON.stringify(caption)}`);
  assert.ok(caption.tags[0].dark < 50, 'no tag over the map');

  // The printable plan sheet: dated from today (the window's default), a page per session.
  const sheet = await downloadFrom(page, async () => {
    await chooseFromFileMenu(page, 'sheet');
    await page.keyboard.press('Enter');
  });
  assert.match(sheet.name, /\.plan-sheet\.html$/);
  const today = new Date().toISOString().slice(0, 10);
  assert.ok(sheet.text.includes(today), 'the schedule starts today');
  assert.equal((sheet.text.match(/data:image\/png;base64,/g) ?? []).length >= 4, true, 'maps are embedded');
  assert.ok(!/<script/i.test(sheet.text), 'no script in the sheet');
  for (const session of [1, 2, 3]) assert.match(sheet.text, new RegExp(`Session ${session}`));
  assert.match(sheet.text, /illustration, not a promise/);

  // Bad files, through the file picker (Ctrl+O): each named with its problem; nothing changes.
  const bad = [
    ['notes.txt', 'just some notes', /notes\.txt could not be opened: .*JSON.*Your design is unchanged/],
    ['list.json', '[1, 2, 3]', /list\.json could not be opened: .*Your design is unchanged/],
    ['future.design.json', JSON.stringify({ ...mine, schema_version: 99 }), /future\.design\.json could not be opened: .*schema_version.*Your design is unchanged/],
    ['wrong.design.json', JSON.stringify({ ...mine, seed: -4 }), /wrong\.design\.json could not be opened: seed .*Your design is unchanged/],
  ];
  for (const [name, text, expected] of bad) {
    await openThroughPicker(page, name, text);
    await page.waitForFunction((source) => new RegExp(source).test(window.smp.stats().error), expected.source, { timeout: 15000 })
      .catch(async () => assert.fail(`${name}: the message was "${(await stats(page)).error}"`));
    assert.deepEqual(await getDesign(page), mine, `${name}: the design is untouched`);
    // One message per action: the failure replaces the downloads' "downloaded ..." line.
    assert.equal((await stats(page)).status, '', `${name}: only the failure is said`);
  }
  // A 3 MB file (well past what the page could pass on its stack) is refused by name, and the app
  // keeps running.
  const huge = `{"type": "smp.design", "schema_version": 2, "notes": "${'x'.repeat(3000000)}"}`;
  await openThroughPicker(page, 'huge.design.json', huge);
  await page.waitForFunction(() => /huge\.design\.json could not be opened: notes/.test(window.smp.stats().error), null, { timeout: 30000 });
  assert.deepEqual(await getDesign(page), mine);
  await screenshot(page, 'files-bad-file');

  // The exported plan opens too: its design comes back (here the same one, as an undoable step).
  await openThroughPicker(page, 'exported.plan.json', exported.text);
  await page.waitForFunction(() => /Opened exported\.plan\.json/.test(window.smp.stats().status), null, { timeout: 30000 });
  assert.equal((await stats(page)).error, '', 'the opened file replaces the refusal before it');
  assert.deepEqual(await getDesign(page), mine);
  await page.evaluate(() => window.smp.undo());

  // A good file opens, as an edit that can be undone.
  // Another design, as a file from elsewhere: a preset's JSON read in the page and put back.
  const otherDesign = await page.evaluate(() => {
    window.smp.loadDesign('ludwig-2');
    const loaded = window.smp.getDesign();
    window.smp.undo();
    return loaded;
  });
  assert.deepEqual(await getDesign(page), mine);
  await openThroughPicker(page, 'client.design.json', JSON.stringify(otherDesign));
  await page.waitForFunction((title) => window.smp.stats().design_title === title, otherDesign.title, { timeout: 15000 });
  assert.match((await stats(page)).status, /Opened client\.design\.json/);
  await page.evaluate(() => window.smp.undo());
  assert.deepEqual(await getDesign(page), mine, 'undo brings the earlier design back');
  await page.close();
});

// --- helpers -----------------------------------------------------------------------------------

async function downloadFrom(page, action) {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), action()]);
  const file = await download.path();
  const bytes = fs.readFileSync(file);
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

async function openThroughPicker(page, name, text) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 30000 }),
    (async () => { await page.locator('canvas').focus(); await page.keyboard.press('Control+o'); })(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await waitForFrames(page, 2);
}

// The share window's "Copy link" button, where the app says it drew it (stats, CSS px).
// The share window's Copy button, once the window has settled where it opens (ImGui sizes a new
// window to its contents over its first frames, and the window is centred on that size).
async function findCopyButton(page) {
  let last = null;
  for (let tries = 0; tries < 50; tries++) {
    const at = (await waitForFrames(page, 1)).share_copy_css;
    if (at && last && at[0] === last[0] && at[1] === last[1]) return { x: at[0], y: at[1] };
    last = at;
  }
  assert.fail(`the share window's Copy button did not settle: last at ${JSON.stringify(last)}`);
}

function decodeQrFrom(image) {
  const found = jsQR(new Uint8ClampedArray(image.rgba), image.width, image.height);
  return found ? found.data : null;
}
