// `smp render` and `smp sheet`, native and node builds: the same bytes, valid files, the documented
// exit codes and one-line messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSmp, BUILDS } from './smp.mjs';
import { decodePng } from '../../tools/png.mjs';
import { readCaption } from '../e2e/caption.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-export-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Runs `smp args... -o FILE` in one build; returns the result and the file's bytes. */
function exportWith(build, name, args) {
  const out = path.join(scratch, `${build}-${name}`);
  fs.rmSync(out, { force: true });
  const result = runSmp(build, [...args, '-o', out]);
  assert.equal(result.status, 0, `${build} ${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stdout, '');
  return fs.readFileSync(out);
}

/** Pixels much darker than the scalp: ink, outline and planning lines. */
function darkPixels(image) {
  let dark = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i] + image.rgba[i + 1] + image.rgba[i + 2] < 450) dark++;
  }
  return dark;
}

test('render: native and node builds write the same PNG bytes, of the requested width', () => {
  for (const args of [['render', 'norwood-4', '--width', '600'],
                      ['render', 'fut-strip-scar', '--view', 'healed', '--skin', '3', '--width', '400', '--session', '2']]) {
    const native = exportWith('native', 'a.png', args);
    const node = exportWith('node', 'a.png', args);
    assert.ok(native.equals(node), `${args.join(' ')}: the PNGs differ between native and WebAssembly`);
    const image = decodePng(native);
    assert.equal(image.width, Number(args[args.indexOf('--width') + 1]));
    assert.ok(image.height > image.width && image.height < 1.5 * image.width, `${image.width} x ${image.height}`);
  }
});

test('render --view head --hair: the client\'s own hair in their colour, the same PNG natively and in node; a grey fringe is lighter than the default dark brown one', () => {
  const args = ['render', 'norwood-6', '--view', 'head', '--yaw', '180', '--width', '200', '--before-after'];
  const grey = exportWith('native', 'grey.png', [...args, '--hair', 'grey']);
  assert.ok(grey.equals(exportWith('node', 'grey.png', [...args, '--hair', 'grey'])), 'the PNGs differ between native and WebAssembly');
  assert.ok(exportWith('native', 'dark.png', [...args, '--hair', 'dark-brown']).equals(exportWith('native', 'default.png', args)), 'dark brown is the default');
  const dark = decodePng(exportWith('native', 'default.png', args)), light = decodePng(grey);
  // The "before" half (the client's own hair alone): more pixels lighter with grey hair than darker.
  let lighter = 0, darker = 0;
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 200; x++) {
      const i = (y * 400 + x) * 4 + 1;
      lighter += light.rgba[i] > dark.rgba[i] ? 1 : 0;
      darker += light.rgba[i] < dark.rgba[i] ? 1 : 0;
    }
  }
  assert.ok(lighter > 500 && darker < lighter / 20, `grey hair: ${lighter} px lighter, ${darker} darker`);
});

test('render --caption: the words the app\'s exported pictures carry, the same bytes natively and in node; the picture above them is the uncaptioned one', () => {
  for (const [args, panels] of [[['render', 'norwood-6', '--view', 'head', '--width', '300', '--before-after'], 2],
                                [['render', 'norwood-4', '--view', 'healed', '--width', '500'], 1]]) {
    const native = exportWith('native', 'caption.png', [...args, '--caption']);
    assert.ok(native.equals(exportWith('node', 'caption.png', [...args, '--caption'])), `${args.join(' ')} --caption: the PNGs differ between native and WebAssembly`);
    const plain = decodePng(exportWith('native', 'plain.png', args)), captioned = decodePng(native);
    const caption = readCaption(captioned, panels);
    assert.equal(captioned.width, plain.width);
    assert.equal(caption.pictureHeight, plain.height, 'the strip goes under the picture');
    assert.ok(caption.lines >= 2 && caption.lines <= 5, `the disclaimer's lines: ${JSON.stringify(caption)}`);
    // Above the strip, the same pixels as without --caption except the tags in the panels' corners.
    const panel = plain.width / panels;
    let changedOutsideTags = 0;
    for (let y = 0; y < plain.height; y++) {
      for (let x = 0; x < plain.width; x++) {
        const inTag = x % panel < panel * 0.3 && y < panel * 0.15;
        const i = (y * plain.width + x) * 4;
        if (!inTag && (plain.rgba[i] !== captioned.rgba[i] || plain.rgba[i + 1] !== captioned.rgba[i + 1] || plain.rgba[i + 2] !== captioned.rgba[i + 2])) changedOutsideTags++;
      }
    }
    assert.equal(changedOutsideTags, 0);
    for (const tag of caption.tags) assert.equal(tag.dark > 100, panels === 2, `Before / After tags only on a before / after: ${JSON.stringify(caption.tags)}`);
  }
});

