import { resolve } from 'node:path';
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
