#!/usr/bin/env node
// `npm start`: builds, then opens the desktop app when Electron's binary is installed, and Muxdeck in
// the browser (serve mode) when it is not, so the first command always ends with Muxdeck on screen.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(appRoot, 'package.json'));

/** The binary's path, or undefined: require('electron') throws while the binary is missing. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Runs electron-vite's own entry with Node: npm may leave a bin without its run bit. */
function build() {
  const pkg = require('electron-vite/package.json');
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['electron-vite'];
  const cli = join(dirname(require.resolve('electron-vite/package.json')), bin);
  return spawnSync(process.execPath, [cli, 'build'], { cwd: appRoot, stdio: 'inherit' }).status === 0;
}

/** Runs a child in the foreground, passing Ctrl-C on and ending with its status. */
function foreground(file, args) {
  const child = spawn(file, args, { cwd: appRoot, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

if (!build()) {
  process.stderr.write('Muxdeck: the build failed (see above).\n');
  process.exit(1);
}
const electron = electronBinary();
if (electron) {
  foreground(electron, ['.', ...process.argv.slice(2)]);
} else {
  process.stdout.write(
    "Muxdeck: Electron's binary is not installed (`npm run fetch-electron` gets it), so Muxdeck opens in your browser.\n",
  );
  foreground(process.execPath, [join(appRoot, 'bin', 'muxdeck.mjs'), 'serve', '--open']);
}
