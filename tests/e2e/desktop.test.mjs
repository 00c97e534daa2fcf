// The desktop app (GLFW + OpenGL 3.3) under a virtual X display: it starts, draws the same screen
// as the browser, saves a screenshot of its own framebuffer, and quits cleanly.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { decodePng } from '../../tools/png.mjs';
import { repoRoot, screenshotDir } from './browser.mjs';
import { startDisplay } from '../display.mjs';

const app = path.join(repoRoot, 'build', 'native', 'bin', 'smp-designer');
let display;
test.before(async () => { display = await startDisplay({ screen: '1280x800x24' }); });
test.after(() => display?.close());
const SCALP_OUTLINE = [84, 55, 40];
const SCALP_FILL = [233, 205, 182];

function runDesktop(args) {
  return spawnSync(app, args, { encoding: 'utf8', timeout: 60000, env: display.env });
}

const near = (rgba, i, colour, tolerance) =>
  Math.hypot(rgba[i] - colour[0], rgba[i + 1] - colour[1], rgba[i + 2] - colour[2]) <= tolerance;

test('desktop app draws the scalp outline and saves a screenshot', () => {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, 'desktop.png');
  fs.rmSync(file, { force: true });
  const result = runDesktop(['--screenshot', file, '--frames', '8']);
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  const image = decodePng(fs.readFileSync(file));
  assert.equal(image.width, 1280);
  assert.equal(image.height, 800);

  // Across the back of the head (below the ears): the outline is crossed twice, with skin fill
  // (and a speckle of dots) between.
  const y = Math.round(image.height * 0.75);
  const crossings = [];
  for (let x = 0; x < image.width; x++) {
    if (near(image.rgba, (y * image.width + x) * 4, SCALP_OUTLINE, 60)) {
      if (crossings.length === 0 || x - crossings[crossings.length - 1].end > 3) crossings.push({ start: x, end: x });
      else crossings[crossings.length - 1].end = x;
    }
  }
  assert.equal(crossings.length, 2, `outline crossings on row ${y}: ${JSON.stringify(crossings)}`);
  const [left, right] = crossings;
  assert.ok(right.start - left.end > 400, 'the scalp is drawn large, fitted to the canvas');
  let fill = 0;
  for (let x = left.end + 5; x < right.start - 5; x++) {
    if (near(image.rgba, (y * image.width + x) * 4, SCALP_FILL, 40)) fill++;
  }
  assert.ok(fill / (right.start - left.end - 10) > 0.5, 'skin fill inside the outline');
});

test('desktop app refuses bad options with exit code 2 and a message', () => {
  const result = spawnSync(app, ['--frames', 'many'], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--frames must be a whole number from 1 to 100000, got 'many'/);
  const unknown = spawnSync(app, ['--bogus'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown or incomplete option '--bogus'/);
});

test('desktop app paints a brush stroke across a 78,000-dot design: frame and brush times (printed, not judged)', () => {
  const design = path.join(repoRoot, 'tests', 'bench', 'uniform-100.design.json');
  const result = runDesktop([design, '--paint-benchmark']);
  assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
  const line = result.stdout.trim().split('\n').at(-1);
  console.log(`desktop (Xvfb, Mesa llvmpipe: OpenGL on the CPU): ${line}`);
  const match = /^painting (\d+) dots, (\d+) frames: .* (\d+) brush updates, core time median ([\d.]+) ms, max ([\d.]+) ms$/.exec(line);
  assert.ok(match, line);
  const [, dots, frames, updates] = match.map(Number);
  assert.ok(dots > 70000 && dots < 80000, `${dots} dots after painting`);
  assert.ok(frames >= 100, `${frames} frames measured`);
  assert.ok(updates >= 30, `${updates}: the dots followed the brush while it moved`);
});

test('desktop app: a design that does not open is named with the reason, exit code 1', () => {
  const result = runDesktop(['no-such-preset', '--paint-benchmark']);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /no-such-preset: .*preset/);
});

test('desktop app opens a photo of the client\'s head (--photo) on the photo view; a bad photo or side is refused with a message', () => {
  const scratch = fs.mkdtempSync(path.join(screenshotDir, 'desktop-photo-'));
  try {
    // A head render stands in for the photo: 600 px square, the bare template from the front, dark skin.
    const bare = path.join(scratch, 'bare.design.json');
    fs.writeFileSync(bare, JSON.stringify({ type: 'smp.design', schema_version: 2, seed: 3, title: 'bare', template: { kind: 'scalp' }, mode: 'shaved' }));
    const photo = path.join(scratch, 'front.png');
    const smp = path.join(repoRoot, 'build', 'native', 'bin', 'smp');
    const rendered = spawnSync(smp, ['render', bare, '--view', 'head', '--width', '600', '--skin', '4', '-o', photo], { encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    const file = path.join(screenshotDir, 'desktop-photo.png');
    const result = runDesktop(['--photo', photo, '--photo-view', 'front', '--screenshot', file, '--frames', '8']);
    assert.equal(result.status, 0, `exit ${result.status}: ${result.stderr}`);
    // The photo is on the screen: its dark skin (tone 4, a colour nothing else on the screen has)
    // over a large part of the canvas area.
    const image = decodePng(fs.readFileSync(file));
    const photoPng = decodePng(fs.readFileSync(photo));
    const middle = (300 * photoPng.width + 300) * 4;
    const skin = Array.from(photoPng.rgba.subarray(middle, middle + 3));
    let skinPx = 0;
    for (let i = 0; i < image.width * image.height * 4; i += 4) if (near(image.rgba, i, skin, 12)) skinPx++;
    assert.ok(skinPx > 20000, `the photo's skin ${skin} covers ${skinPx} px of the screen`);

    const bad = path.join(scratch, 'not-a-photo.png');
    fs.writeFileSync(bad, 'hello');
    const refused = runDesktop(['--photo', bad, '--screenshot', path.join(scratch, 'x.png')]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /not-a-photo\.png: the file is not a PNG image/);
    const side = spawnSync(app, ['--photo', photo, '--photo-view', 'sideways'], { encoding: 'utf8' });
    assert.equal(side.status, 2);
    assert.match(side.stderr, /--photo-view must be front, left, right, back or top, got 'sideways'/);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
