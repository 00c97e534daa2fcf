// `smp qr`: the codes it draws are read back by a real decoder (jsQR), from the SVG a user gets,
// rasterised here at a few pixels per module; and the native and node builds draw the same bytes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import jsQR from 'jsqr';
import { runSmp, BUILDS } from './smp.mjs';

// jsQR 1.4.0 has a typo in its table of alignment pattern centres: version 23 says 74 where the
// standard (Annex E) says 78, so it reads no version-23 code at all, from any encoder
// (cozmo/jsQR issue 251). For that version the tests use a copy of jsQR with that one entry corrected.
const JSQR_V23_WRONG = 'alignmentPatternCenters: [6, 30, 54, 74, 102]';
const jsQRSource = fs.readFileSync(createRequire(import.meta.url).resolve('jsqr'), 'utf8');
const jsQRFixed = (() => {
  const module = { exports: {} };
  const source = jsQRSource.replace(JSQR_V23_WRONG, 'alignmentPatternCenters: [6, 30, 54, 78, 102]');
  vm.runInThisContext(`(function (module, exports) {${source}\n})`)(module, module.exports);
  return module.exports.default ?? module.exports;
})();

// ISO/IEC 18004 Table 7: bytes that versions 1..40 hold in byte mode at level L.
const CAPACITY_L = [17, 32, 53, 78, 106, 134, 154, 192, 230, 271, 321, 367, 425, 458, 520, 586, 644, 718, 792, 858,
  929, 1003, 1091, 1171, 1273, 1367, 1465, 1528, 1628, 1732, 1840, 1952, 2068, 2188, 2303, 2431, 2563, 2699, 2809, 2953];

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A share link of exactly `length` characters, the fragment pseudo-random base64url (fixed seed). */
function shareLink(length) {
  let text = 'http://127.0.0.1:8080/#d=1.';
  let state = 12345;
  while (text.length < length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += BASE64URL[state >>> 26];
  }
  return text.slice(0, length);
}

/** The module grid of our SVG, quiet zone included: its viewBox and its "Mx,yhNv1h-Nz" runs. */
function svgModules(svg) {
  const viewBox = svg.match(/viewBox="0 0 (\d+) (\d+)"/);
  assert.ok(viewBox, 'the SVG has a viewBox');
  const side = Number(viewBox[1]);
  assert.equal(Number(viewBox[2]), side);
  assert.equal((svg.match(/<path /g) ?? []).length, 1, 'one path');
  assert.match(svg, /shape-rendering="crispEdges"/);
  const d = svg.match(/<path [^>]*d="([^"]*)"/)[1];
  const dark = new Uint8Array(side * side);
  for (const run of d.split(' ')) {
    const m = run.match(/^M(\d+),(\d+)h(\d+)v1h-(\d+)z$/);
    assert.ok(m, `path command '${run}'`);
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    assert.equal(Number(m[4]), w);
    for (let i = 0; i < w; ++i) dark[y * side + x + i] = 1;
  }
  return { side, dark };
}

/** The SVG's header comment: version, level, mask and size. */
function svgInfo(svg) {
  const m = svg.match(/<!-- QR code, version (\d+)-([LMQH]), mask (\d), (\d+) modules per side -->/);
  assert.ok(m, 'the SVG names the version');
  return { version: Number(m[1]), ecc: m[2], mask: Number(m[3]), size: Number(m[4]) };
}

/** Decodes the SVG with jsQR (or `reader`) from an RGBA image at `scale` pixels per module. */
function decodeSvg(svg, { scale = 3, reader = jsQR } = {}) {
  const { side, dark } = svgModules(svg);
  const width = side * scale;
  const rgba = new Uint8ClampedArray(width * width * 4);
  for (let py = 0; py < width; ++py) {
    for (let px = 0; px < width; ++px) {
      const value = dark[Math.floor(py / scale) * side + Math.floor(px / scale)] ? 0 : 255;
      const at = (py * width + px) * 4;
      rgba[at] = rgba[at + 1] = rgba[at + 2] = value;
      rgba[at + 3] = 255;
    }
  }
  return reader(rgba, width, width, { inversionAttempts: 'dontInvert' });
}

