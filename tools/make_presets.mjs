// Writes presets/*.design.json: the shipped starting points (hair-loss patterns, scars, hairline
// styles) at the default head size. Positions come from the scalp template's own landmarks
// (`smp outline`), so the presets follow the template when it changes: rerun after changing it.
//
//   node tools/make_presets.mjs            (needs build/native/bin/smp)
//
// Densities follow DOMAIN.md: natural scalps carry about 80 follicular units/cm² and about half
// of that already looks full; a shaved look fills bald areas at about 70 dots/cm² (dots about
// 1 mm apart) and blends into the shaved fringe, where follicles already show, at about half.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smp = path.join(repo, 'build/native/bin/smp');
const run = spawnSync(smp, ['outline'], { encoding: 'utf8' });
if (run.status !== 0) {
  console.error(`make_presets: '${smp} outline' failed (${run.error?.message ?? run.stderr.trim()}); build it first: tools/build.sh native`);
  process.exit(1);
}
const outline = JSON.parse(run.stdout);
const L = outline.landmarks;
const midline = outline.width_mm / 2;
const round = (v) => Math.round(v * 10) / 10;
const lerp = (a, b, t) => [round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t)];

// The client's left half of a mature hairline through the landmarks: temple peak, frontotemporal
// corner, then towards the mid-frontal point, which sits a little lower (further forward on the
// map) than the corners. `lower_mm` moves the centre forward (a lower, more aggressive line).
function hairline(style, lower_mm = 0, extra = {}) {
  const mid = [round(midline), round(L.mid_frontal[1] - lower_mm)];
  const corner = L.frontotemporal_left.map(round);
  const shoulder = lerp(corner, mid, 0.55);
  shoulder[1] = round(shoulder[1] - 2 - lower_mm * 0.5);
  return { points_mm: [L.temple_peak_left.map(round), corner, shoulder, mid], mirror: true, asymmetry_mm: 1.5, style, ...extra };
}

const FULL = 70;    // bald areas, shaved look
const FRINGE = 35;  // existing (shaved) hair: blend only
const zones = (targets, blend_mm = 15) => ({ kind: 'zones', blend_mm, targets });

function shaved(name, title, notes, targets, extra = {}) {
  return [name, { type: 'smp.design', schema_version: 2, title, notes, seed: 1000 + name.length * 97 + name.charCodeAt(name.length - 1),
    template: { kind: 'scalp' }, mode: 'shaved', density: { layers: [zones(targets)] }, hairline: hairline('soft'), ...extra }];
}
function between(name, title, notes, targets) {
  return [name, { type: 'smp.design', schema_version: 2, title, notes, seed: 2000 + name.charCodeAt(name.length - 1),
    template: { kind: 'scalp' }, mode: 'density', density: { layers: [zones(targets, 20)] } }];
}
const all = (value) => ({ frontal: value, mid_scalp: value, crown: value, temporal_left: value, temporal_right: value,
  parietal_left: value, parietal_right: value, occipital: value });

