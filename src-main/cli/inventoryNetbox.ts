import type { CliContext } from './cliContext';

// Placeholder until the Netbox importer lands; replaced by the helper that builds it.
export function listNetboxInventory(_input: unknown, ctx: CliContext): Promise<number> {
  ctx.stderr('muxdeck inventory: the netbox importer is not built yet.');
  return Promise.resolve(1);
}
