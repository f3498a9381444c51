import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { execFileRunner } from '../platform/execFileRunner';
import { keytarSecretStore } from '../platform/keytarSecretStore';
import { isExecutableFile } from '../platform/nodeExecutableCheck';
import { nodeFileReader } from '../platform/nodeFileReader';
import { planPlatformTools, type PlatformTools } from '../platform/platformTools';
import type { SecretStore } from '../secrets/secretStore';
import { writeSshConfigWrapper } from '../platform/sshConfigWrapperFile';
import { locateSshConfig, systemSshConfig } from '../ssh/sshConfigLocation';
import type { HomeFs } from './checks/muxdeckHomeCheck';
import type { DoctorEdges } from './doctor';

/** package.json's engines.node when it cannot be read (a packaged app keeps it inside app.asar). */
const ENGINES_NODE = '>=20.19';

/** The native modules, each by a literal import so the bundler leaves them to node_modules. */
const NATIVE_LOADERS: Record<string, () => Promise<unknown>> = {
  'node-pty': () => import('node-pty'),
  keytar: () => import('keytar'),
};

/** The real edges: this machine, this process, the app's own locators and keychain. */
export function systemDoctorEdges(opts: {
  /** Muxdeck's folder (package.json, node_modules). */
  appRoot: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Explicit ssh config file (MUXDECK_SSH_CONFIG or the app's setting). */
  sshConfigFile?: string;
  /** The app's keychain; default keytar's. */
  secrets?: SecretStore;
  /** The app's located tools; default: located here as the app locates them. */
  tools?: PlatformTools;
}): DoctorEdges {
  const platform = process.platform;
  const tools = opts.tools ?? planPlatformTools({ platform, env: opts.env, isExecutable: isExecutableFile });
  const userHome = opts.env.HOME || homedir();
  const sshConfig = locateSshConfig({
    ...(opts.sshConfigFile ? { setting: opts.sshConfigFile } : {}),
    home: userHome,
    passwdHome: userInfo().homedir,
  });
  return {
    platform,
    // ssh runs what its config says (ProxyCommand, Match exec) with the same PATH as in the app.
    env: platform === 'win32' ? opts.env : { ...opts.env, PATH: tools.path },
    nodeVersion: process.versions.node,
    ...(process.versions.electron ? { electronVersion: process.versions.electron } : {}),
    requiredNode: enginesNode(opts.appRoot),
    runner: execFileRunner,
    tools,
    sshConfig,
    prepareSshConfig: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'muxdeck-doctor-'));
      const location = locateSshConfig({
        ...(opts.sshConfigFile ? { setting: opts.sshConfigFile } : {}),
        home: userHome,
        passwdHome: userInfo().homedir,
        wrapperFile: join(dir, 'ssh_config'),
        systemFile: systemSshConfig(process.platform, opts.env),
      });
      await writeSshConfigWrapper(location);
      return {
        ...(location.explicitFlag ? { configFlag: location.explicitFlag } : {}),
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
    userHome,
    files: nodeFileReader,
    home: opts.home,
    uid: process.getuid?.(),
    homeFs: nodeHomeFs,
    secrets: opts.secrets ?? keytarSecretStore(),
    loadModule: async (name) => {
      const load = NATIVE_LOADERS[name];
      if (!load) throw new Error(`no loader for ${name}`);
      return load();
    },
    // From Node, the electron package answers its binary's path (and throws when it was never downloaded).
    resolveElectronBinary: () => {
      const binary: unknown = createRequire(join(opts.appRoot, 'package.json'))('electron');
      if (typeof binary !== 'string') throw new Error('the electron package did not answer a binary path');
      return binary;
    },
    fileExists: existsSync,
  };
}

function enginesNode(appRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as {
      engines?: { node?: unknown };
    };
    return typeof pkg.engines?.node === 'string' ? pkg.engines.node : ENGINES_NODE;
  } catch {
    return ENGINES_NODE;
  }
}

const nodeHomeFs: HomeFs = {
  async stat(path) {
    try {
      const info = await stat(path);
      return { isDirectory: info.isDirectory(), mode: info.mode & 0o7777, uid: info.uid };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  // access(W_OK) changes nothing on disk, and still reports a read-only filesystem (EROFS).
  writeProblem(path) {
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
      return Promise.resolve(undefined);
    } catch (error) {
      return Promise.resolve((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
  },
};
