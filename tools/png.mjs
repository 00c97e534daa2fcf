// Minimal PNG encoder and decoder (8-bit RGBA and RGB, non-interlaced): enough to write the app
// icons and to read browser screenshots in tests, with no npm dependency. Node's zlib does the work.
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/**
 * Encodes width × height RGBA pixels (Uint8Array, row-major) as a PNG file: indexed colour (a
 * palette with its alpha) when the image has at most 256 colours, which the app icons do and which
 * takes about a third off them; RGBA otherwise. Lossless either way.
 */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;   // bit depth
  const palette = new Map();   // RGBA as one number -> index, in order of first appearance
  for (let i = 0; i < width * height && palette.size <= 256; i++) {
    const colour = ((rgba[i * 4] << 24) | (rgba[i * 4 + 1] << 16) | (rgba[i * 4 + 2] << 8) | rgba[i * 4 + 3]) >>> 0;
    if (!palette.has(colour)) palette.set(colour, palette.size);
  }
  const indexed = palette.size <= 256;
  header[9] = indexed ? 3 : 6;   // colour type: palette, or RGBA
  const stride = indexed ? width : width * 4;
  const raw = Buffer.alloc((stride + 1) * height);   // each row: filter byte 0 (none), then pixels
  for (let y = 0; y < height; y++) {
    if (!indexed) {
      Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (stride + 1) + 1);
      continue;
    }
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      raw[y * (stride + 1) + 1 + x] = palette.get(((rgba[i] << 24) | (rgba[i + 1] << 16) | (rgba[i + 2] << 8) | rgba[i + 3]) >>> 0);
    }
  }
  const chunks = [chunk('IHDR', header)];
  if (indexed) {
    const colours = [...palette.keys()];
    chunks.push(chunk('PLTE', Buffer.from(colours.flatMap((c) => [c >>> 24, (c >>> 16) & 0xff, (c >>> 8) & 0xff]))));
    chunks.push(chunk('tRNS', Buffer.from(colours.map((c) => c & 0xff))));
  }
  chunks.push(chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat([SIGNATURE, ...chunks]);
}

function paeth(a, b, c) {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes an 8-bit RGB, RGBA or indexed non-interlaced PNG into {width, height, rgba}. Throws on others. */
export function decodePng(file) {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8, width = 0, height = 0, colourType = 0;
  let palette = Buffer.alloc(0), alpha = Buffer.alloc(0);
  const idat = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
      if (data[8] !== 8 || ![2, 3, 6].includes(colourType) || data[12] !== 0) {
        throw new Error(`unsupported PNG: depth ${data[8]}, colour type ${colourType}, interlace ${data[12]}`);
      }
    } else if (type === 'PLTE') {
      palette = data;
    } else if (type === 'tRNS') {
      alpha = data;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 1;
  const stride = width * channels;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    if (colourType === 3) {
      const index = pixels[i];
      if (index * 3 + 2 >= palette.length) throw new Error(`PNG palette index ${index} out of range`);
      palette.copy(rgba, i * 4, index * 3, index * 3 + 3);
      rgba[i * 4 + 3] = index < alpha.length ? alpha[index] : 255;
      continue;
    }
    rgba[i * 4] = pixels[i * channels];
    rgba[i * 4 + 1] = pixels[i * channels + 1];
    rgba[i * 4 + 2] = pixels[i * channels + 2];
    rgba[i * 4 + 3] = channels === 4 ? pixels[i * channels + 3] : 255;
  }
  return { width, height, rgba };
}
