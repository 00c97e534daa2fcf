// A light download (issue 16): tools/serve.mjs sends brotli or gzip to a browser that takes them
// and the files as they are otherwise, always the same bytes once decoded, never a stale copy; and
// everything the first visit loads, the service worker's install included, stays within 500 KB as
// gzip. (The time to the first design is measured by `make bench`, not tested.)
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startBrowser, webRoot } from './browser.mjs';
import { serveDirectory } from '../../tools/serve.mjs';

const BUDGET_BYTES = 500 * 1000;   // gzip, everything the first visit loads

let browser;
test.before(async () => { browser = await startBrowser(); });
test.after(async () => { await browser?.close(); });

// One request with these headers: {status, headers, body (as sent)}.
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

const decode = (response) => ({ br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync }[response.headers['content-encoding']] ?? ((b) => b))(response.body);

test('download: brotli or gzip when the request allows them (brotli first), the file as it is otherwise, the same bytes decoded', async () => {
  const cases = [
    ['br, gzip', 'br'], ['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip'], ['x-gzip', 'gzip'],
    ['*', 'br'], ['', undefined], ['identity', undefined], ['deflate', undefined],
  ];
  for (const file of ['smp-designer.wasm', 'smp-designer.js', 'index.html', 'style.css', 'js/main.js', 'sw.js', 'manifest.webmanifest', 'favicon.svg']) {
    const bytes = fs.readFileSync(path.join(webRoot, file));
    const url = new URL(file, browser.baseUrl).href;
    const identity = await get(url);
    for (const [acceptEncoding, expected] of cases) {
      const response = await get(url, acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {});
      const what = `${file} with Accept-Encoding '${acceptEncoding}'`;
      assert.equal(response.status, 200, what);
      assert.equal(response.headers['content-encoding'], expected, what);
      assert.equal(response.headers.vary, 'Accept-Encoding', what);
      assert.equal(response.headers['content-type'], identity.headers['content-type'], what);
      assert.equal(Number(response.headers['content-length']), response.body.length, `${what}: Content-Length`);
      assert.ok(decode(response).equals(bytes), `${what}: the file's bytes once decoded`);
      if (expected) assert.ok(response.body.length < bytes.length, `${what}: smaller`);
    }
    // HEAD: the same headers, no body.
    const head = await get(url, { 'Accept-Encoding': 'gzip' }, 'HEAD');
    assert.equal(head.headers['content-encoding'], 'gzip');
    assert.equal(head.body.length, 0);
  }
  assert.equal((await get(new URL('smp-designer.wasm', browser.baseUrl).href)).headers['content-type'], 'application/wasm');

  // Images are compressed already: as they are, whatever the browser takes.
  const png = await get(new URL('icons/icon-192.png', browser.baseUrl).href, { 'Accept-Encoding': 'br, gzip' });
  assert.equal(png.headers['content-encoding'], undefined);
  assert.equal(png.headers['content-type'], 'image/png');
  assert.ok(png.body.equals(fs.readFileSync(path.join(webRoot, 'icons/icon-192.png'))));
  // Errors stay as they were.
  assert.equal((await get(new URL('no-such-file.js', browser.baseUrl).href, { 'Accept-Encoding': 'gzip' })).status, 404);
  assert.equal((await get(new URL('../../README.md', browser.baseUrl).href)).status, 404);
});

test('download: each coding has its ETag, and a revalidation of the same version is a 304 without a body', async () => {
  const url = new URL('smp-designer.wasm', browser.baseUrl).href;
  const tags = new Set();
  for (const acceptEncoding of ['br', 'gzip', 'identity']) {
    const first = await get(url, { 'Accept-Encoding': acceptEncoding });
    assert.ok(first.headers.etag, acceptEncoding);
    tags.add(first.headers.etag);
    const again = await get(url, { 'Accept-Encoding': acceptEncoding, 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304, acceptEncoding);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, first.headers.etag);
    assert.equal(again.headers.vary, 'Accept-Encoding');
  }
  assert.equal(tags.size, 3, 'one ETag per coding');
  const other = await get(url, { 'Accept-Encoding': 'gzip', 'If-None-Match': '"something-else"' });
  assert.equal(other.status, 200);
});

