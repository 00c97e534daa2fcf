// A virtual X display for the tests that need one: Firefox and WebKitGTK (tests/engines), the
// desktop app and the GPU head view check (tests/e2e). Xvfb picks a free display number itself and
// tells us through -displayfd, so runs side by side never race for one (xvfb-run -a guesses a
// number, and its own clean-up can fail and replace the program's exit status with 5).
import { spawn } from 'node:child_process';

/**
 * Starts Xvfb on a free display with one screen of `screen` (WIDTHxHEIGHTxDEPTH). Resolves to
 * `{display, env, close()}`: `display` like ":3", `env` the process environment with DISPLAY set
 * for the programs to start on it. The display goes when close() is called or node exits.
 */
export async function startDisplay({ screen = '1600x1200x24' } = {}) {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp', '-noreset'],
                     { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr.on('data', (chunk) => { stderr += chunk; });
  const display = await new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${stderr}`)), 15000);
    xvfb.stdio[3].on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) { clearTimeout(timer); resolve(`:${text.trim()}`); }
    });
    xvfb.once('exit', (code) => { clearTimeout(timer); reject(new Error(`Xvfb exited (${code}): ${stderr}`)); });
  });
  // A run stopped half-way (a timeout, Ctrl-C) takes the display, and what runs on it, along.
  const stop = () => xvfb.kill();
  process.once('exit', stop);
  return {
    display,
    env: { ...process.env, DISPLAY: display },
    close() {
      process.off('exit', stop);
      stop();
    },
  };
}
