// The designer embedded in a clinic's page on another origin (web/embed.js, the demo page
// web/demo/): the handshake, commands from the page (load, getDesign, getPlan, getLink, setMode),
// change events while a visitor paints, "Send to clinic", the allow-list, and the widget's strict
// Content-Security-Policy with no violations.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serveDirectory } from '../../tools/serve.mjs';
import { startBrowser, planOf, openPage, screenshot, webRoot, RECORD_FRAMES, waitForFrames, layoutNow } from './browser.mjs';

let browser, hostServer, hostUrl;
test.before(async () => {
  browser = await startBrowser();
  // The clinic's page: the shipped demo, served on a second origin (another port).
  hostServer = await serveDirectory(path.join(webRoot, 'demo'), { port: 0, quiet: true });
  hostUrl = `http://127.0.0.1:${hostServer.address().port}/`;
});
test.after(async () => {
  await browser?.close();
  await new Promise((resolve) => hostServer?.close(resolve));
});

const demoUrl = (extra = '') => `${hostUrl}?widget=${encodeURIComponent(browser.baseUrl)}${extra}`;

// The widget's frame (the designer inside the iframe) once it draws.
async function widgetFrame(page) {
  const handle = await page.waitForSelector('[data-smp-designer] iframe', { timeout: 30000 });
  const frame = await handle.contentFrame();
  await frame.waitForFunction(() => (window.smp?.stats()?.frames ?? 0) > 2, null, { timeout: 60000, polling: 100 });
  return { frame, box: await handle.boundingBox() };
}

