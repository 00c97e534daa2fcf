// Draws the app icons (web/icons/icon-192.png, icon-512.png) to match web/favicon.svg:
// a scalp with a few follicle dots on the brand colour. Run after changing the design:
//   node tools/make_icons.mjs
// Then zopflipng (Debian's `zopfli`, tools/setup.sh), when installed, recompresses each file: the
// same indexed-colour pixels, 1.7 + 5.4 KB -> 1.6 + 4.5 KB with 4 x 4 samples a pixel, 1.4 + 4.1 KB
// with the 3 x 3 used now (the first visit downloads both; ten levels of edge are as smooth to the
// eye as seventeen, and the 0.5 KB paid for the photo view's and the before/after line's layout).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const BRAND = [42, 107, 140], SKIN = [233, 205, 182], DOT = [59, 42, 32];
const DOTS = [[24, 22], [32, 19], [40, 22], [20, 30], [28, 28], [36, 28], [44, 30], [24, 37], [32, 36],
              [40, 37], [20, 44], [28, 44], [36, 44], [44, 44], [32, 51]];

// Colour of the 64-unit design at (u, v); null outside the rounded square (transparent).
function shade(u, v) {
  const r = 14, cu = Math.min(Math.max(u, r), 64 - r), cv = Math.min(Math.max(v, r), 64 - r);
  if ((u - cu) ** 2 + (v - cv) ** 2 > r * r) return null;
  for (const [x, y] of DOTS) if ((u - x) ** 2 + (v - y) ** 2 <= 4) return DOT;
  if (((u - 32) / 20) ** 2 + ((v - 34) / 23) ** 2 <= 1) return SKIN;
  return BRAND;
}

function drawIcon(size) {
  const rgba = new Uint8Array(size * size * 4);
  const samples = 3;   // 3 × 3 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = shade(((px + (sx + 0.5) / samples) / size) * 64, ((py + (sy + 0.5) / samples) / size) * 64);
          if (c) { r += c[0]; g += c[1]; b += c[2]; covered++; }
        }
      }
      const i = (py * size + px) * 4;
      if (covered) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
      }
      rgba[i + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return encodePng(size, size, rgba);
}

const outDir = path.join(here, '..', 'web', 'icons');
fs.mkdirSync(outDir, { recursive: true });
for (const size of [192, 512]) {
  const file = path.join(outDir, `icon-${size}.png`);
  fs.writeFileSync(file, drawIcon(size));
  const zopflipng = spawnSync('zopflipng', ['-y', '--iterations=15', '--filters=01234mepb', file, file]);
  if (zopflipng.error || zopflipng.status !== 0) console.warn(`make_icons: ${file} left as encoded (zopflipng not run)`);
}
