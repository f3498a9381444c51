/**
 * Shared by the NetBox integration tests: starts the NetBox simulator (../shared/netbox-sim,
 * see its README) in-process on 127.0.0.1:0, and wraps the real HTTP port to count what the
 * importer really does (requests, in-flight maximum) and to make retries fast.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withDefaults, type NetboxSourceSettingsInput } from '../../src-main/inventory/netbox/netboxConfig';
import type { NetboxHttp, NetboxHttpRequest } from '../../src-main/inventory/netbox/netboxHttp';
import { importFromNetbox, type NetboxImportResult } from '../../src-main/inventory/netbox/netboxImport';
import { createUndiciNetboxHttp } from '../../src-main/inventory/netbox/undiciNetboxHttp';

export const SIM_SERVER =
  process.env.MUXDECK_NETBOX_SIM ?? resolve(__dirname, '../../../shared/netbox-sim/server.mjs');

/** The part of the simulator's API (server.d.mts) the tests use. */
export interface NetboxSim {
  url: string;
  port: number;
  token: string;
  tokenV2: string;
  caPath: string | null;
  version: string;
  apiVersion: string;
  close(): Promise<void>;
  setFaults(spec: string | string[]): unknown[];
  clearFaults(): unknown[];
  getStats(): {
    requests: number;
    byPath: Record<string, number>;
    byStatus: Record<string, number>;
    authFailures: number;
    faultsFired: Record<string, number>;
    tokens: { v1: number; v2: number; anonymous: number };
  };
  resetStats(): void;
}

export interface NetboxSimOptions {
  devices?: number;
  vms?: number;
  seed?: number;
  version?: '3.7' | '4.2' | '4.5';
  tls?: boolean;
  hostile?: boolean;
  maxPageSize?: number;
  faults?: string[];
}

export async function startSim(options: NetboxSimOptions): Promise<NetboxSim> {
  const mod = (await import(pathToFileURL(SIM_SERVER).href)) as {
    startNetboxSim(options: NetboxSimOptions): Promise<NetboxSim>;
  };
  return mod.startNetboxSim(options);
}

/** The real undici port, counting requests and the most that were ever in flight at once. */
export function countingHttp(inner: NetboxHttp = createUndiciNetboxHttp()) {
  let inFlight = 0;
  const stats = { maxInFlight: 0, requests: [] as string[] };
  const http: NetboxHttp = {
    async get(request: NetboxHttpRequest) {
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      stats.requests.push(request.url);
      try {
        return await inner.get(request);
      } finally {
        inFlight--;
      }
    },
    close: () => inner.close(),
  };
  return { http, stats };
}

/** Retries wait 1 ms for real but record the delay the policy asked for. */
export function recordingSleep() {
  const delays: number[] = [];
  return {
    delays,
    sleep: (ms: number) => {
      delays.push(ms);
      return new Promise<void>((done) => setTimeout(done, 1));
    },
  };
}

/** Settings for a simulator, fast enough for tests: short timeouts, quick retries. */
export function simSettings(sim: NetboxSim, input: Partial<NetboxSourceSettingsInput> = {}) {
  return withDefaults({
    url: sim.url,
    ...input,
    fetch: {
      requestTimeoutMs: 5_000,
      ...input.fetch,
      retry: { baseDelayMs: 5, maxDelayMs: 20, ...input.fetch?.retry },
    },
  });
}

export interface SimImport {
  result: NetboxImportResult;
  stats: ReturnType<typeof countingHttp>['stats'];
  delays: number[];
}

/** One import from the simulator through the real HTTP port, with recording wrappers. */
export async function importFromSim(
  sim: NetboxSim,
  options: { token?: string | null; settings?: Partial<NetboxSourceSettingsInput>; http?: NetboxHttp } = {},
): Promise<SimImport> {
  const { http, stats } = countingHttp(options.http);
  const { sleep, delays } = recordingSleep();
  try {
    const result = await importFromNetbox(
      {
        sourceId: 'netbox:test',
        settings: simSettings(sim, options.settings),
        token: options.token === null ? undefined : (options.token ?? sim.token),
      },
      { http, sleep },
    );
    return { result, stats, delays };
  } finally {
    await http.close();
  }
}

/** importFromSim that must fail: resolves with the error (and what the importer did). */
export async function importErrorFromSim(
  sim: NetboxSim,
  options: Parameters<typeof importFromSim>[1] = {},
): Promise<{ error: Error & { kind?: string }; delays: number[] }> {
  const { sleep, delays } = recordingSleep();
  const { http } = countingHttp(options.http);
  try {
    await importFromNetbox(
      {
        sourceId: 'netbox:test',
        settings: simSettings(sim, options.settings),
        token: options.token === null ? undefined : (options.token ?? sim.token),
      },
      { http, sleep },
    );
  } catch (error) {
    return { error: error as Error & { kind?: string }, delays };
  } finally {
    await http.close();
  }
  throw new Error('the import was expected to fail but succeeded');
}