test('embed: the clinic page drives the designer on another origin: handshake, load, plan, link, change events while painting, send to clinic', async () => {
  const page = await openPage(browser, demoUrl());
  const { frame, box } = await widgetFrame(page);
  assert.notEqual(new URL(page.url()).origin, new URL(frame.url()).origin, 'the host and the widget are different origins');
  assert.equal(await page.evaluate(() => window.SMPDesigner.ready().then(() => true)), true, 'the ready handshake resolves');
  const stats = await frame.evaluate(() => window.smp.stats());
  assert.equal(stats.mode, 'client', 'data-mode="client" reached the widget');
  // The loader keeps the iframe at the height the designer asks for (3:4 of its width, 560-900 px).
  const sized = await page.evaluate(() => {
    const iframe = document.querySelector('[data-smp-designer] iframe');
    return { width: iframe.clientWidth, height: iframe.clientHeight };
  });
  assert.equal(sized.height, Math.round(Math.min(900, Math.max(560, sized.width * 0.75))), JSON.stringify(sized));

  // Commands from the page.
  await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.load('ludwig-2')));
  const design = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.getDesign()));
  assert.equal(design.title, 'Ludwig II');
  const hostPlan = JSON.parse(await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.getPlan()).then(JSON.stringify)));
  assert.deepEqual(hostPlan, await planOf(frame), 'the page gets the widget\'s plan');
  const link = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.getLink()));
  assert.match(link.link, /#d=1\./);
  const themed = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.setTheme({ accent: '#8c2a5a', dark: true })));
  assert.equal(themed, null);
  const badTheme = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.setTheme({ accent: 'red' })).then(() => 'ok', (e) => e.message));
  assert.match(badTheme, /accent must be a colour like "#2a6b8c", got "red"/);
  const failed = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.load('no-such-preset')).then(() => 'loaded', (e) => e.message));
  assert.match(failed, /no-such-preset/, 'a refused command rejects with the reason');

  // A visitor paints inside the widget (on the map: the widget opens on the head, which is a look,
  // not a surface to paint): the page hears "change".
  assert.equal((await frame.evaluate(() => window.smp.stats())).view_chosen, 'both', 'the widget opens on the head');
  assert.deepEqual(await frame.evaluate(() => window.smp.setPreview({ view: 'map' })), { ok: true });
  await frame.waitForFunction(() => window.smp.stats().view === 'map', null, { timeout: 10000, polling: 50 });
  await page.evaluate(() => {
    window.changes = [];
    window.SMPDesigner.ready().then((d) => d.on('change', (e) => window.changes.push(e.revision)));
  });
  const now = await frame.evaluate(() => window.smp.stats());
  const x0 = box.x + now.outline_css.back[0] - 60, y0 = box.y + now.outline_css.back[1] - 90;
  await page.mouse.click(x0, y0);
  await page.keyboard.press('b');
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x0 + i * 8, y0 - i * 2);
  await page.mouse.up();
  await page.waitForFunction(() => window.changes.length > 0, null, { timeout: 30000 });
  assert.equal((await frame.evaluate(() => window.smp.stats())).tool, 'brush');

  // "Send to clinic" hands the design and its link to the page.
  await page.evaluate(() => {
    window.sent = null;
    window.SMPDesigner.ready().then((d) => d.on('send', (e) => { window.sent = e; }));
  });
  const send = (await frame.evaluate(() => window.smp.stats())).send_css;
  await page.mouse.click(box.x + send[0], box.y + send[1]);
  await page.waitForFunction(() => window.sent !== null, null, { timeout: 30000 });
  const sent = await page.evaluate(() => window.sent);
  assert.deepEqual(sent.design, await frame.evaluate(() => window.smp.getDesign()));
  assert.match(sent.link, /#d=1\./);
  await screenshot(page, 'embed-demo');

  // The viewer mode, set from the page: nothing changes the design any more.
  await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.setMode('viewer')));
  const before = await frame.evaluate(() => window.smp.getDesign());
  await page.mouse.move(x0, y0 + 30);
  await page.mouse.down();
  for (let i = 1; i <= 6; i++) await page.mouse.move(x0 + i * 8, y0 + 30);
  await page.mouse.up();
  assert.deepEqual(await frame.evaluate(() => window.smp.getDesign()), before);
  assert.equal((await frame.evaluate(() => window.smp.stats())).mode, 'viewer');

  const csp = page.problems.filter((p) => /Content Security Policy|Refused to/.test(p));
  assert.deepEqual(csp, [], 'no Content-Security-Policy violations');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('embed: on a phone the widget opens the clinic\'s preset as its first design: made once, never the start design first, nothing to undo', async () => {
  const page = await openPage(browser, demoUrl('&preset=ludwig-2'), {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true,
    beforeLoad: (p) => p.context().addInitScript(RECORD_FRAMES),   // in the widget's frame
  });
  const { frame } = await widgetFrame(page);
  assert.equal(await page.evaluate(() => window.SMPDesigner.ready().then(() => true)), true);
  const stats = await frame.evaluate(() => window.smp.stats());
  assert.equal((await frame.evaluate(() => window.smp.getDesign())).title, 'Ludwig II');
  assert.equal(stats.engine.generations, 1, 'one generation: the preset\'s');
  assert.equal(stats.can_undo, false, 'opening the widget is not an edit to undo');
  const frames = await frame.evaluate(() => window.framesSeen);
  const shown = frames.filter((f) => f.drawn > 0);
  assert.ok(shown.length > 0);
  assert.deepEqual(shown.filter((f) => f.design_dots !== stats.dots), [], 'no frame drew another design first (its dot count)');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('embed: on a phone, a finger going up or down over the widget\'s head scrolls the clinic\'s page; sideways it turns the head, a tap presses, two fingers zoom', async (t) => {
  const page = await openPage(browser, demoUrl(), { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  const { frame } = await widgetFrame(page);
  // The widget at its phone height (most of the screen), the page taller than the screen.
  await page.waitForFunction(() => document.querySelector('[data-smp-designer] iframe').getBoundingClientRect().height >= 0.8 * innerHeight,
                             null, { timeout: 15000 });
  let now = await waitForFrames(frame, 3);
  assert.equal(now.view, 'head');
  const camera = now.camera, head = now.head_css;
  const scrollY = () => page.evaluate(() => Math.round(window.scrollY));
  const settled = async () => {   // the page's scroll once it has stopped gliding
    let last = await scrollY();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const y = await scrollY();
      if (y === last) return y;
      last = y;
    }
  };
  // Fingers by DevTools touch events, on the clinic's page at a point of the widget's canvas.
  const cdp = await page.context().newCDPSession(page);
  const onPage = async (at) => {
    const box = await (await page.$('[data-smp-designer] iframe')).boundingBox();
    return { x: box.x + at.x, y: box.y + at.y };
  };
  const move = async (fingers, dxy, steps = 8) => {   // fingers: [{x, y}] in the canvas; dxy: [dx, dy] each
    const from = await Promise.all(fingers.map(onPage));
    const points = (k) => from.map((p, id) => ({ x: p.x + (dxy[id][0] * k) / steps, y: p.y + (dxy[id][1] * k) / steps, id }));
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: points(0) });
    for (let k = 1; k <= steps; k++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: points(k) });
      await new Promise((resolve) => setTimeout(resolve, 16));
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    return waitForFrames(frame, 4);
  };
  const inHead = (fx, fy) => ({ x: head.x + fx * head.width, y: head.y + fy * head.height });

  // Up, over the face: the page scrolls about as far as the finger went, the head holds still.
  assert.equal(await scrollY(), 0);
  now = await move([inHead(0.5, 0.7)], [[0, -150]]);
  const scrolled = await settled();
  t.diagnostic(`a 150 px swipe up scrolled the page ${scrolled} px`);
  assert.ok(scrolled >= 120, `the clinic's page scrolled with the finger: ${scrolled} px`);
  assert.deepEqual(now.camera, camera, 'the head did not turn');
  // Sideways: the head turns 40 degrees for 80 px, from where the finger went down; the page stays.
  now = await move([inHead(0.4, 0.5)], [[80, 0]]);
  assert.ok(Math.abs(now.camera.yaw_deg - camera.yaw_deg - 40) <= 2, `a sideways drag turns the head: yaw ${now.camera.yaw_deg}`);
  assert.equal(now.camera.pitch_deg, camera.pitch_deg);
  assert.ok(Math.abs((await settled()) - scrolled) <= 4, 'the page stayed');
  // A tap on a button over the head still presses it.
  const button = (await layoutNow(frame)).items.find((it) => it.visible && it.interactive && it.label === 'Before / after');
  assert.ok(button, 'Before / after is drawn');
  await page.touchscreen.tap(...Object.values(await onPage({ x: button.x + button.width / 2, y: button.y + button.height / 2 })));
  now = await waitForFrames(frame, 4);
  assert.equal(now.head_before_after, 0.5, 'the tap turned Before / after on');
  await frame.evaluate(() => window.smp.setPreview({ before_after: null }));
  // Two fingers spreading from 80 to 120 px apart zoom the head 1.5 times and scroll nothing.
  const yaw = now.camera.yaw_deg, zoom = now.camera.zoom;
  const middle = inHead(0.5, 0.45);
  now = await move([{ x: middle.x - 40, y: middle.y }, { x: middle.x + 40, y: middle.y }], [[-20, 0], [20, 0]]);
  assert.ok(Math.abs(now.camera.zoom / zoom - 1.5) <= 0.1, `two fingers zoomed the head 1.5 times: ${zoom} -> ${now.camera.zoom}`);
  assert.equal(now.camera.yaw_deg, yaw, 'and did not turn it');
  assert.ok(Math.abs((await settled()) - scrolled) <= 4, 'the page stayed');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('embed: a page that is not on the widget\'s allow-list gets no answer, and the widget says why in its console', async () => {
  const page = await openPage(browser, demoUrl('&allow=https%3A%2F%2Fclinic.example'));
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  const { frame } = await widgetFrame(page);
  // The widget never announced itself to this page, and a command sent anyway is not answered.
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const iframe = document.querySelector('[data-smp-designer] iframe');
    let answered = false;
    window.addEventListener('message', (event) => { if (event.source === iframe.contentWindow) answered = true; });
    iframe.contentWindow.postMessage({ type: 'smp:getDesign', v: 1, id: 1 }, new URL(iframe.src).origin);
    setTimeout(() => resolve(answered), 3000);
  }));
  assert.equal(outcome, false, 'no answer to a page that is not allowed');
  assert.ok(warnings.some((w) => /smp widget: ignored a message from http:\/\/127\.0\.0\.1/.test(w)), warnings.join('\n'));
  assert.equal(await frame.evaluate(() => window.smp.stats().design_title), 'Hamilton–Norwood IV', 'the widget is untouched');
  await page.close();
});

