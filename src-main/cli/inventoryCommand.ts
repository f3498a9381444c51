import { parseArgs } from 'node:util';
import type { CliContext } from './cliContext';
import { listAnsibleInventory } from './inventoryAnsible';
import { listNetboxInventory } from './inventoryNetbox';

export const INVENTORY_USAGE = `Usage: muxdeck inventory --ansible PATH [--ansible PATH ...] --list
       muxdeck inventory --netbox URL [--netbox-filter KEY=VALUE ...] --list

Prints the hosts Muxdeck would import, as JSON in the shape of \`ansible-inventory --list\`
(groups with hosts/children, and _meta.hostvars).
  --ansible PATH        an inventory file or directory; repeat to merge several, in order
  --netbox URL          a NetBox instance; the token comes from MUXDECK_NETBOX_TOKEN or the keychain
  --netbox-filter K=V   a NetBox filter (site=fra1, role=web, tag=prod, status=active, ...); repeatable;
                        device:K=V or vm:K=V sends it to one list only
  --netbox-kind KIND    devices, vms or both (default both)
  --netbox-group-by L   folder levels, outermost first: site,location,role,tenant,platform,cluster,tag,
                        status,kind (default site,role; "none" for no folders)
  --netbox-address S    where the address comes from, in order: primary-ip4,primary-ip6,primary-ip,
                        oob-ip,dns-name,name,cf:FIELD,context:KEY (default primary-ip4,primary-ip6)
  --netbox-user-from S  ssh user sources (default cf:ssh_user,context:ssh.user,context:ansible_user)
  --netbox-port-from S  ssh port sources (default cf:ssh_port,context:ssh.port,context:ansible_port)
  --netbox-ca FILE      trust this CA (PEM) for NetBox's certificate, besides the system's
  --netbox-insecure     do not verify NetBox's TLS certificate (unsafe)
  --netbox-concurrency N  requests in flight at once (default 4)
  --netbox-page-size N  objects per request (default 500; NetBox caps it at its MAX_PAGE_SIZE)
  --netbox-timeout S    seconds before one request is abandoned and retried (default 30)`;

export async function inventoryCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ansible: { type: 'string', multiple: true },
      netbox: { type: 'string' },
      'netbox-filter': { type: 'string', multiple: true },
      'netbox-kind': { type: 'string' },
      'netbox-group-by': { type: 'string' },
      'netbox-address': { type: 'string' },
      'netbox-user-from': { type: 'string' },
      'netbox-port-from': { type: 'string' },
      'netbox-ca': { type: 'string' },
      'netbox-insecure': { type: 'boolean' },
      'netbox-concurrency': { type: 'string' },
      'netbox-page-size': { type: 'string' },
      'netbox-timeout': { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    ctx.stdout(INVENTORY_USAGE);
    return 0;
  }
  const ansible = values.ansible ?? [];
  if (!values.list || (ansible.length === 0) === (values.netbox === undefined)) {
    ctx.stderr(`muxdeck inventory: give --list and either --ansible or --netbox.\n\n${INVENTORY_USAGE}`);
    return 2;
  }
  if (ansible.length > 0) return listAnsibleInventory(ansible, ctx);
  return listNetboxInventory(
    {
      url: values.netbox ?? '',
      filters: values['netbox-filter'] ?? [],
      ca: values['netbox-ca'],
      insecure: values['netbox-insecure'],
      kind: values['netbox-kind'],
      groupBy: values['netbox-group-by'],
      address: values['netbox-address'],
      userFrom: values['netbox-user-from'],
      portFrom: values['netbox-port-from'],
      concurrency: values['netbox-concurrency'],
      pageSize: values['netbox-page-size'],
      timeout: values['netbox-timeout'],
    },
    ctx,
  );
}
