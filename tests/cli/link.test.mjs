// `smp link` and `smp unlink`, native and node builds: the same links, designs that come back as
// the same plans, and damaged links refused with a message.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSmp, BUILDS } from './smp.mjs';

const dataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-link-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const designs = ['norwood-4', 'fut-strip-scar', 'hairline-broken', path.join(dataDir, 'smooth.design.json')];

function linkOf(build, design, extra = []) {
  const result = runSmp(build, ['link', design, ...extra]);
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

test('native and node builds make the same link for the same design', () => {
  for (const design of designs) {
    const native = linkOf('native', design);
    assert.match(native, /^#d=1\.[A-Za-z0-9_-]+$/);
    assert.ok(native.length <= 2000, `${design}: ${native.length} characters`);
    assert.equal(linkOf('node', design), native, `${design}: links differ between native and WebAssembly`);
  }
});

for (const build of Object.keys(BUILDS)) {
  test(`${build}: a design through link and unlink gives the same plan, byte for byte`, () => {
    for (const design of designs) {
      const link = linkOf(build, design, ['--base', 'http://127.0.0.1:8080/']);
      assert.ok(link.startsWith('http://127.0.0.1:8080/#d=1.'));
      const out = path.join(scratch, `${build}-${path.basename(design)}.design.json`);
      const unlinked = runSmp(build, ['unlink', link, '-o', out]);
      assert.equal(unlinked.status, 0, unlinked.stderr);
      const before = runSmp(build, ['plan', design]);
      const after = runSmp(build, ['plan', out]);
      assert.equal(after.status, 0, after.stderr);
      assert.ok(before.stdout === after.stdout, `${design}: the plan changed through the link`);
    }
  });

  test(`${build}: unlink reads a link from stdin and prints the design`, () => {
    const link = linkOf(build, 'ludwig-2');
    const result = runSmp(build, ['unlink', '-'], { input: `${link}\n` });
    assert.equal(result.status, 0, result.stderr);
    const design = JSON.parse(result.stdout);
    assert.equal(design.type, 'smp.design');
    assert.equal(design.title, JSON.parse(runSmp(build, ['preset', 'ludwig-2']).stdout).title);
  });

  test(`${build}: damaged, foreign and future links are refused with a message that says why`, () => {
    const link = linkOf(build, 'norwood-3');
    const cases = [
      [link.slice(0, link.length - 7), /damaged: its checksum does not match/],
      [`${link.slice(0, 20)}*${link.slice(21)}`, /character that does not belong in it \('\*' at position 16/],
      [link.replace('#d=1.', '#d=7.'), /newer version of the designer \(link version 7; this one opens up to version 1\)/],
      ['https://example.com/page#section', /not a design link/],
      ['#d=', /no design in it/],
    ];
    for (const [text, expected] of cases) {
      const result = runSmp(build, ['unlink', text]);
      assert.equal(result.status, 1, `${text}: ${result.stderr}`);
      assert.match(result.stderr, expected);
      assert.equal(result.stdout, '');
    }
    assert.equal(runSmp(build, ['unlink']).status, 2);
    assert.equal(runSmp(build, ['link', 'norwood-3', '--base', 'http://x/#y']).status, 2);
  });
}
