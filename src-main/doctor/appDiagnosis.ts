import type { RequestResult } from '../../src-preload/api';
import type { PlatformTools } from '../platform/platformTools';
import type { SecretStore } from '../secrets/secretStore';
import { formatDoctorReport, runDoctor } from './doctor';
import { systemDoctorEdges } from './systemDoctorEdges';

/**
 * Help → Diagnose: the checks of `muxdeck doctor` run by the app itself, with its own keychain and
 * tools, and the same plain text the CLI prints (what "Copy report" copies).
 */
export function appDiagnosis(opts: {
  appRoot: string;
  env: NodeJS.ProcessEnv;
  home: string;
  version: string;
  sshConfigFile?: string;
  secrets: SecretStore;
  tools: PlatformTools;
}): () => Promise<RequestResult<'app:diagnose'>> {
  return async () => {
    const edges = systemDoctorEdges(opts);
    const report = await runDoctor(edges);
    return {
      ...report,
      text: formatDoctorReport(report, { version: opts.version, platform: edges.platform }),
    };
  };
}