test('download: files that change under a running server, and precompressed files from another build, are never served stale', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-serve-'));
  const server = await serveDirectory(dir, { port: 0, quiet: true });
  const url = `http://127.0.0.1:${server.address().port}/app.js`;
  try {
    const first = 'const version = 1;\n'.repeat(200);
    fs.writeFileSync(path.join(dir, 'app.js'), first);
    // A sibling from another build: valid gzip and brotli, of other bytes.
    fs.writeFileSync(path.join(dir, 'app.js.gz'), zlib.gzipSync('const version = 0;\n'.repeat(200)));
    fs.writeFileSync(path.join(dir, 'app.js.br'), zlib.brotliCompressSync('stale'));
    for (const coding of ['br', 'gzip']) {
      const response = await get(url, { 'Accept-Encoding': coding });
      assert.equal(response.headers['content-encoding'], coding);
      assert.equal(decode(response).toString(), first, `${coding}: made from the file, not the stale sibling`);
    }
    const second = 'const version = 2;\n'.repeat(300);
    fs.writeFileSync(path.join(dir, 'app.js'), second);   // a rebuild: new size and time
    const rebuilt = await get(url, { 'Accept-Encoding': 'gzip' });
    assert.equal(decode(rebuilt).toString(), second, 'the new version, not the cached one');
    // A sibling of these very bytes is sent as it is (zlib level 1 here: not what the server makes).
    const sibling = zlib.gzipSync(first, { level: 1 });
    fs.writeFileSync(path.join(dir, 'app.js'), first);
    fs.writeFileSync(path.join(dir, 'app.js.gz'), sibling);
    const precompressed = await get(url, { 'Accept-Encoding': 'gzip' });
    assert.ok(precompressed.body.equals(sibling), 'the matching sibling as it is');
    assert.equal(decode(await get(url, { 'Accept-Encoding': 'br' })).toString(), first);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(`download: the first visit, the service worker's install included, loads at most ${BUDGET_BYTES / 1000} KB as gzip`, async () => {
  // Our own server, to see what it sent: the worker's install must revalidate, not download again.
  const sent = [];
  const server = await serveDirectory(webRoot, { port: 0, quiet: true, onResponse: (entry) => sent.push(entry) });
  const baseUrl = `http://127.0.0.1:${server.address().port}/`;
  const context = await browser.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(baseUrl);
    await page.waitForFunction(() => performance.getEntriesByName('smp:first-design').length > 0, null, { timeout: 60000, polling: 100 });
    await page.waitForFunction(async () => {
      for (const name of await caches.keys()) if (await (await caches.open(name)).match('smp-designer.wasm')) return true;
      return false;
    }, null, { timeout: 60000, polling: 250 });
    assert.deepEqual(problems, []);
    const visit = [...sent];   // what the browser asked for (the checks below ask too)

    // Every file the visit asked for, as gzip (the worst a browser that takes any compression gets).
    const paths = [...new Set(visit.map((entry) => new URL(entry.path, baseUrl).pathname))].sort();
    for (const file of ['/', '/smp-designer.wasm', '/smp-designer.js', '/js/main.js', '/sw.js', '/icons/icon-512.png']) {
      assert.ok(paths.includes(file), `the first visit loads ${file}: ${paths.join(' ')}`);
    }
    let gzipTotal = 0;
    const sizes = [];
    for (const file of paths) {
      const response = await get(new URL(file, baseUrl).href, { 'Accept-Encoding': 'gzip' });
      assert.equal(response.status, 200, file);
      gzipTotal += response.body.length;
      sizes.push(`${file} ${response.body.length}`);
    }
    const sentTotal = visit.reduce((total, entry) => total + entry.bytes, 0);
    console.log(`first visit: ${paths.length} files, ${gzipTotal} bytes as gzip; Chromium got ${sentTotal} bytes ` +
                `(${[...new Set(visit.map((entry) => entry.coding).filter(Boolean))].join(', ')})`);
    assert.ok(gzipTotal <= BUDGET_BYTES, `${gzipTotal} bytes as gzip over ${BUDGET_BYTES} (the build gzips with zopfli when ` +
              `tools/setup.sh has installed it; what grew? make bench lists the files): ${sizes.join(', ')}`);
    assert.ok(sentTotal <= gzipTotal, 'what Chromium took is no larger');

    // The app's files came once: the worker's install revalidated them (304) instead.
    const wasm = visit.filter((entry) => new URL(entry.path, baseUrl).pathname === '/smp-designer.wasm');
    assert.deepEqual(wasm.map((entry) => entry.status).sort(), [200, 304], 'the wasm downloaded once, revalidated once');
    assert.equal(wasm.find((entry) => entry.status === 304).bytes, 0);
  } finally {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  }
});
