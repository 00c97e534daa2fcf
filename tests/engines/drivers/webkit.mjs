// WebKitGTK (Safari's engine; Debian's webkit2gtk-driver) through selenium-webdriver: WebKitWebDriver
// starts WebKitGTK's MiniBrowser with --automation (required: without it the session is refused
// or hangs) on the suite's X display; WebKitGTK has no headless mode. WebGL2 renders on llvmpipe.
//
// Each page is a session of its own, so a MiniBrowser of its own (about a second to start): an
// automation session keeps its storage in memory, so a new session is a new visitor with empty
// storage and no service worker, as a fresh context is in the other two engines. A second tab in
// the same session would share the first tab's storage and its service worker, which would hand
// that tab the app's page from its cache, without the capture script.
//
// "No errors" here: only what the capture script records in the page and in each frame
// (harness.mjs: uncaught exceptions, unhandled rejections, console.error calls, resources that
// failed to load, Content-Security-Policy violations) and the servers' HTTP errors.
// WebKitWebDriver 2.50 has neither the legacy log endpoint nor WebDriver BiDi (a session asking for
// webSocketUrl is refused), so console messages the engine itself writes (a WebGL warning, say)
// are not seen.
import net from 'node:net';
import { spawn } from 'node:child_process';
import { Builder, Capabilities, Key, Origin } from 'selenium-webdriver';
import { readCapturedProblems, sleep, PHONE_FRAME_PATH } from '../harness.mjs';
import { decodePng, encodePng } from '../../../tools/png.mjs';

const MINIBROWSER = process.env.SMP_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const MODIFIERS = { Control: Key.CONTROL, Shift: Key.SHIFT, Alt: Key.ALT, Meta: Key.META };
const NAMED_KEYS = { Enter: Key.ENTER, Escape: Key.ESCAPE, Tab: Key.TAB };   // the rest are characters

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// One WebKitWebDriver per page: the driver serves one session at a time.
async function startDriver(display) {
  const port = await freePort();
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, DISPLAY: display } });
  let stderr = '';
  driver.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch { /* not listening yet */ }
    if (i > 200) throw new Error(`WebKitWebDriver did not answer on ${url}: ${stderr}`);
    await sleep(25);
  }
  const kill = () => driver.kill();
  process.once('exit', kill);
  return { url, stop: () => { process.off('exit', kill); kill(); } };
}

export async function launch({ display }) {
  const drivers = new Set();
  let version = 'WebKitGTK';
  return {
    get version() { return version; },
    // A phone (open(url, {phone: true})): MiniBrowser's window is at least 447 CSS px wide here
    // (its header bar), whatever is asked, so the page is shown in a frame of the phone's size
    // at the window's corner (harness.mjs, PHONE_FRAME_PATH), and everything (scripts, input
    // coordinates, screenshots, the viewport) is the frame's. WebKitWebDriver 2.50 turns touch
    // actions into mouse events and WebKitGTK cannot emulate a touch screen, so a finger is
    // touch events made in the page (see fingerScript).
    async open(url, { width = 1280, height = 800, phone = false } = {}) {
      const server = await startDriver(display);
      drivers.add(server);
      const session = await new Builder().usingServer(server.url).withCapabilities(new Capabilities({
        browserName: 'MiniBrowser',   // case-sensitive
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })).build();
      version = `WebKitGTK ${(await session.getCapabilities()).get('browserVersion')}`;
      // The window is taller than the page by MiniBrowser's own bars (38 px here): size it so the
      // page gets width × height.
      await session.manage().window().setRect({ width, height });
      const inner = await session.executeScript('return [window.innerWidth, window.innerHeight];');
      if (inner[0] !== width || inner[1] !== height) {
        await session.manage().window().setRect({ width: 2 * width - inner[0], height: 2 * height - inner[1] });
      }
      const close = async () => {
        await session.quit();
        server.stop();
        drivers.delete(server);
      };
      if (!phone) {
        await session.get(url);
        return wrapSession(session, close);
      }
      const host = new URL(PHONE_FRAME_PATH, url);
      host.search = new URLSearchParams({ src: url, width: String(width), height: String(height) }).toString();
      await session.get(host.href);
      return wrapSession(session, close, { frame: await session.findElement({ css: 'iframe#phone' }), width, height });
    },
    async close() {
      for (const server of drivers) server.stop();
    },
  };
}

