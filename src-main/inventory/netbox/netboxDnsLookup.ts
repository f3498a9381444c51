import type { NetboxClient } from './netboxClient';
import type { NetboxIp, NetboxRecord } from './netboxRecord';

const IDS_PER_REQUEST = 100;

/**
 * Before NetBox 4.6.4 the nested primary IPs of a device carry no `dns_name`; when the user
 * wants DNS names as addresses, the IP objects are read in batches (`?id=1&id=2...`, which
 * NetBox ORs) and their names copied onto the records. Runs under the client's shared limiter.
 */
export async function fillDnsNames(
  client: NetboxClient,
  records: readonly NetboxRecord[],
  options: { fieldsParam: boolean },
): Promise<number> {
  const byId = new Map<number, NetboxIp[]>();
  for (const record of records) {
    for (const ip of [record.primaryIp, record.primaryIp4, record.primaryIp6]) {
      if (ip?.id == null || ip.dnsName) continue;
      const list = byId.get(ip.id) ?? [];
      list.push(ip);
      byId.set(ip.id, list);
    }
  }
  const ids = [...byId.keys()].sort((a, b) => a - b);
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) batches.push(ids.slice(i, i + IDS_PER_REQUEST));
  let filled = 0;
  await Promise.all(
    batches.map(async (batch, index) => {
      const params: Array<[string, string]> = batch.map((id) => ['id', String(id)]);
      if (options.fieldsParam) params.push(['fields', 'id,dns_name']);
      params.push(['limit', String(batch.length)]);
      const { body } = await client.getJson(
        '/api/ipam/ip-addresses/',
        params,
        `the IP address DNS names (batch ${index + 1})`,
      );
      const results =
        typeof body === 'object' && body !== null && 'results' in body ? body.results : undefined;
      if (!Array.isArray(results)) return;
      for (const item of results as unknown[]) {
        if (typeof item !== 'object' || item === null) continue;
        const { id, dns_name: dnsName } = item as { id?: unknown; dns_name?: unknown };
        if (typeof id !== 'number' || typeof dnsName !== 'string' || dnsName === '') continue;
        for (const ip of byId.get(id) ?? []) {
          ip.dnsName = dnsName;
          filled++;
        }
      }
    }),
  );
  return filled;
}