test('render --view head --before-after: native and node write the same PNG, twice as wide: the head without the design, then with it', () => {
  const args = ['render', 'norwood-6', '--view', 'head', '--pitch', '20', '--width', '200', '--before-after'];
  const native = exportWith('native', 'before-after.png', args);
  assert.ok(native.equals(exportWith('node', 'before-after.png', args)), 'the PNGs differ between native and WebAssembly');
  const both = decodePng(native);
  assert.deepEqual([both.width, both.height], [400, 200]);
  // The right half is the plain head render; the left has no ink, so fewer dark pixels.
  const after = decodePng(exportWith('native', 'after.png', args.slice(0, -1)));
  const half = (x0) => {
    const rgba = new Uint8Array(200 * 200 * 4);
    for (let y = 0; y < 200; y++) rgba.set(both.rgba.subarray((y * 400 + x0) * 4, (y * 400 + x0 + 200) * 4), y * 800);
    return { width: 200, height: 200, rgba };
  };
  assert.ok(Buffer.from(half(200).rgba).equals(Buffer.from(after.rgba)), 'the right half is the head with the design');
  const lighter = (a, b) => { let n = 0; for (let i = 0; i < a.rgba.length; i++) n += a.rgba[i] > b.rgba[i] ? 1 : 0; return n; };
  assert.ok(lighter(half(0), after) > 500, 'the left half is lighter where the design has ink');
  assert.equal(lighter(after, half(0)), 0, 'and nowhere darker');
});

test('render: 1200 px wide by default; session 1 alone has fewer dark pixels than every session; healed differs', () => {
  const all = decodePng(exportWith('native', 'all.png', ['render', 'norwood-4']));
  assert.equal(all.width, 1200);
  const first = decodePng(exportWith('native', 'first.png', ['render', 'norwood-4', '--session', '1']));
  assert.equal(first.height, all.height);
  const [darkAll, darkFirst] = [darkPixels(all), darkPixels(first)];
  assert.ok(darkFirst < 0.8 * darkAll, `session 1: ${darkFirst} dark pixels, all sessions: ${darkAll}`);
  const healed = decodePng(exportWith('native', 'healed.png', ['render', 'norwood-4', '--view', 'healed']));
  assert.ok(!Buffer.from(healed.rgba).equals(Buffer.from(all.rgba)));
});

test('render --view faded: native and node builds write the same PNG bytes; not the healed picture, and fading with the years', () => {
  const args = ['render', 'norwood-4', '--view', 'faded', '--width', '500'];
  const native = exportWith('native', 'faded.png', args);
  const node = exportWith('node', 'faded.png', args);
  assert.ok(native.equals(node), 'the faded PNGs differ between native and WebAssembly');
  const healed = exportWith('native', 'healed.png', ['render', 'norwood-4', '--view', 'healed', '--width', '500']);
  assert.ok(!native.equals(healed), 'faded is the healed picture');
  const faded = decodePng(native);
  assert.equal(faded.width, 500);
  assert.ok(!Buffer.from(faded.rgba).equals(Buffer.from(decodePng(healed).rgba)));
  // The default is 5 years; 0 years is healed, 10 years lighter still than 5.
  assert.ok(native.equals(exportWith('native', 'faded5.png', [...args, '--years', '5'])));
  assert.ok(healed.equals(exportWith('native', 'faded0.png', [...args, '--years', '0'])));
  const darkness = (image) => image.rgba.reduce((sum, v, i) => (i % 4 === 3 ? sum : sum + 255 - v), 0);
  const [dark5, dark10] = [darkness(faded), darkness(decodePng(exportWith('node', 'faded10.png', [...args, '--years', '10'])))];
  assert.ok(dark10 < dark5, `darkness after 10 years: ${dark10}, after 5: ${dark5}`);
});

