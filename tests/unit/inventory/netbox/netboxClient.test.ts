import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../../src-main/inventory/netbox/concurrencyLimiter';
import { NetboxClient } from '../../../../src-main/inventory/netbox/netboxClient';
import { NetboxError } from '../../../../src-main/inventory/netbox/netboxErrors';
import {
  NetboxTransportError,
  type NetboxHttp,
  type NetboxHttpRequest,
  type NetboxHttpResponse,
} from '../../../../src-main/inventory/netbox/netboxHttp';
import { netboxCredentials } from '../../../../src-main/inventory/netbox/netboxToken';
import { parseNetboxUrl } from '../../../../src-main/inventory/netbox/netboxUrl';
import { parseNetboxVersion } from '../../../../src-main/inventory/netbox/netboxVersion';

const V1 = 'fae81d7b410574c7c24c5522bd528957b6fe9a7c';
// The NetBox simulator's documented test token (../shared/netbox-sim/README.md), not a credential.
const V2 = 'nbt_fHUUbRMshgFA.9UnQmXc7M8ju9jHSrzq5DgYT92djQMd3hspg6taI';
const NOW = Date.parse('2026-01-01T00:00:00Z');

type Answer = NetboxHttpResponse | NetboxTransportError;

function json(status: number, body: unknown, headers: Record<string, string> = {}): NetboxHttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'api-version': '4.5', ...headers },
    body: JSON.stringify(body),
  };
}
function html(status: number, title: string): NetboxHttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/html' },
    body: `<html><head><title>${title}</title></head></html>`,
  };
}
const OK = json(200, { count: 0, next: null, previous: null, results: [] });

/** An HTTP port that answers from a script, one entry per request (the last one repeats). */
function scripted(...answers: Array<Answer | ((req: NetboxHttpRequest) => Answer)>) {
  const requests: NetboxHttpRequest[] = [];
  const http: NetboxHttp = {
    get(req) {
      requests.push(req);
      const next = answers[Math.min(requests.length - 1, answers.length - 1)];
      const answer = typeof next === 'function' ? next(req) : next;
      return answer instanceof NetboxTransportError
        ? Promise.reject(answer)
        : Promise.resolve(answer as NetboxHttpResponse);
    },
    close: () => Promise.resolve(),
  };
  return { http, requests };
}

function clientFor(http: NetboxHttp, token: string | undefined = V1) {
  const delays: number[] = [];
  const logs: string[] = [];
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void logs.push(JSON.stringify({ level, message, ...fields }));
  const client = new NetboxClient(
    {
      baseUrl: parseNetboxUrl('https://netbox.example.com'),
      ...(token ? { credentials: netboxCredentials(token) } : {}),
      requestTimeoutMs: 1_000,
      retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 60_000 },
    },
    {
      http,
      limiter: createLimiter(2),
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      now: () => NOW,
      logger: { info: log('info'), warn: log('warn'), error: log('error') },
    },
  );
  return { client, delays, logs };
}

async function failure(promise: Promise<unknown>): Promise<NetboxError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NetboxError) return error;
    throw error;
  }
  throw new Error('expected a NetboxError');
}

