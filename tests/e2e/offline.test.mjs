// The designer installs as a web app and works offline after its first visit: a service worker
// (web/sw.js, stamped by tools/stamp_release.mjs) keeps one release's files in one cache, and a new
// release is offered, never forced. Designs stay in localStorage through all of it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowser, planOf, openPage, waitForFrames, screenshot, repoRoot, webRoot } from './browser.mjs';
import { serveDirectory } from '../../tools/serve.mjs';
import { decodePng } from '../../tools/png.mjs';

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

// The release id stamped into a served folder's sw.js.
const releaseOf = (dir) => /"id": ?"([0-9a-f]{16})"/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];
const stamp = (dir) => execFileSync('node', [path.join(repoRoot, 'tools', 'stamp_release.mjs'), dir], { encoding: 'utf8' });

// Waits until the service worker controls the page and its release cache holds the wasm; returns
// the names of the designer's caches.
async function waitUntilOffline(page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) return false;
    for (const name of await caches.keys()) {
      if (await (await caches.open(name)).match('smp-designer.wasm')) return true;
    }
    return false;
  }, null, { timeout: 60000, polling: 250 });
  return page.evaluate(async () => (await caches.keys()).filter((name) => name.startsWith('smp-designer-')));
}

test('offline: after one visit the app opens without a network, with the saved design and every call working', async () => {
  const page = await openPage(browser, browser.baseUrl);
  await waitForFrames(page, 3);
  assert.deepEqual(await waitUntilOffline(page), [`smp-designer-${releaseOf(webRoot)}`], 'one cache, named by the release');

  assert.deepEqual(await page.evaluate(() => window.smp.loadDesign('ludwig-2')), { ok: true });
  const design = await page.evaluate(() => window.smp.getDesign());
  await page.waitForFunction((expected) => {
    const text = localStorage.getItem('smp.autosave.v1');
    return text !== null && JSON.stringify(JSON.parse(text).design) === expected;
  }, JSON.stringify(design), { timeout: 15000, polling: 100 });

  // The photo tools (js/photos.js, loaded on first use, not on install) used once online: the
  // worker keeps them for offline use.
  assert.deepEqual(await page.evaluate(() => window.smp.photos.list()), { ok: true, photos: [] });

  // Offline: every request the page makes is answered by the service worker, none by the network.
  await page.context().setOffline(true);
  const fromNetwork = [], fromWorker = [];
  page.on('response', (response) => (response.fromServiceWorker() ? fromWorker : fromNetwork).push(response.url()));
  await page.reload();
  const reopened = await waitForFrames(page, 5, 60000);
  assert.equal(reopened.error, '');
  assert.deepEqual(await page.evaluate(() => window.smp.getDesign()), design, 'the saved design is restored offline');
  const plan = await planOf(page);
  assert.equal(plan.type, 'smp.plan');
  assert.equal(plan.design.title, design.title);
  assert.ok(plan.summary.total_dots > 1000 && plan.sessions.every((s) => s.dots.length > 0), 'the plan is made offline');
  assert.deepEqual(await page.evaluate(() => window.smp.loadDesign('norwood-4')), { ok: true }, 'a preset opens offline');
  const after = await waitForFrames(page, 2);
  assert.equal(after.design_title, 'Hamilton–Norwood IV');
  assert.ok(after.dots > 1000, `${after.dots} dots`);
  assert.deepEqual(await page.evaluate(() => window.smp.photos.usage().then((u) => u.ok)), true, 'the photo tools work offline');
  assert.deepEqual(fromNetwork, [], 'nothing came from the network');
  assert.ok(['', 'js/main.js', 'js/api.js', 'js/photos.js', 'smp-designer.js', 'smp-designer.wasm'].every((name) => fromWorker.includes(browser.baseUrl + name)),
            `the page and the app came from the service worker: ${fromWorker.join(', ')}`);
  assert.deepEqual(page.problems, [], 'no request failed, nothing complained');
  await page.context().setOffline(false);
  await page.close();
});