test('embed: hostile and malformed messages from the allowed page are refused or ignored, and the widget works on untouched', async () => {
  const page = await openPage(browser, demoUrl());
  const warnings = [];
  page.on('console', (message) => { if (message.type() === 'warning') warnings.push(message.text()); });
  const { frame } = await widgetFrame(page);
  const before = await frame.evaluate(() => window.smp.getDesign());
  // From the allowed page itself: junk of every shape, then well-formed commands with hostile
  // arguments; each command is answered (refused with a reason), junk is only logged.
  const outcome = await page.evaluate(() => new Promise((resolve) => {
    const iframe = document.querySelector('[data-smp-designer] iframe');
    const target = new URL(iframe.src).origin;
    const answers = new Map();
    window.addEventListener('message', (event) => {
      if (event.source === iframe.contentWindow && event.data?.type === 'smp:result') answers.set(event.data.id, event.data);
    });
    const post = (message) => iframe.contentWindow.postMessage(message, target);
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const junk = [null, undefined, 0, -1, NaN, '', 'smp:load', [], [1, 2], { type: 42 }, { type: 'smp:' }, { type: 'smp:load' },
      { type: 'smp:getDesign', v: 2, id: 1 }, { type: 'smp:getDesign', v: '1', id: 1 }, { type: 'smp:getDesign', v: 1 },
      { type: 'smp:getDesign', v: 1, id: {} }, { type: 'smp:__proto__', v: 1, id: 1 }, { type: 'smp:constructor', v: 1, id: 1 },
      { type: 'smp:toString', v: 1, id: 1 }, { type: 'smp:ready', v: 1, id: 1 }, new Uint8Array(1 << 20), new Date(), /x/,
      { type: 'smp:getDesign', v: 1, id: 1, __proto__: { polluted: true } }];
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 0x2fff))).join('');
      junk.push(random() < 0.5 ? text : { type: `smp:${text}`, v: 1, id: i });
    }
    for (const message of junk) post(message);
    const hostile = [
      ['load', {}],
      ['load', { design: 12 }],
      ['load', { design: [] }],
      ['load', { design: '{"type": "smp.design", "schema_version": 999}' }],
      ['load', { design: '{'.repeat(1_000_000) }],
      ['load', { design: `{"type": "smp.design", "schema_version": 2, "notes": "${'x'.repeat(20 << 20)}"}` }],
      ['load', { design: { type: 'smp.design', schema_version: 2, seed: -4 } }],
      ['load', { preset: '../../etc/passwd' }],
      ['setTheme', { theme: { accent: 'javascript:alert(1)' } }],
      ['setTheme', { theme: { accent: { toString: 1 } } }],
      ['setMode', { mode: 'admin' }],
      ['setMode', { mode: { nested: ['x'] } }],
    ];
    hostile.forEach(([name, data], k) => post({ ...data, type: `smp:${name}`, v: 1, id: `hostile-${k}` }));
    post({ type: 'smp:getDesign', v: 1, id: 'after' });
    const started = Date.now();
    const check = () => {
      if (answers.has('after') || Date.now() - started > 60000) {
        resolve({ answers: Object.fromEntries(answers), expected: hostile.length });
      } else {
        setTimeout(check, 100);
      }
    };
    check();
  }));
  const hostileAnswers = Object.entries(outcome.answers).filter(([id]) => id.startsWith('hostile-'));
  assert.equal(hostileAnswers.length, outcome.expected, 'every well-formed command got an answer');
  for (const [id, answer] of hostileAnswers) {
    assert.equal(answer.ok, false, `${id} is refused`);
    assert.ok(typeof answer.error === 'string' && answer.error.length > 10, `${id} says why: ${answer.error}`);
  }
  assert.match(outcome.answers['hostile-5'].error, /16 MiB|too large|limit/i, outcome.answers['hostile-5'].error);
  assert.match(outcome.answers['hostile-6'].error, /seed must be a whole number/, outcome.answers['hostile-6'].error);
  assert.ok(outcome.answers.after?.ok, 'the widget still answers');
  assert.deepEqual(outcome.answers.after.result, before, 'and its design is untouched');
  assert.deepEqual(await frame.evaluate(() => window.smp.getDesign()), before);
  assert.ok(warnings.filter((w) => /ignored a malformed message/.test(w)).length >= 200, 'junk is ignored with a console warning');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('embed: the widget\'s share link is the designer\'s own address (the clinic\'s name and accent, no embedding parameters) and opens the full designer on the same plan', async () => {
  const page = await openPage(browser, demoUrl());
  const { frame } = await widgetFrame(page);
  // The widget's own address is the embedding one: that is what must not travel.
  const frameAddress = new URL(frame.url());
  assert.equal(frameAddress.searchParams.get('embed'), '1');
  assert.ok(frameAddress.searchParams.get('allow'));

  await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.load('ludwig-2')));
  const { link } = await page.evaluate(() => window.SMPDesigner.ready().then((d) => d.getLink()));
  const address = new URL(link);
  assert.equal(`${address.origin}${address.pathname}`, `${frameAddress.origin}${frameAddress.pathname}`, 'the designer page itself');
  assert.deepEqual([...address.searchParams.keys()].sort(), ['accent', 'clinic'], `only the clinic's name and accent: ${link}`);
  assert.equal(address.searchParams.get('clinic'), 'Example Clinic');
  assert.equal(address.searchParams.get('accent'), '#8c4a2a');
  assert.match(address.hash, /^#d=1\./);
  // "Send to clinic" and File > Open in the app hand out the same link.
  assert.equal(await frame.evaluate(() => window.smp.getLink().link), link);

  // Opened in a fresh browser (a client with the link): the full designer, not a widget, with the
  // same plan, in the clinic's name.
  const plan = await planOf(frame);
  const client = await openPage(browser, link);
  await client.waitForFunction(() => window.smp?.stats()?.client_view === true, null, { timeout: 60000, polling: 100 });
  const opened = await client.evaluate(() => window.smp.stats());
  assert.equal(opened.mode, 'full', 'the full designer');
  assert.equal(opened.design_title, 'Ludwig II');
  assert.deepEqual(await planOf(client), plan, 'the same plan');
  assert.equal(await client.title(), 'Example Clinic: SMP Designer', 'whose design it is');
  // Its own share link is its own address again: the clinic's name goes on, nothing else is added.
  const again = new URL(await client.evaluate(() => window.smp.getLink().link));
  assert.deepEqual([...again.searchParams.keys()].sort(), ['accent', 'clinic']);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(client.problems, []);
  await client.close();
  await page.close();
});
