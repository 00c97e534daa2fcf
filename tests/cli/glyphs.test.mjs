// The UI fonts are cut down to the characters of src/ui/glyph_ranges.h (the build subsets Inter to
// them, and ImGui bakes the same ranges). A character outside them would show as '?': every string
// the UI can show must stay inside, and the subset fonts must hold every character of the list.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

// What the UI can show: string literals of everything it links (the CLI's text goes to a
// terminal, not through the fonts) and the presets' titles and notes.
const SOURCE_DIRS = ['src/ui', 'src/export', 'src/core', 'src/document', 'src/render', 'src/platform', 'src/app'];

/** The [first, last] pairs of src/ui/glyph_ranges.h, read the way cmake/subset_fonts.cmake reads them. */
export function readGlyphRanges(header) {
  const block = /\/\/ BEGIN glyph ranges\n([^]*)\/\/ END glyph ranges/.exec(header);
  if (!block) throw new Error('no "// BEGIN glyph ranges" ... "// END glyph ranges" block');
  return [...block[1].matchAll(/0x([0-9A-Fa-f]+), *0x([0-9A-Fa-f]+)/g)].map((m) => [parseInt(m[1], 16), parseInt(m[2], 16)]);
}

// The bytes a C++ string or character literal's text stands for (escapes decoded).
function literalBytes(text) {
  const bytes = [];
  const simple = { n: 10, t: 9, r: 13, '0': 0, a: 7, b: 8, f: 12, v: 11, '\\': 92, "'": 39, '"': 34, '?': 63 };
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '\\') {
      bytes.push(...Buffer.from(String.fromCodePoint(text.codePointAt(i)), 'utf8'));
      if (text.codePointAt(i) > 0xffff) i++;
      continue;
    }
    const next = text[++i];
    let m;
    if (next === 'x' && (m = /^[0-9A-Fa-f]+/.exec(text.slice(i + 1)))) {
      bytes.push(parseInt(m[0], 16) & 0xff);
      i += m[0].length;
    } else if ((next === 'u' || next === 'U') && (m = new RegExp(`^[0-9A-Fa-f]{${next === 'u' ? 4 : 8}}`).exec(text.slice(i + 1)))) {
      bytes.push(...Buffer.from(String.fromCodePoint(parseInt(m[0], 16)), 'utf8'));
      i += m[0].length;
    } else if ((m = /^[0-7]{1,3}/.exec(text.slice(i)))) {
      bytes.push(parseInt(m[0], 8) & 0xff);
      i += m[0].length - 1;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes);
}

/**
 * The string and character literals of C++ source, as {line, text} with their escapes decoded
 * (UTF-8). Skips comments, and numbers with digit separators (1'000); reads raw strings R"x(...)x"
 * and prefixes (u8, L, ...). Text that is not UTF-8 comes back with U+FFFD in it.
 */
export function stringLiterals(source) {
  const literals = [];
  let line = 1;
  const advance = (from, to) => {
    for (let k = from; k < to; k++) if (source[k] === '\n') line++;
    return to;
  };
  for (let i = 0; i < source.length;) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = advance(i, end < 0 ? source.length : end + 2);
    } else if (/[0-9]/.test(c)) {
      // A number, digit separators and exponent signs included: 1'000'000, 1e-3, 0x1p+4.
      const m = /^[0-9][0-9A-Za-z_.]*(?:(?:'[0-9A-Za-z]|[eEpP][+-])[0-9A-Za-z_.]*)*/.exec(source.slice(i));
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i))[0];
      const quote = source[i + word.length];
      if (quote === '"' && /^(?:u8|u|U|L)?R$/.test(word)) {
        const open = source.indexOf('(', i + word.length);
        const delimiter = source.slice(i + word.length + 1, open);
        const close = source.indexOf(`)${delimiter}"`, open);
        literals.push({ line, text: source.slice(open + 1, close) });
        i = advance(i, close + delimiter.length + 2);
      } else if ((quote === '"' || quote === "'") && /^(?:u8|u|U|L)$/.test(word)) {
        i += word.length;   // the literal itself is read next
      } else {
        i += word.length;
      }
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      literals.push({ line, text: literalBytes(source.slice(i + 1, j)).toString('utf8') });
      i = j + 1;
    } else {
      if (c === '\n') line++;
      i++;
    }
  }
  return literals;
}

/** Each character of `text` outside `ranges` (pairs of code points), once each, in order. */
export function charactersOutside(text, ranges) {
  const outside = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x20) continue;   // control characters (\n, \t) draw nothing
    if (!ranges.some(([a, b]) => cp >= a && cp <= b) && !outside.includes(cp)) outside.push(cp);
  }
  return outside;
}

