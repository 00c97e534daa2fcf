// Text entry on phones (src/ui/text_entry.h, web/js/text_entry.js) and the designer's box on the
// screen (web/js/viewport.js): a tap on an app text field focuses the page's own input over it
// (what makes a phone open its keyboard), what is typed there edits the field, Enter commits one
// undo step and the input goes; numbers get the decimal keypad; a desktop never sees the input;
// the safe area keeps notches off the sheet's buttons; a keyboard that shrinks the viewport keeps
// the edited field in view. Phones are emulated as layout.test.mjs does (touch, 390 x 844, DPR 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDirectory } from '../../tools/serve.mjs';
import { startBrowser, openScreen as openScreenOf, waitForFrames, layoutNow, screenshotDir, webRoot } from './browser.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

const PHONE = { width: 390, height: 844, scale: 3, touch: true };
const DESKTOP = { width: 1280, height: 800, scale: 1, touch: false };

const openScreen = (screen, options) => openScreenOf(browser, screen, options);

// A control by its label: in the bottom sheet or the side panel before the menu bar's.
function itemNamed(layout, label, { interactive = null } = {}) {
  const all = layout.items.filter((item) => item.visible && item.label === label &&
                                            (interactive === null || item.interactive === interactive));
  return all.find((item) => /bottom_sheet|side_panel/.test(item.window)) ?? all[0];
}

// Where the page's canvas is (the app's coordinates are CSS px in it).
const canvasBox = (page) => page.evaluate(() => {
  const r = document.getElementById('canvas').getBoundingClientRect();
  return { x: r.left, y: r.top, width: r.width, height: r.height };
});

async function tapAt(page, screen, x, y) {
  const box = await canvasBox(page);
  if (screen.touch) await page.touchscreen.tap(box.x + x, box.y + y);
  else await page.mouse.click(box.x + x, box.y + y);
  await waitForFrames(page, 3);
}
const tap = (page, screen, item) => tapAt(page, screen, item.x + item.width / 2, item.y + item.height / 2);
// A text field's own box starts at its left; its label is drawn to the right of it.
const tapField = (page, screen, item) => tapAt(page, screen, item.x + 24, item.y + item.height / 2);

// The page's input over an app field, as the page has it now.
const entryInput = (page) => page.evaluate(() => {
  const all = [...document.querySelectorAll('[data-smp-text-entry]')];
  const shown = all.find((e) => !e.hidden) ?? null;
  const active = document.activeElement;
  const describe = (e) => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return { kind: e.dataset.smpTextEntry, tag: e.tagName.toLowerCase(), value: e.value, x: r.left, y: r.top, width: r.width,
             height: r.height, fontPx: parseFloat(style.fontSize), opacity: Number(style.opacity),
             inputmode: e.getAttribute('inputmode'), enterkeyhint: e.getAttribute('enterkeyhint') };
  };
  return { count: all.length, shown: shown && describe(shown), focused: Boolean(shown) && active === shown,
           activeId: active?.id ?? '', activeTag: active?.tagName.toLowerCase() ?? '' };
});

// Opens the phone's sheet on the section `label` ("Design", "Sessions", ...).
async function openSection(page, screen, label) {
  let layout = await layoutNow(page);
  if (!(await page.evaluate(() => window.smp.stats().sheet_expanded))) {
    await tap(page, screen, itemNamed(layout, 'More'));
    layout = await layoutNow(page);
  }
  await tap(page, screen, itemNamed(layout, label, { interactive: true }));
  return layoutNow(page);
}

