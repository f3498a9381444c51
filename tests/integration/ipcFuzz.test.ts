import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { z } from 'zod';
import {
  ApiResponse,
  MAX_INPUT_CHARS,
  MAX_TREE_MUTATIONS,
  REQUEST_CHANNELS,
  requests,
  SERVE_SUBPROTOCOL,
  SERVE_TOKEN_SUBPROTOCOL_PREFIX,
  type RequestChannel,
} from '../../src-preload/api';
import { composeServices, type MuxdeckServices } from '../../src-main/app/compose';
import { loadNodePtySpawner } from '../../src-main/platform/nodePtySpawner';
import type { SecretStore } from '../../src-main/secrets/secretStore';
import { startServeServer, type ServeServer } from '../../src-main/transport/serve/serveServer';
import { makeFakeHome, type FakeHome } from '../helpers/fakeHome';
import { makeTempDir, removeDir } from '../helpers/tempDir';
import { killServer } from '../helpers/tmux';

/**
 * Security review, issue 11: every request channel of the contract, fed malformed payloads over the
 * real WebSocket of serve mode to the real router and services, answers each with a typed error (or a
 * valid answer), and the server stays up. Payloads travel as raw JSON text, as a hostile page sends them,
 * so `__proto__` arrives as an own key exactly as JSON.parse makes it.
 */

const TOKEN = 'fuzz-token-0123456789abcdefghijklmnopqrstuv';
const RESERVED = ['__proto__', 'constructor', 'prototype'] as const;
const quiet = { info() {}, warn() {}, error() {} };

/** The keychain is not under test here; no fuzz payload may reach the user's real one. */
function memorySecrets(): SecretStore {
  const stored = new Map<string, string>();
  return {
    get: (account) => Promise.resolve(stored.get(account)),
    set: (account, secret) => Promise.resolve(void stored.set(account, secret)),
    delete: (account) => Promise.resolve(stored.delete(account)),
  };
}

