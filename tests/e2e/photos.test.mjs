// Photos stay on the device (issue 18, items 1 and 5): window.smp.photos adds a photo from a file or
// the camera, checks the bytes first, scales it to 2048 px, keeps it in IndexedDB with its design,
// and refuses what is no still photo with a message naming the problem; nothing already stored is
// lost. The photo never leaves the browser: not in a request, the share link, the autosave, nor a
// saved design file unless the person asks for one with photos (which opens again with them).
// The photos are made here with zlib: no network, no fixtures.
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startBrowser, openScreen, waitForFrames } from './browser.mjs';

// [SECTION] Synthetic images ----------------------------------------------------------------------

const crcTable = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(bytes) {
  let c = -1;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xFF] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
// A PNG of `colorType` (0 grey, 2 RGB) from its filtered rows; `before` chunks go before IDAT.
function png(width, height, colorType, rows, before = []) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colorType;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), ...before, chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
// Four coloured quarters: red, green / blue, white (a photo turned or mirrored shows at once).
const QUARTERS = [[220, 30, 40], [30, 180, 60], [40, 60, 200], [250, 250, 250]];
function quartersPng(width, height) {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = QUARTERS[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)];
      colour.forEach((v, i) => { rows[y * (width * 3 + 1) + 1 + x * 3 + i] = v; });
    }
  }
  return png(width, height, 2, rows);
}
// A grey PNG, cheap at any size: it compresses to almost nothing.
function greyPng(width, height) {
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0;
  return png(width, height, 0, rows);
}
// A GIF of `frames` 1 x 1 frames (one frame: a still GIF).
function gif(frames) {
  const frame = Buffer.from([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00]);
  return Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]),
                        ...Array(frames).fill(frame), Buffer.from([0x3B])]);
}
// An animated WebP's first chunks (VP8X with the animation flag, ANIM): refused before any decoding.
function animatedWebp() {
  const vp8x = Buffer.alloc(18);
  vp8x.write('VP8X', 0, 'latin1'); vp8x.writeUInt32LE(10, 4); vp8x[8] = 0x02; vp8x.writeUIntLE(99, 12, 3); vp8x.writeUIntLE(99, 15, 3);
  const anim = Buffer.alloc(14);
  anim.write('ANIM', 0, 'latin1'); anim.writeUInt32LE(6, 4);
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), vp8x, anim]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1'); head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

// [SECTION] The page -------------------------------------------------------------------------------

let browser, page;
const requests = [];
test.before(async () => {
  browser = await startBrowser();
  page = await openScreen(browser, { width: 1280, height: 800, scale: 1, touch: false }, {
    beforeLoad: (p) => p.on('request', (request) => requests.push({ url: request.url(), method: request.method(), body: request.postDataBuffer()?.length ?? 0 })),
  });
});
test.after(async () => { await page?.close(); await browser?.close(); });

