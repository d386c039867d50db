// Writes assets/icons/icon.png (512×512 RGBA) from the shapes of assets/icons/icon.svg, with node:zlib
// only (no image tools on the build machines). electron-builder makes the .ico and .icns from it.
// node scripts/make-icon.mjs
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const S = 512;
const px = Buffer.alloc(S * S * 4);
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
/** A filled rounded rectangle, as in the SVG (x, y, w, h, corner radius, colour). */
function rect(x, y, w, h, r, color) {
  const [R, G, B] = hex(color);
  for (let j = y; j < y + h; j++)
    for (let i = x; i < x + w; i++) {
      const dx = i < x + r ? x + r - i - 0.5 : i >= x + w - r ? i - (x + w - r) + 0.5 : 0;
      const dy = j < y + r ? y + r - j - 0.5 : j >= y + h - r ? j - (y + h - r) + 0.5 : 0;
      if (dx * dx + dy * dy > r * r) continue;
      const o = (j * S + i) * 4;
      px[o] = R;
      px[o + 1] = G;
      px[o + 2] = B;
      px[o + 3] = 255;
    }
}
rect(16, 16, 480, 480, 96, '#1c3f6e');
rect(96, 112, 320, 56, 12, '#ffffff');
rect(136, 208, 240, 56, 12, '#cfe0f5');
rect(176, 304, 160, 56, 12, '#8fb4e3');
rect(232, 112, 48, 296, 12, '#ffffff');
rect(96, 408, 320, 16, 8, '#f2b134');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let j = 0; j < S; j++) px.copy(raw, j * (S * 4 + 1) + 1, j * S * 4, (j + 1) * S * 4);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'icons', 'icon.png');
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
