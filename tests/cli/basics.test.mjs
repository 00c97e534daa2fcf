// The smp tool's contract, checked on the native and the node build alike:
// exit 0 on success, 1 on bad input, 2 on bad usage, with a one-line message naming the problem.
import test from 'node:test';
import assert from 'node:assert/strict';
import { runSmp, BUILDS } from './smp.mjs';

for (const build of Object.keys(BUILDS)) {
  test(`${build}: --help prints usage and succeeds`, () => {
    const result = runSmp(build, ['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^usage: smp <command>/);
    assert.match(result.stdout, /exit codes: 0 success, 1 bad input, 2 bad usage/);
  });

  test(`${build}: no arguments or an unknown command is a usage error (exit 2)`, () => {
    const bare = runSmp(build, []);
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /usage: smp/);
    const unknown = runSmp(build, ['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^smp: unknown command 'frobnicate'$/m);
  });

  test(`${build}: outline prints the scalp template as JSON in millimetres, for any head size`, () => {
    const result = runSmp(build, ['outline']);
    assert.equal(result.status, 0, result.stderr);
    const outline = JSON.parse(result.stdout);
    assert.equal(outline.type, 'smp.outline');
    assert.deepEqual(outline.measurements, { circumference_mm: 570, glabella_to_nape_mm: 360, ear_to_ear_mm: 300 });
    // DOMAIN.md: a whole scalp is about 500-520 cm².
    assert.ok(outline.area_cm2 > 480 && outline.area_cm2 < 560, `area ${outline.area_cm2} cm²`);
    assert.ok(outline.points_mm.length >= 128);
    for (const [x, y] of outline.points_mm) assert.ok(x >= 0 && x <= outline.width_mm && y >= 0 && y <= outline.height_mm);
    const zoneSum = outline.zones.reduce((sum, zone) => sum + zone.area_cm2, 0);
    assert.ok(Math.abs(zoneSum - outline.area_cm2) / outline.area_cm2 < 0.005, `zones ${zoneSum} vs ${outline.area_cm2}`);
    // The glabella leads, the mid-frontal point is behind it on the midline, the crown further back.
    const { glabella, mid_frontal: midFrontal, crown_whorl: crown } = outline.landmarks;
    assert.ok(glabella[1] < midFrontal[1] && midFrontal[1] < crown[1]);
    assert.ok(Math.abs(glabella[0] - outline.width_mm / 2) < 0.01 && Math.abs(crown[0] - outline.width_mm / 2) < 0.01);

    const larger = JSON.parse(runSmp(build, ['outline', '620', '400', '340']).stdout);
    assert.ok(larger.area_cm2 > outline.area_cm2 && larger.width_mm > outline.width_mm);
    const absurd = runSmp(build, ['outline', '900', '360', '300']);
    assert.equal(absurd.status, 1);
    assert.match(absurd.stderr, /circumference_mm/);
    const extra = runSmp(build, ['outline', 'extra']);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /outline takes no measurements or all three/);
  });
}

test('native and node builds print byte-identical output', () => {
  for (const args of [['outline'], ['--version'], ['--help']]) {
    const native = runSmp('native', args);
    const node = runSmp('node', args);
    assert.equal(node.status, native.status, `exit codes differ for ${args.join(' ')}`);
    assert.equal(node.stdout, native.stdout, `output differs for ${args.join(' ')}`);
  }
});
