// Photos of the client's head, kept on this device only (issue 18). Loaded on first use (api.js:
// window.smp.photos imports this module), so a first visit downloads none of it.
//
// [SECTION] Limits and names
// [SECTION] Sniffing: what the bytes are, before anything decodes them
// [SECTION] Decoding, scaling, re-encoding
// [SECTION] The store (IndexedDB 'smp-photos')
// [SECTION] The calls behind window.smp.photos
// [SECTION] Design files with photos
//
// Where a photo goes: IndexedDB only (database 'smp-photos', object store 'photos'), under the key
// of the design it was added to (storage.js: currentDesignKey). Never into a request, the share
// link, the autosave (localStorage) or a saved design file, unless the person asks for a file with
// photos (saveDesignWithPhotos). Every photo is decoded and encoded again in the browser: what is
// stored has no EXIF data (camera, time, GPS position), and is at most 2048 px a side.
import { call } from './api.js';
import { currentDesignKey, nextDesignKey } from './storage.js';
import { showNotice } from './messages.js';

// -------------------------------------------------------------------------------------------------
// [SECTION] Limits and names
// -------------------------------------------------------------------------------------------------

export const VIEWS = ['front', 'top', 'left', 'right', 'back'];
// core/marks_json.h's landmarks (HeadLandmarkName).
export const LANDMARKS = ['glabella', 'frontotemporal_left', 'frontotemporal_right', 'vertex', 'ear_left', 'ear_right', 'nape'];
export const MAX_SIDE_PX = 2048;                    // a stored photo's longer side at most
export const MAX_FILE_BYTES = 64 * 1000 * 1000;     // what add() reads at all (64 MB)
export const MAX_SOURCE_PIXELS = 400 * 1000 * 1000; // 20,000 x 20,000 px: larger images are not decoded
const JPEG_QUALITY = 0.9;
const DB_NAME = 'smp-photos';
const STORE = 'photos';

const ok = (fields = {}) => ({ ok: true, ...fields });
const fail = (error) => ({ ok: false, error });
const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function nameOf(blob) {
  return blob && typeof blob.name === 'string' && blob.name ? `"${blob.name}"` : 'the image';
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Sniffing
// -------------------------------------------------------------------------------------------------

const ascii = (bytes, at, length) => String.fromCharCode(...bytes.subarray(at, at + length));
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u16le = (b, i) => b[i] | (b[i + 1] << 8);
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);
const u32le = (b, i) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;

// PNG: its size from IHDR; animated (APNG) when an acTL chunk comes before the first IDAT; whole
// when its chunks lead to IEND.
function sniffPng(b) {
  const info = { kind: 'png', media_type: 'image/png', animated: false, complete: false, width: 0, height: 0 };
  if (b.length >= 24 && ascii(b, 12, 4) === 'IHDR') { info.width = u32be(b, 16); info.height = u32be(b, 20); }
  let seenData = false;
  for (let at = 8; at + 8 <= b.length;) {
    const length = u32be(b, at), type = ascii(b, at + 4, 4);
    if (type === 'acTL' && !seenData) info.animated = true;
    if (type === 'IDAT') seenData = true;
    if (type === 'IEND') { info.complete = seenData && at + 12 <= b.length; break; }
    at += 12 + length;
  }
  return info;
}

// Whether the EXIF orientation at TIFF header `t` turns the image by 90 degrees (values 5-8): the
// decoded, upright image then has width and height swapped.
function exifTurnsSideways(b, t) {
  if (t + 8 > b.length) return false;
  const little = b[t] === 0x49;
  const u16 = (i) => (little ? b[i] | (b[i + 1] << 8) : (b[i] << 8) | b[i + 1]);
  const u32 = (i) => (little ? u32le(b, i) : u32be(b, i));
  const ifd = t + u32(t + 4);
  if (ifd + 2 > b.length) return false;
  for (let i = 0, count = u16(ifd); i < count && ifd + 2 + i * 12 + 12 <= b.length; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) return u16(entry + 8) >= 5 && u16(entry + 8) <= 8;
  }
  return false;
}

