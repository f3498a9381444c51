import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventMessage, SessionInfo } from '../../src-preload/api';
import { composeServices, type MuxdeckServices } from '../../src-main/app/compose';
import { loadNodePtySpawner } from '../../src-main/platform/nodePtySpawner';
import type { RouterConnection } from '../../src-main/router/router';
import type { PlatformTools } from '../../src-main/platform/platformTools';
import type { UserConfirmation } from '../../src-main/ports';
import type { SecretStore } from '../../src-main/secrets/secretStore';
import { waitFor } from './waitFor';

const RESOURCES = resolve(__dirname, '../../resources');
const log = (level: string) => (message: string, fields?: Record<string, unknown>) => {
  if (process.env.MUXDECK_TEST_LOG) console.log(level, message, JSON.stringify(fields ?? {}));
};
/** Quiet unless MUXDECK_TEST_LOG is set: then the services' log lines help explain a failure. */
const testLogger = { info: log('info'), warn: log('warn'), error: log('error') };

export interface AppUnderTest {
  services: MuxdeckServices;
  connection: RouterConnection;
  events: EventMessage[];
  /** Invokes a contract channel as the renderer would; throws with the API's message on an error answer. */
  call<T = Record<string, unknown>>(channel: string, payload: unknown): Promise<T>;
  /** Everything a terminal has printed so far. */
  output(terminalId: string): string;
  session(id: string): Promise<SessionInfo | undefined>;
  /** Waits until the session matches, or fails naming what it waited for and what it saw. */
  waitForSession(
    id: string,
    predicate: (s: SessionInfo | undefined) => boolean,
    describe: string,
    timeoutMs?: number,
  ): Promise<SessionInfo | undefined>;
  /** The app goes away as a crash would: nothing is detached politely. */
  crash(): void;
}

/** One "start of the app": the real services over a MUXDECK_HOME, with a renderer-like connection. */
export async function startAppUnderTest(
  home: string,
  env: NodeJS.ProcessEnv,
  extra: { secrets?: SecretStore; tools?: PlatformTools; confirmation?: UserConfirmation } = {},
): Promise<AppUnderTest> {
  const services = await composeServices({
    home,
    resourcesDir: RESOURCES,
    transport: 'serve',
    version: 'test',
    env,
    logger: testLogger,
    spawner: await loadNodePtySpawner(),
    ...(extra.secrets ? { secrets: extra.secrets } : {}),
    ...(extra.tools ? { tools: extra.tools } : {}),
    ...(extra.confirmation ? { confirmation: extra.confirmation } : {}),
  });
  const events: EventMessage[] = [];
  const connection = services.router.connect((m) => events.push(m));
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const response = await connection.invoke(channel, payload);
    if (!response.ok) throw new Error(`${channel}: ${response.error.message}`);
    return response.result as T;
  };
  const session = async (id: string) =>
    (await call<SessionInfo[]>('sessions:list', {})).find((s) => s.id === id);
  let last: SessionInfo | undefined;
  return {
    services,
    connection,
    events,
    call,
    output: (terminalId) =>
      events
        .map((e) =>
          e.event === 'terminal:data' && e.payload.terminalId === terminalId ? e.payload.data : '',
        )
        .join(''),
    session,
    async waitForSession(id, predicate, describe, timeoutMs = 15_000) {
      try {
        return await waitFor(
          async () => {
            last = await session(id);
            return predicate(last) ? (last ?? true) : undefined;
          },
          { describe, timeoutMs },
        ).then(() => last);
      } catch (error) {
        let events = '(none)';
        try {
          events = readFileSync(join(home, 'events', 'pane-events.log'), 'utf8');
        } catch {
          // No pane has died yet.
        }
        throw new Error(
          `${(error as Error).message}\nlast seen: ${JSON.stringify(last)}\npane events:\n${events}`,
        );
      }
    },
    crash() {
      services.dispose();
    },
  };
}
