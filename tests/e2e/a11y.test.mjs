// What a person who does not see the canvas, or does not use a pointer, gets from the designer:
// the canvas' role and name in the accessibility tree, the hidden text region (the design's
// summary and a session table equal to the plan, errors in an alert region, statuses), the whole
// panel and the menus by keyboard alone (and a way out), a dark designer for a browser that prefers
// dark, and no motion for one that asks for none. Read as a screen reader reads it: through roles,
// names and text, not through pixels (except for the theme and the text cursor, which are pixels).
import test from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser, planOf, openPage, waitForFrames, screenshot, pixelAt, distance, luminance, contrastRatio, layoutNow } from './browser.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

const stats = (page) => page.evaluate(() => window.smp.stats());
const textOf = (page, id) => page.evaluate((element) => document.getElementById(element).textContent, id);

// Presses `key` and lets the app draw the frames that take it in.
async function press(page, key, frames = 3) {
  await page.keyboard.press(key);
  await waitForFrames(page, frames);
}

// Presses `key` until the control the keyboard is on (stats().focused, what a screen reader hears)
// matches `name`; fails after `limit` presses.
async function pressUntilFocused(page, key, name, limit = 20) {
  const seen = [];
  for (let i = 0; i < limit; i++) {
    await press(page, key, 2);
    const focused = (await stats(page)).focused;
    seen.push(focused);
    if (name instanceof RegExp ? name.test(focused) : focused === name) return;
  }
  assert.fail(`${key} never reached "${name}"; it went through: ${seen.join(' | ')}`);
}

// The session table of the hidden region, as a screen reader walks it: header cells, then rows.
async function sessionTable(page) {
  return page.evaluate(() => {
    const table = document.getElementById('a11y-sessions');
    return {
      caption: table.caption.textContent,
      columns: [...table.tHead.rows[0].cells].map((cell) => cell.textContent),
      rows: [...table.tBodies[0].rows].map((row) => [...row.cells].map((cell) => ({ tag: cell.tagName, text: cell.textContent }))),
    };
  });
}

// The table's rows against the plan the app exports: day, dots, minutes, and the density after the
// session (its dots so far over the treated area, as MeasurePlan computes it).
function assertTableIsPlan(table, plan) {
  assert.equal(table.rows.length, plan.sessions.length, 'a row per session');
  let cumulative = 0;
  plan.sessions.forEach((session, k) => {
    const [index, day, dots, minutes, density] = table.rows[k].map((cell) => cell.text);
    cumulative += session.dot_count;
    assert.equal(table.rows[k][0].tag, 'TH', 'the session number heads its row');
    assert.equal(Number(index), session.index);
    assert.equal(Number(day), session.day, `session ${k + 1}: day`);
    assert.equal(Number(dots.replace(/,/g, '')), session.dot_count, `session ${k + 1}: dots`);
    assert.equal(Number(minutes), session.estimated_minutes, `session ${k + 1}: minutes`);
    const expected = Math.round((cumulative / plan.summary.treated_area_cm2) * 100) / 100;
    assert.ok(Math.abs(Number(density) - expected) <= 0.051, `session ${k + 1}: density ${density}, the plan's ${expected}`);
  });
}