// JPEG: its size from the first start-of-frame segment (upright: swapped when EXIF turns it); whole when an end-of-image marker follows
// the scan (inside the scan's data a 0xFF is always followed by 0x00 or a restart marker, so FF D9
// is the end; a phone's trailer after it, such as a motion photo's video, is left to the decoder).
function sniffJpeg(b) {
  const info = { kind: 'jpeg', media_type: 'image/jpeg', animated: false, complete: false, width: 0, height: 0 };
  for (let at = 2; at + 4 <= b.length;) {
    if (b[at] !== 0xFF) break;
    const marker = b[at + 1];
    if (marker === 0xFF) { at++; continue; }
    if (marker >= 0xC0 && marker <= 0xCF && marker !== 0xC4 && marker !== 0xC8 && marker !== 0xCC && at + 9 <= b.length) {
      info.height = (b[at + 5] << 8) | b[at + 6];
      info.width = (b[at + 7] << 8) | b[at + 8];
    }
    if (marker === 0xE1 && ascii(b, at + 4, 6) === 'Exif\0\0' && exifTurnsSideways(b, at + 10)) info.sideways = true;
    if (marker === 0xDA) {
      if (info.sideways) [info.width, info.height] = [info.height, info.width];
      for (let i = at + 2; i + 1 < b.length; i++) {
        if (b[i] === 0xFF && b[i + 1] === 0xD9) { info.complete = true; break; }
      }
      break;
    }
    at += 2 + ((b[at + 2] << 8) | b[at + 3]);
  }
  return info;
}

// GIF: counts the frames (image descriptors); more than one is an animation.
function sniffGif(b) {
  const info = { kind: 'gif', media_type: 'image/gif', animated: false, complete: false, width: u16le(b, 6), height: u16le(b, 8) };
  let at = 13;
  if (b[10] & 0x80) at += 3 * (2 << (b[10] & 7));
  const skipBlocks = () => { while (at < b.length && b[at] !== 0) at += b[at] + 1; at++; };
  let frames = 0;
  while (at < b.length) {
    const block = b[at];
    if (block === 0x2C) {
      if (++frames > 1) { info.animated = true; break; }
      const flags = b[at + 9];
      at += 10;
      if (flags & 0x80) at += 3 * (2 << (flags & 7));
      at++;   // LZW minimum code size
      skipBlocks();
    } else if (block === 0x21) {
      at += 2;
      skipBlocks();
    } else {
      info.complete = block === 0x3B;   // the trailer, or damage
      break;
    }
  }
  return info;
}

// WebP: animated when VP8X has its animation flag or an ANIM chunk is there; the size from VP8X,
// VP8 or VP8L.
function sniffWebp(b) {
  const info = { kind: 'webp', media_type: 'image/webp', animated: false, complete: 8 + u32le(b, 4) <= b.length, width: 0, height: 0 };
  for (let at = 12; at + 8 <= b.length;) {
    const type = ascii(b, at, 4), length = u32le(b, at + 4), data = at + 8;
    if (type === 'VP8X' && data + 10 <= b.length) {
      if (b[data] & 0x02) info.animated = true;
      info.width = u24le(b, data + 4) + 1;
      info.height = u24le(b, data + 7) + 1;
    } else if (type === 'ANIM' || type === 'ANMF') {
      info.animated = true;
    } else if (type === 'VP8 ' && !info.width && data + 10 <= b.length) {
      info.width = u16le(b, data + 6) & 0x3FFF;
      info.height = u16le(b, data + 8) & 0x3FFF;
    } else if (type === 'VP8L' && !info.width && data + 5 <= b.length) {
      const bits = u32le(b, data + 1);
      info.width = (bits & 0x3FFF) + 1;
      info.height = ((bits >>> 14) & 0x3FFF) + 1;
    }
    at = data + length + (length & 1);
  }
  return info;
}

function looksLikeText(b) {
  const sample = b.subarray(0, 1024);
  let text = 0;
  for (const c of sample) if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 127)) text++;
  return sample.length > 0 && !sample.includes(0) && text === sample.length;
}

/**
 * What the first bytes of a file are: {kind, media_type, animated, width, height} for an image
 * format this browser may decode, or {refusal} saying why the file is no photo.
 */
