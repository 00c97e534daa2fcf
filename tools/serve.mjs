// A small static file server for the built app (make run, and the browser tests).
//
//   node tools/serve.mjs [DIR] [--port N] [--host H] [--demo-port M]
//
// --demo-port also serves DIR/demo (the demo clinic page that embeds the designer) on port M: a
// second origin, as a clinic's site would be.
//
// Serves .wasm as application/wasm (streaming compilation needs it), never lists directories,
// never serves outside DIR, and answers only on the loopback address unless told otherwise.
//
// Compression: text, JavaScript and WebAssembly go out as brotli or gzip when the request's
// Accept-Encoding allows (brotli first), with Vary: Accept-Encoding; otherwise as they are. The
// compressed bytes come from FILE.br / FILE.gz beside the file (tools/precompress.mjs, run by the
// build), used only when they decompress to the file's bytes, or else are made here (gzip -9,
// brotli 5: quick); either way once per file version, cached by its size and modification time, so
// a rebuild under a running server is served fresh. Each version has its ETag, so a revalidation
// (the service worker's install, a reload) costs a 304 instead of the file again.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
// What gains from compression; images are compressed already (PNG) or served rarely (.ico).
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.txt']);

/** True for the files the server sends compressed when it may (and tools/precompress.mjs compresses). */
export function isCompressible(file) {
  return COMPRESSIBLE.has(path.extname(file).toLowerCase());
}

const ENCODINGS = [   // in order of preference
  { name: 'br', suffix: '.br', decompress: zlib.brotliDecompressSync,
    compress: promisify(zlib.brotliCompress), options: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } } },
  { name: 'gzip', suffix: '.gz', decompress: zlib.gunzipSync,
    compress: promisify(zlib.gzip), options: { level: 9 } },
];

/** The content codings an Accept-Encoding header allows ("br;q=0" refuses br; "*" allows any). */
export function acceptedEncodings(header) {
  const weights = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (!token) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    weights.set(token === 'x-gzip' ? 'gzip' : token, q ? Number(q[1]) : 1);
  }
  const allows = (name) => (weights.has(name) ? weights.get(name) > 0 : (weights.get('*') ?? 0) > 0);
  return ENCODINGS.map((e) => e.name).filter(allows);
}

// One version of a compressible file: its bytes and their compressed forms, made once.
async function loadVersion(file, stat) {
  let bytes = await fs.promises.readFile(file);
  // A build writing the file meanwhile: read it again until the bytes are those of one version.
  for (let again = await fs.promises.stat(file), tries = 0;
       (again.size !== stat.size || again.mtimeMs !== stat.mtimeMs || bytes.length !== stat.size) && tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    stat = again;
    bytes = await fs.promises.readFile(file);
    again = await fs.promises.stat(file);
  }
  const tag = `${stat.size.toString(16)}-${stat.mtimeMs.toString(16).replace('.', '')}`;
  const version = { size: stat.size, mtimeMs: stat.mtimeMs, bytes, etag: `"${tag}"`, encoded: new Map() };
  for (const encoding of ENCODINGS) {
    let compressed = null;
    try {
      const sibling = await fs.promises.readFile(file + encoding.suffix);
      if (encoding.decompress(sibling).equals(bytes)) compressed = sibling;   // from this very build
    } catch {
      // none beside it, or not readable as that coding: make it here
    }
    compressed ??= await encoding.compress(bytes, encoding.options);
    if (compressed.length < bytes.length) version.encoded.set(encoding.name, { bytes: compressed, etag: `"${tag}-${encoding.name}"` });
  }
  return version;
}

/**
 * Starts serving `root`; resolves to the http.Server once it listens. Port 0 picks a free port.
 * `onResponse`, when given, hears of every response sent: {path, status, coding, bytes} (bytes: the
 * body as sent, compressed or not; what `make bench` counts).
 */
