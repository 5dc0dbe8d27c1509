// Serialises shapes as compact, byte-stable SVG path data and JSON.

import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { bboxOf } from './geometry.mjs';

// "M<x> <y>l<dx> <dy> <dx> <dy>...z" per ring, rings concatenated ("...zM...").
// Relative segments keep numbers short; z closes back to the ring start.
export function pathData(rings) {
  let d = '';
  for (const ring of rings) {
    const [x0, y0] = ring[0];
    const parts = [];
    for (let i = 1; i < ring.length; i++) {
      parts.push(ring[i][0] - ring[i - 1][0], ring[i][1] - ring[i - 1][1]);
    }
    d += `M${x0} ${y0}l${parts.join(' ')}z`;
  }
  return d;
}

export function shapeRecord(rings, extra = {}) {
  return { b: bboxOf(rings), d: pathData(rings), ...extra };
}

// JSON with object keys sorted at every level, no whitespace, LF-free.
export function stableJson(value) {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function writeText(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text, 'utf8');
  return Buffer.byteLength(text, 'utf8');
}