export function sniff(bytes) {
  const b = bytes;
  if (b.length === 0) return { refusal: 'is empty' };
  if (b.length >= 8 && u32be(b, 0) === 0x89504E47 && u32be(b, 4) === 0x0D0A1A0A) return sniffPng(b);
  if (b.length >= 3 && b[0] === 0xFF && b[1] === 0xD8 && b[2] === 0xFF) return sniffJpeg(b);
  if (b.length >= 13 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return sniffGif(b);
  if (b.length >= 16 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return sniffWebp(b);
  if (b.length >= 12 && ascii(b, 4, 4) === 'ftyp') {
    const brand = ascii(b, 8, 4);
    if (/^(avif|avis)$/.test(brand)) return { kind: 'avif', media_type: 'image/avif', animated: brand === 'avis', width: 0, height: 0 };
    if (/^(heic|heix|heim|heis|hevc|hevx|mif1|msf1)$/.test(brand)) return { kind: 'heic', media_type: 'image/heic', animated: false, width: 0, height: 0 };
  }
  if (b.length >= 2 && ascii(b, 0, 2) === 'BM') return { kind: 'bmp', media_type: 'image/bmp', animated: false, width: 0, height: 0 };
  const head = new TextDecoder().decode(b.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head) || (/^<\?xml/.test(head) && /<svg[\s>]/i.test(head))) {
    return { refusal: 'is a drawing (SVG), not a photo' };
  }
  if (ascii(b, 0, 5) === '%PDF-') return { refusal: 'is not a photo: it is a PDF document' };
  if (looksLikeText(b)) return { refusal: 'is not a photo: it is a text file' };
  return { refusal: 'is not a photo: its bytes are no image format this browser reads (PNG, JPEG, WebP, GIF, AVIF, BMP; HEIC where the browser reads it)' };
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Decoding, scaling, re-encoding
// -------------------------------------------------------------------------------------------------

/** The size that fits within MAX_SIDE_PX a side, keeping the aspect. */
export function fittedSize(width, height) {
  const scale = Math.min(1, MAX_SIDE_PX / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

function newCanvas(width, height) {
  if (typeof OffscreenCanvas === 'function') return new OffscreenCanvas(width, height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

async function canvasToBlob(canvas, type, quality) {
  if (canvas.convertToBlob) return canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the photo'))), type, quality));
}

// Decodes (turned upright by its EXIF orientation) and scales to at most MAX_SIDE_PX a side, then
// encodes again: PNG stays PNG (lossless: synthetic renders keep their exact pixels), anything
// else becomes JPEG. An image larger than that is scaled while it is decoded (createImageBitmap's
// resize: Chromium decodes a 20,000 x 20,000 px PNG so in about 3 s, where a full decode and a
// canvas of that size would take much longer and 1.6 GB), to the upright size by the header (a
// JPEG's EXIF orientation counted); the canvas below fits whatever comes out.
async function decodeAndStore(blob, info, name) {
  let bitmap = null;
  const large = Math.max(info.width, info.height) > MAX_SIDE_PX;
  const options = { imageOrientation: 'from-image' };
  if (large) {
    const size = fittedSize(info.width, info.height);
    Object.assign(options, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
  }
  try {
    bitmap = await createImageBitmap(blob, options);
  } catch (e) {
    if (info.kind === 'heic') throw new Error(`${name} is a HEIC photo, which this browser cannot read; choose JPEG ("Most Compatible") in the phone's camera settings, or export it as JPEG`);
    if (large) throw new Error(`${name} could not be read: at ${info.width} x ${info.height} px it may be too large for this browser to decode (${e.message}), or the file is damaged`);
    throw new Error(`${name} could not be read: the file may be cut short or damaged`);
  }
  try {
    const sourceWidth = info.width || bitmap.width, sourceHeight = info.height || bitmap.height;
    const size = fittedSize(bitmap.width, bitmap.height);
    const canvas = newCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('the browser has no memory left for a canvas to scale the photo');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const mediaType = info.kind === 'png' ? 'image/png' : 'image/jpeg';
    const stored = await canvasToBlob(canvas, mediaType, JPEG_QUALITY);
    return { blob: stored, width: size.width, height: size.height, source_width: sourceWidth, source_height: sourceHeight, media_type: mediaType };
  } finally {
    bitmap.close();
  }
}

/** Checks a file and makes the photo to store: {ok, blob, width, height, media_type, note} or {ok: false, error}. */
export async function preparePhoto(blob) {
  const name = nameOf(blob);
  if (!(blob instanceof Blob)) return fail('add() takes a File or a Blob of a photo');
  if (blob.size > MAX_FILE_BYTES) return fail(`${name} is ${megabytes(blob.size)}; a photo file can be at most ${megabytes(MAX_FILE_BYTES)}`);
  let bytes;
  try {
    bytes = new Uint8Array(await blob.arrayBuffer());
  } catch (e) {
    return fail(`${name} could not be read from the device (${e.message})`);
  }
  const info = sniff(bytes);
  if (info.refusal) return fail(`${name} ${info.refusal}`);
  if (info.animated) return fail(`${name} is animated; choose a still photo`);
  if (info.width * info.height > MAX_SOURCE_PIXELS) {
    return fail(`${name} is ${info.width} x ${info.height} px (${Math.round(info.width * info.height / 1e6)} megapixels); ` +
                `photos of up to ${MAX_SOURCE_PIXELS / 1e6} megapixels can be read: scale it down first`);
  }
  if (info.complete === false) return fail(`${name} could not be read: the file may be cut short or damaged`);
  let photo;
  try {
    photo = await decodeAndStore(new Blob([bytes], { type: info.media_type }), info, name);
  } catch (e) {
    return fail(e.message);
  }
  const scaled = Math.max(photo.source_width, photo.source_height) > MAX_SIDE_PX;
  const note = scaled ? `${name} (${photo.source_width} x ${photo.source_height} px) was scaled to ${photo.width} x ${photo.height} px: photos are kept at most ${MAX_SIDE_PX} px a side` : '';
  return ok({ ...photo, note });
}

// -------------------------------------------------------------------------------------------------
// [SECTION] The store
// -------------------------------------------------------------------------------------------------

let database = null;

function openDatabase() {
  if (database) return database;
  database = new Promise((resolve, reject) => {
    let request;
    try {
      if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('this browser has no IndexedDB');
      request = indexedDB.open(DB_NAME, 1);
    } catch (e) {
      reject(e);
      return;
    }
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'id' });
      store.createIndex('design_key', 'design_key');
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); database = null; };
      resolve(db);
    };
    request.onerror = () => reject(request.error || new Error('IndexedDB refused to open'));
    request.onblocked = () => reject(new Error('another tab holds an older version of the photo store open'));
  });
  database.catch(() => { database = null; });
  return database;
}

// One transaction: `work(store)` queues requests and returns a function giving the result. The
// promise settles when the transaction completes (everything written) or aborts (nothing written).
async function transact(mode, work) {
  const db = await openDatabase();
  return new Promise((resolve, reject) => {
    let tx, result;
    try {
      tx = db.transaction(STORE, mode);
      result = work(tx.objectStore(STORE));
    } catch (e) {
      try { tx?.abort(); } catch (e2) { /* already over */ }
      reject(e);
      return;
    }
    tx.oncomplete = () => resolve(typeof result === 'function' ? result() : result);
    tx.onabort = () => reject(tx.error || new DOMException('the transaction was aborted', 'AbortError'));
    // A failed request aborts the transaction (nothing is written) and onabort says why. (Its
    // default must not be prevented: that would commit the rest without it, and say done.)
    tx.onerror = () => {};
  });
}

async function storageFigures() {
  try {
    const estimate = await navigator.storage.estimate();
    return { bytes: estimate.usage ?? 0, quota: estimate.quota ?? 0 };
  } catch (e) {
    return null;
  }
}

// A storage error in words, with what to do.
async function storageProblem(e, doing) {
  const name = e && e.name;
  if (name === 'QuotaExceededError') {
    const figures = await storageFigures();
    const used = figures ? ` (${megabytes(figures.bytes)} used of ${megabytes(figures.quota)})` : '';
    return `there is no room left in this browser's storage for the photo${used}; delete a photo or free space`;
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError' || /IndexedDB/.test(e?.message ?? '')) {
    return `photos cannot be kept: this browser's storage (IndexedDB) is not available here (private browsing, or storage turned off for this site): ${e.message}`;
  }
  if (name === 'AbortError') return `the photo store stopped ${doing} before it was done (${e.message}); nothing was changed`;
  return `the photo store failed ${doing} (${e?.message ?? e}); nothing was changed`;
}

// A photo's bytes are stored as an ArrayBuffer: Safari's private windows (and WebKit's automation
// sessions) refuse Blobs in IndexedDB ("Error preparing Blob/File data to be stored"), and take
// ArrayBuffers. Records of an earlier version hold a Blob; both read back as a Blob.
const storedBytes = (blob) => blob.arrayBuffer();
const blobOf = (record) => (record.bytes instanceof Blob ? record.bytes : new Blob([record.bytes ?? new ArrayBuffer(0)], { type: record.media_type }));
const sizeOf = (record) => record.bytes?.size ?? record.bytes?.byteLength ?? 0;

const metadata = (record) => ({
  id: record.id, view: record.view, width_px: record.width_px, height_px: record.height_px, media_type: record.media_type,
  size_bytes: sizeOf(record), added_at: record.added_at, marks: record.marks,
});

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return 'photo-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function recordsOf(designKey) {
  return transact('readonly', (store) => {
    const request = store.index('design_key').getAll(designKey);
    return () => request.result.sort((a, b) => (a.added_at < b.added_at ? -1 : a.added_at > b.added_at ? 1 : 0));
  });
}

async function recordById(id) {
  return transact('readonly', (store) => {
    const request = store.get(String(id));
    return () => request.result ?? null;
  });
}

/** Checks a markers object (core/marks_json.h's "marks"): '' when it is fine, else what is wrong. */
export function marksProblem(marks, width, height) {
  if (!marks || typeof marks !== 'object' || Array.isArray(marks)) return 'marks must be an object such as {"glabella": [x, y]}';
  for (const [key, value] of Object.entries(marks)) {
    if (!LANDMARKS.includes(key)) return `marks has an unknown landmark "${String(key).slice(0, 40)}"; landmarks are ${LANDMARKS.join(', ')}`;
    if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isFinite)) return `marks.${key} must be [x, y] in the photo's pixels`;
    if (value[0] < 0 || value[0] > width || value[1] < 0 || value[1] > height) {
      return `marks.${key} [${value[0]}, ${value[1]}] is outside the photo (${width} x ${height} px)`;
    }
  }
  return '';
}

