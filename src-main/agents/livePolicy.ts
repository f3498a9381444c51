import { readFileSync, statSync } from 'node:fs';
import type { AgentPolicy } from '../../src-preload/api';
import { decodeStore } from '../store/storeCodec';

/** The calls a live policy needs; node's own by default, fakes in tests. */
export interface PolicyFileFs {
  stamp(file: string): string | undefined;
  read(file: string): string;
}

const nodePolicyFs: PolicyFileFs = {
  stamp: (file) => {
    try {
      const stat = statSync(file);
      return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch {
      return undefined;
    }
  },
  read: (file) => readFileSync(file, 'utf8'),
};

/**
 * Settings → Agents as saved now, for `muxdeck mcp`: the app writes the store while the agent's server
 * runs, and a rule the user just tightened must apply to the next call, not the next start. Re-read only
 * when the file changed; a file that cannot be read or decoded keeps the last good policy (`fallback`
 * first: the store as this process loaded it).
 */
export function livePolicy(
  file: string,
  fallback: () => AgentPolicy,
  fs: PolicyFileFs = nodePolicyFs,
): () => AgentPolicy {
  let stamp: string | undefined;
  let last: AgentPolicy | undefined;
  return () => {
    const now = fs.stamp(file);
    if (now !== undefined && now !== stamp) {
      try {
        const decoded = decodeStore(fs.read(file));
        if (decoded.ok) {
          last = decoded.data.settings.agents;
          stamp = now;
        }
      } catch {
        // Being replaced this very moment: the last good policy holds until the next call.
      }
    }
    return last ?? fallback();
  };
}
