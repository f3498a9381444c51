/**
 * Generates every platform's icon from the one source image, resources/icon.svg:
 *   build/icon.icns (macOS), build/icon.ico (Windows), build/icons/<n>x<n>.png (Linux),
 *   build/icon.png (1024 px), and build/icons/source.sha256 (which source they came from).
 * The results are committed, so installer builds on CI need no SVG renderer; a unit test fails
 * when the SVG changed and the icons were not regenerated.
 *
 *   npm run icons
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import {
  ICNS_TYPES,
  ICO_SIZES,
  LINUX_SIZES,
  encodeIcns,
  encodeIco,
  type SizedPng,
} from './icons/iconFormats';

const root = resolve(import.meta.dirname, '..');
const source = join(root, 'resources', 'icon.svg');
const out = join(root, 'build');

const svg = readFileSync(source);
const sizes = [...new Set<number>([...ICO_SIZES, ...ICNS_TYPES.map((t) => t.size), ...LINUX_SIZES])].sort(
  (a, b) => a - b,
);
const pngs: SizedPng[] = sizes.map((size) => ({
  size,
  png: Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng()),
}));
const png = (size: number): Buffer => {
  const found = pngs.find((p) => p.size === size);
  if (!found) throw new Error(`no ${size} px rendering`);
  return found.png;
};

mkdirSync(join(out, 'icons'), { recursive: true });
writeFileSync(join(out, 'icon.icns'), encodeIcns(pngs));
writeFileSync(join(out, 'icon.ico'), encodeIco(pngs));
writeFileSync(join(out, 'icon.png'), png(1024));
for (const size of LINUX_SIZES) writeFileSync(join(out, 'icons', `${size}x${size}.png`), png(size));
writeFileSync(join(out, 'icons', 'source.sha256'), `${createHash('sha256').update(svg).digest('hex')}\n`);
process.stdout.write(
  `icons: wrote build/icon.icns, build/icon.ico, build/icon.png and ${LINUX_SIZES.length} PNGs\n`,
);