// -------------------------------------------------------------------------------------------------
// [SECTION] The calls behind window.smp.photos (all asynchronous; {ok: true, ...} or {ok: false, error})
// -------------------------------------------------------------------------------------------------

async function putRecord(record) {
  await transact('readwrite', (store) => { store.add(record); });
}

/** add(blob, {view}): {ok, id, width_px, height_px, media_type, note} (note: what was done to it, e.g. scaled). */
export async function add(blob, { view } = {}) {
  if (!VIEWS.includes(view)) return fail(`view must be one of ${VIEWS.join(', ')}`);
  const designKey = currentDesignKey();   // the design open when it was added, however long decoding takes
  const photo = await preparePhoto(blob);
  if (!photo.ok) return photo;
  const record = {
    id: newId(), design_key: designKey, view, width_px: photo.width, height_px: photo.height,
    media_type: photo.media_type, bytes: await storedBytes(photo.blob), added_at: new Date().toISOString(), marks: {},
  };
  try {
    await putRecord(record);
  } catch (e) {
    return fail(`${nameOf(blob)} was not kept: ${await storageProblem(e, 'adding the photo')}`);
  }
  return ok({ id: record.id, view, width_px: record.width_px, height_px: record.height_px, media_type: record.media_type, note: photo.note });
}