// A finger, in the page, as WebKit reports a touch screen's: a pointer event of type "touch", then
// a touch event made of WebKit's own Touch objects (document.createTouch; `new Touch` is refused
// here), both sent to the element under the finger (the press's target keeps the moves and the
// lift). So the page's listeners get what they get on a phone; what the engine itself does around
// them there (gesture recognition, the mouse events it makes from a tap the page does not
// prevent) is not exercised.
const fingerScript = ({ phase, id, x, y }) => {
  const fingers = window.__enginesFingers || (window.__enginesFingers = new Map());   // id -> {target, x, y}
  if (phase === 'start') fingers.set(id, { target: document.elementFromPoint(x, y) || document.documentElement, x, y });
  const finger = fingers.get(id);
  if (!finger) throw new Error(`touch${phase} of finger ${id}, which is not down`);
  if (phase === 'move') finger.x = x, finger.y = y;
  if (phase === 'end') fingers.delete(id);
  finger.target.dispatchEvent(new PointerEvent({ start: 'pointerdown', move: 'pointermove', end: 'pointerup' }[phase], {
    bubbles: true, cancelable: true, composed: true, pointerId: 1 + id, pointerType: 'touch', isPrimary: id === Math.min(id, ...fingers.keys()),
    clientX: finger.x, clientY: finger.y, screenX: finger.x, screenY: finger.y, buttons: phase === 'end' ? 0 : 1,
  }));
  const touchOf = (key, at) => document.createTouch(window, at.target, key, at.x + window.scrollX, at.y + window.scrollY, at.x, at.y);
  const down = document.createTouchList(...[...fingers].map(([key, at]) => touchOf(key, at)));
  const sameTarget = document.createTouchList(...[...fingers].filter(([, at]) => at.target === finger.target).map(([key, at]) => touchOf(key, at)));
  finger.target.dispatchEvent(new TouchEvent(`touch${phase}`, {
    bubbles: true, cancelable: true, composed: true, touches: down, targetTouches: sameTarget, changedTouches: document.createTouchList(touchOf(id, finger)),
  }));
  return true;
};

// Fingers made by `touch(phase, id, x, y)` (fingerScript in the page they touch).
const fingersOf = (touch) => ({
  tap: async (x, y) => {
    await touch('start', 0, x, y);
    await sleep(50);
    await touch('end', 0);
  },
  down: (x, y) => touch('start', 0, x, y),
  move: (x, y) => touch('move', 0, x, y),
  up: () => touch('end', 0),
  // Two fingers, {x, y} each: the second goes down after the first, and lifts first.
  pinchStart: async (a, b) => { await touch('start', 0, a.x, a.y); await touch('start', 1, b.x, b.y); },
  pinchMove: async (a, b) => { await touch('move', 0, a.x, a.y); await touch('move', 1, b.x, b.y); },
  pinchEnd: async () => { await touch('end', 1); await touch('end', 0); },
});

