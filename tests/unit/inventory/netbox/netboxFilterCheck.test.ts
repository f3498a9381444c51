import { describe, expect, it } from 'vitest';
import { createLimiter } from '../../../../src-main/inventory/netbox/concurrencyLimiter';
import { NetboxClient } from '../../../../src-main/inventory/netbox/netboxClient';
import { checkFilterNames } from '../../../../src-main/inventory/netbox/netboxFilterCheck';
import { parseFilterArg } from '../../../../src-main/inventory/netbox/netboxFilters';
import type { NetboxHttp, NetboxHttpResponse } from '../../../../src-main/inventory/netbox/netboxHttp';
import { parseNetboxUrl } from '../../../../src-main/inventory/netbox/netboxUrl';

const SCHEMA = {
  paths: {
    '/api/dcim/devices/': { get: { parameters: [{ name: 'site' }, { name: 'contact_group_id' }] } },
    '/api/virtualization/virtual-machines/': { get: { parameters: [{ name: 'site' }] } },
  },
};

function clientAnswering(answer: NetboxHttpResponse) {
  const urls: string[] = [];
  const http: NetboxHttp = {
    get: (req) => {
      urls.push(req.url);
      return Promise.resolve(answer);
    },
    close: () => Promise.resolve(),
  };
  const client = new NetboxClient(
    {
      baseUrl: parseNetboxUrl('https://nb.example.com'),
      requestTimeoutMs: 1000,
      retry: { maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1 },
    },
    { http, limiter: createLimiter(1), sleep: () => Promise.resolve(), random: () => 0, now: () => 0 },
  );
  return { client, urls };
}

const schemaAnswer: NetboxHttpResponse = { status: 200, headers: {}, body: JSON.stringify(SCHEMA) };

describe('filter names checked against NetBox', () => {
  it('needs no request when every name is a known filter', async () => {
    const { client, urls } = clientAnswering(schemaAnswer);
    expect(
      await checkFilterNames(
        client,
        [parseFilterArg('site=fra1'), parseFilterArg('cf_env=prod')],
        ['device', 'vm'],
      ),
    ).toEqual([]);
    expect(urls).toEqual([]);
  });

  it("accepts a name NetBox's schema lists, once", async () => {
    const { client, urls } = clientAnswering(schemaAnswer);
    expect(
      await checkFilterNames(client, [parseFilterArg('device:contact_group_id=4')], ['device', 'vm']),
    ).toEqual([]);
    expect(urls).toEqual(['https://nb.example.com/api/schema/?format=json']);
  });

  it('refuses a name unknown to one list, pointing at the other', async () => {
    const { client } = clientAnswering(schemaAnswer);
    await expect(
      checkFilterNames(client, [parseFilterArg('contact_group_id=4')], ['device', 'vm']),
    ).rejects.toThrow(
      'NetBox has no filter "contact_group_id" for virtual machines: it would ignore it and import every one. To send it to the devices only, write device:contact_group_id=… , or import devices only.',
    );
  });

  it('goes on with a warning when the schema cannot be read', async () => {
    const { client } = clientAnswering({ status: 404, headers: {}, body: '' });
    const notes = await checkFilterNames(client, [parseFilterArg('whatever=1')], ['device']);
    expect(notes[0]).toMatch(
      /Could not check the filter "whatever" against NetBox's schema .*check the host count/,
    );
  });
});