/** list(): {ok, photos: [{id, view, width_px, height_px, media_type, size_bytes, added_at, marks}]} of the open design. */
export async function list() {
  try {
    return ok({ photos: (await recordsOf(currentDesignKey())).map(metadata) });
  } catch (e) {
    return fail(await storageProblem(e, 'listing the photos'));
  }
}

/**
 * get(id, {as}): the photo's pixels for the app. as 'rgba' (default): {ok, ..., rgba: Uint8ClampedArray
 * (width_px x height_px x 4, rows top to bottom)}; 'bitmap': {ok, ..., bitmap: ImageBitmap}; 'blob':
 * {ok, ..., blob} (the stored bytes).
 */
export async function get(id, { as = 'rgba' } = {}) {
  let record;
  try {
    record = await recordById(id);
  } catch (e) {
    return fail(await storageProblem(e, 'reading the photo'));
  }
  if (!record) return fail(`there is no photo "${String(id).slice(0, 60)}"`);
  const result = metadata(record);
  if (as === 'blob') return ok({ ...result, blob: blobOf(record) });
  let bitmap;
  try {
    bitmap = await createImageBitmap(blobOf(record));
  } catch (e) {
    return fail(`the stored photo could not be decoded (${e.message})`);
  }
  if (as === 'bitmap') return ok({ ...result, bitmap });
  try {
    const canvas = newCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    return ok({ ...result, rgba: context.getImageData(0, 0, bitmap.width, bitmap.height).data });
  } finally {
    bitmap.close();
  }
}

