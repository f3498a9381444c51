import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ICNS_TYPES,
  ICO_SIZES,
  LINUX_SIZES,
  encodeIcns,
  encodeIco,
  pngSize,
  readIcns,
  readIco,
} from '../../../scripts/icons/iconFormats';

const ROOT = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path));

/** The header of a PNG of the given size: all the containers look at. */
function fakePng(size: number, height = size): Buffer {
  const png = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png, 0);
  png.writeUInt32BE(13, 8);
  png.write('IHDR', 12, 'latin1');
  png.writeUInt32BE(size, 16);
  png.writeUInt32BE(height, 20);
  return png;
}
const allSizes = [...new Set([...ICO_SIZES, ...ICNS_TYPES.map((t) => t.size)])].map((size) => ({
  size,
  png: fakePng(size),
}));

describe('icon containers', () => {
  it('an .ico lists every size with its PNG, 256 written as 0 as Windows expects', () => {
    const ico = encodeIco(allSizes);
    expect(ico.readUInt8(6 + 16 * (ICO_SIZES.length - 1))).toBe(0);
    const entries = readIco(ico);
    expect(entries.map((e) => e.size)).toEqual([...ICO_SIZES]);
    for (const entry of entries)
      expect(pngSize(entry.png)).toEqual({ width: entry.size, height: entry.size });
  });

  it('an .icns holds one PNG per type, with its total length in the header', () => {
    const icns = encodeIcns(allSizes);
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries = readIcns(icns);
    expect(entries.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type));
    entries.forEach((entry, i) => expect(pngSize(entry.png).width).toBe(ICNS_TYPES[i]?.size));
  });

  it('refuses a missing size, a PNG of the wrong size, and something that is not a PNG', () => {
    expect(() => encodeIco(allSizes.filter((p) => p.size !== 48))).toThrow('no 48x48 PNG to put in the icon');
    const wrong = allSizes.map((p) => (p.size === 32 ? { size: 32, png: fakePng(32, 31) } : p));
    expect(() => encodeIcns(wrong)).toThrow('the 32x32 PNG is 32x31');
    expect(() => pngSize(Buffer.from('GIF89a, not a png at all....'))).toThrow('not a PNG image');
  });
});

describe('the committed icons (npm run icons)', () => {
  it('were generated from the current resources/icon.svg', () => {
    const hash = createHash('sha256').update(read('resources/icon.svg')).digest('hex');
    expect(
      read('build/icons/source.sha256').toString().trim(),
      'resources/icon.svg changed: run npm run icons',
    ).toBe(hash);
  });

  it('cover macOS, Windows and Linux at every size', () => {
    expect(readIco(read('build/icon.ico')).map((e) => pngSize(e.png).width)).toEqual([...ICO_SIZES]);
    expect(readIcns(read('build/icon.icns')).map((e) => [e.type, pngSize(e.png).width])).toEqual(
      ICNS_TYPES.map((t) => [t.type, t.size]),
    );
    for (const size of LINUX_SIZES)
      expect(pngSize(read(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
  });
});