/** The code points an OpenType font's Unicode cmap maps to a glyph (format 4 or 12 subtable). */
export function fontCodePoints(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let cmap = -1;
  for (let t = 0; t < view.getUint16(4); t++) {
    if (bytes.toString('latin1', 12 + 16 * t, 16 + 16 * t) === 'cmap') cmap = view.getUint32(12 + 16 * t + 8);
  }
  if (cmap < 0) throw new Error('no cmap table');
  const subtables = [];
  for (let e = 0; e < view.getUint16(cmap + 2); e++) {
    const platform = view.getUint16(cmap + 4 + 8 * e), encoding = view.getUint16(cmap + 6 + 8 * e);
    const at = cmap + view.getUint32(cmap + 8 + 8 * e);
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push(at);
  }
  const best = subtables.find((at) => view.getUint16(at) === 12) ?? subtables.find((at) => view.getUint16(at) === 4);
  if (best === undefined) throw new Error('no Unicode cmap subtable of format 4 or 12');
  const points = new Set();
  if (view.getUint16(best) === 12) {
    for (let g = 0; g < view.getUint32(best + 12); g++) {
      const group = best + 16 + 12 * g;
      for (let cp = view.getUint32(group); cp <= view.getUint32(group + 4); cp++) points.add(cp);
    }
    return points;
  }
  const segments = view.getUint16(best + 6) / 2;
  const ends = best + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, offsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + 2 * s), end = view.getUint16(ends + 2 * s);
    const delta = view.getUint16(deltas + 2 * s), rangeOffset = view.getUint16(offsets + 2 * s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        glyph = view.getUint16(offsets + 2 * s + rangeOffset + 2 * (cp - start));
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(cp);
    }
  }
  return points;
}

const hex = (cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${String.fromCodePoint(cp)}`;
const ranges = readGlyphRanges(fs.readFileSync(path.join(repo, 'src/ui/glyph_ranges.h'), 'utf8'));

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(cpp|h)$/.test(entry.name) ? [file] : [];
  });
}

test('glyphs: the scanner finds characters in literals, escaped or not, and only there', () => {
  const source = [
    '// a comment may say → or cm² freely',
    '/* and so may ½ a block */ int n = 1\'000\'000; char c = \'x\';',
    'const char* a = "150 dots/cm\\xC2\\xB2";   // ² escaped',
    'const char* b = u8"Hamilton–Norwood \\u2192 next";',
    'const char* css = R"css(p::after { content: "✓"; })css";',
    'const char* d = "tab\\there, quote \\" and \\\\";',
  ].join('\n');
  const literals = stringLiterals(source);
  assert.deepEqual(literals.map((l) => l.line), [2, 3, 4, 5, 6]);
  assert.equal(literals[1].text, '150 dots/cm²');
  assert.equal(literals[2].text, 'Hamilton–Norwood → next');
  const ascii = [[0x20, 0x7e]];
  assert.deepEqual(charactersOutside(literals.map((l) => l.text).join(''), ascii), [0xb2, 0x2013, 0x2192, 0x2713]);
  assert.deepEqual(charactersOutside(literals.map((l) => l.text).join(''), ranges), [0x2713], '✓ is not kept');
  assert.deepEqual(charactersOutside(stringLiterals('"\\xFF"')[0].text, ranges), [0xfffd], 'bytes that are not UTF-8');
});

test('glyphs: every string the UI can show stays inside the kept characters', () => {
  assert.ok(ranges.length >= 3 && ranges.every(([a, b], i) => a <= b && (i === 0 || a > ranges[i - 1][1])),
            'the ranges are pairs in increasing order');
  const problems = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of sourceFiles(path.join(repo, dir))) {
      for (const { line, text } of stringLiterals(fs.readFileSync(file, 'utf8'))) {
        for (const cp of charactersOutside(text, ranges)) problems.push(`${path.relative(repo, file)}:${line}: ${hex(cp)}`);
      }
    }
  }
  const presets = path.join(repo, 'presets');
  for (const name of fs.readdirSync(presets).filter((f) => f.endsWith('.json'))) {
    const strings = [];
    JSON.parse(fs.readFileSync(path.join(presets, name), 'utf8'), (key, value) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    for (const cp of charactersOutside(strings.join('\n'), ranges)) problems.push(`presets/${name}: ${hex(cp)}`);
  }
  assert.deepEqual(problems, [], 'characters the fonts do not keep (add them to src/ui/glyph_ranges.h, or write them otherwise)');
});

test('glyphs: the subset fonts hold exactly the kept characters, so ImGui asks for what they have', () => {
  const wanted = new Set(ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, k) => a + k)));
  const fonts = ['native', 'wasm'].flatMap((flavour) => ['Inter-Regular', 'Inter-SemiBold']
    .map((name) => path.join(repo, 'build', flavour, 'fonts', `${name}.otf`))).filter((file) => fs.existsSync(file));
  assert.ok(fonts.length > 0, 'no subset fonts in build/native/fonts or build/wasm/fonts: build first');
  for (const file of fonts) {
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length < 64 * 1024, `${path.relative(repo, file)} is ${bytes.length} bytes: is it subset?`);
    const mapped = fontCodePoints(bytes);
    const missing = [...wanted].filter((cp) => !mapped.has(cp)).map(hex);
    const extra = [...mapped].filter((cp) => !wanted.has(cp)).map(hex);
    assert.deepEqual(missing, [], `${path.relative(repo, file)} lacks kept characters (Inter has no glyph for them: drop them from the list)`);
    assert.deepEqual(extra, [], `${path.relative(repo, file)} holds characters the list does not keep`);
  }
});