/** remove(id): {ok} or {ok: false, error}. */
export async function remove(id) {
  try {
    const existed = await transact('readwrite', (store) => {
      const request = store.getKey(String(id));
      store.delete(String(id));
      return () => request.result !== undefined;
    });
    return existed ? ok() : fail(`there is no photo "${String(id).slice(0, 60)}"`);
  } catch (e) {
    return fail(await storageProblem(e, 'deleting the photo'));
  }
}

/** setMarks(id, marks): the markers in the stored photo's pixels, {"glabella": [x, y], ...}; replaces the old ones. */
export async function setMarks(id, marks) {
  try {
    let problem = '';
    const found = await transact('readwrite', (store) => {
      const request = store.get(String(id));
      request.onsuccess = () => {
        const record = request.result;
        if (!record) return;
        problem = marksProblem(marks, record.width_px, record.height_px);
        if (!problem) store.put({ ...record, marks: JSON.parse(JSON.stringify(marks)) });
      };
      return () => Boolean(request.result);
    });
    if (!found) return fail(`there is no photo "${String(id).slice(0, 60)}"`);
    return problem ? fail(problem) : ok();
  } catch (e) {
    return fail(await storageProblem(e, 'saving the markers'));
  }
}

/** usage(): {ok, bytes, quota} of this site's storage (navigator.storage.estimate()), photos_bytes of the open design. */
export async function usage() {
  const figures = await storageFigures();
  if (!figures) return fail('this browser does not say how much storage is used');
  let photosBytes = 0;
  try {
    for (const record of await recordsOf(currentDesignKey())) photosBytes += sizeOf(record);
  } catch (e) { /* the figures above still hold */ }
  return ok({ ...figures, photos_bytes: photosBytes });
}

// -------------------------------------------------------------------------------------------------
// [SECTION] Design files with photos
// -------------------------------------------------------------------------------------------------

