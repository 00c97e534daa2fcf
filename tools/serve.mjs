// A small static file server for the built app (make run, and the browser tests).
//
//   node tools/serve.mjs [DIR] [--port N] [--host H] [--demo-port M]
//
// --demo-port also serves DIR/demo (the demo clinic page that embeds the designer) on port M: a
// second origin, as a clinic's site would be.
//
// Serves .wasm as application/wasm (streaming compilation needs it), never lists directories,
// never serves outside DIR, and answers only on the loopback address unless told otherwise.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

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

/** Starts serving `root`; resolves to the http.Server once it listens. Port 0 picks a free port. */
export function serveDirectory(root, { port = 8080, host = '127.0.0.1', quiet = false } = {}) {
  const rootDir = path.resolve(root);
  const server = http.createServer((request, response) => {
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
    fs.stat(file, (statError, stat) => {
      if (statError || !stat.isFile()) return send(404, 'not found\n');
      response.writeHead(200, {
        'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': stat.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (request.method === 'HEAD') return response.end();
      fs.createReadStream(file).pipe(response);
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
