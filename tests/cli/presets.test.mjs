// Presets from the command line: listed, printed, planned by name; native and WebAssembly plans of
// every preset are byte-identical (a shared design must look the same on the client's phone).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILDS, runSmp } from './smp.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shipped = fs.readdirSync(path.join(repo, 'presets')).filter((f) => f.endsWith('.design.json'))
  .map((f) => f.replace('.design.json', '')).sort();

for (const build of Object.keys(BUILDS)) {
  test(`${build}: presets lists every shipped preset with its title; preset prints it`, () => {
    const list = runSmp(build, ['presets']);
    assert.equal(list.status, 0, list.stderr);
    const names = list.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]);
    assert.deepEqual(names, shipped);
    assert.match(list.stdout, /norwood-7\s+Hamilton–Norwood VII/);

    const printed = runSmp(build, ['preset', 'ludwig-2']);
    assert.equal(printed.status, 0, printed.stderr);
    const fromFile = JSON.parse(fs.readFileSync(path.join(repo, 'presets/ludwig-2.design.json'), 'utf8'));
    assert.deepEqual(JSON.parse(printed.stdout), fromFile);

    const unknown = runSmp(build, ['preset', 'norwood-9']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no preset named 'norwood-9'; presets are: fue-field-scars, fut-strip-scar, /);
    assert.equal(runSmp(build, ['preset']).status, 2);
  });
}

test('every preset plans by name, byte-identical natively and under node', () => {
  for (const name of shipped) {
    const native = runSmp('native', ['plan', name]);
    const node = runSmp('node', ['plan', name]);
    assert.equal(native.status, 0, `${name}: ${native.stderr}`);
    assert.equal(node.status, 0, `${name}: ${node.stderr}`);
    const plan = JSON.parse(native.stdout);
    assert.equal(plan.design.title.length > 0, true);
    assert.ok(plan.summary.total_dots > 1000, `${name}: ${plan.summary.total_dots} dots`);
    assert.ok(native.stdout === node.stdout, `${name}: plans differ between native and WebAssembly`);
  }
});