test('a11y: the canvas is an application named in the accessibility tree; the hidden region reads the summary and a session table equal to the plan', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 5);
  // Role and name as the accessibility tree computes them (what a screen reader announces).
  const canvas = page.getByRole('application', { name: 'SMP Designer: scalp design, side panel and menus' });
  assert.equal(await canvas.count(), 1, 'one application, named');
  assert.equal(await canvas.evaluate((element) => element.id), 'canvas');
  assert.equal(await canvas.getAttribute('tabindex'), '0', 'in the tab order');
  const description = await canvas.evaluate((element) => element.getAttribute('aria-describedby').split(' ')
    .map((id) => document.getElementById(id).textContent).join(' '));
  assert.match(description, /Tab moves through the side panel/, 'the description says how to work it');

  // The region is hidden from sight, not from the accessibility tree (display:none would be both).
  const region = page.locator('#a11y');
  const box = await region.boundingBox();
  assert.ok(box && box.width <= 1 && box.height <= 1, `visually hidden: ${JSON.stringify(box)}`);
  assert.equal(await page.getByRole('table', { name: 'Sessions' }).count(), 1, 'the session table is in the accessibility tree');
  assert.equal(await page.locator('#a11y-design').getAttribute('aria-live'), 'polite');
  assert.equal(await page.getByRole('alert').count(), 1, 'one alert region');

  await page.waitForFunction(() => /Hamilton–Norwood IV: /.test(document.getElementById('a11y-summary-text').textContent), null, { timeout: 30000 });
  const plan = await planOf(page);
  const summary = await textOf(page, 'a11y-summary-text');
  const thousands = (n) => n.toLocaleString('en-US');
  assert.ok(summary.includes(`${thousands(plan.summary.total_dots)} dots over ${plan.sessions.length} sessions`), summary);
  assert.ok(summary.includes(`${plan.summary.estimated_minutes} minutes`), summary);
  const table = await sessionTable(page);
  assert.equal(table.caption, 'Sessions');
  assert.deepEqual(table.columns, ['Session', 'Day', 'Dots', 'Minutes', 'Density after it (dots/cm²)']);
  assertTableIsPlan(table, plan);

  // Written when the text changes, not every frame: a live region reads out every change.
  await page.evaluate(() => {
    window.a11yChanges = 0;
    new MutationObserver((records) => { window.a11yChanges += records.length; })
      .observe(document.getElementById('a11y'), { subtree: true, childList: true, characterData: true });
  });
  await waitForFrames(page, 30);
  assert.equal(await page.evaluate(() => window.a11yChanges), 0, 'nothing rewritten while nothing changes');

  // Another design, with a fourth session: the text follows, still the plan's numbers.
  const scarred = await page.evaluate(() => window.smp.loadDesign('fut-strip-scar'));
  assert.deepEqual(scarred, { ok: true });
  await page.waitForFunction(() => document.getElementById('a11y-sessions').tBodies[0].rows.length === 4, null, { timeout: 30000 });
  assert.match(await textOf(page, 'a11y-summary-text'), /^FUT strip scar.*: [\d,]+ dots over 4 sessions/);
  assertTableIsPlan(await sessionTable(page), await planOf(page));
  assert.ok(await page.evaluate(() => window.a11yChanges) > 0);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a11y: errors reach the alert region (a damaged link, by the API and in the address, read once) and statuses the status region', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 5);
  const refused = await page.evaluate(() => window.smp.openLink('#d=1.AAAAAAAAAAAAAAAAAAAA'));
  assert.equal(refused.ok, false);
  await page.waitForFunction((error) => document.getElementById('a11y-alert').textContent === error, refused.error, { timeout: 15000 });
  assert.match(await page.getByRole('alert').textContent(), /This link could not be opened/);

  // A damaged link in the address: the page's notice and the app's error are the same message,
  // and the one alert region says it once.
  const fresh = await openPage(browser, `${browser.baseUrl}#d=1.AAAAAAAAAAAAAAAAAAAA`);
  await fresh.locator('#notice').waitFor({ state: 'visible', timeout: 30000 });
  await waitForFrames(fresh, 5);
  const notice = await fresh.locator('#notice').textContent();
  assert.match(notice, /This link could not be opened/);
  assert.equal(await textOf(fresh, 'a11y-alert'), notice, 'read once, as shown');
  assert.equal(await fresh.locator('#notice').getAttribute('role'), null, 'the visible notice is not a second live region');
  await fresh.close();

  // File > Save design file, by keyboard: the download's status is read out politely.
  await press(page, 'Tab');
  await press(page, 'Alt');
  assert.equal((await stats(page)).focused, 'File, collapsed');
  await press(page, 'Enter');
  const download = page.waitForEvent('download');
  await pressUntilFocused(page, 'ArrowDown', 'Save design file');
  await press(page, 'Enter');
  const saved = await download;
  await page.waitForFunction((name) => document.getElementById('a11y-status').textContent === `downloaded ${name}`,
                             saved.suggestedFilename(), { timeout: 15000 });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a11y: keyboard alone: Tab into the canvas, through the panel to Brush (Space picks it), Alt and arrows through View, a text field mutes the shortcuts, Escape and Tab leave', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 5);
  assert.equal((await stats(page)).keyboard_nav, false, 'nothing highlighted before the keyboard comes');

  // Tab from the page lands on the canvas, and the app highlights the panel's first control.
  await press(page, 'Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'canvas');
  let now = await stats(page);
  assert.equal(now.keyboard_nav, true);
  assert.equal(now.focused, 'Design preset, Hamilton–Norwood IV');
  assert.equal(await textOf(page, 'a11y-focus'), now.focused, 'the control is read out');
  await pressUntilFocused(page, 'Tab', 'Brush');
  assert.equal((await stats(page)).tool, 'pan', 'reaching a button does not press it');
  await press(page, 'Space');
  assert.equal((await stats(page)).tool, 'brush', 'Space pressed Brush');
  await screenshot(page, 'a11y-keyboard-brush');

  // The menus: Alt, then arrows; View > Density heat map with Enter.
  assert.equal((await stats(page)).heatmap, false);
  await press(page, 'Alt');
  assert.equal((await stats(page)).focused, 'File, collapsed');
  await pressUntilFocused(page, 'ArrowRight', 'View, collapsed');
  await press(page, 'Enter');
  await pressUntilFocused(page, 'ArrowDown', 'Density heat map');
  await press(page, 'Enter');
  now = await stats(page);
  assert.equal(now.heatmap, true, 'View > Density heat map, by keyboard');
  assert.equal(now.keyboard_nav, true, 'the keyboard is back in the panel');

  // Typing into a text field (the number of sessions) is text, not shortcuts: E would pick the
  // eraser and M hide the heat map.
  await pressUntilFocused(page, 'Tab', 'Sessions');
  await waitForFrames(page, 3);
  for (const key of ['e', 'm', 'h']) await press(page, key, 2);
  now = await stats(page);
  assert.equal(now.tool, 'brush', 'E typed into a field picks no tool');
  assert.equal(now.heatmap, true, 'M typed into a field leaves the heat map');
  assert.equal((await planOf(page)).sessions.length, 3);

  // Escape steps back out of the field and the panel; then the arrows move the view and + zooms.
  for (let i = 0; i < 4 && (await stats(page)).keyboard_nav; i++) await press(page, 'Escape');
  now = await stats(page);
  assert.equal(now.keyboard_nav, false, 'Escape ended the keyboard navigation');
  assert.equal(await textOf(page, 'a11y-focus'), '');
  await press(page, 'ArrowLeft');
  const panned = await stats(page);
  assert.ok(panned.scalp_css.x > now.scalp_css.x + 20, `ArrowLeft shows more on the left: ${now.scalp_css.x} -> ${panned.scalp_css.x}`);
  await press(page, 'Equal');
  assert.ok((await stats(page)).pixels_per_mm > panned.pixels_per_mm * 1.2, '+ zooms in');

  // Nothing highlighted: Tab leaves the designer (no keyboard trap).
  await press(page, 'Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), 'canvas', 'Tab left the canvas');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// The side panel's background, right of the "Tools" heading (1280 x 800, DPR 1).
const PANEL_SPOT = { x: 250, y: 160 };
const LIGHT_PANEL = [249, 249, 250];
const DARK_PANEL = [28, 31, 33];

test('a11y: a browser that prefers dark opens the designer dark and it follows the preference; View > Theme keeps the person\'s choice over it', async () => {
  const page = await openPage(browser, browser.baseUrl, { colorScheme: 'dark' });
  await waitForFrames(page, 5);
  await page.waitForFunction(() => window.smp.stats().theme === 'dark', null, { timeout: 15000 });
  await waitForFrames(page, 3);
  let shot = await screenshot(page, 'a11y-dark');
  assert.ok(distance(pixelAt(shot, PANEL_SPOT.x, PANEL_SPOT.y), DARK_PANEL) < 12, `dark panel: ${pixelAt(shot, PANEL_SPOT.x, PANEL_SPOT.y)}`);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('dark')), true, 'the page around it too');
  assert.equal((await stats(page)).theme_choice, 'browser');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction(() => window.smp.stats().theme === 'light', null, { timeout: 15000 });
  await waitForFrames(page, 3);
  shot = await screenshot(page, 'a11y-light');
  assert.ok(distance(pixelAt(shot, PANEL_SPOT.x, PANEL_SPOT.y), LIGHT_PANEL) < 12, `light panel: ${pixelAt(shot, PANEL_SPOT.x, PANEL_SPOT.y)}`);

  // View > Theme > Dark, by keyboard: dark in a light browser, kept for the next visit.
  await press(page, 'Tab');
  await press(page, 'Alt');
  await pressUntilFocused(page, 'ArrowRight', 'View, collapsed');
  await press(page, 'Enter');
  await pressUntilFocused(page, 'ArrowDown', 'Theme, collapsed');
  await press(page, 'ArrowRight');
  await pressUntilFocused(page, 'ArrowDown', 'Dark');
  await press(page, 'Enter');
  await page.waitForFunction(() => window.smp.stats().theme === 'dark', null, { timeout: 15000 });
  assert.equal((await stats(page)).theme_choice, 'dark');
  assert.equal(await page.evaluate(() => localStorage.getItem('smp.theme.v1')), 'dark');
  await page.reload();
  await waitForFrames(page, 5);
  await page.waitForFunction(() => window.smp.stats().theme_choice === 'dark', null, { timeout: 15000 });
  assert.equal((await stats(page)).theme, 'dark', 'the saved choice wins over the light browser');
  assert.deepEqual(page.problems, []);
  await page.close();
});

