import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliContext } from '../../../../src-main/cli/cliContext';
import { listAnsibleInventory } from '../../../../src-main/cli/inventoryAnsible';

const FIXTURES = resolve(__dirname, '../../../fixtures/ansible');

function context(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    appRoot: '',
    version: '0',
    env,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    log: () => {},
    untilStopped: () => new Promise(() => {}),
  };
  return { ctx, out, err };
}

describe('muxdeck inventory --ansible ... --list', () => {
  it('prints the merged inventory and exits 0', async () => {
    const { ctx, out, err } = context();
    const code = await listAnsibleInventory([resolve(FIXTURES, 'docs-basic-ini/01_docs_basic.ini')], ctx);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      webservers: { hosts: ['foo.example.com', 'bar.example.com'] },
    });
  });

  it('names each file it could not read on stderr, prints the rest, and exits 1', async () => {
    const { ctx, out, err } = context();
    const code = await listAnsibleInventory(
      [
        resolve(FIXTURES, 'docs-usa-southeast-ini-fails/02_docs_usa_southeast.ini'),
        resolve(FIXTURES, 'docs-basic-ini/01_docs_basic.ini'),
      ],
      ctx,
    );
    expect(code).toBe(1);
    expect(err).toEqual([
      `muxdeck inventory: error: ${resolve(FIXTURES, 'docs-usa-southeast-ini-fails/02_docs_usa_southeast.ini')}:21: Section [usa:children] includes undefined group: northeast`,
    ]);
    expect(JSON.parse(out.join('\n'))).toHaveProperty('dbservers');
  });

  it('names on stderr the files ansible skips inside a directory, and why (a directory of hosts.ini)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mx-skip-'));
    try {
      await writeFile(join(dir, 'hosts.ini'), '[web]\nweb1 ansible_host=127.0.0.1\n');
      await writeFile(join(dir, 'README.md'), '# notes\n');
      await writeFile(join(dir, 'extra.yml'), 'all:\n  hosts:\n    db1:\n');
      const { ctx, out, err } = context();
      expect(await listAnsibleInventory([dir], ctx)).toBe(0);
      expect(err).toEqual([
        `muxdeck inventory: warning: ${join(dir, 'hosts.ini')}: skipped: ansible ignores *.ini files inside an inventory directory (INVENTORY_IGNORE_EXTS); add this file to the paths itself, or rename it without the extension (or to .yml for YAML)`,
      ]);
      // As ansible: the skipped file's hosts are not read; the rest of the directory is.
      const listed = JSON.parse(out.join('\n')) as Record<string, unknown>;
      expect(listed).toMatchObject({ ungrouped: { hosts: ['db1'] } });
      expect(listed).not.toHaveProperty('web');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('skips inventory scripts unless MUXDECK_ANSIBLE_ALLOW_SCRIPTS=1, with a warning', async () => {
    const script = resolve(FIXTURES, 'script-executable/inventory.sh');
    const denied = context();
    expect(await listAnsibleInventory([script], denied.ctx)).toBe(0);
    expect(denied.err.join('\n')).toMatch(
      /warning: .*inventory\.sh: this is an inventory script; it was not run/,
    );
    expect(JSON.parse(denied.out.join('\n'))).not.toHaveProperty('web');

    const allowed = context({ MUXDECK_ANSIBLE_ALLOW_SCRIPTS: '1' });
    expect(await listAnsibleInventory([script], allowed.ctx)).toBe(0);
    expect(JSON.parse(allowed.out.join('\n'))).toMatchObject({ web: { hosts: ['w1', 'w2'] } });
  });

  it('treats an argument with commas that is not a file as a host list', async () => {
    const { ctx, out } = context();
    expect(await listAnsibleInventory(['web1,web2:2222,'], ctx)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toMatchObject({
      ungrouped: { hosts: ['web1', 'web2'] },
      _meta: { hostvars: { web2: { ansible_port: 2222 } } },
    });
  });
});
