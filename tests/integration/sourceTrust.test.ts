/**
 * Security review (issue 11, finding 7): a compromised page must not make Muxdeck run a local program
 * or read out a local file through sources:add. Real inventory files, a real executable, the real
 * runners, store and cache; only the user's answer to the confirmation is scripted.
 */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceDraft } from '../../src-preload/api';
import { muxdeckPaths } from '../../src-main/app/paths';
import { execFileRunner } from '../../src-main/platform/execFileRunner';
import { nodeFileStore } from '../../src-main/platform/nodeFileStore';
import { systemClock } from '../../src-main/platform/systemClock';
import type { ConfirmationRequest } from '../../src-main/ports';
import type { SecretStore } from '../../src-main/secrets/secretStore';
import { startSources } from '../../src-main/sources/startSources';
import type { SourcesService } from '../../src-main/sources/sourcesService';
import { DurableStore } from '../../src-main/store/durableStore';
import { storePaths } from '../../src-main/store/storePaths';
import { PassThrough } from 'node:stream';
import { terminalConfirmation } from '../../src-main/confirm/terminalConfirmation';
import { isExecutableFile } from '../../src-main/platform/nodeExecutableCheck';
import { planPlatformTools } from '../../src-main/platform/platformTools';
import { startAppUnderTest } from '../helpers/appUnderTest';
import { makeFakeHome } from '../helpers/fakeHome';
import { generateEd25519Key } from '../helpers/sshKeys';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { waitFor } from '../helpers/waitFor';

const logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const noSecrets: SecretStore = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(false),
};

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(answer: boolean) {
  const home = await makeTempDir('mx-trust-');
  cleanups.push(() => removeDir(home));
  const store = await DurableStore.open({
    files: nodeFileStore,
    paths: storePaths(home),
    clock: systemClock,
    logger,
  });
  const asked: ConfirmationRequest[] = [];
  const sources = await startSources({
    store,
    secrets: noSecrets,
    runner: execFileRunner,
    paths: muxdeckPaths(home, () => {
      throw new Error('the test home is short: sockets stay in it');
    }),
    logger,
    confirmation: {
      confirm: (request) => {
        asked.push(request);
        return Promise.resolve(answer);
      },
    },
  });
  cleanups.push(() => sources.dispose());
  return { home, sources, asked };
}

