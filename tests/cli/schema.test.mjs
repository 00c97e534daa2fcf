// The shipped JSON Schemas describe what the tool reads and writes: every design the project
// ships and every plan `smp plan` writes validates; a broken design does not.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runSmp } from './smp.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemaDir = path.join(repo, 'src', 'core', 'schema');

const ajv = new Ajv2020({ allErrors: true, strict: false });
const designSchema = JSON.parse(fs.readFileSync(path.join(schemaDir, 'design.schema.json'), 'utf8'));
const planSchema = JSON.parse(fs.readFileSync(path.join(schemaDir, 'plan.schema.json'), 'utf8'));
ajv.addSchema(designSchema);
const validateDesign = ajv.getSchema(designSchema.$id);
const validatePlan = ajv.compile(planSchema);

const shippedDesigns = ['tests/cli/data', 'tests/bench', 'presets']
  .flatMap((dir) => fs.readdirSync(path.join(repo, dir)).filter((f) => f.endsWith('.design.json')).map((f) => path.join(repo, dir, f)));

test('every shipped design validates against design.schema.json', () => {
  assert.ok(shippedDesigns.length >= 4);
  for (const file of shippedDesigns) {
    const ok = validateDesign(JSON.parse(fs.readFileSync(file, 'utf8')));
    assert.ok(ok, `${path.relative(repo, file)}: ${ajv.errorsText(validateDesign.errors)}`);
  }
});

test('a plan written by smp plan validates against plan.schema.json', () => {
  const result = runSmp('native', ['plan', path.join(repo, 'tests/cli/data/gradient.design.json')]);
  assert.equal(result.status, 0, result.stderr);
  const plan = JSON.parse(result.stdout);
  assert.ok(validatePlan(plan), ajv.errorsText(validatePlan.errors));
  // The design inside the plan is the restored design with every default written out.
  assert.ok(validateDesign(plan.design), ajv.errorsText(validateDesign.errors));
  assert.equal(plan.design.schema_version, 2);
  for (const session of plan.design.sessions) assert.equal(session.needles.fill.needle, '3RL');
});

test('the schema refuses what the loader refuses', () => {
  const bad = [
    { type: 'smp.design', schema_version: 3 },
    { type: 'smp.design', schema_version: 1, needle: '5RL' },
    { type: 'smp.design', schema_version: 2, mode: 'wet' },
    { type: 'smp.design', schema_version: 2, density: { layers: [{ kind: 'zones', targets: { forehead: 40 } }] } },
    { type: 'smp.design', schema_version: 2, density: { layers: [{ kind: 'stroke', points_mm: [[1, 2]], radius_mm: 5, strength: { percent_natural: 300 } }] } },
    { type: 'smp.design', schema_version: 2, hairline: { points_mm: [[1, 2]], style: 'ruler' } },
    { type: 'smp.design', schema_version: 2, needle: '3RL' },
    { type: 'smp.design', schema_version: 2, density: { layers: [{ kind: 'stroke', points_mm: [[1, 2]], radius_mm: 5, strength: -20 }] } },
    { type: 'smp.design', schema_version: 2, density: { layers: [{ kind: 'stroke', points_mm: [[1, 2]], radius_mm: 5, blend: 'blur' }] } },
    { type: 'smp.design', schema_version: 2, density: { layers: [{ kind: 'stroke', points_mm: [[1, 2]], radius_mm: 5, blend: 'set' }] } },
    { type: 'smp.design', schema_version: 2, scars: [{ kind: 'fue_field', points_mm: [[0, 0], [1, 0]] }] },
    { type: 'smp.design', schema_version: 2, scars: [{ kind: 'fue_field', points_mm: [[0, 0], [1, 0], [1, 1]], count: 9000 }] },
    { type: 'smp.design', schema_version: 1, density: { layers: [{ kind: 'grid', cell_mm: 5, cols: 1, rows: 1, per_cm2: [-4] }] } },
    { type: 'smp.plan', schema_version: 1 },
  ];
  for (const design of bad) assert.equal(validateDesign(design), false, JSON.stringify(design));
});

// A design file saved with "include photos" (web/js/photos.js): the photos section is described,
// and what the page would not read is refused.
test('a design file with a photos section validates; a photo the page would not read does not', () => {
  const design = JSON.parse(fs.readFileSync(path.join(repo, 'presets', fs.readdirSync(path.join(repo, 'presets')).find((f) => f.endsWith('.design.json'))), 'utf8'));
  const photo = { view: 'front', width_px: 640, height_px: 480, media_type: 'image/jpeg', data_base64: '/9j/4AAQSkZJRg==',
                  marks: { glabella: [320, 200.5], vertex: [322, 12] } };
  assert.ok(validateDesign({ ...design, photos: [photo, { ...photo, view: 'back', marks: {} }] }), ajv.errorsText(validateDesign.errors));
  assert.ok(validateDesign({ ...design, photos: [] }));
  for (const bad of [{ view: 'side' }, { media_type: 'image/gif' }, { width_px: 4096 }, { data_base64: 'not base64!' },
                     { marks: { chin: [1, 2] } }, { marks: { glabella: [1] } }, { extra: 1 }]) {
    assert.equal(validateDesign({ ...design, photos: [{ ...photo, ...bad }] }), false, JSON.stringify(bad));
  }
});