const overlaps = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('on a phone a tap on the title opens the keyboard\'s input over it; typing and Enter retitle the design in one undo step', async () => {
  const page = await openScreen(PHONE);
  const before = await page.evaluate(() => window.smp.stats());
  assert.equal(before.touch, true);
  assert.equal(before.undo_steps, 0);
  const layout = await openSection(page, PHONE, 'Design');
  const title = itemNamed(layout, 'Title');
  assert.ok(title, 'the Design section has a Title field');
  assert.equal((await entryInput(page)).shown, null, 'no input before the tap');

  await tapField(page, PHONE, title);
  await waitForFrames(page, 3);
  const opened = await entryInput(page);
  assert.ok(opened.shown, 'the tap shows the page\'s input');
  assert.equal(opened.focused, true, 'and focuses it (document.activeElement), which opens a phone\'s keyboard');
  assert.equal(opened.shown.kind, 'text');
  assert.equal(opened.shown.tag, 'input');
  assert.equal(opened.shown.inputmode, 'text');
  assert.equal(opened.shown.enterkeyhint, 'done');
  assert.ok(opened.shown.fontPx >= 16, `16 px text at least, or iOS zooms in: ${opened.shown.fontPx}`);
  assert.equal(opened.shown.opacity, 1, 'shown once the app has the field');
  assert.equal(opened.shown.value, before.design_title, 'it holds the field\'s text');
  const box = await canvasBox(page);
  const field = { x: box.x + title.x, y: box.y + title.y, width: title.width, height: title.height };
  assert.ok(overlaps(opened.shown, field) && Math.abs(opened.shown.y - field.y) < 4 && opened.shown.x >= field.x - 1,
            `over the field: input ${JSON.stringify(opened.shown)}, field ${JSON.stringify(field)}`);

  // Typing, as a phone's keyboard does it: the page's input changes, the app's field follows.
  await page.evaluate(() => document.activeElement.select());
  await page.keyboard.type('Crown plan for Sam');
  await waitForFrames(page, 3);
  const typing = await entryInput(page);
  assert.equal(typing.shown.value, 'Crown plan for Sam');
  assert.equal((await page.evaluate(() => window.smp.stats())).design_title, before.design_title, 'not committed before Enter');
  await page.screenshot({ path: `${screenshotDir}/keyboard-phone-title-editing.png` });

  await page.keyboard.press('Enter');
  await waitForFrames(page, 4);
  const after = await page.evaluate(() => window.smp.stats());
  assert.equal(after.design_title, 'Crown plan for Sam', 'Enter commits the title');
  assert.equal((await page.evaluate(() => window.smp.getDesign())).title, 'Crown plan for Sam');
  assert.equal(after.undo_steps, 1, 'one undo step for the whole edit');
  assert.equal(after.undo_label, 'title');
  const closed = await entryInput(page);
  assert.equal(closed.shown, null, 'the input is gone after Enter');
  assert.equal(closed.activeId, 'canvas', 'the canvas has the focus back (the keyboard closes)');
  await page.screenshot({ path: `${screenshotDir}/keyboard-phone-title-done.png` });

  // The step undoes to the old title, and nothing else was recorded.
  await page.evaluate(() => window.smp.undo());
  const undone = await waitForFrames(page, 2);
  assert.equal(undone.design_title, before.design_title);
  assert.equal(undone.undo_steps, 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone a number field gets the decimal keypad, and a tap elsewhere lets the field go', async () => {
  const page = await openScreen(PHONE);
  const layout = await openSection(page, PHONE, 'Sessions');
  // The count field (a number with - and + buttons) is named "Sessions", like the section button.
  const count = itemNamed(layout, 'Sessions', { interactive: false });
  assert.ok(count, 'the Sessions section has its count field');
  await tapField(page, PHONE, count);
  await waitForFrames(page, 3);
  const opened = await entryInput(page);
  assert.equal(opened.focused, true);
  assert.equal(opened.shown.kind, 'number');
  assert.equal(opened.shown.inputmode, 'decimal');
  assert.equal(opened.shown.value, '3');
  await page.evaluate(() => document.activeElement.select());
  await page.keyboard.type('4');
  await page.keyboard.press('Enter');
  await waitForFrames(page, 4);
  assert.equal((await page.evaluate(() => window.smp.getDesign())).sessions.length, 4, 'Enter applies the number');
  assert.equal((await entryInput(page)).shown, null);

  // Again with a finger held on the field for a few frames before it lifts (the app has the field
  // active before the page hears the lift): the input still shows the field's number, not an empty
  // box that typing would fill from nothing. Then a tap on the canvas: the field lets go and the
  // input goes with it.
  const again = itemNamed(await layoutNow(page), 'Sessions', { interactive: false });
  const box = await canvasBox(page);
  const cdp = await page.context().newCDPSession(page);
  const at = [{ x: box.x + again.x + 24, y: box.y + again.y + again.height / 2 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at });
  await waitForFrames(page, 4);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await waitForFrames(page, 3);
  const held = await entryInput(page);
  assert.equal(held.focused, true);
  assert.equal(held.shown.opacity, 1, 'shown: the app had the field before the finger lifted');
  assert.equal(held.shown.value, '4', 'with the field\'s number');
  const stats = await page.evaluate(() => window.smp.stats());
  await tapAt(page, PHONE, stats.canvas_css.x + 20, stats.canvas_css.y + 20);
  await waitForFrames(page, 4);
  const gone = await entryInput(page);
  assert.equal(gone.shown, null, 'a tap elsewhere hides the input');
  assert.notEqual(gone.activeTag, 'input');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a phone a double tap on a slider opens the decimal keypad for its value', async () => {
  const page = await openScreen(PHONE);
  const layout = await openSection(page, PHONE, 'Sessions');
  const slider = itemNamed(layout, 'Dots per minute');
  assert.ok(slider, 'the Sessions section has the "Dots per minute" slider');
  const box = await canvasBox(page);
  const x = box.x + slider.x + 30, y = box.y + slider.y + slider.height / 2;
  await page.touchscreen.tap(x, y);
  await waitForFrames(page, 3);
  assert.equal((await entryInput(page)).shown, null, 'one tap sets the slider, no keyboard');
  // Two taps 120 ms apart, as a finger makes them: the touch screen's own events, stamped with the
  // time the finger touched (Playwright's taps each wait for the page to draw, which SwiftShader
  // makes slower than a double tap, and a busy machine delays when the page hears each touch; the
  // page goes by the stamps, as it must on a phone whose page is busy drawing).
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cdp = await page.context().newCDPSession(page);
  const firstMs = Date.now() - 300;   // stamps in the past, as a touch heard late has
  for (const [type, afterMs] of [['touchStart', 0], ['touchEnd', 30], ['touchStart', 120], ['touchEnd', 150]]) {
    await cdp.send('Input.dispatchTouchEvent', { type, timestamp: (firstMs + afterMs) / 1000,
                                                 touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  }
  await waitForFrames(page, 6);
  const opened = await entryInput(page);
  assert.equal(opened.focused, true, 'the second tap focuses the input');
  assert.equal(opened.shown.inputmode, 'decimal');
  assert.match(opened.shown.value, /^\d+(\.\d+)?$/, `the slider's value: "${opened.shown.value}"`);
  await page.evaluate(() => document.activeElement.select());
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');
  await waitForFrames(page, 4);
  assert.equal((await page.evaluate(() => window.smp.getDesign())).dots_per_minute, 123);
  assert.equal((await entryInput(page)).shown, null);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('on a desktop no input ever appears and the physical keyboard types into the app as before', async () => {
  const page = await openScreen(DESKTOP);
  const layout = await layoutNow(page);
  const title = itemNamed(layout, 'Title');
  assert.ok(title, 'the side panel has a Title field');
  await tapField(page, DESKTOP, title);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Desk title');
  await waitForFrames(page, 2);
  const typing = await entryInput(page);
  assert.equal(typing.count, 0, 'no input element was ever made');
  assert.equal(typing.activeId, 'canvas', 'the canvas keeps the keyboard');
  await page.keyboard.press('Enter');
  const after = await waitForFrames(page, 3);
  assert.equal(after.design_title, 'Desk title');
  assert.equal(after.undo_steps, 1);
  assert.equal((await entryInput(page)).count, 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the safe area: a notch and a home indicator keep off the canvas and the sheet\'s buttons', async () => {
  const insets = { top: 47, bottom: 34, left: 0, right: 0 };
  const page = await openScreen(PHONE, {
    beforeLoad: async (p, context) => {
      const cdp = await context.newCDPSession(p);
      await cdp.send('Emulation.setSafeAreaInsetsOverride', { insets });
    },
  });
  await waitForFrames(page, 3);
  const box = await canvasBox(page);
  assert.deepEqual(box, { x: 0, y: insets.top, width: PHONE.width, height: PHONE.height - insets.top - insets.bottom },
                   'the canvas fills the safe area');
  const layout = await layoutNow(page);
  const buttons = layout.items.filter((item) => item.visible && item.interactive && item.window.includes('bottom_sheet'));
  assert.ok(buttons.length >= 5, `the sheet's buttons: ${buttons.map((b) => b.label)}`);
  for (const button of buttons) {
    const top = box.y + button.y, bottom = box.y + button.y + button.height;
    assert.ok(top >= insets.top && bottom <= PHONE.height - insets.bottom, `"${button.label}" (${top}..${bottom}) in the safe area`);
  }
  assert.equal(layout.display.height, PHONE.height - insets.top - insets.bottom, 'the app lays out in the safe area');
  await page.screenshot({ path: `${screenshotDir}/keyboard-phone-safe-area.png` });

  // The rule behind it: the bottom inset counts only while the page reaches the screen's bottom
  // (above an open keyboard there is no home indicator).
  const boxes = await page.evaluate(async (i) => {
    const { appBox } = await import('./js/viewport.js');
    return [appBox({ left: 0, top: 0, width: 390, height: 844 }, 844, i), appBox({ left: 0, top: 0, width: 390, height: 500 }, 844, i)];
  }, insets);
  assert.deepEqual(boxes[0], { left: 0, top: 47, width: 390, height: 763 });
  assert.deepEqual(boxes[1], { left: 0, top: 47, width: 390, height: 453 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a keyboard that shrinks the viewport keeps the edited field in view', async () => {
  const page = await openScreen(PHONE);
  const layout = await openSection(page, PHONE, 'Design');
  await tapField(page, PHONE, itemNamed(layout, 'Notes'));
  await waitForFrames(page, 3);
  const opened = await entryInput(page);
  assert.equal(opened.focused, true);
  assert.equal(opened.shown.tag, 'textarea', 'notes get a textarea');
  assert.equal(opened.shown.enterkeyhint, 'enter');

  // The keyboard takes the bottom 384 px, as an iPhone's does.
  await page.setViewportSize({ width: PHONE.width, height: 460 });
  await waitForFrames(page, 6);
  const shrunk = await page.evaluate(() => ({ vv: window.visualViewport.height, stats: window.smp.stats() }));
  assert.equal(shrunk.vv, 460);
  const box = await canvasBox(page);
  assert.equal(box.height, 460, 'the designer follows the visual viewport');
  const kept = await entryInput(page);
  assert.equal(kept.focused, true, 'still editing');
  assert.ok(kept.shown.y >= 0 && kept.shown.y + kept.shown.height <= 460 + 0.5,
            `the field is in view above the keyboard: ${kept.shown.y}..${kept.shown.y + kept.shown.height}`);
  assert.ok(shrunk.stats.canvas_css.height > 40, 'and the canvas keeps some room');
  await page.keyboard.type(' Notes typed with the keyboard up.');
  await waitForFrames(page, 3);
  await page.screenshot({ path: `${screenshotDir}/keyboard-phone-notes-keyboard-up.png` });
  // Closing the keyboard (the input loses the focus) commits the notes.
  await page.evaluate(() => document.activeElement.blur());
  await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
  const after = await waitForFrames(page, 5);
  assert.match((await page.evaluate(() => window.smp.getDesign())).notes ?? '', /Notes typed with the keyboard up\.$/);
  assert.equal(after.undo_steps, 1);
  assert.equal((await entryInput(page)).shown, null);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the widget in a clinic\'s page on a 360 px phone: its sheet fits, and a tap on its title opens the keyboard\'s input in the widget', async () => {
  const host = await serveDirectory(path.join(webRoot, 'demo'), { port: 0, quiet: true });
  const context = await browser.browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    await embeddedTitle(context, `http://127.0.0.1:${host.address().port}/`);
  } finally {
    await context.close();
    await new Promise((resolve) => host.close(resolve));
  }
});

async function embeddedTitle(context, hostUrl) {
  const screen = { width: 360, height: 640 };
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  await page.goto(`${hostUrl}?widget=${encodeURIComponent(browser.baseUrl)}&mode=full`);
  const handle = await page.waitForSelector('[data-smp-designer] iframe', { timeout: 30000 });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000, polling: 100 });
  await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-smp-designer] iframe').getBoundingClientRect().top + window.scrollY));
  const box = await handle.boundingBox();
  assert.ok(box.width >= 340, `the widget takes the phone's width: ${box.width} px`);
  assert.ok(box.y >= -1 && box.y + box.height <= screen.height + 1, `the widget on the screen: ${JSON.stringify(box)}`);
  const frameLayout = async () => {
    await frame.evaluate(() => window.smp.layout());
    await frame.waitForFunction((n) => window.smp.stats().frames >= n, (await frame.evaluate(() => window.smp.stats().frames)) + 2);
    return frame.evaluate(() => window.smp.layout());
  };
  const tapIn = async (item, dx = null) => {
    await page.touchscreen.tap(box.x + item.x + (dx ?? item.width / 2), box.y + item.y + item.height / 2);
    await frame.waitForFunction((n) => window.smp.stats().frames >= n, (await frame.evaluate(() => window.smp.stats().frames)) + 4);
  };
  let layout = await frameLayout();
  assert.equal((await frame.evaluate(() => window.smp.stats())).layout, 'sheet', 'the widget has its phone layout');
  for (const item of layout.items.filter((i) => i.visible && i.interactive && i.window.includes('bottom_sheet'))) {
    assert.ok(item.y + item.height <= box.height + 0.5, `"${item.label}" inside the widget`);
  }
  await tapIn(itemNamed(layout, 'More'));
  layout = await frameLayout();
  await tapIn(itemNamed(layout, 'Title'), 24);
  // The input takes the focus inside the tap; the app fills in the field's text when it next
  // draws, which a loaded machine may put a few frames later.
  await frame.waitForFunction(() => document.activeElement?.dataset?.smpTextEntry && document.activeElement.value !== '', null,
                              { timeout: 20000 }).catch(() => {});
  const opened = await frame.evaluate(() => {
    const e = document.activeElement;
    return { kind: e.dataset.smpTextEntry ?? null, value: e.value, fontPx: parseFloat(getComputedStyle(e).fontSize) };
  });
  assert.equal(opened.kind, 'text', 'the widget\'s own input has the focus');
  assert.equal(opened.value, 'Hamilton–Norwood IV');
  assert.ok(opened.fontPx >= 16);
  await page.screenshot({ path: `${screenshotDir}/keyboard-embed-360-title.png` });
  await page.keyboard.press('End');
  await page.keyboard.type(' for Ana');
  await page.keyboard.press('Enter');
  await frame.waitForFunction(() => window.smp.stats().design_title === 'Hamilton–Norwood IV for Ana', null, { timeout: 20000 });
  assert.deepEqual(problems, []);
}
