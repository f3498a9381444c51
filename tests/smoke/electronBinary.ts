import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron binary's path, or why the desktop app cannot run here. `require('electron')` is that path,
 * and throws while the binary was never downloaded (it is optional: `npm run fetch-electron`).
 */
export function electronBinary(): { path: string } | { missing: string } {
  let path: string;
  try {
    path = createRequire(__filename)('electron') as string;
  } catch {
    return { missing: 'the Electron binary is not installed (`npm run fetch-electron` downloads it)' };
  }
  if (!existsSync(path))
    return { missing: `the Electron binary is missing at ${path} (\`npm run fetch-electron\`)` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { missing: 'there is no display (DISPLAY / WAYLAND_DISPLAY); run it under `xvfb-run -a`' };
  }
  return { path };
}
