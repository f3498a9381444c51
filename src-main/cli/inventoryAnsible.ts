import type { CliContext } from './cliContext';

// Placeholder until the Ansible importer lands; replaced by the helper that builds it.
export function listAnsibleInventory(_input: unknown, ctx: CliContext): Promise<number> {
  ctx.stderr('muxdeck inventory: the ansible importer is not built yet.');
  return Promise.resolve(1);
}
