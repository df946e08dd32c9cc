// Draws images/icon.png, the extension's 128×128 icon: a stacked registrations chart through a
// failover (the primary in blue, out of service in red, the backup in green, the return to the
// primary), on a rounded dark tile. No dependencies: a small rasteriser and PNG encoder.
// Run: node images/icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliasing

const TILE = [0x1c, 0x27, 0x3d];
const PRIMARY = [0x37, 0x94, 0xff];
const BACKUP = [0x4e, 0xc9, 0x8a];
const OUTAGE = [0xf1, 0x4c, 0x4c];
const INK = [0xf2, 0xf5, 0xfa];

const plot = { left: 18, right: 110, top: 34, bottom: 100 };

/** Shares of the phones at time u ∈ [0, 1): primary, backup, out of service. */
function shares(u) {
  const steps = (from, to, n) => Math.min(n, Math.floor(((u - from) / (to - from)) * n) + 1) / n;
  if (u < 0.3) return [1, 0, 0];
  if (u < 0.38) return [0, 0, 1];
  if (u < 0.58) {
    const backup = steps(0.38, 0.58, 4);
    return [0, backup, 1 - backup];
  }
  if (u < 0.78) return [0, 1, 0];
  if (u < 0.92) {
    const primary = steps(0.78, 0.92, 3);
    return [primary, 1 - primary, 0];
  }
  return [1, 0, 0];
}

function insideTile(x, y) {
  const r = 24;
  const cx = Math.min(Math.max(x, r), SIZE - r);
  const cy = Math.min(Math.max(y, r), SIZE - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour at a point of the tile (which is inside it). */
function colourAt(x, y) {
  const eventX = plot.left + 0.3 * (plot.right - plot.left);
  // The event: a dashed line down the chart and a marker above it.
  if (Math.abs(x - eventX) <= 1.5 && y >= 20 && y <= plot.bottom && Math.floor((y - 20) / 6) % 2 === 0 && y > 26) return INK;
  if (y >= 14 && y <= 24 && Math.abs(x - eventX) <= (y - 14) * 0.55) return INK;
  if (y >= plot.bottom && y <= plot.bottom + 3 && x >= plot.left - 2 && x <= plot.right + 2) return INK;
  if (x >= plot.left && x < plot.right && y >= plot.top && y < plot.bottom) {
    const u = (x - plot.left) / (plot.right - plot.left);
    const [primary, backup] = shares(u);
    const height = (plot.bottom - y) / (plot.bottom - plot.top);
    if (height <= primary) return PRIMARY;
    if (height <= primary + backup) return BACKUP;
    return OUTAGE;
  }
  return TILE;
}

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const x = px + (sx + 0.5) / SAMPLES;
        const y = py + (sy + 0.5) / SAMPLES;
        if (!insideTile(x, y)) continue;
        const [cr, cg, cb] = colourAt(x, y);
        r += cr;
        g += cg;
        b += cb;
        covered++;
      }
    }
    const at = (py * SIZE + px) * 4;
    if (covered > 0) {
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
    }
    pixels[at + 3] = Math.round((covered / SAMPLES ** 2) * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter method, no interlace
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4); // filter 0 per row

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${SIZE}×${SIZE}, ${png.length} bytes`);
