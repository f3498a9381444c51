/**
 * TLS and network failures, against the simulator in --tls mode and small HTTPS servers with
 * broken certificates: verification on by default, a custom CA file, explicit skip, and a
 * message that names what failed (unknown CA, hostname mismatch, expired, not TLS, refused,
 * DNS).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetboxError } from '../../src-main/inventory/netbox/netboxErrors';
import { importFromNetbox } from '../../src-main/inventory/netbox/netboxImport';
import { createNetboxHttp, type NetboxTlsSettings } from '../../src-main/inventory/netbox/netboxTransport';
import { nodeFileReader } from '../../src-main/platform/nodeFileReader';
import { recordingSleep, SIM_SERVER, simSettings, startSim, type NetboxSim } from './netboxSimHarness';

let sim: NetboxSim;
let dir: string;
const servers: Server[] = [];

beforeAll(async () => {
  sim = await startSim({ devices: 40, vms: 10, seed: 61, tls: true });
  dir = mkdtempSync(join(tmpdir(), 'mx-nbtls-'));
});
afterAll(async () => {
  await sim.close();
  for (const server of servers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importVia(url: string, tls: NetboxTlsSettings, token = sim.token) {
  const http = await createNetboxHttp(tls, nodeFileReader);
  try {
    return await importFromNetbox(
      {
        sourceId: 'netbox:tls',
        settings: { ...simSettings(sim, { fetch: { retry: { maxRetries: 1 } } }), url },
        token,
      },
      { http, sleep: recordingSleep().sleep },
    );
  } finally {
    await http.close();
  }
}

async function importError(url: string, tls: NetboxTlsSettings): Promise<NetboxError> {
  try {
    await importVia(url, tls);
  } catch (error) {
    if (error instanceof NetboxError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
}

/** An HTTPS server on 127.0.0.1 with the given certificate, answering nothing useful. */
async function httpsServer(key: Buffer | string, cert: Buffer | string): Promise<string> {
  const server = createHttpsServer({ key, cert }, (_req, res) => res.end('{}'));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('TLS', () => {
  it("verifies NetBox's certificate against a CA file", async () => {
    const result = await importVia(sim.url, { caFile: sim.caPath ?? '' });
    expect(result.hosts).toHaveLength(50);
    expect(sim.url.startsWith('https://')).toBe(true);
  });

  it('refuses a certificate from an unknown CA by default, naming the failure and the fix', async () => {
    const error = await importError(sim.url, {});
    expect(error.kind).toBe('tls');
    expect(error.message).toMatch(
      /^TLS check of 127\.0\.0\.1:\d+ failed: the server's certificate is signed by an unknown certificate authority \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)\)\. If NetBox uses an internal CA, give its certificate as the CA file \(--netbox-ca FILE\)/,
    );
  });

  it('works without verification only when explicitly told to', async () => {
    const result = await importVia(sim.url, { insecureSkipVerify: true });
    expect(result.hosts).toHaveLength(50);
  });

  it('a missing or non-PEM CA file is a setting error', async () => {
    await expect(importVia(sim.url, { caFile: join(dir, 'nope.pem') })).rejects.toThrow(
      /Cannot read the CA file .*nope\.pem \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
    await expect(importVia(sim.url, { caFile: join(dir, 'junk.pem') })).rejects.toThrow(
      /holds no PEM certificate/,
    );
  });

  it('names a hostname mismatch', async () => {
    const tls = (await import(pathToFileURL(join(dirname(SIM_SERVER), 'lib/tls.mjs')).href)) as {
      makeCertificates(o: { hostnames: string[]; ips: string[] }): {
        key: Buffer;
        cert: Buffer;
        caPath: string;
        cleanup(): void;
      };
    };
    const material = tls.makeCertificates({ hostnames: ['netbox.invalid'], ips: [] });
    try {
      const url = await httpsServer(material.key, material.cert);
      const error = await importError(url, { caFile: material.caPath });
      expect(error.message).toMatch(
        /TLS check of 127\.0\.0\.1:\d+ failed: hostname mismatch: the server's certificate is not valid for "127\.0\.0\.1" \(ERR_TLS_CERT_ALTNAME_INVALID\)/,
      );
    } finally {
      material.cleanup();
    }
  });

  it('names an expired certificate', async () => {
    const run = (args: string[]) =>
      execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=expired test CA', '-keyout', 'ca.key', '-out', 'ca.pem',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']); // prettier-ignore
    run([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
    ]);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      '[ca]\ndefault_ca=x\n[x]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\n' +
        '[p]\ncommonName=supplied\n[ext]\nsubjectAltName=IP:127.0.0.1\n',
    );
    run(['ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-in', 'server.csr', '-out', 'server.pem',
      '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-extensions', 'ext']); // prettier-ignore
    const url = await httpsServer(
      readFileSync(join(dir, 'server.key')),
      readFileSync(join(dir, 'server.pem')),
    );
    const error = await importError(url, { caFile: join(dir, 'ca.pem') });
    expect(error.message).toMatch(
      /TLS check of 127\.0\.0\.1:\d+ failed: the server's certificate has expired \(CERT_HAS_EXPIRED\)/,
    );
  });

  it('https:// to a port without TLS says so', async () => {
    const plain = createHttpServer((_req, res) => res.end('{}'));
    await new Promise<void>((done) => plain.listen(0, '127.0.0.1', done));
    try {
      const error = await importError(`https://127.0.0.1:${(plain.address() as AddressInfo).port}`, {});
      expect(error.kind).toBe('tls');
      expect(error.message).toMatch(/is this port serving HTTPS\? Try http:\/\//);
    } finally {
      plain.close();
    }
  });
});

describe('network', () => {
  it('a refused connection names host and port', async () => {
    const closed = createHttpServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((done) => closed.close(() => done()));
    const error = await importError(`http://127.0.0.1:${port}`, {});
    expect(error.kind).toBe('connection');
    expect(error.message).toMatch(
      new RegExp(
        `^Cannot connect to 127\\.0\\.0\\.1:${port}: the connection was refused \\(ECONNREFUSED\\)\\. Is NetBox running at http://127\\.0\\.0\\.1:${port}, on that port\\?`,
      ),
    );
  });

  it('a host name that does not resolve', async () => {
    const error = await importError('https://netbox.invalid', {});
    expect(error.kind).toBe('dns');
    expect(error.message).toMatch(
      /^Cannot resolve the host name of https:\/\/netbox\.invalid \((ENOTFOUND|EAI_AGAIN)\)/,
    );
  });

  it('a bad URL is refused before any request', async () => {
    await expect(importVia('netbox.example.com', {})).rejects.toThrow(
      'The NetBox URL "netbox.example.com" cannot be used: it has no scheme; did you mean https://netbox.example.com ?',
    );
  });
});