export function serveDirectory(root, { port = 8080, host = '127.0.0.1', quiet = false, onResponse = null } = {}) {
  const rootDir = path.resolve(root);
  const versions = new Map();   // file -> Promise of its version (loadVersion), latest seen only
  const versionOf = (file, stat) => {
    const cached = versions.get(file);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.promise;
    const promise = loadVersion(file, stat);
    versions.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, promise });
    promise.catch(() => versions.delete(file));
    return promise;
  };
  const server = http.createServer((request, response) => {
    if (onResponse) {
      let bytes = 0, coding = '';
      const writeHead = response.writeHead.bind(response), write = response.write.bind(response), end = response.end.bind(response);
      const count = (chunk) => { if (chunk && typeof chunk !== 'function') bytes += Buffer.byteLength(chunk); };
      response.writeHead = (status, headers) => { coding = headers?.['Content-Encoding'] ?? ''; return writeHead(status, headers); };
      response.write = (chunk, ...rest) => { count(chunk); return write(chunk, ...rest); };
      response.end = (chunk, ...rest) => { count(chunk); return end(chunk, ...rest); };
      response.on('finish', () => onResponse({ path: request.url, status: response.statusCode, coding, bytes }));
    }
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request\n');
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(rootDir, '.' + pathname);
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden\n');
    fs.stat(file, async (statError, stat) => {
      if (statError || !stat.isFile()) return send(404, 'not found\n');
      const headers = {
        'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (!isCompressible(file)) {
        response.writeHead(200, { ...headers, 'Content-Length': stat.size });
        if (request.method === 'HEAD') return response.end();
        return fs.createReadStream(file).pipe(response);
      }
      let version;
      try {
        version = await versionOf(file, stat);
      } catch {
        return send(404, 'not found\n');   // gone or unreadable since the stat
      }
      const name = acceptedEncodings(request.headers['accept-encoding']).find((e) => version.encoded.has(e));
      const chosen = name ? version.encoded.get(name) : { bytes: version.bytes, etag: version.etag };
      Object.assign(headers, { 'Vary': 'Accept-Encoding', 'ETag': chosen.etag });
      if (name) headers['Content-Encoding'] = name;
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === chosen.etag)) {
        response.writeHead(304, { 'Cache-Control': headers['Cache-Control'], 'Vary': headers.Vary, 'ETag': chosen.etag });
        return response.end();
      }
      response.writeHead(200, { ...headers, 'Content-Length': chosen.bytes.length });
      response.end(request.method === 'HEAD' ? undefined : chosen.bytes);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      if (!quiet) {
        const address = server.address();
        console.log(`Serving ${path.relative(process.cwd(), rootDir) || '.'} at http://${host}:${address.port}/ (Ctrl-C stops)`);
      }
      resolve(server);
    });
  });
}

// Command line.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  let root = 'build/wasm/web', portText = process.env.PORT || '8080', host = '127.0.0.1', demoPortText = null;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') portText = args[++i] ?? '';
    else if (args[i] === '--host') host = args[++i];
    else if (args[i] === '--demo-port') demoPortText = args[++i] ?? '';
    else root = args[i];
  }
  const port = /^[0-9]+$/.test(portText) ? Number(portText) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    console.error(`serve: bad port '${portText}' (PORT must be a number from 0 to 65535)`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`serve: ${root}/index.html not found; build the browser app first (make run does)`);
    process.exit(1);
  }
  const fail = (listenPort) => (error) => {
    console.error(`serve: cannot listen on ${host}:${listenPort}: ${error.message}` +
                  (error.code === 'EADDRINUSE' ? ' (port in use: try PORT=9000 make run)' : ''));
    process.exit(1);
  };
  serveDirectory(root, { port, host }).catch(fail(port));
  if (demoPortText !== null) {
    const demoPort = /^[0-9]+$/.test(demoPortText) ? Number(demoPortText) : NaN;
    if (!Number.isInteger(demoPort) || demoPort > 65535) {
      console.error(`serve: bad demo port '${demoPortText}'`);
      process.exit(2);
    }
    serveDirectory(path.join(root, 'demo'), { port: demoPort, host, quiet: true }).then(() => {
      console.log(`Demo clinic page embedding it at http://${host}:${demoPort}/ (another origin)`);
    }, fail(demoPort));
  }
  process.on('SIGINT', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
}
