#!/usr/bin/env node
// Draws slant's toolbar icon (a rounded square with two slanted strokes, the
// opinion and fact tints) at every size the stores ask for, as PNG files in
// icons/. Pure Node: no image library needed. Run with `npm run icons`.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import { crc32 } from "./crc32.mjs";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
const SIZES = [16, 32, 48, 128];
const BACKGROUND = [35, 57, 93];
const STROKES = [
  { offset: -0.2, rgb: [255, 176, 46] },
  { offset: 0.17, rgb: [120, 182, 255] },
];
const SAMPLES = 4;

/** Colour of the unit-square point (x, y): [r, g, b, a] with a in 0..1. */
function shade(x, y) {
  const radius = 0.2;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return [0, 0, 0, 0];
  for (const stroke of STROKES) {
    // A line slanting up to the right: x - 0.5 = 0.45 * (0.5 - y) + offset.
    const distance = Math.abs(x - 0.5 - 0.45 * (0.5 - y) - stroke.offset);
    if (distance < 0.085 && y > 0.17 && y < 0.83) return [...stroke.rgb, 1];
  }
  return [...BACKGROUND, 1];
}

function pixels(size) {
  const data = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    data[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = shade((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const at = py * (size * 4 + 1) + 1 + px * 4;
      const alpha = sum[3] / SAMPLES ** 2;
      for (let c = 0; c < 3; c++) data[at + c] = sum[3] ? Math.round(sum[c] / sum[3]) : 0;
      data[at + 3] = Math.round(alpha * 255);
    }
  }
  return data;
}

function chunk(type, body) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(pixels(size), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) writeFileSync(join(extension, "icons", `slant-${size}.png`), png(size));
console.log(`icons written: ${SIZES.join(", ")} px`);
