/**
 * Every fault the NetBox simulator can inject (README "Faults"), and what the user gets:
 * the right hosts after retries, or one clear error, never a partial host list.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { importErrorFromSim, importFromSim, startSim, type NetboxSim } from './netboxSimHarness';

const DEVICES = '/api/dcim/devices/';
const VMS = '/api/virtualization/virtual-machines/';

let sim: NetboxSim;
beforeAll(async () => {
  sim = await startSim({ devices: 400, vms: 200, seed: 51 });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.clearFaults();
  sim.resetStats();
});

/** Ids NetBox holds right now, read directly (the oracle), with the faults switched off. */
async function currentIds(path: string): Promise<number[]> {
  sim.clearFaults();
  const res = await fetch(`${sim.url}${path}?brief=1&limit=1000&ordering=id`, {
    headers: { Authorization: `Token ${sim.token}` },
  });
  return ((await res.json()) as { results: Array<{ id: number }> }).results.map((r) => r.id);
}

/** A fast, small-page import; faults at offset 100/200 hit the second/third device page. */
function run(settings: Parameters<typeof importFromSim>[1] = {}) {
  return importFromSim(sim, {
    ...settings,
    settings: { ...settings.settings, fetch: { pageSize: 100, ...settings.settings?.fetch } },
  });
}
function runFailing(settings: Parameters<typeof importFromSim>[1] = {}) {
  return importErrorFromSim(sim, {
    ...settings,
    settings: { ...settings.settings, fetch: { pageSize: 100, ...settings.settings?.fetch } },
  });
}

async function expectAllHosts(result: Awaited<ReturnType<typeof run>>['result']) {
  expect(result.hosts.filter((h) => h.record.kind === 'device').map((h) => h.record.id)).toEqual(
    await currentIds(DEVICES),
  );
  expect(result.hosts.filter((h) => h.record.kind === 'vm').map((h) => h.record.id)).toEqual(
    await currentIds(VMS),
  );
}

describe('latency', () => {
  it('slow answers: all hosts, nothing retried', async () => {
    sim.setFaults(['latency:ms=40,jitter=20']);
    const { result } = await run();
    await expectAllHosts(result);
    expect(result.stats.retries).toBe(0);
    expect(sim.getStats().faultsFired.latency).toBeGreaterThan(5);
  });

  it('answers slower than the request timeout: a timeout error after the retries', async () => {
    sim.setFaults(['latency:ms=400']);
    const { error } = await runFailing({
      settings: { fetch: { requestTimeoutMs: 100, retry: { maxRetries: 1 } } },
    });
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /^NetBox did not answer the NetBox status \(\/api\/status\/\) at http:\/\/127\.0\.0\.1:\d+ within 0\.1 s .*\(gave up after 2 attempts\)$/,
    );
  });
});

