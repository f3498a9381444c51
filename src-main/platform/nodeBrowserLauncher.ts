import { spawn } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import type { BrowserLauncherDeps } from '../cli/browserLauncher';

/** The real machine for openInBrowser: files with private modes, and the platform's opener. */
export function nodeBrowserLauncher(privateDir: string): BrowserLauncherDeps {
  return {
    platform: process.platform,
    privateDir,
    writePrivateFile: async (path, content) => {
      await mkdir(privateDir, { recursive: true, mode: 0o700 });
      await chmod(privateDir, 0o700);
      await writeFile(path, content, { mode: 0o600, flag: 'wx' });
    },
    removeFile: (path) => rm(path, { force: true }),
    run: (file, args) =>
      new Promise((resolve) => {
        const child = spawn(file, [...args], { stdio: 'ignore', detached: true });
        child.once('error', () => resolve(false));
        child.once('exit', (code) => resolve(code === 0));
        child.unref();
      }),
    later: (ms, callback) => void setTimeout(callback, ms).unref(),
  };
}
