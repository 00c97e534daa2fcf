// `smp fit` and `smp render --view head --marks-out`, native and node builds: a head render serves
// as a synthetic photo, its landmarks come back as the pose it was drawn at, the two builds print
// the same bytes, a misplaced marker is named, and bad markers files get one-line messages.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSmp } from './smp.mjs';
import { decodePng } from '../../tools/png.mjs';
import { readCaption } from '../e2e/caption.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-fit-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Renders norwood-4 on the head at a pose and returns the markers file it writes. */
function marksAt(build, yaw, pitch, width = 240) {
  const marks = path.join(scratch, `${build}-marks-${yaw}-${pitch}.json`);
  const result = runSmp(build, ['render', 'norwood-4', '--view', 'head', '--yaw', String(yaw), '--pitch', String(pitch),
    '--width', String(width), '-o', path.join(scratch, `${build}-head.png`), '--marks-out', marks]);
  assert.equal(result.status, 0, result.stderr);
  return marks;
}

function fit(build, marksFile, extra = []) {
  const result = runSmp(build, ['fit', marksFile, ...extra]);
  return { ...result, json: result.status === 0 ? JSON.parse(result.stdout) : null };
}

const angleGap = (a, b) => Math.abs(((a - b + 540) % 360) - 180);

test('fit: the landmarks of a head render come back as the pose it was drawn at, the same bytes native and node', () => {
  const poses = [[0, 0], [30, 15], [90, 0], [-90, 10], [180, 0], [-45, 30], [135, 20], [0, 90], [20, 5]];
  for (const [yaw, pitch] of poses) {
    const file = marksAt('native', yaw, pitch);
    assert.equal(fs.readFileSync(file, 'utf8'), fs.readFileSync(marksAt('node', yaw, pitch), 'utf8'), `markers at ${yaw}/${pitch}`);
    const marks = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(marks.type, 'smp.marks');
    assert.ok(Object.keys(marks.marks).length >= 4, `${yaw}/${pitch} shows ${Object.keys(marks.marks)}`);
    const native = fit('native', file);
    const node = fit('node', file);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(native.stdout, node.stdout, `fit at ${yaw}/${pitch}: native and node differ`);
    const pose = native.json;
    assert.ok(pose.error_px < 0.05, `${yaw}/${pitch}: error ${pose.error_px} px`);
    assert.equal(pose.poor, false);
    assert.ok(Math.abs(pose.pitch_deg - pitch) < 0.05, `${yaw}/${pitch}: pitch ${pose.pitch_deg}`);
    // From straight above, a yaw is a turn of the image: only yaw + roll is known.
    if (pitch < 90) {
      assert.ok(angleGap(pose.yaw_deg, yaw) < 0.05, `${yaw}/${pitch}: yaw ${pose.yaw_deg}`);
      assert.ok(Math.abs(pose.roll_deg) < 0.05, `${yaw}/${pitch}: roll ${pose.roll_deg}`);
    }
    // The render is 240 px wide for kHeadFrameShare x the largest semi-axis (head_camera.h): ~1 px/mm.
    assert.ok(pose.px_per_mm > 0.7 && pose.px_per_mm < 1.3, `scale ${pose.px_per_mm}`);
    for (const key of ['yaw_deg', 'pitch_deg', 'roll_deg', 'px_per_mm', 'error_px', 'worst_error_px']) {
      assert.equal(typeof pose[key], 'number', key);
    }
    assert.equal(pose.origin_px.length, 2);
  }
});

test('fit: a marker dropped in the wrong place makes a poor fit that names it', () => {
  const file = marksAt('native', 10, 20);
  const marks = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.ok(marks.marks.frontotemporal_right, 'the right temple shows');
  marks.marks.frontotemporal_right[0] += 90;
  marks.marks.frontotemporal_right[1] += 80;
  const moved = path.join(scratch, 'moved.json');
  fs.writeFileSync(moved, JSON.stringify(marks));
  const result = fit('native', moved);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.json.poor, true);
  assert.match(result.json.message, /^the markers don't match a head from this side: check the right temple \(\d+\.\d px off\)$/);
  // How far it is from where the other markers' fit puts it: the 120.4 px it was moved, give or take.
  const offPx = Number(result.json.message.match(/\((\d+\.\d) px off\)/)[1]);
  assert.ok(Math.abs(offPx - Math.hypot(90, 80)) < 4, `${offPx} px off`);
  assert.ok(result.json.error_px > 10);
  assert.equal(fit('node', moved).stdout, result.stdout);
});

