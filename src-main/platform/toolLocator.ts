import { posix, win32 } from 'node:path';

/** What the locator may look at: passed in, so every platform can be tested on any machine. */
export interface ToolLocatorDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** True when path is an executable file. */
  isExecutable: (path: string) => boolean;
}

/**
 * Where package managers put tmux and ssh, searched after PATH. An app started from Finder or the
 * Dock gets launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin), which has no Homebrew: without these
 * a Homebrew tmux would look missing on macOS.
 */
export function wellKnownDirs(deps: Pick<ToolLocatorDeps, 'platform' | 'env'>): string[] {
  switch (deps.platform) {
    case 'darwin':
      // Apple Silicon Homebrew, Intel Homebrew, MacPorts, then the system.
      return ['/opt/homebrew/bin', '/usr/local/bin', '/opt/local/bin', '/usr/bin', '/bin'];
    case 'win32': {
      // The Windows OpenSSH client ("optional feature"): System32\OpenSSH, whatever PATH says.
      const systemRoot = envValue(deps, 'SystemRoot') ?? envValue(deps, 'windir') ?? 'C:\\Windows';
      return [win32.join(systemRoot, 'System32', 'OpenSSH')];
    }
    default:
      return ['/usr/local/bin', '/usr/bin', '/bin'];
  }
}

/** PATH's directories, then the well-known ones, without duplicates. */
export function searchDirs(deps: Pick<ToolLocatorDeps, 'platform' | 'env'>): string[] {
  const delimiter = deps.platform === 'win32' ? ';' : ':';
  const fromPath = (envValue(deps, 'PATH') ?? '')
    .split(delimiter)
    .map((dir) => dir.trim().replace(/^"(.*)"$/, '$1'))
    .filter((dir) => dir.length > 0);
  return unique([...fromPath, ...wellKnownDirs(deps)]);
}

/**
 * PATH for what Muxdeck starts (tmux, ssh, and the ProxyCommand tools ssh runs): the user's PATH
 * with the well-known directories appended, so a Finder-started app finds Homebrew's tools too.
 */
export function augmentedPath(deps: Pick<ToolLocatorDeps, 'platform' | 'env'>): string {
  return searchDirs(deps).join(deps.platform === 'win32' ? ';' : ':');
}

/** The full path of an executable tool (e.g. "tmux", "ssh"), or undefined when there is none. */
export function locateTool(name: string, deps: ToolLocatorDeps): string | undefined {
  const path = deps.platform === 'win32' ? win32 : posix;
  if (path.isAbsolute(name)) return deps.isExecutable(name) ? name : undefined;
  for (const dir of searchDirs(deps)) {
    for (const file of candidateNames(name, deps)) {
      const full = path.join(dir, file);
      if (deps.isExecutable(full)) return full;
    }
  }
  return undefined;
}

/** Windows runs "ssh" as ssh.exe (or another PATHEXT extension); elsewhere the name is the file. */
function candidateNames(name: string, deps: Pick<ToolLocatorDeps, 'platform' | 'env'>): string[] {
  if (deps.platform !== 'win32' || /\.[A-Za-z0-9]+$/.test(name)) return [name];
  const extensions = (envValue(deps, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD')
    .split(';')
    .filter((ext) => ext.length > 0)
    .map((ext) => ext.toLowerCase());
  return extensions.map((ext) => `${name}${ext}`);
}

/** Windows environment names are case-insensitive (Path, PATH); elsewhere they are exact. */
function envValue(deps: Pick<ToolLocatorDeps, 'platform' | 'env'>, name: string): string | undefined {
  if (deps.platform !== 'win32') return deps.env[name];
  const key = Object.keys(deps.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : deps.env[key];
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}
