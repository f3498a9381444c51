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
  --netbox-filter K=V   a NetBox filter (site=fra1, role=web, tag=prod, status=active, ...); repeatable`;

export async function inventoryCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      ansible: { type: 'string', multiple: true },
      netbox: { type: 'string' },
      'netbox-filter': { type: 'string', multiple: true },
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
  return listNetboxInventory({ url: values.netbox ?? '', filters: values['netbox-filter'] ?? [] }, ctx);
}