describe('5xx', () => {
  it('random 503s (error-rate): all hosts after retries', async () => {
    sim.setFaults(['error-rate:rate=0.3,status=503']);
    // Generous retries: which request draws which random failure depends on timing.
    const { result, delays } = await run({ settings: { fetch: { retry: { maxRetries: 8 } } } });
    await expectAllHosts(result);
    expect(result.stats.retries).toBeGreaterThan(0);
    expect(delays.length).toBe(result.stats.retries);
    expect(sim.getStats().byStatus['503']).toBe(result.stats.retries);
  });

  it("every request a NetBox 500: NetBox's own exception text, after the retries", async () => {
    sim.setFaults(['error-rate:rate=1,status=500,body=json']);
    const { error, delays } = await runFailing();
    expect(error.kind).toBe('server');
    expect(error.message).toMatch(
      /NetBox failed to answer the NetBox status \(\/api\/status\/\) at .*: 500 AttributeError: 'NoneType' object has no attribute 'pk'\. \(gave up after 5 attempts\)/,
    );
    expect(delays).toHaveLength(4);
  });

  it('one 502 on a page (status fault): all hosts, that page asked twice', async () => {
    sim.setFaults([`status:code=502,offset=100,times=1,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
    expect(sim.getStats().byStatus['502']).toBe(1);
    expect(result.stats.retries).toBe(1);
  });

  it('a page that always fails: one clear error naming the page, no partial result', async () => {
    sim.setFaults([`status:code=503,offset=200,path=${DEVICES}`]);
    const { error } = await runFailing();
    expect(error.message).toMatch(
      /^NetBox failed to answer the devices list \(offset 200\) at http:\/\/127\.0\.0\.1:\d+: 503 an HTML error page \("503 Service Unavailable"\), probably from a proxy in front of NetBox\. \(gave up after 5 attempts\)$/,
    );
  });
});

describe('429 rate limiting', () => {
  it('every 4th request throttled: waits what Retry-After says, all hosts', async () => {
    sim.setFaults(['rate-limit:every=4,retry_after=1']);
    const { result, delays } = await run();
    await expectAllHosts(result);
    expect(sim.getStats().byStatus['429']).toBeGreaterThan(1);
    expect(delays.length).toBe(sim.getStats().byStatus['429']);
    expect(delays.every((d) => d === 1000)).toBe(true);
  });

  it('throttled by a proxy with an HTML page: same', async () => {
    sim.setFaults(['rate-limit:every=3,retry_after=2,body=html']);
    const { result, delays } = await run();
    await expectAllHosts(result);
    expect(delays.length).toBeGreaterThan(0);
    expect(delays.every((d) => d === 2000)).toBe(true);
  });

  it('asked to wait an hour: fails at once and says how long NetBox asked for', async () => {
    sim.setFaults(['rate-limit:every=1,retry_after=3600']);
    const { error, delays } = await runFailing();
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(
      /throttling requests \(429\).*asks to wait 3600 s\. Muxdeck does not wait that long/,
    );
    expect(delays).toEqual([]);
  });
});

describe('broken bodies', () => {
  it.each(['truncate', 'garbage', 'nan'])('one malformed page (%s): retried, all hosts', async (mode) => {
    sim.setFaults([`malformed-json:mode=${mode},offset=100,times=1,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
    expect(result.stats.retries).toBe(1);
  });

  it.each([
    [
      'truncate',
      /NetBox's answer to the devices list \(offset 100\) at .* is cut off after \d+ bytes \(invalid JSON\)\. \(gave up after 5 attempts\)/,
    ],
    [
      'garbage',
      /NetBox's answer to the devices list \(offset 100\) at .* is not valid JSON \(content type application\/json\)/,
    ],
    ['nan', /is not valid JSON/],
  ])('a page always malformed (%s): a clear error', async (mode, message) => {
    sim.setFaults([`malformed-json:mode=${mode},offset=100,path=${DEVICES}`]);
    const { error } = await runFailing();
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(message);
  });

  it('a proxy error page once (html 502): retried, all hosts', async () => {
    sim.setFaults([`html:status=502,offset=100,times=1,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
  });

  it('an HTML page with 200 (a login page): a clear error at once, no retries', async () => {
    sim.setFaults([`html:status=200,offset=0,path=${DEVICES}`]);
    const { error, delays } = await runFailing();
    expect(error.kind).toBe('not-json');
    expect(error.message).toMatch(
      /answered the devices list \(offset 0\) with an HTML page \("200 OK"\), not NetBox's JSON\. Is this a login page of a proxy or single sign-on/,
    );
    expect(delays).toEqual([]);
  });

  it('a body trickling in within the timeout: all hosts', async () => {
    sim.setFaults([`trickle:bytes=16384,interval=2,offset=100,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
    expect(sim.getStats().faultsFired.trickle).toBe(1);
  });

  it('a body trickling in forever: the hard timeout ends it, with a clear error', async () => {
    sim.setFaults([`trickle:bytes=256,interval=20,offset=100,path=${DEVICES}`]);
    const started = Date.now();
    const { error } = await runFailing({
      settings: { fetch: { requestTimeoutMs: 300, retry: { maxRetries: 1 } } },
    });
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /did not answer the devices list \(offset 100\) .* within 0\.3 s \(the server hangs or sends its answer too slowly\)/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('connections', () => {
  it('a reset page (TCP RST) twice: retried, all hosts', async () => {
    sim.setFaults([`reset:offset=100,times=2,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
    expect(sim.getStats().byStatus.reset).toBe(2);
  });

  it('a page that always resets: a clear connection error', async () => {
    sim.setFaults([`reset:offset=100,path=${DEVICES}`]);
    const { error } = await runFailing();
    expect(error.kind).toBe('connection');
    expect(error.message).toMatch(
      /^The connection to 127\.0\.0\.1:\d+ was reset or closed during the devices list \(offset 100\) \((ECONNRESET|UND_ERR_SOCKET)\)\. \(gave up after 5 attempts\)$/,
    );
  });

  it('a request that hangs once: abandoned at the timeout, retried, all hosts', async () => {
    sim.setFaults([`hang:offset=100,times=1,path=${DEVICES}`]);
    const started = Date.now();
    const { result } = await run({ settings: { fetch: { requestTimeoutMs: 300 } } });
    await expectAllHosts(result);
    expect(sim.getStats().byStatus.hang).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a request that always hangs: a timeout error, not a hang', async () => {
    sim.setFaults([`hang:offset=100,path=${DEVICES}`]);
    const { error } = await runFailing({
      settings: { fetch: { requestTimeoutMs: 200, retry: { maxRetries: 2 } } },
    });
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(
      /did not answer the devices list \(offset 100\) .* within 0\.2 s.*\(gave up after 3 attempts\)/,
    );
  });
});

describe('tokens revoked during the sync', () => {
  it.each([
    ['deleted', 'v1', 'Invalid v1 token', /Check the token/],
    ['expired', 'v1', 'Token expired', /Create a new token/],
    ['disabled', 'v2', 'Token disabled', /Enable the token/],
  ] as const)(
    '%s (%s token): the reason, that it worked before, no token in the message',
    async (mode, style, detail, hint) => {
      sim.setFaults([`revoke-token:after=3,mode=${mode}`]);
      const token = style === 'v1' ? sim.token : sim.tokenV2;
      const { error, delays } = await runFailing({ token });
      expect(error.kind).toBe('auth');
      expect(error.message).toContain(`NetBox refused the API token (403: ${detail}).`);
      expect(error.message).toMatch(hint);
      expect(error.message).toMatch(
        /It had worked for \d+ requests of this sync: the token was revoked, disabled or expired meanwhile\./,
      );
      expect(error.message).not.toContain(token);
      expect(error.message).not.toContain(token.split('.').pop() ?? token);
      expect(delays).toEqual([]);
    },
  );
});

describe('data changing between pages', () => {
  it('objects inserted mid-sync: no duplicates, the new ones included, a note for the user', async () => {
    sim.setFaults([`insert:offset=100,count=2,path=${DEVICES}`]);
    const { result } = await run();
    await expectAllHosts(result);
    expect(result.hosts.filter((h) => h.record.name?.startsWith('000-inserted-'))).toHaveLength(2);
    expect(result.warnings.join(' ')).toMatch(
      /The devices changed in NetBox during the sync; re-read the affected ranges \(2 recovered/,
    );
  });

  it('objects deleted mid-sync: nothing that still exists is lost, nothing twice', async () => {
    const before = await currentIds(DEVICES);
    sim.setFaults([`delete:offset=200,count=3,path=${DEVICES}`]);
    const { result } = await run();
    const after = await currentIds(DEVICES);
    expect(after).toHaveLength(before.length - 3);
    const got = result.hosts.filter((h) => h.record.kind === 'device').map((h) => h.record.id);
    expect(new Set(got).size).toBe(got.length);
    expect(after.filter((id) => !got.includes(id))).toEqual([]);
    expect(got.every((id) => before.includes(id))).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/The devices changed in NetBox during the sync/);
  });
});