describe('NetBox client', () => {
  it('sends the token, asks for JSON, and returns the body with the API version', async () => {
    const { http, requests } = scripted(OK);
    const { client } = clientFor(http, V2);
    const result = await client.getJson('/api/dcim/devices/', [['limit', '1']]);
    expect(result).toEqual({
      body: { count: 0, next: null, previous: null, results: [] },
      apiVersion: '4.5',
    });
    expect(requests[0]).toMatchObject({
      url: 'https://netbox.example.com/api/dcim/devices/?limit=1',
      headers: { Accept: 'application/json', Authorization: `Bearer ${V2}` },
      timeoutMs: 1_000,
    });
  });

  it('retries 5xx, resets and timeouts with exponential backoff, then succeeds', async () => {
    const { http, requests } = scripted(
      html(502, '502 Bad Gateway'),
      new NetboxTransportError('reset', 'socket hang up', 'ECONNRESET'),
      new NetboxTransportError('timeout', 'deadline', 'DEADLINE'),
      OK,
    );
    const { client, delays } = clientFor(http);
    await client.getJson('/api/dcim/devices/');
    expect(requests).toHaveLength(4);
    expect(delays).toEqual([75, 150, 300]);
    expect(client.counters).toEqual({ attempts: 4, retries: 3 });
  });

  it('honours Retry-After on 429, in seconds or as an HTTP date', async () => {
    const date = new Date(NOW + 4_000).toUTCString();
    const { http } = scripted(
      json(
        429,
        { detail: 'Request was throttled. Expected available in 2 seconds.' },
        { 'retry-after': '2' },
      ),
      json(429, { detail: 'throttled' }, { 'retry-after': date }),
      OK,
    );
    const { client, delays } = clientFor(http);
    await client.getJson('/api/dcim/devices/');
    expect(delays).toEqual([2_000, 4_000]);
  });

  it('does not wait for a Retry-After beyond the limit, and says so', async () => {
    const { http, requests } = scripted(json(429, { detail: 'throttled' }, { 'retry-after': '3600' }));
    const error = await failure(clientFor(http).client.getJson('/api/dcim/devices/'));
    expect(requests).toHaveLength(1);
    expect(error.kind).toBe('rate-limited');
    expect(error.message).toMatch(
      /throttling requests \(429\).*asks to wait 3600 s.*does not wait that long/,
    );
  });

  it('gives up after the retries with the last failure and the attempt count', async () => {
    const { http, requests } = scripted(
      json(500, {
        error: "'NoneType' object has no attribute 'pk'",
        exception: 'AttributeError',
        netbox_version: '4.5.10',
      }),
    );
    const error = await failure(
      clientFor(http).client.getJson('/api/dcim/devices/', [], 'the devices list (offset 0)'),
    );
    expect(requests).toHaveLength(4);
    expect(error.kind).toBe('server');
    expect(error.message).toBe(
      "NetBox failed to answer the devices list (offset 0) at https://netbox.example.com: 500 AttributeError: 'NoneType' object has no attribute 'pk'. (gave up after 4 attempts)",
    );
  });

  it('names a proxy error page by its title', async () => {
    const error = await failure(
      clientFor(scripted(html(503, '503 Service Temporarily Unavailable')).http).client.getJson(
        '/api/status/',
      ),
    );
    expect(error.message).toMatch(
      /503 an HTML error page \("503 Service Temporarily Unavailable"\), probably from a proxy/,
    );
  });

  it.each([
    ['Invalid v1 token', /NetBox refused the API token \(403: Invalid v1 token\)\. Check the token/],
    ['Token expired', /\(403: Token expired\)\. Create a new token/],
    ['Token disabled', /\(403: Token disabled\)\. Enable the token/],
  ])('explains a refused token (%s) at once, without retrying', async (detail, message) => {
    const { http, requests } = scripted(json(403, { detail }));
    const error = await failure(clientFor(http).client.getJson('/api/status/'));
    expect(requests).toHaveLength(1);
    expect(error.kind).toBe('auth');
    expect(error.details.detail).toBe(detail);
    expect(error.message).toMatch(message);
  });

  it('tells a valid token without permission apart from a bad token', async () => {
    const error = await failure(
      clientFor(
        scripted(json(403, { detail: 'You do not have permission to perform this action.' })).http,
      ).client.getJson('/api/dcim/devices/'),
    );
    expect(error.kind).toBe('permission');
    expect(error.message).toMatch(/token is valid but its user may not view these objects/);
  });

  it('says when a token stopped working in the middle of a sync', async () => {
    const { http } = scripted(OK, OK, json(403, { detail: 'Invalid v1 token' }));
    const { client } = clientFor(http);
    await client.getJson('/api/status/');
    await client.getJson('/api/dcim/devices/');
    const error = await failure(client.getJson('/api/dcim/devices/'));
    expect(error.message).toMatch(
      /It had worked for 2 requests of this sync: the token was revoked, disabled or expired meanwhile/,
    );
  });

  it('explains a v2 token sent to a NetBox older than 4.5', async () => {
    const { http } = scripted(
      json(403, { detail: 'Authentication credentials were not provided.' }, { 'api-version': '4.2' }),
    );
    const error = await failure(clientFor(http, V2).client.getJson('/api/status/'));
    expect(error.message).toMatch(/This is NetBox 4\.2: v2 tokens \(nbt_…\) need NetBox 4\.5 or later/);
    const { client } = clientFor(scripted(json(403, { detail: 'Invalid v2 token' })).http, V2);
    client.noteVersion(parseNetboxVersion('4.5.10', 'status'));
    expect((await failure(client.getJson('/api/status/'))).message).toMatch(/Check the token/);
  });

  it('never puts the token in a message, even when a server echoes it back', async () => {
    const echo = (req: NetboxHttpRequest) =>
      json(403, { detail: `Invalid token: ${req.headers.Authorization}` });
    const echoHtml = (req: NetboxHttpRequest) => html(502, `bad gateway for ${req.headers.Authorization}`);
    const echoTransport = (req: NetboxHttpRequest) =>
      new NetboxTransportError('network', `weird ${req.headers.Authorization}`, req.headers.Authorization);
    for (const token of [V1, V2]) {
      for (const answer of [echo, echoHtml, echoTransport]) {
        const { client, logs } = clientFor(scripted(answer).http, token);
        const error = await failure(client.getJson('/api/dcim/devices/'));
        expect(error.message).toContain('***');
        expect(error.message).not.toContain(token);
        expect(error.message).not.toContain(token.split('.').pop());
        expect(logs.join('\n')).not.toContain(token.slice(4, 20));
      }
    }
  });

  it.each<[Answer, string, RegExp, number]>([
    [
      new NetboxTransportError('refused', 'x', 'ECONNREFUSED'),
      'connection',
      /connection was refused \(ECONNREFUSED\)\. Is NetBox running/,
      4,
    ],
    [
      new NetboxTransportError('dns', 'x', 'ENOTFOUND'),
      'dns',
      /Cannot resolve the host name of https:\/\/netbox\.example\.com \(ENOTFOUND\)/,
      1,
    ],
    [new NetboxTransportError('dns', 'x', 'EAI_AGAIN'), 'dns', /EAI_AGAIN/, 4],
    [
      new NetboxTransportError('timeout', 'x', 'DEADLINE'),
      'timeout',
      /did not answer GET \/api\/status\/ at https:\/\/netbox\.example\.com within 1 s/,
      4,
    ],
    [
      new NetboxTransportError('tls', 'x', 'CERT_HAS_EXPIRED'),
      'tls',
      /TLS check of netbox\.example\.com failed: the server's certificate has expired/,
      1,
    ],
    [
      html(200, 'Sign in - Keycloak'),
      'not-json',
      /answered GET \/api\/status\/ with an HTML page \("Sign in - Keycloak"\).*login page/,
      1,
    ],
    [
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"count": 5, "resu' },
      'malformed',
      /is cut off after 18 bytes/,
      4,
    ],
    [
      { status: 200, headers: { 'content-type': 'application/json' }, body: '{"count":NaN}' },
      'malformed',
      /is not valid JSON/,
      4,
    ],
    [
      { status: 301, headers: { location: 'https://netbox.example.com/login/?next=/api/' }, body: '' },
      'bad-url',
      /redirect \(301\) to https:\/\/netbox\.example\.com\/login\/\. Use the final address/,
      1,
    ],
    [
      html(404, 'Page Not Found - NetBox'),
      'not-found',
      /has no NetBox API at \/api\/status\/ \(404, an HTML page\)/,
      1,
    ],
    [
      json(400, { status: ['Select a valid choice. x is not one of the available choices.'] }),
      'bad-request',
      /rejected the query.*status: Select a valid choice\. x is not one of the available choices\./,
      1,
    ],
  ])('classifies %# as %s with a clear message', async (answer, kind, message, attempts) => {
    const { http, requests } = scripted(answer);
    const error = await failure(clientFor(http).client.getJson('/api/status/'));
    expect(error.kind).toBe(kind);
    expect(error.message).toMatch(message);
    expect(requests).toHaveLength(attempts);
  });
});
