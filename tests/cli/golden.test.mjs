// Golden plans: the SHA-256 of the plan bytes `smp plan` writes for every shipped preset and every
// bench design, natively and under node, pinned in tests/cli/data/golden-plans.json.
//
// Why: refactors of the engine and the UI (issue 15: one design equality, one spatial grid, the
// document library) must not move a single dot. Any change of these bytes is either a bug or a
// deliberate change of the engine's output, which then says so in its commit by updating the file:
//   SMP_UPDATE_GOLDEN=1 node --test tests/cli/golden.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { BUILDS } from './smp.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const goldenPath = path.join(repo, 'tests/cli/data/golden-plans.json');

// Every design whose plan is pinned, by its path in the repository.
const designs = [
  ...fs.readdirSync(path.join(repo, 'presets')).filter((f) => f.endsWith('.design.json')).map((f) => `presets/${f}`),
  ...fs.readdirSync(path.join(repo, 'tests/bench')).filter((f) => f.endsWith('.design.json')).map((f) => `tests/bench/${f}`),
].sort();

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

// `smp plan DESIGN` in one build; the bench designs' plans run to megabytes.
function plan(build, design) {
  const [command, ...prefix] = BUILDS[build];
  const result = spawnSync(command, [...prefix, 'plan', path.join(repo, design)], { maxBuffer: 1 << 28, timeout: 120000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

if (process.env.SMP_UPDATE_GOLDEN === '1') {
  test('golden plans: written anew', () => {
    const golden = {};
    for (const design of designs) {
      const native = plan('native', design);
      assert.equal(native.status, 0, `${design}: ${native.stderr}`);
      golden[design] = sha256(native.stdout);
    }
    fs.writeFileSync(goldenPath, JSON.stringify(golden, null, 2) + '\n');
  });
} else {
  const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8'));

  test('golden plans: every preset and bench design is pinned, and nothing else', () => {
    assert.deepEqual(Object.keys(golden).sort(), designs);
  });

  for (const build of Object.keys(BUILDS)) {
    test(`${build}: every pinned plan has its golden bytes`, () => {
      const changed = [];
      for (const design of designs) {
        const planned = plan(build, design);
        assert.equal(planned.status, 0, `${design}: ${planned.stderr}`);
        const hash = sha256(planned.stdout);
        if (hash !== golden[design]) changed.push(`${design}: ${hash} (golden ${golden[design]})`);
      }
      assert.deepEqual(changed, [], `plans changed:\n${changed.join('\n')}`);
    });
  }
}