// window.smp.photos.add of these bytes as a File named `name`.
function add(bytes, name, view = 'front') {
  return page.evaluate(async ({ base64, name, view }) => {
    const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return window.smp.photos.add(new File([data], name), { view });
  }, { base64: Buffer.from(bytes).toString('base64'), name, view });
}
const list = async () => (await page.evaluate(() => window.smp.photos.list())).photos;
// Waits until `check()` (async, in node) is true.
async function until(check, what, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const appRequests = () => requests.filter((r) => r.url.startsWith(browser.baseUrl)).map((r) => r.url.slice(browser.baseUrl.length));
let linkBefore, front;

test('photos: the module loads on first use; added from the picker (file and camera), listed, read back pixel for pixel, removed', async () => {
  assert.ok(!appRequests().includes('js/photos.js'), 'the first visit does not load js/photos.js');
  linkBefore = await page.evaluate(() => window.smp.getLink().link);

  // "Choose a photo": a file picker for images.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'),
    page.evaluate(() => { window.picked = window.smp.photos.pick({ view: 'front' }); })]);
  assert.equal(await chooser.element().getAttribute('accept'), 'image/*');
  assert.equal(await chooser.element().getAttribute('capture'), null);
  await chooser.setFiles({ name: 'front.png', mimeType: 'image/png', buffer: quartersPng(640, 480) });
  front = await page.evaluate(() => window.picked);
  assert.equal(front.ok, true, front.error);
  assert.deepEqual([front.view, front.width_px, front.height_px, front.media_type, front.note], ['front', 640, 480, 'image/png', '']);
  assert.ok(appRequests().includes('js/photos.js'), 'loaded now');

  // "Take a photo": the camera on a phone (capture), from the same call.
  const [camera] = await Promise.all([page.waitForEvent('filechooser'),
    page.evaluate(() => { window.picked = window.smp.photos.pick({ view: 'top', camera: true }); })]);
  assert.equal(await camera.element().getAttribute('capture'), 'environment');
  await camera.setFiles({ name: 'camera.png', mimeType: 'image/png', buffer: quartersPng(300, 400) });
  const top = await page.evaluate(() => window.picked);
  assert.equal(top.ok, true, top.error);

  const photos = await list();
  assert.deepEqual(photos.map((p) => [p.id, p.view, p.width_px, p.height_px]), [[front.id, 'front', 640, 480], [top.id, 'top', 300, 400]]);
  assert.deepEqual(photos[0].marks, {});
  assert.ok(photos.every((p) => !('bytes' in p) && p.size_bytes > 0), 'metadata only');

  // The pixels, as the app will upload them: the quarters where they were, the colours exact (PNG stays PNG).
  const pixels = await page.evaluate(async (id) => {
    const photo = await window.smp.photos.get(id);
    const at = (x, y) => Array.from(photo.rgba.slice((y * photo.width_px + x) * 4, (y * photo.width_px + x) * 4 + 4));
    return { ok: photo.ok, length: photo.rgba.length, type: photo.rgba.constructor.name, quarters: [at(100, 100), at(540, 100), at(100, 380), at(540, 380)] };
  }, front.id);
  assert.deepEqual([pixels.ok, pixels.length, pixels.type], [true, 640 * 480 * 4, 'Uint8ClampedArray']);
  assert.deepEqual(pixels.quarters, QUARTERS.map((c) => [...c, 255]));
  const bitmap = await page.evaluate(async (id) => { const p = await window.smp.photos.get(id, { as: 'bitmap' }); return [p.bitmap instanceof ImageBitmap, p.bitmap.width]; }, front.id);
  assert.deepEqual(bitmap, [true, 640]);

  assert.deepEqual(await page.evaluate((id) => window.smp.photos.remove(id), top.id), { ok: true });
  assert.match((await page.evaluate((id) => window.smp.photos.remove(id), top.id)).error, /^there is no photo "photo-/);
  assert.deepEqual((await list()).map((p) => p.id), [front.id]);
  assert.match((await add(quartersPng(8, 8), 'x.png', 'side')).error, /^view must be one of front, top, left, right, back$/);
  const usage = await page.evaluate(() => window.smp.photos.usage());
  assert.ok(usage.ok && usage.quota > 0 && usage.photos_bytes > 0, JSON.stringify(usage));
});

test('photos: a larger image is scaled to 2048 px with a note; a 20,000 x 20,000 px PNG is scaled while decoding; larger ones are refused', async () => {
  const wide = await add(quartersPng(3000, 2000), 'wide.png', 'left');
  assert.equal(wide.ok, true, wide.error);
  assert.deepEqual([wide.width_px, wide.height_px], [2048, 1365]);
  assert.equal(wide.note, '"wide.png" (3000 x 2000 px) was scaled to 2048 x 1365 px: photos are kept at most 2048 px a side');

  const huge = await add(greyPng(20000, 20000), 'huge.png', 'back');
  console.log(`20,000 x 20,000 px PNG: ${JSON.stringify(huge)}`);
  assert.equal(huge.ok, true, huge.error);
  assert.deepEqual([huge.width_px, huge.height_px], [2048, 2048]);
  assert.match(huge.note, /^"huge\.png" \(20000 x 20000 px\) was scaled to 2048 x 2048 px/);

  // Over the decoding limit by its header: refused before anything is decoded.
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30000, 0); header.writeUInt32BE(30000, 4); header[8] = 8; header[9] = 2;
  const giant = await add(Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.alloc(100))), chunk('IEND', Buffer.alloc(0))]), 'giant.png');
  assert.equal(giant.error, '"giant.png" is 30000 x 30000 px (900 megapixels); photos of up to 400 megapixels can be read: scale it down first');

  for (const id of [wide.id, huge.id]) assert.equal((await page.evaluate((i) => window.smp.photos.remove(i), id)).ok, true);
  assert.deepEqual((await list()).map((p) => p.id), [front.id]);
});

