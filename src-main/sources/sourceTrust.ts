import type { AnsibleSourceOptions } from '../../src-preload/api';
import type { ConfirmationRequest } from '../ports';

/**
 * What the user must confirm outside the page before an Ansible source may run programs: inventory
 * scripts (any executable among its paths) and ProxyCommands. Undefined when nothing new is allowed:
 * the same permission over the same paths was confirmed before (or nothing runs).
 */
export function ansibleTrustRequest(
  next: Pick<AnsibleSourceOptions, 'paths' | 'allowScripts' | 'allowProxyCommand'>,
  previous?: Pick<AnsibleSourceOptions, 'paths' | 'allowScripts' | 'allowProxyCommand'>,
): ConfirmationRequest | undefined {
  const samePaths =
    previous !== undefined &&
    previous.paths.length === next.paths.length &&
    previous.paths.every((path, index) => path === next.paths[index]);
  const scripts = next.allowScripts && !(samePaths && previous.allowScripts);
  const proxy = next.allowProxyCommand && !(samePaths && previous.allowProxyCommand);
  if (!scripts && !proxy) return undefined;
  const what = [scripts ? 'run inventory scripts' : '', proxy ? 'run the ProxyCommands' : '']
    .filter(Boolean)
    .join(' and ');
  return {
    message: `An Ansible source asks to ${what} of these inventory paths:`,
    items: next.paths,
    risk:
      (scripts ? 'Every executable file among them will be run as you, at every sync. ' : '') +
      (proxy ? 'Each ProxyCommand in them will be run through your shell when you connect. ' : '') +
      'Allow this only for inventories you trust.',
    allowLabel: scripts ? 'Run scripts' : 'Allow ProxyCommands',
  };
}