// `phone`: {frame, width, height}, the frame the page is shown in (launch's open).
function wrapSession(session, close, phone = null) {
  // One WebDriver command at a time: a frame's evaluate switches the session into the frame.
  let queue = Promise.resolve();
  const serial = (work) => {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  };
  // The function's source runs in the page; WebDriver awaits a promise it returns.
  const run = (fn, arg) => session.executeScript(`return (${fn}).apply(null, arguments);`, arg);
  const inFrame = async (element, work) => {
    await session.switchTo().frame(element);
    try {
      return await work();
    } finally {
      await session.switchTo().defaultContent();
    }
  };
  // In the page: the phone's frame, or the window's own document.
  const inPage = (fn, arg) => (phone ? inFrame(phone.frame, () => run(fn, arg)) : run(fn, arg));
  const mouse = (build) => serial(() => build(session.actions({ async: true })).perform());
  // The phone's frame sits at the window's corner: its CSS px are the window's.
  const at = (x, y) => ({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT });
  const touch = (phase, id, x = 0, y = 0) => serial(() => inPage(fingerScript, { phase, id, x, y }));
  return {
    evaluate: (fn, arg) => serial(() => inPage(fn, arg)),
    // The button stays down between these calls: WebDriver keeps the input state of a session
    // until its actions are released.
    pointerDown: (x, y) => mouse((a) => a.move({ ...at(x, y), duration: 0 }).press()),
    pointerMove: (x, y) => mouse((a) => a.move({ ...at(x, y), duration: 0 })),
    pointerUp: () => mouse((a) => a.release()),
    click: (x, y) => mouse((a) => a.move({ ...at(x, y), duration: 0 }).click()),
    // 'b', 'Enter', 'Control+z', 'Control+Shift+z': modifiers held down around the last key.
    key: (combo) => serial(() => {
      const keys = combo.split('+');
      const last = NAMED_KEYS[keys.at(-1)] ?? keys.at(-1);
      keys.pop();
      let actions = session.actions({ async: true });
      for (const modifier of keys) actions = actions.keyDown(MODIFIERS[modifier]);
      actions = actions.keyDown(last).keyUp(last);
      for (const modifier of keys.reverse()) actions = actions.keyUp(MODIFIERS[modifier]);
      return actions.perform();
    }),
    // A phone's: the frame's part of the window (WebKitGTK draws one device px per CSS px here).
    screenshot: () => serial(async () => {
      const png = Buffer.from(await session.takeScreenshot(), 'base64');
      if (!phone) return png;
      const shot = decodePng(png);
      const width = Math.min(phone.width, shot.width), height = Math.min(phone.height, shot.height);
      const rgba = new Uint8Array(width * height * 4);
      for (let y = 0; y < height; y++) rgba.set(shot.rgba.subarray(y * shot.width * 4, (y * shot.width + width) * 4), y * width * 4);
      return encodePng(width, height, rgba);
    }),
    viewport: () => serial(async () => {
      const [width, height] = await inPage(() => [window.innerWidth, window.innerHeight]);
      return { width, height };
    }),
    fingers: phone && fingersOf(touch),
    /**
     * The page inside the first iframe matching `selector`, once it has loaded. On a phone's page
     * that iframe is inside the phone's frame, and the page in it gets fingers of its own (touch
     * events made in it, at its CSS px).
     */
    async frame(selector) {
      const find = async () => {
        for (let i = 0; ; i++) {
          const found = await session.findElements({ css: selector });
          if (found.length > 0) return found[0];
          if (i > 600) throw new Error(`no ${selector} after 30 s`);
          await sleep(50);
        }
      };
      if (!phone) {
        const element = await serial(find);
        return { evaluate: (fn, arg) => serial(() => inFrame(element, () => run(fn, arg))) };
      }
      const element = await serial(() => inFrame(phone.frame, find));
      const inside = (work) => inFrame(phone.frame, async () => {
        await session.switchTo().frame(element);
        return work();
      });
      const touchInside = (phase, id, x = 0, y = 0) => serial(() => inside(() => run(fingerScript, { phase, id, x, y })));
      return { evaluate: (fn, arg) => serial(() => inside(() => run(fn, arg))), fingers: fingersOf(touchInside) };
    },
    // The window's document and each of its frames (a phone's page is one of them, and so are the
    // frames of the page in it).
    problems: () => serial(async () => {
      const problems = [...await run(readCapturedProblems)];
      for (const frame of await session.findElements({ css: 'iframe' })) problems.push(...await inFrame(frame, () => run(readCapturedProblems)));
      if (phone) {
        const inPhone = await inFrame(phone.frame, () => session.findElements({ css: 'iframe' }));
        for (const nested of inPhone) {
          problems.push(...await inFrame(phone.frame, async () => {
            await session.switchTo().frame(nested);
            return run(readCapturedProblems);
          }));
        }
      }
      return problems;
    }),
    close: () => serial(close),
  };
}
