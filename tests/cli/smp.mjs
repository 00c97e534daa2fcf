// Runs the `smp` tool in both builds, native and WebAssembly-under-node, with the same arguments.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const BUILDS = {
  native: [path.join(repoRoot, 'build', 'native', 'bin', 'smp')],
  node: [process.execPath, path.join(repoRoot, 'build', 'wasm', 'bin', 'smp.js')],
};

/** Runs `smp args...` in one build; returns {status, stdout, stderr}. */
export function runSmp(build, args, { input } = {}) {
  const [command, ...prefix] = BUILDS[build];
  const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', input, timeout: 60000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
