// Stamps the service worker of one release: writes DIR/sw.js from web/sw.js with the release id and
// every app file's fingerprint filled in: the first 128 bits of its SHA-256, as hex. (The whole
// 256 bits, and the stamp's indentation, cost every first visit 0.4 KB of gzip; 128 bits tell two
// versions of a file apart as surely in practice.) The build runs it after staging the app
// (web/web.cmake).
//
//   node tools/stamp_release.mjs DIR [--template FILE]
//
// The release id is a hash of the template and of every app file (name and bytes), so it changes
// whenever any of them does and never otherwise: the same files give the same sw.js, byte for byte.
// The worker checks each file it downloads against its fingerprint, so one release's files (above all
// smp-designer.js and smp-designer.wasm) are only ever cached together. The worker's code is
// minified by terser on the way (comments and local names go; its top-level names, RELEASE among
// them, stay): 2.8 -> 1.9 KB as gzip, which every first visit downloads. Needs no network.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

/** What the worker precaches, relative to DIR (and to the worker's scope). Nothing else is cached. */
export const APP_FILES = [
  'index.html', 'style.css', 'smp-designer.js', 'smp-designer.wasm',
  // The page's modules (web/js/; staged by SMP_WEB_STATIC_FILES in web/web.cmake): all of them, or
  // the page cannot start offline.
  'js/main.js', 'js/messages.js', 'js/api.js', 'js/pointer_input.js', 'js/host_files.js', 'js/storage.js',
  'js/embed_protocol.js', 'js/service_worker.js', 'js/announcer.js', 'js/keyboard.js', 'js/appearance.js',
  'js/text_entry.js', 'js/viewport.js', 'js/photo_bridge.js',
  'favicon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'manifest.webmanifest',
];

/**
 * Modules the page imports only when a feature is first used (api.js: photos.js), so a first visit
 * does not download them. Hashed like APP_FILES; the worker caches each on its first use, checked
 * against its fingerprint, and a new release takes along those the old one had cached (web/sw.js).
 */
export const LAZY_FILES = ['js/photos.js'];

// The one line of web/sw.js that the stamp replaces.
const PLACEHOLDER = /^const RELEASE = \{ id: 'unstamped', files: \{\}, lazy: \{\} \};.*$/m;

const fingerprint = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 32);

// The placeholder as terser writes it (statements are neither joined nor sequenced, below).
const MINIFIED_PLACEHOLDER = 'const RELEASE={id:"unstamped",files:{},lazy:{}};';

/** Writes `dir`/sw.js stamped for the files in `dir`; resolves to {id, files, lazy}. Throws on a missing file. */
export async function stampRelease(dir, template = fileURLToPath(new URL('../web/sw.js', import.meta.url))) {
  const source = fs.readFileSync(template, 'utf8');
  if (!PLACEHOLDER.test(source)) throw new Error(`${template} has no "const RELEASE = { id: 'unstamped', files: {}, lazy: {} };" line`);
  const files = {};
  const release = crypto.createHash('sha256').update(fingerprint(source));
  for (const name of APP_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the browser app first`);
    files[name] = fingerprint(fs.readFileSync(file));
    release.update(`\n${name}\n${files[name]}`);
  }
  const lazy = {};
  for (const name of LAZY_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the browser app first`);
    lazy[name] = fingerprint(fs.readFileSync(file));
    release.update(`\nlazy ${name}\n${lazy[name]}`);
  }
  const id = release.digest('hex').slice(0, 16);
  const line = `const RELEASE = ${JSON.stringify({ id, files, lazy })};  // stamped by tools/stamp_release.mjs`;
  const { code } = await minify(source, {
    ecma: 2020, compress: { passes: 2, join_vars: false, sequences: false }, mangle: true, format: { comments: false },
  });
  if (!code.includes(MINIFIED_PLACEHOLDER)) throw new Error(`${template}: the RELEASE line did not survive minification`);
  fs.writeFileSync(path.join(dir, 'sw.js'), code.replace(MINIFIED_PLACEHOLDER, () => `\n${line}\n`) + '\n');
  return { id, files, lazy };
}

// Command line.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let dir = null, template;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--template') template = args[++i];
    else dir = args[i];
  }
  if (!dir) {
    console.error('usage: node tools/stamp_release.mjs DIR [--template web/sw.js]');
    process.exit(2);
  }
  try {
    const { id } = await stampRelease(dir, template);
    console.log(`stamp_release: ${path.join(dir, 'sw.js')} is release ${id}`);
  } catch (error) {
    console.error(`stamp_release: ${error.message}`);
    process.exit(1);
  }
}
