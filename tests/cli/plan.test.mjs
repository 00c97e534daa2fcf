// `smp plan` and `smp validate`, native and node builds: same bytes, same errors, same exit codes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSmp, BUILDS } from './smp.mjs';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const gradientDesign = path.join(dataDir, 'gradient.design.json');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-cli-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function writeScratch(name, text) {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, text);
  return file;
}

test('native and node plans of the same design are byte-identical', () => {
  // (smooth.design.json: smooth strokes of three cell sizes over a step, an add stroke and each other.)
  for (const design of [gradientDesign, path.join(dataDir, 'smooth.design.json')]) {
    const native = runSmp('native', ['plan', design]);
    const node = runSmp('node', ['plan', design]);
    assert.equal(native.status, 0, native.stderr);
    assert.equal(node.status, 0, node.stderr);
    assert.ok(native.stdout.length > 10000);
    assert.ok(native.stdout === node.stdout, `plans of ${path.basename(design)} differ between native and WebAssembly`);
  }
});

for (const build of Object.keys(BUILDS)) {
  test(`${build}: plan writes a plan whose sessions add up to the target`, () => {
    const out = path.join(scratch, `${build}.plan.json`);
    const result = runSmp(build, ['plan', gradientDesign, '-o', out]);
    assert.equal(result.status, 0, result.stderr);
    const plan = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(plan.type, 'smp.plan');
    assert.equal(plan.schema_version, 2);
    assert.equal(plan.design.seed, 42);
    assert.deepEqual(plan.sessions.map((s) => s.day), [0, 14, 28]);
    const counts = plan.sessions.map((s) => s.dots.length);
    assert.deepEqual(counts, plan.sessions.map((s) => s.dot_count));
    assert.equal(counts.reduce((a, b) => a + b, 0), plan.summary.total_dots);
    // About the mean target over 24 cm² (the bilinear field averages ~72 dots/cm²), within 5 %.
    const expected = plan.summary.mean_target_density_per_cm2 * plan.summary.treated_area_cm2;
    assert.ok(Math.abs(plan.summary.total_dots - expected) / expected < 0.05,
              `${plan.summary.total_dots} dots for ${expected.toFixed(0)} expected`);
    for (const dot of plan.sessions[0].dots) {
      // [x, y, diameter, pigment (session 1's fill or dark scatter), zone (none on a flat template)]
      assert.equal(dot.length, 5);
      assert.ok(dot[0] >= 0 && dot[0] < 60 && dot[1] >= 0 && dot[1] < 40 && dot[2] === 0.25);
      assert.equal(plan.pigments[dot[3]].session, 1);
      assert.equal(dot[4], -1);
    }
    assert.match(plan.disclaimer, /illustration, not a promise/);
  });

  test(`${build}: validate accepts a good design and names the problem in a bad one`, () => {
    const good = runSmp(build, ['validate', gradientDesign]);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^ok: /);

    const negative = writeScratch('negative.json', JSON.stringify({
      type: 'smp.design', schema_version: 1,
      density: { layers: [{ kind: 'grid', cell_mm: 5, cols: 2, rows: 1, per_cm2: [10, -4] }] },
    }));
    const bad = runSmp(build, ['validate', negative]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /density\.layers\[0\]\.per_cm2\[1\] must be a density from 0 to 150 dots\/cm², got -4/);
    assert.equal(bad.stderr.trim().split('\n').length, 1, 'one line');

    const notJson = writeScratch('broken.json', '{"type": "smp.design", ');
    const broken = runSmp(build, ['plan', notJson]);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /not valid JSON: parse error at line 1/);

    const missing = runSmp(build, ['plan', path.join(scratch, 'nope.json')]);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot open '.*nope\.json'/);

    const usage = runSmp(build, ['plan']);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /plan needs a design file/);
    const unknown = runSmp(build, ['bench', gradientDesign, '--fast']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option '--fast'/);
    const runs = runSmp(build, ['bench', gradientDesign, '--runs', 'lots']);
    assert.equal(runs.status, 2);
    assert.match(runs.stderr, /--runs must be from 1 to 1000, got 'lots'/);
  });

  test(`${build}: a design too dense for its dots is refused, not drawn merged`, () => {
    const dense = writeScratch('dense.json', JSON.stringify({
      type: 'smp.design', schema_version: 1, dot_diameter_mm: 0.6,
      template: { kind: 'flat', width_mm: 20, height_mm: 20 },
      density: { layers: [{ kind: 'grid', cell_mm: 20, cols: 1, rows: 1, per_cm2: [150] }] },
    }));
    const result = runSmp(build, ['plan', dense]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /too dense for 0\.60 mm dots/);
  });
}

for (const build of Object.keys(BUILDS)) {
  test(`${build}: validate reads plans too, and names what is wrong in a broken one`, () => {
    const out = path.join(scratch, `${build}.validate.plan.json`);
    assert.equal(runSmp(build, ['plan', gradientDesign, '-o', out]).status, 0);
    const good = runSmp(build, ['validate', out]);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /^ok: .* is a valid plan \(3 sessions, \d+ dots\)$/m);
    const broken = writeScratch(`${build}.broken.plan.json`, fs.readFileSync(out, 'utf8').replace('"dot_count":', '"dot_count":1'));
    const bad = runSmp(build, ['validate', broken]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /sessions\[0\]\.dot_count is 1\d+ but sessions\[0\]\.dots has \d+/);
  });
}
