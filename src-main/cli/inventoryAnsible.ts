import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { formatAnsibleListJson, toAnsibleListJson } from '../inventory/ansible/ansibleListJson';
import { formatProblem } from '../inventory/ansible/inventoryProblem';
import { loadAnsibleInventory } from '../inventory/ansible/loadAnsibleInventory';
import { commandScriptRunner, nodeInventoryFileSystem } from '../inventory/ansible/nodeInventoryFileSystem';
import { execFileRunner } from '../platform/execFileRunner';
import type { CliContext } from './cliContext';

export interface AnsibleListOptions {
  /** Run executable inventory scripts. Also on when MUXDECK_ANSIBLE_ALLOW_SCRIPTS=1. */
  allowScripts?: boolean;
}

/**
 * `muxdeck inventory --ansible PATH ... --list`: the merged inventory as
 * `ansible-inventory -i PATH ... --list` prints it. Whatever could be read is printed;
 * every file that could not be read is named on stderr and the exit status is 1.
 */
export async function listAnsibleInventory(
  paths: string[],
  ctx: CliContext,
  options: AnsibleListOptions = {},
): Promise<number> {
  const allowScripts = options.allowScripts === true || ctx.env.MUXDECK_ANSIBLE_ALLOW_SCRIPTS === '1';
  const sources = await Promise.all(paths.map((path) => absoluteSource(path, ctx)));
  const inventory = await loadAnsibleInventory(
    sources,
    { files: nodeInventoryFileSystem },
    { allowScripts, runScript: commandScriptRunner(execFileRunner) },
  );
  ctx.stdout(formatAnsibleListJson(toAnsibleListJson(inventory)));
  for (const problem of inventory.problems) ctx.stderr(`muxdeck inventory: ${formatProblem(problem)}`);
  return inventory.problems.some((problem) => problem.severity === 'error') ? 1 : 0;
}

/** ansible's unfrackpath: `~` expanded, relative to the working directory; a host list stays as written. */
async function absoluteSource(path: string, ctx: CliContext): Promise<string> {
  const home = ctx.env.HOME ?? homedir();
  const expanded = path === '~' ? home : path.startsWith('~/') ? `${home}${path.slice(1)}` : path;
  const absolute = isAbsolute(expanded) ? resolve(expanded) : resolve(process.cwd(), expanded);
  if (path.includes(',') && (await nodeInventoryFileSystem.stat(absolute)).kind === 'missing') return path;
  return absolute;
}
