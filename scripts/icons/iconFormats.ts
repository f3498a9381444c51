/**
 * Icon containers from PNGs, written by hand because both are a header and a table of PNGs:
 * Windows .ico (PNG entries, Vista and later) and macOS .icns (PNG entries, 10.7 and later).
 */

export interface SizedPng {
  size: number;
  png: Buffer;
}

/** The sizes each container holds; generate-icons renders each size once from the source SVG. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** icns entry types holding PNG data, and the pixel size each one wants. */
export const ICNS_TYPES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic13', size: 256 },
  { type: 'ic14', size: 512 },
];

/** Linux (hicolor) sizes, as build/icons/<n>x<n>.png for electron-builder. */
export const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024] as const;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR; throws on anything that is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (
    png.length < 24 ||
    !png.subarray(0, 8).equals(PNG_SIGNATURE) ||
    png.toString('latin1', 12, 16) !== 'IHDR'
  )
    throw new Error('not a PNG image');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function pick(pngs: readonly SizedPng[], size: number): Buffer {
  const found = pngs.find((p) => p.size === size);
  if (!found) throw new Error(`no ${size}x${size} PNG to put in the icon`);
  const actual = pngSize(found.png);
  if (actual.width !== size || actual.height !== size)
    throw new Error(`the ${size}x${size} PNG is ${actual.width}x${actual.height}`);
  return found.png;
}

export function encodeIco(pngs: readonly SizedPng[]): Buffer {
  const images = ICO_SIZES.map((size) => ({ size, png: pick(pngs, size) }));
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, i) => {
    const entry = i * 16;
    directory.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    directory.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    directory.writeUInt8(0, entry + 2); // no palette
    directory.writeUInt8(0, entry + 3);
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map((i) => i.png)]);
}

export function encodeIcns(pngs: readonly SizedPng[]): Buffer {
  const entries = ICNS_TYPES.map(({ type, size }) => {
    const png = pick(pngs, size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** The directory of an .ico: what a reader (Windows, electron-builder) sees. */
export function readIco(ico: Buffer): Array<{ size: number; png: Buffer }> {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const width = ico.readUInt8(entry) || 256;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { size: width, png: ico.subarray(offset, offset + length) };
  });
}

/** The entries of an .icns file, by type. */
export function readIcns(icns: Buffer): Array<{ type: string; png: Buffer }> {
  if (icns.toString('latin1', 0, 4) !== 'icns' || icns.readUInt32BE(4) !== icns.length)
    throw new Error('not an .icns file');
  const entries: Array<{ type: string; png: Buffer }> = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > icns.length) throw new Error(`damaged .icns entry at byte ${at}`);
    entries.push({ type: icns.toString('latin1', at, at + 4), png: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return entries;
}