test('sheet: native and node builds write the same HTML, a page per session, dates from --start', () => {
  const args = ['sheet', 'norwood-4', '--start', '2026-12-20', '--clinic', 'Northside <SMP> Studio'];
  const native = exportWith('native', 'plan.html', args);
  const node = exportWith('node', 'plan.html', args);
  assert.ok(native.equals(node), 'the sheets differ between native and WebAssembly');
  const html = native.toString('utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /Northside &lt;SMP&gt; Studio/);
  assert.doesNotMatch(html, /<script|https?:/i);
  for (const [session, date] of [[1, '2026-12-20'], [2, '2027-01-03'], [3, '2027-01-17']]) {
    const start = html.indexOf(`id="session-${session}"`);
    assert.ok(start > 0, `session ${session} missing`);
    assert.ok(html.indexOf(`<time datetime="${date}">`, start) > start, `session ${session}: no ${date}`);
  }
  // Its figures are the plan's.
  const plan = JSON.parse(runSmp('native', ['plan', 'norwood-4']).stdout);
  for (const session of plan.sessions) {
    assert.match(html, new RegExp(`id="session-${session.index}" data-session-dots="${session.dot_count}"`));
  }
  // The images inside are PNGs: the plan's map, the close-up, the head from the front, the side and
  // the back (3/4 of the map's width), and a map per session.
  const maps = [...html.matchAll(/src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)];
  assert.equal(maps.length, 2 + 3 + plan.sessions.length);
  assert.equal(decodePng(Buffer.from(maps[0][1], 'base64')).width, 640);
  for (const head of maps.slice(2, 5)) assert.equal(decodePng(Buffer.from(head[1], 'base64')).width, 480);
});

for (const build of Object.keys(BUILDS)) {
  test(`${build}: bad arguments give exit 2, bad input exit 1, each with one line naming the problem`, () => {
    const out = path.join(scratch, `${build}-bad.out`);
    const cases = [
      [['render', 'norwood-4'], 2, /^smp: render needs -o OUT\.png$/m],
      [['render', 'norwood-4', '-o', out, '--width', '9000'], 2, /^smp: --width must be from 16 to 8192, got '9000'$/m],
      [['render', 'norwood-4', '-o', out, '--width', 'wide'], 2, /^smp: --width must be from 16 to 8192, got 'wide'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'x'], 2, /^smp: --view must be plan, healed, faded or head, got 'x'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'faded', '--years', '11'], 2, /^smp: --years must be from 0 to 10, got '11'$/m],
      [['render', 'norwood-4', '-o', out, '--years', '3'], 2, /^smp: --years changes only --view faded, not plan$/m],
      [['render', 'norwood-4', '-o', out, '--skin', '5'], 2, /^smp: --skin must be from 0 to 4, got '5'$/m],
      [['render', 'norwood-4', '-o', out, '--session', '0'], 2, /^smp: --session must be from 1 to 8, got '0'$/m],
      [['render', 'norwood-4', '-o', out, '--frobnicate'], 2, /^smp: unknown option '--frobnicate'$/m],
      [['render', 'norwood-4', '-o', out, '--before-after'], 2, /^smp: --before-after needs --view head or --view photo$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--hair', 'pink'], 2,
       /^smp: --hair must be black\|dark-brown\|brown\|light-brown\|blond\|red\|grey\|white, got 'pink'$/m],
      [['render', 'norwood-4', '-o', out, '--hair', 'grey'], 2, /^smp: --hair needs --view head$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--before-after', '--marks-out', `${out}.json`], 2,
       /^smp: --marks-out is for a single head, not --before-after's two$/m],
      [['render', 'norwood-4', '-o', out, '--session', '5'], 1, /^smp: --session 5: norwood-4 has 3 sessions$/m],
      [['render', 'no-such-preset', '-o', out], 1, /^smp: .*no-such-preset/m],
      [['render', path.join(scratch, 'missing.design.json'), '-o', out], 1, /^smp: cannot open '.*missing\.design\.json'$/m],
      [['sheet', 'norwood-4'], 2, /^smp: sheet needs -o PLAN\.html$/m],
      [['sheet', 'norwood-4', '-o', out, '--start', '2027-02-29'], 2, /^smp: --start: start date '2027-02-29' is not a day: February 2027 has 28 days$/m],
      [['sheet', 'norwood-4', '-o', out, '--start', '20.12.2026'], 2, /^smp: --start: start date '20\.12\.2026' must be YYYY-MM-DD/m],
      [['sheet', 'norwood-4', '-o', out, '--clinic'], 2, /^smp: --clinic needs a name$/m],
      [['sheet', 'norwood-4', '-o', out, '--hair', 'green'], 2, /^smp: --hair must be black\|dark-brown\|.*\|white, got 'green'$/m],
      [['sheet', 'norwood-4', 'norwood-5', '-o', out], 2, /^smp: sheet takes one design, got 'norwood-5' too$/m],
      [['render', 'norwood-4', '-o', path.join(scratch, 'no-such-dir', 'x.png'), '--width', '64'], 1, /^smp: cannot write '.*x\.png'$/m],
    ];
    for (const [args, status, message] of cases) {
      const result = runSmp(build, args);
      assert.equal(result.status, status, `${args.join(' ')}: exit ${result.status}, ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
      assert.ok(!fs.existsSync(out), `${args.join(' ')} wrote a file`);
    }
  });
}

test('--help lists render and sheet', () => {
  const help = runSmp('native', ['--help']).stdout;
  assert.match(help, /^ {2}render DESIGN -o OUT\.png \[--session N\] \[--view plan\|healed\|faded\|head\] \[--years 0-10\] \[--width PX\] \[--skin 0-4\]$/m);
  assert.match(help, /^ {9}\[--distance M\] \[--yaw DEG\] \[--pitch DEG\] \[--look plan\|healed\|faded\] \[--hair COLOUR\] \[--before-after\]$/m);
  assert.match(help, /--hair black\|dark-brown\|brown\|light-brown\|blond\|red\|grey\|white\n/);
  assert.match(help, /^ {9}\[--marks-out MARKS\.json\] \[--caption\]$/m);
  assert.match(help, /--caption: the words the app's exported pictures carry/);
  assert.match(help, /^ {2}render DESIGN --view photo --photo IMAGE\.png --marks MARKS\.json -o OUT\.png/m);
  assert.match(help, /^ {2}fit MARKS\.json \[--design DESIGN\]$/m);
  assert.match(help, /^ {2}sheet DESIGN -o PLAN\.html \[--start YYYY-MM-DD\] \[--clinic NAME\]/m);
});