test('offline: a new release is offered once installed, and "Reload to update" opens it', async () => {
  // A copy of the app on its own origin, so the release can change under the page.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-release-'));
  fs.cpSync(webRoot, dir, { recursive: true });
  const server = await serveDirectory(dir, { port: 0, quiet: true });
  try {
    const first = releaseOf(dir);
    stamp(dir);
    assert.equal(releaseOf(dir), first, 'the same files give the same release id');
    assert.equal(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'), fs.readFileSync(path.join(webRoot, 'sw.js'), 'utf8'));

    const page = await openPage(browser, `http://127.0.0.1:${server.address().port}/`);
    await waitForFrames(page, 3);
    assert.deepEqual(await waitUntilOffline(page), [`smp-designer-${first}`]);
    assert.equal(await page.locator('#update').isHidden(), true, 'a first install is not an update');

    // The same release in other bytes (a server that rewrites the worker's file): the browser
    // installs it as a new worker, but there is nothing to reload onto, so nothing is offered.
    fs.appendFileSync(path.join(dir, 'sw.js'), '\n// the same release, other bytes\n');
    assert.equal(releaseOf(dir), first);
    const idle = await page.context().newPage();
    await idle.goto(new URL('manifest.webmanifest', page.url()).href);
    const waitingRelease = await idle.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const deadline = Date.now() + 60000;
      while (!(registration.waiting && registration.waiting.state === 'installed') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      if (!registration.waiting) return 'nothing installed';
      const channel = new MessageChannel();
      const answer = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
      registration.waiting.postMessage({ type: 'release' }, [channel.port2]);
      return answer;
    });
    await idle.close();
    assert.equal(waitingRelease, first, 'a second worker of the same release waits, and says which release it is');
    await page.waitForTimeout(3000);   // the page's own question takes milliseconds; it gives up after 2 s
    assert.equal(await page.locator('#update').isHidden(), true, 'the same release is not offered as an update');

    // The next release: one app file changes, and the build's stamp runs again.
    fs.appendFileSync(path.join(dir, 'js', 'main.js'), "\nself.smpTestRelease = 'second';\n");
    stamp(dir);
    const second = releaseOf(dir);
    assert.notEqual(second, first, 'a changed file changes the release id');

    // The browser looks for it, asked from a second, idle tab of the app: here registration.update()
    // from the app's own tab, whose main thread never idles while it draws on the CPU (SwiftShader),
    // took about a minute to start; from an idle tab it takes a second or two.
    const other = await page.context().newPage();
    await other.goto(new URL('manifest.webmanifest', page.url()).href);
    await other.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await other.close();
    await page.locator('#update').waitFor({ state: 'visible', timeout: 60000 });
    assert.match(await page.locator('#update').textContent(), /A new version of the designer is ready\.\s*Reload to update/);
    await screenshot(page, 'update-ready');
    assert.equal(await page.evaluate(() => self.smpTestRelease), undefined, 'the page runs the first release until asked');
    assert.equal(await page.evaluate(() => window.smp.stats().frames > 0), true);

    const reloaded = page.waitForEvent('load', { timeout: 60000 });
    await page.locator('#update-reload').click();
    await reloaded;
    await waitForFrames(page, 3, 60000);
    assert.equal(await page.evaluate(() => self.smpTestRelease), 'second', 'the page runs the new release');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`smp-designer-${second}`], 'the old release cache is gone');
    assert.equal(await page.locator('#update').isHidden(), true);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// The page cannot start without every one of its modules: each is staged and in the release.
test('offline: every module of the page (web/js/) is staged and precached', () => {
  const modules = fs.readdirSync(path.join(repoRoot, 'web', 'js')).filter((name) => name.endsWith('.js')).sort();
  assert.ok(modules.includes('main.js'), modules.join(', '));
  const staged = fs.readdirSync(path.join(webRoot, 'js')).filter((name) => name.endsWith('.js')).sort();
  assert.deepEqual(staged, modules, 'web/web.cmake stages every module (SMP_WEB_STATIC_FILES)');
  const release = JSON.parse(/const RELEASE = (\{[\s\S]*?\});/.exec(fs.readFileSync(path.join(webRoot, 'sw.js'), 'utf8'))[1]);
  const precached = Object.keys(release.files).filter((name) => name.startsWith('js/')).map((name) => name.slice(3)).sort();
  const lazy = Object.keys(release.lazy).map((name) => name.slice(3)).sort();
  assert.deepEqual(lazy, ['photos.js'], 'loaded on first use (tools/stamp_release.mjs: LAZY_FILES)');
  assert.deepEqual([...precached, ...lazy].sort(), modules, 'tools/stamp_release.mjs precaches every other module (APP_FILES)');
});

test('the web app manifest is valid, linked from the page, and its icons load', async () => {
  const html = await (await fetch(browser.baseUrl)).text();
  assert.match(html, /<link rel="manifest" href="manifest\.webmanifest">/);
  const response = await fetch(new URL('manifest.webmanifest', browser.baseUrl));
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'application/manifest+json');
  const manifest = await response.json();
  assert.equal(manifest.name, 'SMP Designer');
  assert.ok(manifest.short_name && manifest.short_name.length <= 12, 'a short name that fits under an icon');
  assert.ok(manifest.description);
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  const css = fs.readFileSync(path.join(webRoot, 'style.css'), 'utf8');
  const themeColour = /<meta name="theme-color" content="(#[0-9a-f]{6})">/.exec(html)[1];
  assert.equal(manifest.theme_color, themeColour, 'the page\'s theme colour');
  assert.match(css, new RegExp(`background: ${manifest.background_color};`), 'the page\'s background');
  assert.deepEqual(manifest.icons.map((icon) => icon.sizes), ['192x192', '512x512']);
  for (const icon of manifest.icons) {
    assert.equal(icon.type, 'image/png');
    assert.equal(icon.purpose, 'any');
    const image = await fetch(new URL(icon.src, browser.baseUrl));
    assert.equal(image.status, 200, icon.src);
    assert.equal(image.headers.get('content-type'), 'image/png', icon.src);
    const png = decodePng(Buffer.from(await image.arrayBuffer()));
    assert.equal(`${png.width}x${png.height}`, icon.sizes, icon.src);
  }
  // The worker itself is always fetched fresh, as a script.
  const worker = await fetch(new URL('sw.js', browser.baseUrl));
  assert.equal(worker.headers.get('cache-control'), 'no-cache');
  assert.match(worker.headers.get('content-type'), /^text\/javascript/);
});