// The strongest ink in a box of a screenshot (CSS px = image px here) against a background
// luminance, and its contrast (WCAG) with it.
function strongestInk(image, box, background) {
  let ink = background, rgb = null;
  for (let y = Math.round(box.y); y < box.y + box.height; y++) {
    for (let x = Math.round(box.x); x < box.x + box.width; x++) {
      const p = pixelAt(image, x, y), l = luminance(p);
      if (Math.abs(l - background) > Math.abs(ink - background)) { ink = l; rgb = p; }
    }
  }
  return { rgb, contrast: contrastRatio(ink, background) };
}

test('the canvas follows the theme: dark around the scalp in the dark theme, its scale bar and an error message at 4.5:1 or more in both', async (t) => {
  const CANVAS = { light: [236, 239, 242], dark: [22, 24, 27] };
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage(browser, browser.baseUrl, { colorScheme });
    await page.waitForFunction((theme) => window.smp?.stats()?.theme === theme && window.smp.stats().frames > 3, colorScheme, { timeout: 60000 });
    await waitForFrames(page, 3);
    const map = (await stats(page)).map_css;
    // A damaged link: the panel says why, under the design's name.
    const opened = await page.evaluate(() => window.smp.openLink('http://127.0.0.1/#d=garbage'));
    assert.equal(opened.ok, false);
    const layout = await layoutNow(page);
    const panel = layout.items.filter((it) => it.visible && it.window.includes('side_panel'));
    const title = panel.find((it) => it.label === 'Title');
    const preset = panel.find((it) => it.label === '' && it.width > 200 && it.height < 40 && it.y < title.y);
    assert.ok(title && preset, 'the preset list and the title field');
    const image = await screenshot(page, `a11y-canvas-${colorScheme}`);

    // The canvas beside the scalp (its fit leaves a margin at the sides).
    const canvas = pixelAt(image, map.x + 6, map.y + map.height / 2);
    assert.ok(distance(canvas, CANVAS[colorScheme]) < 6, `${colorScheme}: the canvas is ${canvas}`);
    // The scale bar's label, bottom left of the canvas, over the bar.
    const label = strongestInk(image, { x: map.x + 14, y: map.y + map.height - 48, width: 120, height: 30 }, luminance(canvas));
    // The error message, between the preset list and the title field.
    const panelColour = pixelAt(image, preset.x - 4, preset.y + preset.height + 10);
    const error = strongestInk(image, { x: preset.x, y: preset.y + preset.height + 2, width: preset.width, height: title.y - preset.y - preset.height - 4 },
                               luminance(panelColour));
    t.diagnostic(`${colorScheme}: canvas ${canvas}, scale bar label ${label.contrast.toFixed(1)}:1, error ${error.rgb} at ${error.contrast.toFixed(1)}:1 on ${panelColour}`);
    assert.ok(label.contrast >= 4.5, `${colorScheme}: the scale bar's label at ${label.contrast.toFixed(2)}:1`);
    assert.ok(error.rgb && error.rgb[0] - error.rgb[1] > 60, `${colorScheme}: the error is written in red: ${error.rgb}`);
    assert.ok(error.contrast >= 4.5, `${colorScheme}: the error message at ${error.contrast.toFixed(2)}:1`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});

// The "Sessions" number field's box in the panel, where the text cursor blinks: the left of the
// field (its - and + buttons and its label are to the right), from the app's record of what it drew.
async function sessionsField(page) {
  const layout = await layoutNow(page);
  const field = layout.items.find((item) => item.visible && item.label === 'Sessions' && !item.interactive && item.window.includes('side_panel'));
  assert.ok(field, 'the Sessions number field is in the side panel');
  return { x: field.x, y: field.y, width: 100, height: field.height };
}

// ImGui's text cursor blinks with a 1.2 s period: shown for 0.8 s, hidden for 0.4 s. The app draws
// a frame only when its picture changes (src/ui/frame_pacer.h), so each blink is a new drawn frame
// (stats().frames_drawn), and a redraw of the same picture comes once a second. The field is
// screenshotted after each drawn frame for three periods (six blinks), or until `enough` distinct
// pictures are seen: a blinking cursor gives two within a period, a still one a single picture
// however long. (Screenshots timed by the clock instead, round the period, missed the hidden 0.4 s
// when a busy machine delayed a screenshot past it.)
const BLINK_PERIOD_MS = 1200;

// How many different pictures of the field the app drew over three blink periods; stops early at
// `enough` distinct ones (two prove a blink).
async function distinctCursorFrames(page, { enough = Infinity } = {}) {
  const clip = await sessionsField(page);
  const pictures = new Set();
  const untilMs = Date.now() + 3 * BLINK_PERIOD_MS;
  let drawn = -1;
  while (pictures.size < enough && Date.now() < untilMs) {
    const now = (await stats(page)).frames_drawn;
    if (now !== drawn) {
      drawn = now;
      pictures.add((await page.screenshot({ clip })).toString('base64'));
    } else {
      await page.waitForTimeout(25);
    }
  }
  return pictures.size;
}

// Puts the text cursor in the Sessions field with a click on it: the keyboard's way there (Tab after
// Tab, some twenty presses at a few frames each) is the keyboard test's to check, and took 14 s.
async function editSessionsField(page) {
  await waitForFrames(page, 5);
  const field = await sessionsField(page);
  await page.mouse.click(field.x + field.width / 2, field.y + field.height / 2);
  await waitForFrames(page, 2);
  // The field has the keyboard: M types into it (where it is refused), the heat map stays off.
  await press(page, 'm');
  assert.equal((await stats(page)).heatmap, false, 'the click put the keyboard in the Sessions field');
}

test('a11y: reduced motion: the text cursor stops blinking and the page\'s transitions are off; without it both move', async () => {
  // First without the preference, to show the test can see the motion at all.
  const moving = await openPage(browser, browser.baseUrl);
  await editSessionsField(moving);
  assert.equal((await stats(moving)).reduced_motion, false);
  assert.ok(await distinctCursorFrames(moving, { enough: 2 }) > 1, 'the cursor blinks');
  const transition = (page) => page.evaluate(() => {
    const probe = document.createElement('div');
    probe.style.transition = 'opacity 2s';
    document.body.appendChild(probe);
    const duration = getComputedStyle(probe).transitionDuration;
    probe.remove();
    return duration;
  });
  assert.equal(await transition(moving), '2s');
  await moving.close();

  const still = await openPage(browser, browser.baseUrl, { reducedMotion: 'reduce' });
  await editSessionsField(still);
  assert.equal((await stats(still)).reduced_motion, true);
  assert.equal(await distinctCursorFrames(still), 1, 'the cursor stays put');
  assert.equal(await transition(still), '0s', 'the page\'s style turns transitions off');
  // And it follows a change of the preference.
  await still.emulateMedia({ reducedMotion: 'no-preference' });
  await still.waitForFunction(() => window.smp.stats().reduced_motion === false, null, { timeout: 15000 });
  assert.deepEqual(still.problems, []);
  await still.close();
});

test('a clinic\'s accent colours what ImGui would tint blue: the keyboard\'s highlight and a list under the pointer', async (t) => {
  const ACCENT = [0x8c, 0x4a, 0x2a];
  const page = await openPage(browser, `${browser.baseUrl}?accent=%238c4a2a&clinic=Example`, { viewport: { width: 1100, height: 760 } });
  await page.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000 });
  await press(page, 'Tab', 5);
  assert.match((await stats(page)).focused, /^Design preset/, 'the first control highlighted');
  const items = (await layoutNow(page)).items.filter((it) => it.visible && it.window.includes('side_panel'));
  // The highlight: a ring just outside the preset list's frame. Its most colourful pixel there is
  // the accent (ImGui's own is a bright blue, 66 150 250).
  const title = items.find((it) => it.label === 'Title');
  const preset = items.find((it) => it.label === '' && it.width > 200 && it.height < 40 && it.y < title.y);   // above the title
  assert.ok(preset, 'the preset list is laid out');
  let image = await screenshot(page, 'a11y-accent-highlight');
  let ring = null;
  for (let y = Math.floor(preset.y - 5); y <= preset.y + preset.height + 5; y++) {
    for (const x of [preset.x - 4, preset.x - 3, preset.x - 2, preset.x + preset.width + 1, preset.x + preset.width + 2, preset.x + preset.width + 3]) {
      const p = pixelAt(image, Math.round(x), y);
      const chroma = Math.max(...p) - Math.min(...p);
      if (!ring || chroma > ring.chroma) ring = { chroma, rgb: p };
    }
  }
  t.diagnostic(`the highlight's ring: ${ring.rgb}`);
  assert.ok(distance(ring.rgb, ACCENT) < 40, `the highlight is the clinic's accent: ${ring.rgb}`);
  // The preset list under the mouse: its frame a shade of the accent (warm), not of ImGui's blue.
  await press(page, 'Escape', 3);
  const spot = { x: Math.round(preset.x + 40), y: Math.round(preset.y + 2) };   // (its top rows hold no text)
  await page.mouse.move(spot.x, preset.y + preset.height / 2);
  await waitForFrames(page, 4);
  image = await screenshot(page, 'a11y-accent-field-hovered');
  const hovered = pixelAt(image, spot.x, spot.y), [r, , b] = hovered;
  t.diagnostic(`the preset list under the mouse: ${hovered}`);
  assert.ok(r - b > 10, `the list under the mouse is tinted with the accent (red ${r}, blue ${b})`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the disclaimer under a shared design reads at 4.5:1 or more (WCAG AA) on a phone, in the light and the dark theme', async (t) => {
  const SCALE = 2;
  for (const colorScheme of ['light', 'dark']) {
    const page = await openPage(browser, browser.baseUrl, { viewport: { width: 390, height: 844 }, deviceScaleFactor: SCALE, hasTouch: true, isMobile: true, colorScheme });
    await page.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 3, null, { timeout: 60000 });
    const link = (await page.evaluate(() => window.smp.getLink())).link;
    assert.deepEqual(await page.evaluate((l) => window.smp.openLink(l), link), { ok: true });
    await waitForFrames(page, 6);
    const layout = await layoutNow(page);
    const sheet = layout.windows.find((w) => w.name.includes('bottom_sheet'));
    const edit = layout.items.find((it) => it.visible && it.label === 'Edit a copy');
    assert.ok(sheet && edit, 'the client view\'s sheet and its buttons');
    // The sheet above its buttons holds three lines: the title, the figures, the disclaimer. Each
    // line's ink at its strongest (a glyph's core) against the sheet's own colour.
    const image = await screenshot(page, `a11y-disclaimer-${colorScheme}`);
    const background = luminance(pixelAt(image, (sheet.x + 4) * SCALE, (sheet.y + 6) * SCALE));
    const lines = [];
    let line = null;
    for (let y = Math.ceil(sheet.y * SCALE) + 2; y < edit.y * SCALE - 2; y++) {
      let ink = background;
      for (let x = Math.ceil((sheet.x + 8) * SCALE); x < (sheet.x + sheet.width - 8) * SCALE; x++) {
        const l = luminance(pixelAt(image, x, y));
        if (Math.abs(l - background) > Math.abs(ink - background)) ink = l;
      }
      if (Math.abs(ink - background) > 0.02) {
        if (!line) lines.push(line = { ink });
        if (Math.abs(ink - background) > Math.abs(line.ink - background)) line.ink = ink;
      } else {
        line = null;
      }
    }
    const contrast = (ink) => contrastRatio(ink, background);
    t.diagnostic(`${colorScheme}: ${lines.map((l) => contrast(l.ink).toFixed(1)).join(', ')} : 1`);
    assert.equal(lines.length, 3, `three lines of text over the buttons: ${lines.length}`);
    assert.ok(contrast(lines[2].ink) >= 4.5, `${colorScheme}: the disclaimer at ${contrast(lines[2].ink).toFixed(2)}:1`);
    assert.deepEqual(page.problems, []);
    await page.close();
  }
});