test('fit: bad markers files get one line that names the problem', () => {
  const write = (name, value) => {
    const file = path.join(scratch, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };
  const photo = { width_px: 800, height_px: 600, view: 'front' };
  const base = { type: 'smp.marks', schema_version: 1, photo };
  const cases = [
    [write('text.json', 'not json'), /the markers file is not valid JSON/],
    [write('design.json', { type: 'smp.design', schema_version: 1 }), /smp\.marks/],
    [write('newer.json', { ...base, schema_version: 9, marks: {} }), /update/],
    [write('few.json', { ...base, marks: { glabella: [400, 300], vertex: [400, 20], ear_left: [600, 320] } }),
      /4 markers are needed; 3 are placed \(glabella, vertex, ear_left\)/],
    [write('chin.json', { ...base, marks: { chin: [1, 2] } }), /marks\.chin must be a landmark: glabella, /],
    [write('outside.json', { ...base, marks: { glabella: [900, 300] } }), /marks\.glabella must be \[x, y\] in pixels within the photo \(800 x 600\)/],
    [write('view.json', { ...base, photo: { ...photo, view: 'sideways' }, marks: {} }), /photo\.view must be one of unknown, front, left, right, back, top/],
    [write('huge.json', { ...base, photo: { width_px: 20001, height_px: 10 }, marks: {} }), /photo\.width_px/],
    [write('head.json', { ...base, head: { circumference_mm: 900 }, marks: {} }), /head\.circumference_mm/],
  ];
  for (const [file, pattern] of cases) {
    for (const build of ['native', 'node']) {
      const result = runSmp(build, ['fit', file]);
      assert.equal(result.status, 1, `${build} ${path.basename(file)}: status ${result.status}`);
      assert.match(result.stderr, pattern, `${build} ${path.basename(file)}: ${result.stderr}`);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.equal(result.stdout, '');
    }
  }
  const usage = runSmp('native', ['fit']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /fit needs a markers file/);
  const flat = runSmp('native', ['render', 'norwood-4', '-o', path.join(scratch, 'x.png'), '--marks-out', path.join(scratch, 'm.json')]);
  assert.equal(flat.status, 2);
  assert.match(flat.stderr, /--marks-out needs --view head/);
});

test('render --view photo: the design on a synthetic photo, the same bytes native and node; bad photos named', () => {
  const bare = path.join(scratch, 'bare.design.json');
  fs.writeFileSync(bare, JSON.stringify({ type: 'smp.design', schema_version: 2, seed: 3, title: 'bare', template: { kind: 'scalp' }, mode: 'density' }));
  const photo = path.join(scratch, 'photo.png');
  const marks = path.join(scratch, 'photo-marks.json');
  let result = runSmp('native', ['render', bare, '--view', 'head', '--yaw', '20', '--pitch', '15', '--width', '200', '-o', photo, '--marks-out', marks]);
  assert.equal(result.status, 0, result.stderr);
  const outputs = {};
  for (const build of ['native', 'node']) {
    const out = path.join(scratch, `${build}-after.png`);
    result = runSmp(build, ['render', 'norwood-6', '--view', 'photo', '--photo', photo, '--marks', marks, '--before-after', '-o', out]);
    assert.equal(result.status, 0, `${build}: ${result.stderr}`);
    assert.equal(result.stderr, '');
    outputs[build] = fs.readFileSync(out);
  }
  assert.ok(outputs.native.equals(outputs.node), 'the photo renders differ between native and WebAssembly');
  assert.equal(outputs.native.readUInt32BE(16), 400, 'before and after side by side: twice the photo\'s width');
  // --caption: the same picture with the words the app's photo export carries, natively and in node.
  const captioned = {};
  for (const build of ['native', 'node']) {
    const out = path.join(scratch, `${build}-captioned.png`);
    result = runSmp(build, ['render', 'norwood-6', '--view', 'photo', '--photo', photo, '--marks', marks, '--before-after', '--caption', '-o', out]);
    assert.equal(result.status, 0, `${build}: ${result.stderr}`);
    captioned[build] = fs.readFileSync(out);
  }
  assert.ok(captioned.native.equals(captioned.node), 'the captioned photo renders differ between native and WebAssembly');
  const caption = readCaption(decodePng(captioned.native), 2);
  assert.equal(caption.pictureHeight, outputs.native.readUInt32BE(20), 'the strip goes under the photo and its result');
  assert.ok(caption.lines >= 3 && caption.tags.every((tag) => tag.dark > 50), JSON.stringify(caption));

  const write = (name, bytes) => { const file = path.join(scratch, name); fs.writeFileSync(file, bytes); return file; };
  const png = fs.readFileSync(photo);
  const cases = [
    [write('truncated.png', png.subarray(0, png.length - 40)), /photo: |the PNG ends early \(truncated\?\)/],
    [write('text.png', 'hello there'), /the file is not a PNG image \(it starts with 68 65 6c 6c\)/],
    [write('photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70])), /it is a JPEG/],
  ];
  for (const [file, pattern] of cases) {
    result = runSmp('native', ['render', 'norwood-6', '--view', 'photo', '--photo', file, '--marks', marks, '-o', path.join(scratch, 'x.png')]);
    assert.equal(result.status, 1, path.basename(file));
    assert.match(result.stderr, pattern);
  }
  const other = JSON.parse(fs.readFileSync(marks, 'utf8'));
  other.photo.width_px = 300;
  const otherMarks = write('other-marks.json', JSON.stringify(other));
  result = runSmp('native', ['render', 'norwood-6', '--view', 'photo', '--photo', photo, '--marks', otherMarks, '-o', path.join(scratch, 'x.png')]);
  assert.equal(result.status, 1);
  assert.match(result.stderr, /the markers are for a 300 x 200 px photo; .* is 200 x 200 px/);
  result = runSmp('native', ['render', 'norwood-6', '--view', 'photo', '--photo', photo, '-o', path.join(scratch, 'x.png')]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--view photo needs --photo IMAGE.png and --marks MARKS.json/);
});
