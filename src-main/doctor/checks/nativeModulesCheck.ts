import { failed, firstLine, passed, type CheckLevel, type DoctorCheck } from '../doctorCheck';

interface NativeModule {
  name: 'node-pty' | 'keytar';
  level: (platform: NodeJS.Platform) => CheckLevel;
  /** What works without it. */
  role: string;
  fix: (platform: NodeJS.Platform) => string;
}

export const NATIVE_MODULES: readonly NativeModule[] = [
  {
    name: 'node-pty',
    // Sessions inside tmux need no pty of Muxdeck's own; only direct mode does, and Windows has no tmux.
    level: (platform) => (platform === 'win32' ? 'required' : 'optional'),
    role: 'runs sessions without tmux (direct mode); sessions inside tmux work without it',
    fix: (platform) =>
      platform === 'win32'
        ? 'Run "npm rebuild node-pty" in Muxdeck\'s folder (it needs the Visual Studio C++ build tools).'
        : 'Run "npm rebuild node-pty" in Muxdeck\'s folder (it needs python3, make and a C++ compiler).',
  },
  {
    name: 'keytar',
    level: () => 'optional',
    role: 'reaches the keychain; without it no password or token can be stored',
    fix: (platform) =>
      platform === 'linux'
        ? 'Install libsecret ("sudo apt install libsecret-1-dev" or "sudo dnf install libsecret-devel"), then run "npm rebuild keytar" in Muxdeck\'s folder.'
        : 'Run "npm rebuild keytar" in Muxdeck\'s folder.',
  },
];

/** Loads one native module as the app would; its error's first line says why it did not load. */
export async function nativeModuleCheck(
  module: NativeModule,
  edges: { platform: NodeJS.Platform; loadModule: (name: string) => Promise<unknown> },
): Promise<DoctorCheck> {
  const id = `module-${module.name}`;
  const title = `Native module ${module.name}`;
  try {
    await edges.loadModule(module.name);
    return passed(id, title, module.level(edges.platform), 'loads');
  } catch (error) {
    return failed(
      id,
      title,
      module.level(edges.platform),
      `does not load: ${reasonOf(error)}; it ${module.role}`,
      module.fix(edges.platform),
    );
  }
}

/**
 * The error's first line, except for an ABI mismatch, whose first line only names the file: Node
 * explains it over three lines ("was compiled against a different Node.js version using
 * NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 109").
 */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const versions = [...text.matchAll(/NODE_MODULE_VERSION (\d+)/g)].map((match) => match[1]);
  if (versions.length === 0) return firstLine(error);
  const [built, needed] = versions;
  return `built for another Node or Electron version (NODE_MODULE_VERSION ${built ?? '?'}${needed ? `, this one needs ${needed}` : ''})`;
}
