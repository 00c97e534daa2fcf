// Compresses the built app once, at build time, the way static hosts serve it (nginx's gzip_static
// and brotli_static, Caddy's precompressed): beside each compressible file FILE it writes FILE.gz
// and FILE.br, when they are smaller. tools/serve.mjs sends them to browsers that accept them, after
// checking that they decompress to FILE's bytes (so a sibling left over from another build is never
// sent), and compresses on the fly what has none. The build runs it after stamping the release
// (web/web.cmake).
//
//   node tools/precompress.mjs DIR
//
// .gz: zopfli (Debian's `zopfli`, tools/setup.sh), a deflate encoder that spends seconds instead of
// milliseconds to find a stream about 5 % smaller than zlib's best, which any gzip decoder reads;
// without it, zlib at level 9. .br: brotli at quality 11 (node's zlib). Both are the same bytes for
// the same input. Needs no network.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isCompressible } from './serve.mjs';

/** FILE's bytes as gzip: zopfli's when it is installed, else zlib's at level 9. */
export function gzipBest(file, bytes = fs.readFileSync(file)) {
  const zopfli = spawnSync('zopfli', ['-c', file], { maxBuffer: 1 << 30 });
  if (!zopfli.error && zopfli.status === 0) return { bytes: zopfli.stdout, encoder: 'zopfli' };
  return { bytes: zlib.gzipSync(bytes, { level: 9 }), encoder: 'zlib -9' };
}

/** FILE's bytes as brotli at its best quality. */
export function brotliBest(bytes) {
  return zlib.brotliCompressSync(bytes, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
}

function compressibleFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return compressibleFiles(file);
    return entry.isFile() && isCompressible(file) ? [file] : [];
  });
}

/** Writes FILE.gz and FILE.br beside every compressible file of `dir`; returns the totals. */
export function precompress(dir) {
  const totals = { files: 0, raw: 0, gzip: 0, br: 0, encoder: 'zlib -9' };
  for (const file of compressibleFiles(dir)) {
    const bytes = fs.readFileSync(file);
    const gzip = gzipBest(file, bytes);
    const br = brotliBest(bytes);
    totals.encoder = gzip.encoder;
    for (const [suffix, compressed] of [['.gz', gzip.bytes], ['.br', br]]) {
      // Not worth sending compressed: no sibling, and none left from an earlier build.
      if (compressed.length < bytes.length) fs.writeFileSync(file + suffix, compressed);
      else fs.rmSync(file + suffix, { force: true });
    }
    totals.files += 1;
    totals.raw += bytes.length;
    totals.gzip += Math.min(gzip.bytes.length, bytes.length);
    totals.br += Math.min(br.length, bytes.length);
  }
  return totals;
}

// Command line.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) {
    console.error('usage: node tools/precompress.mjs DIR');
    process.exit(2);
  }
  const t = precompress(dir);
  const kb = (n) => `${(n / 1000).toFixed(0)} KB`;
  console.log(`precompress: ${t.files} files in ${dir}, ${kb(t.raw)} -> ${kb(t.gzip)} gzip (${t.encoder}), ${kb(t.br)} br`);
}
