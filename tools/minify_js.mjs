// Minifies one of the page's ES modules for the browser build (terser: compress and mangle,
// module scope, no comments), so a first visit downloads the code without its explanations:
// web/js/*.js 18 KB -> 9 KB as gzip. Deterministic: the same input gives the same bytes.
//
//   node tools/minify_js.mjs web/js/main.js build/wasm/web/js/main.js
//
// Names that other modules import and properties the page or the app read (window.smp,
// Module.smpPage, messages between frames) are kept: module exports and properties are not
// mangled, only local names.
import fs from 'node:fs';
import path from 'node:path';
import { minify } from 'terser';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node tools/minify_js.mjs INPUT.js OUTPUT.js');
  process.exit(2);
}
const source = fs.readFileSync(input, 'utf8');
let result;
try {
  result = await minify({ [path.basename(input)]: source }, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
} catch (error) {
  console.error(`minify_js: ${input}: ${error.message}${error.line ? ` (line ${error.line}, column ${error.col})` : ''}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(output), { recursive: true });
const temporary = `${output}.tmp`;
fs.writeFileSync(temporary, result.code + '\n');
fs.renameSync(temporary, output);