async function blobToBase64(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * saveDesignWithPhotos({download}): the open design as a design file (the app's own JSON) with a
 * top-level "photos" section: [{view, width_px, height_px, media_type, data_base64, marks}]
 * (src/core/schema/design.schema.json). {ok, text, name, photos: count}; with download: true the
 * browser also saves it as NAME.design.json.
 */
export async function saveDesignWithPhotos({ download = false } = {}) {
  let records;
  try {
    records = await recordsOf(currentDesignKey());
  } catch (e) {
    return fail(await storageProblem(e, 'reading the photos'));
  }
  const design = call('getDesign');
  const photos = [];
  for (const record of records) {
    photos.push({ view: record.view, width_px: record.width_px, height_px: record.height_px, media_type: record.media_type,
                  data_base64: await blobToBase64(blobOf(record)), marks: record.marks ?? {} });
  }
  const text = JSON.stringify({ ...design, photos }, null, 2) + '\n';
  const stem = (String(design.title ?? '').replace(/[^A-Za-z0-9 ._-]+/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'design');
  const name = `${stem}.design.json`;
  if (download) window.Module?.smpPage?.download(name, 'application/json', text);
  return ok({ text, name, photos: photos.length });
}

/**
 * Splits a design file's text: {design: the text for the app (no "photos"), photos: the section or
 * null}. Text that is not a design object is handed on as it is.
 */
export function splitDesignFile(text) {
  if (!text.includes('"photos"')) return { text, photos: null };
  let document;
  try {
    document = JSON.parse(text);
  } catch (e) {
    return { text, photos: null };   // the app names the problem
  }
  if (!document || typeof document !== 'object' || Array.isArray(document) || !('photos' in document)) return { text, photos: null };
  const { photos, ...design } = document;
  return { text: JSON.stringify(design), photos };
}

function photoEntryProblem(entry, i) {
  const at = `photos[${i}]`;
  if (!entry || typeof entry !== 'object') return `${at} must be an object`;
  if (!VIEWS.includes(entry.view)) return `${at}.view must be one of ${VIEWS.join(', ')}`;
  if (!['image/jpeg', 'image/png'].includes(entry.media_type)) return `${at}.media_type must be image/jpeg or image/png`;
  if (typeof entry.data_base64 !== 'string' || !entry.data_base64) return `${at}.data_base64 must hold the photo`;
  return '';
}

/**
 * Stores a design file's "photos" section under the key of the design just opened (the next
 * document: storage.js nextDesignKey), each checked and decoded like an added photo. Returns {ok,
 * added, errors: [message]}.
 */
export async function importPhotos(photos, designKey) {
  if (!Array.isArray(photos)) return fail('the file\'s "photos" must be a list');
  const errors = [];
  let added = 0;
  for (let i = 0; i < photos.length; i++) {
    const entry = photos[i];
    const problem = photoEntryProblem(entry, i);
    if (problem) { errors.push(problem); continue; }
    let blob;
    try {
      const binary = atob(entry.data_base64);
      const bytes = new Uint8Array(binary.length);
      for (let j = 0; j < binary.length; j++) bytes[j] = binary.charCodeAt(j);
      blob = new File([bytes], `photos[${i}]`, { type: entry.media_type });
    } catch (e) {
      errors.push(`photos[${i}].data_base64 is not base64`);
      continue;
    }
    const photo = await preparePhoto(blob);
    if (!photo.ok) { errors.push(photo.error); continue; }
    const marks = entry.marks && !marksProblem(entry.marks, photo.width, photo.height) ? entry.marks : {};
    // A photo this page saved comes back as it was (no second JPEG encoding); anything else as checked.
    const asSaved = photo.width === entry.width_px && photo.height === entry.height_px && photo.media_type === entry.media_type;
    try {
      await putRecord({ id: newId(), design_key: designKey, view: entry.view, width_px: photo.width, height_px: photo.height,
                        media_type: photo.media_type, bytes: await storedBytes(asSaved ? blob : photo.blob), added_at: new Date(Date.now() + i).toISOString(), marks });
      added++;
    } catch (e) {
      errors.push(`photos[${i}] was not kept: ${await storageProblem(e, 'adding the photo')}`);
    }
  }
  return ok({ added, errors });
}

/**
 * openDesignWithPhotos(text, {name}): opens a design file's text as File > Open does, its photos
 * into the store for it. {ok, photos: added, errors} (photos not kept, also shown in a notice), or
 * {ok: false, error, app: true} when the app refused the design (then nothing changed).
 */
export async function openDesignWithPhotos(text, { name = 'the file' } = {}) {
  const split = splitDesignFile(String(text));
  const key = nextDesignKey();
  const opened = call('openFile', JSON.stringify({ name, text: split.text }));
  if (!opened.ok) {
    nextDesignKey(null);
    return { ...opened, app: true };   // the app has said why (host_files.js opens nothing more)
  }
  if (!split.photos) return ok({ photos: 0, errors: [] });
  const imported = await importPhotos(split.photos, key);
  const errors = imported.ok ? imported.errors : [imported.error];
  if (errors.length) showNotice(`The design in ${name} is open; some of its photos were not kept: ${errors.join('; ')}`);
  return ok({ photos: imported.added ?? 0, errors });
}