test('photos: what is no still photo is refused with a message naming the problem, and the store is unchanged', async () => {
  const before = await list();
  const good = quartersPng(64, 48);
  const jpeg = Buffer.from(await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(200, 150);
    const context = canvas.getContext('2d');
    context.fillStyle = '#a06040';
    context.fillRect(0, 0, 200, 150);
    context.fillStyle = '#203080';
    context.fillRect(50, 40, 90, 60);
    return btoa(String.fromCharCode(...new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 })).arrayBuffer())));
  }), 'base64');
  const apng = png(64, 48, 2, Buffer.alloc((64 * 3 + 1) * 48), [chunk('acTL', Buffer.from([0, 0, 0, 2, 0, 0, 0, 0]))]);
  const cases = [
    ['notes.txt', Buffer.from('Client notes: hairline at 8 cm, soft.\n'), '"notes.txt" is not a photo: it is a text file'],
    ['mystery.bin', Buffer.from([0x00, 0x13, 0x37, 0xFE, 0x42, 0x00, 0x99, 0x01, 0x02, 0x03, 0xAB, 0xCD]),
     '"mystery.bin" is not a photo: its bytes are no image format this browser reads (PNG, JPEG, WebP, GIF, AVIF, BMP; HEIC where the browser reads it)'],
    ['empty.jpg', Buffer.alloc(0), '"empty.jpg" is empty'],
    ['logo.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
     '"logo.svg" is a drawing (SVG), not a photo'],
    ['scan.pdf', Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'), '"scan.pdf" is not a photo: it is a PDF document'],
    ['moving.gif', gif(2), '"moving.gif" is animated; choose a still photo'],
    ['moving.png', apng, '"moving.png" is animated; choose a still photo'],
    ['moving.webp', animatedWebp(), '"moving.webp" is animated; choose a still photo'],
    ['cut.png', good.subarray(0, good.length - 40), '"cut.png" could not be read: the file may be cut short or damaged'],
    ['cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 3)), '"cut.jpg" could not be read: the file may be cut short or damaged'],
    ['iphone.heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]),
     '"iphone.heic" is a HEIC photo, which this browser cannot read; choose JPEG ("Most Compatible") in the phone\'s camera settings, or export it as JPEG'],
  ];
  for (const [name, bytes, message] of cases) {
    const result = await add(bytes, name);
    console.log(`${name}: ${result.error ?? JSON.stringify(result)}`);
    assert.deepEqual(result, { ok: false, error: message }, name);
  }
  assert.deepEqual(await list(), before, 'nothing was added or changed');

  // What is fine: a still GIF (one frame), a whole JPEG (stored as JPEG), and one a phone took
  // sideways (EXIF orientation 6: turned upright, 150 x 200).
  const exif = Buffer.from([0xFF, 0xE1, 0x00, 34, ...Buffer.from('Exif\0\0MM\0\x2A\0\0\0\x08', 'latin1'), 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
  const sideways = Buffer.concat([jpeg.subarray(0, 2), exif, jpeg.subarray(2)]);
  for (const [name, bytes, size] of [['still.gif', gif(1), [1, 1]], ['whole.jpg', jpeg, [200, 150]], ['sideways.jpg', sideways, [150, 200]]]) {
    const result = await add(bytes, name);
    assert.equal(result.ok, true, `${name}: ${result.error}`);
    assert.equal(result.media_type, 'image/jpeg');
    assert.deepEqual([result.width_px, result.height_px], size, name);
    assert.equal((await page.evaluate((id) => window.smp.photos.remove(id), result.id)).ok, true);
  }
  assert.deepEqual(await list(), before);
});

test('photos: storage that refuses (full, an aborted transaction) keeps the earlier photos as they were', async () => {
  const before = await list();
  const photo = quartersPng(320, 240);
  // The store is full: put/add throw QuotaExceededError.
  await page.evaluate(() => {
    window.realAdd = IDBObjectStore.prototype.add;
    window.realPut = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.add = IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const full = await add(photo, 'full.png');
  assert.match(full.error, /^"full\.png" was not kept: there is no room left in this browser's storage for the photo \(\d+\.\d MB used of \d+\.\d MB\); delete a photo or free space$/);
  // The transaction aborts after the write was queued.
  await page.evaluate(() => {
    IDBObjectStore.prototype.add = function (...args) {
      const request = window.realAdd.apply(this, args);
      this.transaction.abort();
      return request;
    };
  });
  const aborted = await add(photo, 'aborted.png');
  console.log(`quota: ${full.error}\naborted: ${aborted.error}`);
  assert.match(aborted.error, /^"aborted\.png" was not kept: the photo store stopped adding the photo before it was done \(.*\); nothing was changed$/);
  await page.evaluate(() => { IDBObjectStore.prototype.add = window.realAdd; IDBObjectStore.prototype.put = window.realPut; });
  assert.deepEqual(await list(), before, 'the earlier photos are as they were');
  // Markers: minimal checks, in the photo's pixels.
  assert.deepEqual(await page.evaluate((id) => window.smp.photos.setMarks(id, { glabella: [320, 200.5], vertex: [322, 12] }), front.id), { ok: true });
  assert.match((await page.evaluate((id) => window.smp.photos.setMarks(id, { chin: [1, 2] }), front.id)).error, /^marks has an unknown landmark "chin"/);
  assert.match((await page.evaluate((id) => window.smp.photos.setMarks(id, { nape: [700, 2] }), front.id)).error, /^marks\.nape \[700, 2\] is outside the photo \(640 x 480 px\)$/);
  assert.deepEqual((await list())[0].marks, { glabella: [320, 200.5], vertex: [322, 12] }, 'a refused setMarks changes nothing');
});

test('photos: never in the share link, the autosave, a design file saved without them, or any request', async () => {
  assert.equal(await page.evaluate(() => window.smp.getLink().link), linkBefore, 'the link is the design\'s alone');
  // The autosave (localStorage) holds the design and its key, no photo.
  await page.waitForFunction(() => typeof JSON.parse(localStorage.getItem('smp.autosave.v1') ?? '{}').design_key === 'string', null, { timeout: 15000, polling: 100 });
  const stored = await page.evaluate(() => Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]));
  const storedText = stored.map(([key, value]) => key + value).join('\n');
  assert.ok(storedText.length < 200000, `${storedText.length} characters in localStorage`);
  for (const needle of ['data_base64', 'photo-', 'iVBORw0KGgo', '/9j/', '"photos"']) assert.ok(!storedText.includes(needle), `localStorage holds ${needle}`);
  // The design the app saves (File > Save writes getDesign's JSON) has no photos.
  const design = await page.evaluate(() => JSON.stringify(window.smp.getDesign()));
  assert.ok(!design.includes('photos') && !design.includes('photo-'), 'the saved design');
  // Every request went to the app's own origin, for its own files, without a body.
  assert.ok(requests.length > 5);
  for (const request of requests) {
    assert.ok(request.url.startsWith(browser.baseUrl), `a request elsewhere: ${request.url}`);
    assert.equal(request.method, 'GET', request.url);
    assert.equal(request.body, 0, request.url);
  }
  const files = new Set(appRequests().map((name) => name.replace(/[?#].*$/, '')));
  for (const name of files) assert.match(name, /^(|index\.html|style\.css|smp-designer\.(js|wasm)|sw\.js|manifest\.webmanifest|favicon\.svg|icons\/icon-\d+\.png|js\/[a-z_]+\.js)$/, name);
});

test('photos: no IndexedDB is said so; kept across a reload with their design, not shown with another design; a design file with photos opens with them', async () => {
  const save = await page.evaluate(() => window.smp.photos.saveDesignWithPhotos());
  assert.equal(save.ok, true, save.error);
  const file = JSON.parse(save.text);
  assert.equal(file.type, 'smp.design');
  assert.equal(file.photos.length, 1);
  assert.deepEqual({ ...file.photos[0], data_base64: undefined },
                   { view: 'front', width_px: 640, height_px: 480, media_type: 'image/png', data_base64: undefined, marks: { glabella: [320, 200.5], vertex: [322, 12] } });
  assert.ok(Buffer.from(file.photos[0].data_base64, 'base64').subarray(0, 8).equals(PNG_SIGNATURE));
  assert.match(save.name, /\.design\.json$/);

  await page.reload();
  await waitForFrames(page, 5, 60000);
  // No IndexedDB (private browsing, storage turned off): said so, and nothing is lost.
  await page.evaluate(() => {
    window.realOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function () { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  });
  const denied = "photos cannot be kept: this browser's storage (IndexedDB) is not available here (private browsing, or storage turned off for this site): The user denied permission to access the database.";
  assert.deepEqual(await add(quartersPng(32, 32), 'private.png'), { ok: false, error: `"private.png" was not kept: ${denied}` });
  assert.deepEqual(await page.evaluate(() => window.smp.photos.list()), { ok: false, error: denied });
  await page.evaluate(() => { IDBFactory.prototype.open = window.realOpen; });
  await until(async () => (await list())?.length === 1, 'the photo after the reload');
  assert.deepEqual((await list()).map((p) => [p.id, p.view]), [[front.id, 'front']], 'the same photo after a reload');

  // Another design: its own photos (none); the link and autosave move on without them.
  assert.deepEqual(await page.evaluate(() => window.smp.loadDesign('ludwig-2')), { ok: true });
  await waitForFrames(page, 2);
  assert.deepEqual(await list(), []);

  // The file with photos, opened as File > Open does (the page's file picker): the design in the
  // app, its photos in the store under it.
  await page.setInputFiles('#file-picker', { name: 'with-photos.design.json', mimeType: 'application/json', buffer: Buffer.from(save.text) });
  await until(async () => (await list())?.length === 1, 'the photos of the opened file');
  const opened = await list();
  assert.deepEqual(opened.map((p) => [p.view, p.width_px, p.height_px, p.media_type]), [['front', 640, 480, 'image/png']]);
  assert.deepEqual(opened[0].marks, { glabella: [320, 200.5], vertex: [322, 12] });
  const resaved = JSON.parse((await page.evaluate(() => window.smp.photos.saveDesignWithPhotos())).text);
  assert.equal(resaved.photos[0].data_base64, file.photos[0].data_base64, 'the same bytes: not encoded a second time');
  assert.equal((await waitForFrames(page, 2)).design_title, file.title);
  assert.equal((await waitForFrames(page, 1)).error, '');
  // The API does the same; a file that cannot be opened changes nothing.
  const again = await page.evaluate((text) => window.smp.photos.openDesignWithPhotos(text, { name: 'again.design.json' }), save.text);
  assert.deepEqual(again, { ok: true, photos: 1, errors: [] });
  const broken = await page.evaluate(() => window.smp.photos.openDesignWithPhotos('{"type": "smp.design", "schema_version": 9, "photos": []}', { name: 'new.design.json' }));
  assert.equal(broken.ok, false);
  assert.match(broken.error, /new\.design\.json/);
  await waitForFrames(page, 2);
  assert.equal((await list()).length, 1, 'the design opened before keeps its photos');
  assert.deepEqual(page.problems, []);
});