/** A serve-mode client that sends payloads as raw JSON text and matches answers by id. */
class WireClient {
  private nextId = 1;
  private readonly pending = new Map<number, (response: unknown) => void>();
  closed: { code: number; reason: string } | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as { type: string; id?: number; response?: unknown };
      if (message.type !== 'response' || message.id === undefined) return;
      this.pending.get(message.id)?.(message.response);
      this.pending.delete(message.id);
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const settle of this.pending.values()) settle({ closed: code });
      this.pending.clear();
    });
  }

  static open(port: number): Promise<WireClient> {
    return new Promise((done, fail) => {
      const socket = new WebSocket(
        `ws://127.0.0.1:${port}/ws`,
        [SERVE_SUBPROTOCOL, SERVE_TOKEN_SUBPROTOCOL_PREFIX + TOKEN],
        {
          headers: { origin: `http://127.0.0.1:${port}` },
        },
      );
      socket.once('open', () => done(new WireClient(socket)));
      socket.once('error', fail);
    });
  }

  /** `payloadJson` is spliced into the envelope as it is: any JSON text, keys of any name. */
  invokeRaw(channel: string, payloadJson: string): Promise<unknown> {
    const id = this.nextId++;
    const answer = new Promise<unknown>((done) => this.pending.set(id, done));
    this.socket.send(
      `{"type":"invoke","id":${id},"channel":${JSON.stringify(channel)},"payload":${payloadJson}}`,
    );
    return answer;
  }

  invoke(channel: string, payload: unknown): Promise<unknown> {
    return this.invokeRaw(channel, payload === undefined ? 'null' : JSON.stringify(payload));
  }

  close(): void {
    this.socket.close();
  }
}

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Values of every wrong kind, oversized, deeply nested, or naming a prototype. */
const HOSTILE_VALUES: Record<string, string> = {
  null: 'null',
  true: 'true',
  negative: '-1',
  fraction: '0.5',
  huge: '1e308',
  'empty string': '""',
  'long string': JSON.stringify('x'.repeat(200_000)),
  'control characters': JSON.stringify('a\u0000b\u001b[31m\r\n-oProxyCommand=id'),
  'empty array': '[]',
  'long array': JSON.stringify(Array.from({ length: 120_000 }, (_, i) => `ssh-config:h${i}`)),
  'empty object': '{}',
  'nested 200 deep': nested(200),
  'nested 20,000 deep': nested(20_000),
  'array nested 20,000 deep': `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  ...Object.fromEntries(RESERVED.map((key) => [`"${key}" as a value`, JSON.stringify(key)])),
  ...Object.fromEntries(RESERVED.map((key) => [`"${key}" as a key`, `{"${key}":{"polluted":true}}`])),
};

/** Whole payloads that are wrong as a whole, whatever the channel. */
const HOSTILE_PAYLOADS: Record<string, string> = {
  ...HOSTILE_VALUES,
  'a number': '42',
  'a string': '"payload"',
  'unknown field': '{"command":"id"}',
  ...Object.fromEntries(
    RESERVED.map((key) => [`only "${key}"`, `{"${key}":{"toString":"x","polluted":true,"tags":["p"]}}`]),
  ),
};

/** The top-level fields a channel's schema declares (its object shape, seen through pipes and effects). */
function fieldsOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) return Object.keys(shape);
  const inner = (schema as unknown as { _zod: { def: { in?: z.ZodType; schema?: z.ZodType } } })._zod.def;
  const next = inner.in ?? inner.schema;
  return next ? fieldsOf(next) : [];
}

/** Crafted payloads from the review and beyond: each must fail cleanly, not pollute, not crash. */
function attacks(): Array<[RequestChannel, string]> {
  const mutation = (hostId: string) =>
    `{"op":"host.update","hostId":${JSON.stringify(hostId)},"label":"x","tags":["p"],"notes":"p","settings":{}}`;
  const split = (depth: number) => {
    let root = '{"type":"pane","sessionId":"s-0"}';
    for (let i = 1; i <= depth; i++)
      root = `{"type":"split","direction":"row","children":[${root},{"type":"pane","sessionId":"s-${i}"}],"sizes":[0.5,0.5]}`;
    return `{"layout":{"tabs":[{"id":"t","root":${root},"focused":"s-0"}],"groups":[],"activeTabId":"t"}}`;
  };
  const doc = (favourites: string, hosts = '{}') =>
    `{"mode":"merge","document":{"format":"muxdeck-tree","version":1,"exportedAt":"x","folders":[],"manualHosts":[],"hosts":${hosts},"favourites":${favourites},"known":{}}}`;
  return [
    ...RESERVED.map((id): [RequestChannel, string] => ['tree:apply', `{"mutations":[${mutation(id)}]}`]),
    ...RESERVED.map((id): [RequestChannel, string] => [
      'tree:apply',
      `{"mutations":[{"op":"host.move","hostIds":[${JSON.stringify(id)}],"folderId":null}]}`,
    ]),
    ...RESERVED.map((id): [RequestChannel, string] => [
      'tree:apply',
      `{"mutations":[{"op":"layout.expand","nodeId":${JSON.stringify(id)},"expanded":true}]}`,
    ]),
    ['tree:import', doc('["__proto__","constructor","toString"]')],
    ['tree:import', doc('[]', '{"__proto__":{"notes":"x"},"constructor":{"notes":"y"}}')],
    ['layout:set', split(700)],
    ['layout:set', split(500)],
    [
      'tree:apply',
      `{"mutations":[${Array(MAX_TREE_MUTATIONS + 1)
        .fill('{"op":"recent.clear"}')
        .join(',')}]}`,
    ],
    ['terminal:input', `{"terminalId":"t-1","data":${JSON.stringify('x'.repeat(MAX_INPUT_CHARS + 1))}}`],
    ...RESERVED.map((id): [RequestChannel, string] => [
      'sessions:open',
      `{"hostId":${JSON.stringify(id)},"cols":80,"rows":24}`,
    ]),
    ['settings:update', '{"patch":{"__proto__":{"recentLimit":0},"terminal":{"constructor":{"x":1}}}}'],
    [
      'sources:add',
      '{"draft":{"kind":"ansible","label":"x","enabled":true,"options":{"paths":["/x"],"__proto__":{}}}}',
    ],
  ];
}

describe('IPC fuzz over serve mode (security review, issue 11)', () => {
  let fake: FakeHome;
  let home: string;
  let services: MuxdeckServices;
  let server: ServeServer;

  beforeAll(async () => {
    fake = await makeFakeHome();
    home = await makeTempDir('mx-fuzz-');
    await writeFile(fake.configFile, 'Host alpha\n  HostName 127.0.0.1\n');
    const renderer = join(home, 'renderer');
    await mkdir(renderer);
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Muxdeck</title>');
    services = await composeServices({
      home,
      resourcesDir: resolve(__dirname, '../../resources'),
      transport: 'serve',
      version: 'fuzz',
      env: { ...fake.env, MUXDECK_HOME: home },
      logger: quiet,
      spawner: await loadNodePtySpawner(),
      secrets: memorySecrets(),
    });
    server = await startServeServer({
      router: services.router,
      rendererDir: renderer,
      token: TOKEN,
      host: '127.0.0.1',
      port: 0,
    });
  });

  afterAll(async () => {
    await server?.close();
    services?.dispose();
    await killServer(join(home, 'tmux.sock'));
    await fake?.cleanup();
    await removeDir(home);
  });

  /** A typed error, or an answer its channel's result schema accepts; never a dropped or closed socket. */
  function expectTypedAnswer(channel: RequestChannel, what: string, answer: unknown): void {
    const response = ApiResponse.safeParse(answer);
    expect(response.success, `${channel} ${what}: ${JSON.stringify(answer)?.slice(0, 200)}`).toBe(true);
    if (!response.success) return;
    if (response.data.ok) {
      const result = requests[channel].result.safeParse(response.data.result);
      expect(result.success, `${channel} ${what}: answer does not match its schema`).toBe(true);
    } else {
      expect(response.data.error.code, `${channel} ${what}: ${response.data.error.message}`).not.toBe(
        'INTERNAL',
      );
    }
  }

  async function expectServerUp(client: WireClient): Promise<void> {
    expect(client.closed).toBeUndefined();
    expect(await client.invoke('app:info', {})).toMatchObject({ ok: true, result: { version: 'fuzz' } });
    const fresh = await WireClient.open(server.port);
    expect(await fresh.invoke('app:info', {})).toMatchObject({ ok: true, result: { transport: 'serve' } });
    fresh.close();
  }

  function prototypeIsClean(): boolean {
    const probe: Record<string, unknown> = {};
    return probe.polluted === undefined && probe.tags === undefined && probe.notes === undefined;
  }

  it('answers every request channel fed hostile payloads and field values, and stays up', async () => {
    const client = await WireClient.open(server.port);
    let sent = 0;
    for (const channel of REQUEST_CHANNELS) {
      const cases: Array<[string, string]> = Object.entries(HOSTILE_PAYLOADS);
      for (const field of fieldsOf(requests[channel].params)) {
        for (const [kind, value] of Object.entries(HOSTILE_VALUES)) {
          cases.push([`${field} = ${kind}`, `{"${field}":${value}}`]);
        }
      }
      // One channel at a time: a window's queue is bounded, and BUSY is not what this test is about.
      for (let start = 0; start < cases.length; start += 16) {
        const batch = cases.slice(start, start + 16);
        const answers = await Promise.all(batch.map(([, payload]) => client.invokeRaw(channel, payload)));
        batch.forEach(([what], i) => expectTypedAnswer(channel, what, answers[i]));
        sent += batch.length;
      }
      expect(prototypeIsClean(), `after ${channel}`).toBe(true);
    }
    expect(sent).toBeGreaterThan(REQUEST_CHANNELS.length * 20);
    await expectServerUp(client);
    client.close();
  }, 240_000);

  it('refuses the crafted attacks of the review with typed errors, pollutes nothing, and keeps saving', async () => {
    const client = await WireClient.open(server.port);
    for (const [channel, payload] of attacks()) {
      const answer = await client.invokeRaw(channel, payload);
      expectTypedAnswer(channel, payload.slice(0, 80), answer);
      expect(answer, `${channel} ${payload.slice(0, 80)}`).toMatchObject({ ok: false });
      expect(prototypeIsClean()).toBe(true);
    }
    // Nothing was planted: a later save works and the tree holds no prototype key.
    const saved = await client.invoke('tree:apply', {
      mutations: [{ op: 'folder.create', name: 'after the fuzz', parentId: null }],
    });
    expect(saved).toMatchObject({ ok: true });
    const tree = (await client.invoke('tree:get', {})) as { result: { overlay: { favourites: string[] } } };
    expect(tree.result.overlay.favourites).toEqual([]);
    await expectServerUp(client);
    client.close();
  }, 120_000);

  it('closes a connection that sends malformed frames, and serves the others', async () => {
    const bad = await WireClient.open(server.port);
    const closed = new Promise<void>((done) => {
      const check = setInterval(() => {
        if (bad.closed) {
          clearInterval(check);
          done();
        }
      }, 10);
    });
    (bad as unknown as { socket: WebSocket }).socket.send('{"type":"invoke","id":1,"channel":');
    await closed;
    expect(bad.closed?.code).toBe(1007);
    const good = await WireClient.open(server.port);
    await expectServerUp(good);
    good.close();
  });

  it('answers a flooding connection BUSY past its queue while a second connection is served', async () => {
    const flooder = await WireClient.open(server.port);
    const other = await WireClient.open(server.port);
    const expandMany = (round: number) => ({
      mutations: Array.from({ length: MAX_TREE_MUTATIONS }, (_, i) => ({
        op: 'layout.expand',
        nodeId: `flood:${round}:${i}`,
        expanded: i % 2 === 0,
      })),
    });
    let savedSoFar = 0;
    const flood = Array.from({ length: 600 }, (_, round) =>
      flooder.invoke('tree:apply', expandMany(round)).then((answer) => {
        if ((answer as { ok?: boolean }).ok) savedSoFar++;
        return answer;
      }),
    );
    const info = await other.invoke('app:info', {});
    const savedBeforeInfo = savedSoFar;
    expect(info).toMatchObject({ ok: true, result: { version: 'fuzz' } });

    const answers = await Promise.all(flood);
    const codes = answers.map((a) => ApiResponse.parse(a)).map((r) => (r.ok ? 'ok' : r.error.code));
    expect(new Set(codes)).toEqual(new Set(['ok', 'BUSY']));
    // The second window did not wait for the flood to be worked off.
    expect(savedBeforeInfo).toBeLessThan(codes.filter((c) => c === 'ok').length);
    await expectServerUp(flooder);
    flooder.close();
    other.close();
  }, 120_000);
});
