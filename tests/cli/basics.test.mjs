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

  test(`${build}: outline prints the template as JSON in millimetres`, () => {
    const result = runSmp(build, ['outline']);
    assert.equal(result.status, 0, result.stderr);
    const outline = JSON.parse(result.stdout);
    assert.equal(outline.type, 'smp.outline');
    assert.equal(outline.width_mm, 240);
    assert.equal(outline.height_mm, 290);
    assert.ok(outline.area_cm2 > 480 && outline.area_cm2 < 560, `area ${outline.area_cm2} cm²`);
    assert.equal(outline.points_mm.length, 256);
    const extra = runSmp(build, ['outline', 'extra']);
    assert.equal(extra.status, 2);
    assert.match(extra.stderr, /outline takes no arguments, got 'extra'/);
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
