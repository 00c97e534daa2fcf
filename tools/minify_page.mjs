// Minifies the page's HTML or CSS for the browser build: its comments and each line's indentation
// go, nothing else (every tag, attribute, rule and line break stays where it was, so the page reads
// and lays out the same, and a line the tests look for is still there). A first visit loads
// index.html twice (the page, then the service worker's copy): index.html 1.9 -> 1.3 KB and
// style.css 2.2 -> 1.3 KB as gzip. Deterministic: the same input gives the same bytes.
//
//   node tools/minify_page.mjs web/index.html build/wasm/web/index.html
//
// What it relies on, checked here: no <pre>, <textarea> or inline <script>/<style> in the HTML
// (their whitespace or comment-like text would matter), and no "/*" inside a CSS string.
import fs from 'node:fs';
import path from 'node:path';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node tools/minify_page.mjs INPUT.(html|css) OUTPUT');
  process.exit(2);
}
const fail = (message) => {
  console.error(`minify_page: ${input}: ${message}`);
  process.exit(1);
};

const source = fs.readFileSync(input, 'utf8');
let text;
if (input.endsWith('.html')) {
  if (/<(pre|textarea|script|style)[\s>]/i.test(source.replace(/<script [^>]*src=[^>]*><\/script>/gi, ''))) {
    fail('has <pre>, <textarea> or inline <script>/<style>, whose text this minifier would change');
  }
  text = source.replace(/<!--[\s\S]*?-->/g, '');
} else if (input.endsWith('.css')) {
  if (/["'][^"'\n]*\/\*/.test(source)) fail('has "/*" inside a string');
  text = source.replace(/\/\*[\s\S]*?\*\//g, '');
} else {
  fail('neither .html nor .css');
}
const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');

fs.mkdirSync(path.dirname(output), { recursive: true });
const temporary = `${output}.tmp`;
fs.writeFileSync(temporary, lines.join('\n') + '\n');
fs.renameSync(temporary, output);
