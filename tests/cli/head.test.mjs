// `smp render --view head` and the tone model's viewing distance, native and node builds: the same
// bytes, square images of the head, hidden backs, and one-line messages naming bad angles.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSmp, BUILDS } from './smp.mjs';
import { decodePng } from '../../tools/png.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-head-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function renderWith(build, name, args) {
  const out = path.join(scratch, `${build}-${name}`);
  fs.rmSync(out, { force: true });
  const result = runSmp(build, ['render', ...args, '-o', out]);
  assert.equal(result.status, 0, `${build} ${args.join(' ')}: ${result.stderr}`);
  assert.equal(result.stderr, '');
  return fs.readFileSync(out);
}

/** Mean relative luminance of the pixels in [x0, x1) x [y0, y1). */
function meanLuminance(image, x0, y0, x1, y1) {
  const lin = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  let sum = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      sum += 0.2126 * lin(image.rgba[i]) + 0.7152 * lin(image.rgba[i + 1]) + 0.0722 * lin(image.rgba[i + 2]);
      n++;
    }
  }
  return sum / n;
}

test('render --view head: native and node builds write the same PNG bytes at several angles and looks', () => {
  for (const args of [['norwood-6', '--view', 'head', '--width', '320'],
                      ['norwood-4', '--view', 'head', '--yaw', '90', '--pitch', '15', '--width', '256', '--skin', '3'],
                      ['norwood-4', '--view', 'head', '--yaw', '-137.5', '--pitch', '-20', '--width', '200', '--look', 'plan', '--session', '2'],
                      ['fut-strip-scar', '--view', 'head', '--yaw', '180', '--width', '240', '--look', 'faded', '--years', '8', '--distance', '2']]) {
    const native = renderWith('native', 'head.png', args);
    const node = renderWith('node', 'head.png', args);
    assert.ok(native.equals(node), `${args.join(' ')}: the PNGs differ between native and WebAssembly`);
    const image = decodePng(native);
    const width = Number(args[args.indexOf('--width') + 1]);
    assert.equal(image.width, width);
    assert.equal(image.height, width);
  }
});

test('render --view head: the crown shows from above, the back of the head from behind; yaw 0 is the default', () => {
  const front = renderWith('native', 'front.png', ['norwood-6', '--view', 'head', '--width', '200']);
  assert.ok(front.equals(renderWith('native', 'front0.png', ['norwood-6', '--view', 'head', '--width', '200', '--yaw', '0', '--pitch', '0'])));
  assert.ok(!front.equals(renderWith('native', 'back.png', ['norwood-6', '--view', 'head', '--width', '200', '--yaw', '180'])));
  // Where the dots are seen, the plan and healed looks differ; from below, the scalp is hidden.
  const differing = (pitch) => {
    const args = ['norwood-6', '--view', 'head', '--width', '300', '--pitch', pitch];
    const plan = decodePng(renderWith('native', 'plan.png', [...args, '--look', 'plan'])).rgba;
    const healed = decodePng(renderWith('native', 'healed.png', args)).rgba;
    let n = 0;
    for (let i = 0; i < plan.length; i += 4) if (plan[i] !== healed[i] || plan[i + 1] !== healed[i + 1] || plan[i + 2] !== healed[i + 2]) n++;
    return n;
  };
  const [above, below] = [differing('80'), differing('-80')];
  assert.ok(above > 10000 && below < above / 20, `from above ${above} pixels show dots, from below ${below}`);
});

test('render --distance: native and node agree; the zone keeps its mean tone at 0-3 m, and is darker than bare skin', () => {
  const design = path.join(scratch, 'half.design.json');
  fs.writeFileSync(design, JSON.stringify({
    type: 'smp.design', schema_version: 2, title: 'half', seed: 5,
    template: { kind: 'flat', width_mm: 100, height_mm: 60 },
    density: { layers: [{ kind: 'grid', origin_mm: [0, 0], cell_mm: 50, cols: 2, rows: 2, interpolation: 'nearest', per_cm2: [70, 0, 70, 0] }] },
  }));
  const drops = [];
  for (const distance of ['0', '1', '2.5']) {
    const args = [design, '--view', 'healed', '--skin', '0', '--width', '424', '--distance', distance];
    const native = renderWith('native', 'half.png', args);
    assert.ok(native.equals(renderWith('node', 'half.png', args)), `--distance ${distance}: native and node differ`);
    // 424 px over the 106 mm frame (3 mm margins): 4 px/mm; the zone is x 12..212 px.
    const image = decodePng(native);
    const inked = meanLuminance(image, 40, 40, 180, 190);
    const bare = meanLuminance(image, 250, 40, 390, 190);
    drops.push(1 - inked / bare);
  }
  for (const drop of drops) assert.ok(drop > 0.085 && drop < 0.1, `luminance drop ${drops.map((d) => (100 * d).toFixed(2)).join(', ')} %`);
});

for (const build of Object.keys(BUILDS)) {
  test(`${build}: bad head views and distances give one line naming the problem`, () => {
    const out = path.join(scratch, `${build}-bad.png`);
    const cases = [
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--yaw', '200'], 2, /^smp: --yaw must be a number of degrees from -180 to 180, got '200'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--yaw', 'left'], 2, /^smp: --yaw must be a number of degrees from -180 to 180, got 'left'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--yaw', 'nan'], 2, /^smp: --yaw must be a number of degrees from -180 to 180, got 'nan'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--pitch', '-91'], 2, /^smp: --pitch must be a number of degrees from -90 to 90, got '-91'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--pitch', '1e1'], 2, /^smp: --pitch must be a number of degrees from -90 to 90, got '1e1'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--pitch'], 2, /^smp: --pitch needs a number of degrees from -90 to 90$/m],
      [['render', 'norwood-4', '-o', out, '--yaw', '30'], 2, /^smp: --yaw and --pitch need --view head$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'healed', '--look', 'plan'], 2, /^smp: --look needs --view head$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--look', 'head'], 2, /^smp: --look must be plan, healed or faded, got 'head'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--years', '3'], 2, /^smp: --years changes only --look faded, not healed$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'head', '--width', '5000'], 2, /^smp: --width must be from 16 to 4096 for --view head, got '5000'$/m],
      [['render', 'norwood-4', '-o', out, '--distance', '2'], 2, /^smp: --distance changes only --view healed or faded, not plan$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'healed', '--distance', '11'], 2, /^smp: --distance must be a number of metres from 0 to 10, got '11'$/m],
      [['render', 'norwood-4', '-o', out, '--view', 'healed', '--distance', '-1'], 2, /^smp: --distance must be a number of metres from 0 to 10, got '-1'$/m],
      [['render', path.join(scratch, 'flat.design.json'), '-o', out, '--view', 'head'], 1, /^smp: --view head: .*flat\.design\.json is drawn on a flat work area, not a head \(its template is flat\)$/m],
    ];
    fs.writeFileSync(path.join(scratch, 'flat.design.json'), JSON.stringify({ type: 'smp.design', schema_version: 2, template: { kind: 'flat', width_mm: 20, height_mm: 20 } }));
    for (const [args, status, message] of cases) {
      const result = runSmp(build, args);
      assert.equal(result.status, status, `${args.join(' ')}: exit ${result.status}, ${result.stderr}`);
      assert.match(result.stderr, message, args.join(' '));
      assert.equal(result.stderr.trim().split('\n').filter((l) => !l.startsWith('(run')).length, 1, args.join(' '));
      assert.ok(!fs.existsSync(out), `${args.join(' ')} wrote a file`);
    }
  });
}