const presets = [
  shaved('norwood-2', 'Hamilton–Norwood II', 'Recession at the temples, in front of a line 2 cm ahead of the ear canal. Shaved look: the recessed corners filled, the rest blended with the shaved hair.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: 45 }),
  shaved('norwood-3', 'Hamilton–Norwood III', 'Deep temporal recession past the line 2 cm ahead of the ear canal.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: 60, mid_scalp: 40 }),
  shaved('norwood-3-vertex', 'Hamilton–Norwood III vertex', 'Temporal recession with loss at the crown.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: 60, mid_scalp: 40, crown: FULL }),
  shaved('norwood-4', 'Hamilton–Norwood IV', 'Frontal and crown loss, separated by a bridge of hair across the mid-scalp.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: FULL, mid_scalp: 45, crown: FULL }),
  shaved('norwood-5', 'Hamilton–Norwood V', 'Frontal and crown loss with a thinner bridge between them.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: FULL, mid_scalp: 58, crown: FULL, parietal_left: 45, parietal_right: 45 }),
  shaved('norwood-6', 'Hamilton–Norwood VI', 'The bridge is gone: one bald area from the front to the crown.',
    { ...all(FRINGE), temporal_left: FULL, temporal_right: FULL, frontal: FULL, mid_scalp: FULL, crown: FULL, parietal_left: 50, parietal_right: 50 }),
  shaved('norwood-7', 'Hamilton–Norwood VII', 'Only a horseshoe fringe remains at the sides and back.',
    { ...all(FULL), parietal_left: 55, parietal_right: 55, occipital: 45 }),
  between('ludwig-1', 'Ludwig I', 'Diffuse thinning over the crown behind an intact frontal hairline. Dots between the existing hair.',
    { mid_scalp: 25, crown: 22, frontal: 12 }),
  between('ludwig-2', 'Ludwig II', 'Marked diffuse thinning over the top of the scalp; the frontal hairline stays.',
    { mid_scalp: 35, crown: 32, frontal: 22, parietal_left: 12, parietal_right: 12 }),
  between('ludwig-3', 'Ludwig III', 'Extensive thinning over the whole top of the scalp; the frontal hairline stays.',
    { mid_scalp: 45, crown: 42, frontal: 35, parietal_left: 22, parietal_right: 22, temporal_left: 12, temporal_right: 12 }),
];

// Scars: a strip across the occipital donor area, and a field of FUE punches there.
const nape = L.nape_line;
const back = nape[Math.floor(nape.length / 2)];
const stripY = round(back[1] - 45);
presets.push(['fut-strip-scar', { type: 'smp.design', schema_version: 2, title: 'FUT strip scar',
  notes: 'A linear donor scar across the back of the head, camouflaged between existing hair. Scar tissue takes pigment unevenly: four sessions, a wide blend.',
  seed: 3001, template: { kind: 'scalp' }, mode: 'density', density: { layers: [] },
  scars: [{ kind: 'fut_strip', label: 'FUT donor strip', width_mm: 2.5, target: 60, blend_mm: 10,
    points_mm: [[round(midline - 75), round(stripY - 12)], [round(midline - 35), round(stripY - 2)], [round(midline), stripY],
                [round(midline + 35), round(stripY - 2)], [round(midline + 75), round(stripY - 12)]] }] }]);
presets.push(['fue-field-scars', { type: 'smp.design', schema_version: 2, title: 'FUE donor field',
  notes: 'Hundreds of round extraction scars over the occipital donor area, blended between existing hair.',
  seed: 3002, template: { kind: 'scalp' }, mode: 'density', density: { layers: [] },
  scars: [{ kind: 'fue_field', label: 'FUE donor area', count: 1200, scar_diameter_mm: 0.9, target: 45, blend_mm: 10,
    points_mm: [[round(midline - 70), round(stripY - 35)], [round(midline + 70), round(stripY - 35)],
                [round(midline + 60), round(stripY + 5)], [round(midline - 60), round(stripY + 5)]] }] }]);

// Hairline styles on a full shaved look (Norwood VI-like coverage), one per style.
for (const [style, title, notes] of [
  ['soft', 'Hairline: soft', 'A feathered edge: a deep transition zone, gentle irregularity, a few strays.'],
  ['broken', 'Hairline: broken', 'A jagged edge with stronger small-scale irregularity and more strays.'],
  ['faded', 'Hairline: faded', 'The longest, lightest ramp from skin to full density.'],
  ['defined', 'Hairline: defined', 'A crisper, lined-up edge; still irregular, never a ruler line.'],
]) {
  presets.push([`hairline-${style}`, { type: 'smp.design', schema_version: 2, title, notes, seed: 4000 + style.length,
    template: { kind: 'scalp' }, mode: 'shaved', density: { layers: [zones({ ...all(FULL), occipital: 50, parietal_left: 55, parietal_right: 55 })] },
    hairline: hairline(style) }]);
}

const dir = path.join(repo, 'presets');
for (const file of fs.readdirSync(dir)) if (file.endsWith('.design.json')) fs.unlinkSync(path.join(dir, file));
for (const [name, design] of presets) fs.writeFileSync(path.join(dir, `${name}.design.json`), JSON.stringify(design, null, 2) + '\n');
console.log(`wrote ${presets.length} presets to presets/`);