function qr(build, text, extra = []) {
  const result = runSmp(build, ['qr', ...extra, '--', text]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Asserts that jsQR reads `text` back, byte for byte, from `svg`. */
function assertDecodes(svg, text, reader = jsQR) {
  const decoded = decodeSvg(svg, { reader });
  assert.ok(decoded, `jsQR found no code (${JSON.stringify(svgInfo(svg))})`);
  assert.deepEqual(Buffer.from(decoded.binaryData), Buffer.from(text, 'utf8'));
  assert.equal(decoded.data, text);
}

for (const build of Object.keys(BUILDS)) {
  test(`${build}: a short text decodes, at version 1 with a 4-module quiet zone`, () => {
    const svg = qr(build, 'smp designer');
    const info = svgInfo(svg);
    assert.equal(info.version, 1);
    assert.equal(svgModules(svg).side, 21 + 8);
    assertDecodes(svg, 'smp designer');
  });

  test(`${build}: a 2000-character share link decodes at M and at L`, (t) => {
    const link = shareLink(2000);
    for (const ecc of ['M', 'L']) {
      const svg = qr(build, link, ['--ecc', ecc]);
      const info = svgInfo(svg);
      t.diagnostic(`2000-character link at ${ecc}: version ${info.version}-${info.ecc}, ${info.size}x${info.size} modules`);
      assert.equal(info.ecc, ecc);
      assertDecodes(svg, link);
    }
  });

  test(`${build}: UTF-8 text decodes to the same characters`, () => {
    const text = 'Crown 70%, hairline 30 dots/cm² — Dünne Haare, 頭皮 🙂';
    assertDecodes(qr(build, text), text);
  });

  test(`${build}: every error correction level decodes, and is at least the one asked for`, () => {
    const text = shareLink(300);
    const order = 'LMQH';
    for (const ecc of order) {
      const svg = qr(build, text, ['--ecc', ecc]);
      assert.ok(order.indexOf(svgInfo(svg).ecc) >= order.indexOf(ecc));
      assertDecodes(svg, text);
    }
  });

  test(`${build}: bad arguments are usage errors, too much text is bad input naming the sizes`, () => {
    assert.equal(runSmp(build, ['qr']).status, 2);
    const badLevel = runSmp(build, ['qr', '--ecc', 'X', 'text']);
    assert.equal(badLevel.status, 2);
    assert.match(badLevel.stderr, /--ecc must be L, M, Q or H, got 'X'/);
    assert.equal(runSmp(build, ['qr', 'one', 'two']).status, 2);
    const tooLong = runSmp(build, ['qr', '--ecc', 'L', shareLink(2954)]);
    assert.equal(tooLong.status, 1);
    assert.match(tooLong.stderr, /2954 bytes.*at most 2953 bytes/);
  });

  test(`${build}: '-' reads the text from stdin, without the trailing newline; -o writes a file`, () => {
    const fromArgs = runSmp(build, ['qr', '--', 'http://127.0.0.1:8080/#d=1.abc']);
    const fromStdin = runSmp(build, ['qr', '-'], { input: 'http://127.0.0.1:8080/#d=1.abc\n' });
    assert.equal(fromStdin.status, 0, fromStdin.stderr);
    assert.equal(fromStdin.stdout, fromArgs.stdout);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-qr-'));
    try {
      const file = path.join(dir, 'link.svg');
      const written = runSmp(build, ['qr', '-o', file, '--', 'http://127.0.0.1:8080/#d=1.abc']);
      assert.equal(written.status, 0, written.stderr);
      assert.equal(written.stdout, '');
      assert.equal(fs.readFileSync(file, 'utf8'), fromArgs.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('native: every version 1..40 decodes (the longest text each holds at L)', () => {
  for (let version = 1; version <= 40; ++version) {
    const text = shareLink(CAPACITY_L[version - 1]);
    const svg = qr('native', text, ['--ecc', 'L']);
    const info = svgInfo(svg);
    assert.equal(info.version, version);
    assert.equal(info.ecc, 'L');
    assert.equal(info.size, 17 + 4 * version);
    assertDecodes(svg, text, version === 23 ? jsQRFixed : jsQR);
  }
});

test('jsQR 1.4.0 reads no version-23 code (its table is wrong there); corrected, it reads ours', () => {
  assert.ok(jsQRSource.includes(JSQR_V23_WRONG), 'jsQR\'s table changed: drop jsQRFixed if version 23 now reads');
  const text = shareLink(CAPACITY_L[22]);
  const svg = qr('native', text, ['--ecc', 'L']);
  assert.equal(svgInfo(svg).version, 23);
  assert.equal(decodeSvg(svg), null);
  assertDecodes(svg, text, jsQRFixed);
});

test('native: the matrix format is the SVG\'s modules, without the quiet zone', () => {
  const text = shareLink(500);
  const matrix = runSmp('native', ['qr', '--format', 'matrix', '--', text]).stdout.trim().split('\n');
  const { side, dark } = svgModules(qr('native', text));
  assert.equal(matrix.length, side - 8);
  matrix.forEach((row, y) => {
    assert.equal(row.length, side - 8);
    for (let x = 0; x < row.length; ++x) assert.equal(row[x] === '1' ? 1 : 0, dark[(y + 4) * side + x + 4]);
  });
});

test('native and node builds draw byte-identical codes', () => {
  const cases = [['short'], [shareLink(2000)], [shareLink(2000), '--ecc', 'L'], ['é 頭皮', '--ecc', 'H'],
    ...[1, 7, 21, 40].map((v) => [shareLink(CAPACITY_L[v - 1]), '--ecc', 'L'])];
  for (const [text, ...options] of cases) {
    for (const format of ['svg', 'matrix']) {
      const args = ['qr', '--format', format, ...options, '--', text];
      const native = runSmp('native', args);
      const node = runSmp('node', args);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(node.status, native.status);
      assert.equal(node.stdout, native.stdout, `output differs for ${text.length} characters ${options.join(' ')}`);
    }
  }
});
