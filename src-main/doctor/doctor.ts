import type { DoctorReport } from '../../src-preload/api';
import { SshConfigSource } from '../inventory/ssh-config/sshConfigSource';
import type { CommandRunner, FileReader } from '../ports';
import type { SecretStore } from '../secrets/secretStore';
import { storePaths } from '../store/storePaths';
import { join } from 'node:path';
import { failed, firstLine, type CheckLevel, type DoctorCheck } from './doctorCheck';
import { electronCheck } from './checks/electronCheck';
import { muxdeckHomeCheck, type HomeFs } from './checks/muxdeckHomeCheck';
import { NATIVE_MODULES, nativeModuleCheck } from './checks/nativeModulesCheck';
import { nodeVersionCheck } from './checks/nodeVersionCheck';
import { secretStoreCheck } from './checks/secretStoreCheck';
import { sourcesCheck } from './checks/sourcesCheck';
import { sshClientCheck } from './checks/sshClientCheck';
import { sshConfigCheck } from './checks/sshConfigCheck';
import { tmuxCheck } from './checks/tmuxCheck';

/** Everything the doctor looks at, passed in: systemDoctorEdges() builds the real ones. */
export interface DoctorEdges {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  nodeVersion: string;
  /** Set when this process is Electron (the desktop app). */
  electronVersion?: string;
  /** package.json's engines.node. */
  requiredNode: string;
  runner: CommandRunner;
  /** tmux and ssh as the app locates them (platformTools.ts). */
  tools: { tmuxPath: string | undefined; sshPath: string; sshFound: boolean };
  /** The ssh config the tree reads, and `-F` when ssh must be told (sshConfigLocation.ts). */
  sshConfig: { file: string; explicitFlag?: string };
  /** Writes Muxdeck's including ssh config, as the app does at start. */
  /**
   * Writes Muxdeck's including ssh config as the app does at start, but somewhere of the doctor's own
   * (it must not create MUXDECK_HOME): returns the -F to use, and how to remove it afterwards.
   */
  prepareSshConfig?: () => Promise<{ configFlag?: string; cleanup(): Promise<void> }>;
  userHome: string;
  files: FileReader;
  /** MUXDECK_HOME. */
  home: string;
  uid: number | undefined;
  homeFs: HomeFs;
  secrets: SecretStore;
  loadModule: (name: string) => Promise<unknown>;
  resolveElectronBinary: () => string;
  fileExists: (path: string) => boolean;
}

interface PlannedCheck {
  id: string;
  title: string;
  /** The level it reports if it throws: an optional check that breaks must not fail the doctor. */
  level: CheckLevel;
  run: () => DoctorCheck | Promise<DoctorCheck>;
}

/** Runs every check (at once: none waits for another) and reports them in a fixed order. */
export async function runDoctor(edges: DoctorEdges): Promise<DoctorReport> {
  const checks: PlannedCheck[] = [
    {
      id: 'node',
      level: 'required',
      title: 'Node.js',
      run: () =>
        nodeVersionCheck({
          nodeVersion: edges.nodeVersion,
          requiredRange: edges.requiredNode,
          ...(edges.electronVersion ? { electronVersion: edges.electronVersion } : {}),
        }),
    },
    {
      id: 'ssh',
      level: 'required',
      title: 'OpenSSH client',
      run: async () => {
        // ssh reads the same configuration as in the app (see SshConfigLocation).
        const prepared = await edges.prepareSshConfig?.();
        const configFlag = prepared ? prepared.configFlag : edges.sshConfig.explicitFlag;
        try {
          return await sshClientCheck({
            ...edges.tools,
            platform: edges.platform,
            runner: edges.runner,
            env: edges.env,
            ...(configFlag ? { configFlag } : {}),
          });
        } finally {
          await prepared?.cleanup();
        }
      },
    },
    {
      id: 'tmux',
      level: 'required',
      title: 'tmux',
      run: () =>
        tmuxCheck({ platform: edges.platform, tmuxPath: edges.tools.tmuxPath, runner: edges.runner }),
    },
    {
      id: 'home',
      level: 'required',
      title: 'MUXDECK_HOME',
      run: () => muxdeckHomeCheck({ ...edges, fs: edges.homeFs }),
    },
    ...NATIVE_MODULES.map((module) => ({
      id: `module-${module.name}`,
      level: module.level(edges.platform),
      title: `Native module ${module.name}`,
      run: () => nativeModuleCheck(module, edges),
    })),
    { id: 'keychain', level: 'optional', title: 'Keychain', run: () => secretStoreCheck(edges) },
    { id: 'electron', level: 'optional', title: 'Electron (desktop app)', run: () => electronCheck(edges) },
    {
      id: 'ssh-config',
      level: 'optional',
      title: 'ssh config',
      run: () =>
        sshConfigCheck({
          file: edges.sshConfig.file,
          source: new SshConfigSource({
            file: edges.sshConfig.file,
            home: edges.userHome,
            files: edges.files,
          }),
        }),
    },
    {
      id: 'sources',
      level: 'optional',
      title: 'Sources',
      run: () =>
        sourcesCheck({
          store: storePaths(edges.home),
          cacheDir: join(edges.home, 'cache', 'sources'),
          files: edges.files,
        }),
    },
  ];
  const results = await Promise.all(checks.map((check) => guarded(check)));
  return { ok: results.every((check) => check.ok || check.level === 'optional'), checks: results };
}

/** A check that throws is a failed check, not a failed doctor: the other findings still matter. */
async function guarded({ id, title, level, run }: PlannedCheck): Promise<DoctorCheck> {
  try {
    return await run();
  } catch (error) {
    return failed(
      id,
      title,
      level,
      `the check itself failed: ${firstLine(error)}`,
      'Report this, with the output of "muxdeck doctor", to Muxdeck\'s issue tracker.',
    );
  }
}

/** The report as `muxdeck doctor` prints it and "Copy report" copies it: one line per check, fixes indented. */
export function formatDoctorReport(
  report: DoctorReport,
  about: { version: string; platform: string },
): string {
  const lines = [`Muxdeck ${about.version} doctor (${about.platform})`, ''];
  for (const check of report.checks) {
    const optional = check.level === 'optional' && !check.ok ? ' (optional)' : '';
    lines.push(`${check.ok ? '✓' : '✗'} ${check.title}${optional}: ${check.detail}`);
    if (!check.ok && check.fix) lines.push(`    Fix: ${check.fix}`);
  }
  const failedRequired = report.checks.filter((check) => !check.ok && check.level === 'required').length;
  const failedOptional = report.checks.filter((check) => !check.ok && check.level === 'optional').length;
  lines.push('');
  lines.push(
    failedRequired > 0
      ? `${failedRequired} required check${failedRequired === 1 ? '' : 's'} failed: Muxdeck cannot work until ${failedRequired === 1 ? 'it is' : 'they are'} fixed.`
      : failedOptional > 0
        ? `Everything Muxdeck needs works; ${failedOptional} optional check${failedOptional === 1 ? '' : 's'} failed (see above for what that costs).`
        : 'Everything works.',
  );
  return lines.join('\n');
}