/** An "inventory script" that proves it ran by leaving a file behind. */
async function markerScript(dir: string): Promise<{ script: string; marker: string }> {
  const marker = join(dir, 'ran');
  const script = join(dir, 'inventory.sh');
  await writeFile(
    script,
    `#!/bin/sh\necho ran > '${marker}'\necho '{"_meta": {"hostvars": {}}, "all": {"hosts": ["h1"]}}'\n`,
  );
  await chmod(script, 0o755);
  return { script, marker };
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

const ansibleDraft = (paths: string[], extra: { allowScripts?: boolean; allowProxyCommand?: boolean } = {}) =>
  SourceDraft.parse({ kind: 'ansible', label: 'Inventory', enabled: true, options: { paths, ...extra } });

async function settled(sources: SourcesService, id: string) {
  return waitFor(
    () =>
      sources
        .list()
        .find((s) => s.id === id && (s.state === 'ok' || s.state === 'stale' || s.state === 'error')),
    {
      describe: 'the sync to finish',
      timeoutMs: 10_000,
      intervalMs: 25,
    },
  );
}

describe('a page cannot run local programs through a source', () => {
  it('asks the user with the paths, and a refusal stores nothing and runs nothing', async () => {
    const { home, sources, asked } = await start(false);
    const { script, marker } = await markerScript(home);

    await expect(sources.add(ansibleDraft([script], { allowScripts: true }))).rejects.toMatchObject({
      code: 'NOT_CONFIRMED',
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.items).toEqual([script]);
    expect(asked[0]?.message).toMatch(/run inventory scripts/);
    expect(sources.list()).toEqual([]);
    expect(sources.syncNow()).toBe(0);
    // Nothing was written: no store file yet, or one without sources.
    const stored = await readFile(join(home, 'store.json'), 'utf8').catch(() => '{"sources": []}');
    expect((JSON.parse(stored) as { sources: unknown[] }).sources).toEqual([]);
    expect(await exists(marker)).toBe(false);
  });

  it('runs the script once the user allowed it, and asks again when the paths change', async () => {
    const { home, sources, asked } = await start(true);
    const { script, marker } = await markerScript(home);
    const added = await sources.add(ansibleDraft([script], { allowScripts: true }));
    expect((await settled(sources, added.id)).hostCount).toBe(1);
    expect(await exists(marker)).toBe(true);
    expect(asked).toHaveLength(1);

    // Same permission, same paths: nothing new to confirm (e.g. a rename or a new interval).
    await sources.update(added.id, ansibleDraft([script], { allowScripts: true }));
    expect(asked).toHaveLength(1);
    // The same permission over another program is a new question.
    await sources.update(added.id, ansibleDraft([script, '/usr/bin/env'], { allowScripts: true }));
    expect(asked).toHaveLength(2);
    expect(asked[1]?.items).toEqual([script, '/usr/bin/env']);
  });

  it('asks before ProxyCommands of an inventory may run', async () => {
    const { home, sources, asked } = await start(false);
    const file = join(home, 'hosts.ini');
    await writeFile(file, '[web]\nw1 ansible_ssh_common_args="-o ProxyCommand=\'touch /tmp/pwned\'"\n');
    await expect(sources.add(ansibleDraft([file], { allowProxyCommand: true }))).rejects.toMatchObject({
      code: 'NOT_CONFIRMED',
    });
    expect(asked[0]?.message).toMatch(/ProxyCommands/);
    expect(asked[0]?.items).toEqual([file]);
    // Without the permission nothing needs confirming: reading a static inventory is the ordinary case.
    await sources.add(ansibleDraft([file]));
    expect(asked).toHaveLength(1);
  });
});

describe('a page cannot read local files through a source', () => {
  it('names the file and the line of a private key or a credentials file, never their text', async () => {
    const { home, sources } = await start(false);
    const key = join(home, 'id_test');
    await generateEd25519Key(key, 'trust-test');
    const keyText = await readFile(key, 'utf8');
    const credentials = join(home, 'credentials');
    await writeFile(credentials, '[default]\naws_access_key_id = AKIAEXAMPLESECRET42\n');

    for (const file of [key, credentials]) {
      const added = await sources.add({ ...ansibleDraft([file]), label: file });
      const info = await settled(sources, added.id);
      expect(info.error).toMatch(new RegExp(`${file}:\\d+: not an inventory Muxdeck can read`));
      const shown = JSON.stringify(info);
      expect(shown).not.toContain('OPENSSH');
      expect(shown).not.toContain('AKIAEXAMPLESECRET42');
      for (const line of keyText.split('\n').filter((l) => l.length > 8 && !l.startsWith('-----'))) {
        expect(shown).not.toContain(line.slice(0, 12));
      }
    }
  });
});

describe('serve mode: the page cannot confirm for the user', () => {
  it('refuses scripts and forwards beyond loopback when muxdeck serve has no terminal to ask on', async () => {
    const fake = await makeFakeHome();
    cleanups.push(() => fake.cleanup());
    const home = await makeTempDir('mx-trust-serve-');
    cleanups.push(() => removeDir(home));
    const { script, marker } = await markerScript(home);
    // What serveCommand builds when stdin is not a TTY (started by a service manager, or piped).
    const terminal = new PassThrough();
    let printed = '';
    terminal.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    const app = await startAppUnderTest(home, fake.env, {
      confirmation: terminalConfirmation({ input: new PassThrough(), output: terminal, interactive: false }),
      // No tmux server to leave behind: this test needs none.
      tools: planPlatformTools({
        platform: 'linux',
        env: fake.env,
        isExecutable: (path) => !path.endsWith('/tmux') && isExecutableFile(path),
      }),
    });
    cleanups.push(() => app.services.dispose());

    // The page (over the WebSocket, here straight to the router) asks for what only the user may allow.
    const scripts = await app.connection.invoke('sources:add', {
      draft: { kind: 'ansible', label: 'x', enabled: true, options: { paths: [script], allowScripts: true } },
    });
    expect(scripts).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });
    const forward = await app.connection.invoke('tree:apply', {
      mutations: [
        {
          op: 'folder.create',
          name: 'exposed',
          parentId: null,
          settings: { extraOptions: { LocalForward: '0.0.0.0:8080 localhost:80' } },
        },
      ],
    });
    expect(forward).toMatchObject({ ok: false, error: { code: 'NOT_CONFIRMED' } });

    expect(printed).toContain('Nobody can confirm it here');
    expect(await exists(marker)).toBe(false);
    const sources = await app.connection.invoke('sources:list', {});
    expect(sources).toMatchObject({ ok: true, result: { sources: [] } });
    const tree = await app.connection.invoke('tree:get', {});
    expect(JSON.stringify(tree)).not.toContain('exposed');
  });
});
