import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const configFile = join(ROOT, 'electron-builder.yml');
// electron-builder's own schema for its configuration, shipped in its package.
const schema = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
) as object;

interface TargetEntry {
  target: string;
  arch?: string | string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string; filter?: string[] }>;
  afterSign: string;
  publish: { provider: string };
  mac: { icon: string; target: TargetEntry[] };
  win: { icon: string; target: TargetEntry[] };
  linux: { icon: string; target: TargetEntry[] };
  directories: { buildResources: string };
}

/** Ajv for electron-builder's schema: its one custom keyword ("typeof": "function", for hooks) included. */
function validator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (type: string, data: unknown) => typeof data === type,
  });
  return ajv;
}

const check = validator().compile(schema);
function validate(config: unknown): ErrorObject[] {
  return check(config) ? [] : (check.errors ?? []);
}

const config = parse(readFileSync(configFile, 'utf8')) as BuilderConfig;

const archsOf = (targets: TargetEntry[], name: string): string[] =>
  targets
    .filter((t) => t.target === name)
    .flatMap((t) => (Array.isArray(t.arch) ? t.arch : t.arch ? [t.arch] : []))
    .sort();

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own JSON schema", () => {
    expect(validate(config)).toEqual([]);
  });

  it('the schema check is real: a misspelt key or a wrong type is rejected', () => {
    expect(validate({ ...config, asarUnpak: ['x'] })).not.toEqual([]);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).not.toEqual([]);
  });

  it('builds every installer the project ships, for every architecture', () => {
    expect(config).toMatchObject({ appId: 'dev.muxdeck.app', productName: 'Muxdeck' });
    expect(archsOf(config.mac.target, 'dmg')).toEqual(['arm64', 'x64']);
    // electron-updater on macOS updates from the zip.
    expect(archsOf(config.mac.target, 'zip')).toEqual(['arm64', 'x64']);
    expect(archsOf(config.win.target, 'msi')).toEqual(['x64']);
    expect(archsOf(config.win.target, 'nsis')).toEqual(['x64']);
    expect(archsOf(config.linux.target, 'AppImage')).toEqual(['arm64', 'x64']);
    expect(archsOf(config.linux.target, 'deb')).toEqual(['arm64', 'x64']);
    expect(config.publish.provider).toBe('github');
  });

  it('unpacks the native modules from app.asar', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/node-pty/**', '**/node_modules/keytar/**']),
    );
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      optionalDependencies: Record<string, string>;
    };
    // They must be production dependencies (optional ones are: `npm install` must not fail where a
    // native build cannot), or electron-builder leaves them out of the app.
    expect(Object.keys(pkg.dependencies)).toContain('electron-updater');
    expect(Object.keys(pkg.optionalDependencies)).toEqual(expect.arrayContaining(['node-pty', 'keytar']));
  });

  it('ships tmux.conf and the askpass helper where the packaged app looks (process.resourcesPath)', () => {
    // compose.ts: join(resourcesDir, 'tmux.conf') and join(resourcesDir, 'askpass', <file>).
    const shipped = (to: string, file: string) =>
      config.extraResources.some(
        (r) =>
          r.to === to &&
          existsSync(join(ROOT, r.from, to === file ? '' : file)) &&
          (r.filter === undefined || r.filter.includes(file)),
      );
    expect(shipped('tmux.conf', 'tmux.conf')).toBe(true);
    expect(shipped('askpass', 'muxdeck-askpass')).toBe(true);
    expect(shipped('askpass', 'askpass.cjs')).toBe(true);
    expect(statSync(join(ROOT, 'resources/askpass/muxdeck-askpass')).mode & 0o111).not.toBe(0);
    const index = readFileSync(join(ROOT, 'src-main/index.ts'), 'utf8');
    expect(index).toMatch(/app\.isPackaged \? process\.resourcesPath/);
  });

  it('points at icons and a hook that exist', () => {
    for (const icon of [config.mac.icon, config.win.icon, join(config.linux.icon, '512x512.png')])
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    expect(existsSync(join(ROOT, config.afterSign))).toBe(true);
  });
});
