#!/usr/bin/env node
// After `npm install`: fetches Electron's binary without ever failing the install, and says in one
// plain sentence what is missing and how to get it. Electron's own download script is not allowed to
// run (package.json allowScripts), because its failure behind a proxy or offline fails the whole
// install and leaves nothing runnable, not even serve mode.
//
//   node scripts/postinstall.mjs              after install: never exits non-zero
//   node scripts/postinstall.mjs --electron   `npm run fetch-electron`: downloads Electron, or exits 1
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(appRoot, 'package.json'));
const explicit = process.argv.includes('--electron');
const DOWNLOAD_LIMIT_MS = 15 * 60_000;

function say(line) {
  process.stdout.write(`Muxdeck: ${line}\n`);
}

/** The first line of an error that says something (not a stack frame). */
function firstReason(text) {
  const lines = text.split('\n').map((line) => line.trim());
  return lines.find((line) => line !== '' && !line.startsWith('at ')) ?? 'no reason given';
}

/** Electron's package directory, or undefined where it is not installed (the CLI-only package). */
function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/** require('electron') is the binary's path; it throws while the binary is missing. */
function electronBinaryPresent() {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: appRoot,
    encoding: 'utf8',
  });
  return result.status === 0 && result.stdout !== '' && existsSync(result.stdout);
}

/** Returns true when Electron's binary is there afterwards. */
function fetchElectron() {
  const dir = electronDir();
  if (!dir) return false;
  if (electronBinaryPresent()) return true;
  const env = { ...process.env };
  if (!explicit && env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    say(
      "Electron's binary was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD is set): `npm start` opens " +
        'Muxdeck in your browser instead; `npm run fetch-electron` gets the desktop app.',
    );
    return false;
  }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: DOWNLOAD_LIMIT_MS,
  });
  if (result.status === 0 && electronBinaryPresent()) {
    if (explicit) say("Electron's binary is installed: `npm start` opens the desktop app.");
    return true;
  }
  const reason = result.error ? result.error.message : firstReason(`${result.stderr}\n${result.stdout}`);
  say(
    `could not download Electron's binary (${reason}). Until it is there, \`npm start\` opens Muxdeck in ` +
      'your browser. Behind a proxy, set HTTPS_PROXY (or ELECTRON_MIRROR to a mirror you can reach), ' +
      'then run `npm run fetch-electron`.',
  );
  return false;
}

/** Native modules are optional dependencies: say what a missing one costs and how to get it. */
function checkNativeModules() {
  const modules = [
    {
      name: 'node-pty',
      cost: 'sessions without tmux (direct mode) cannot start',
      fix: '`npm rebuild node-pty` (needs python3, make and a C++ compiler)',
    },
    {
      name: 'keytar',
      cost: 'passwords and passphrases cannot be saved in the OS keychain',
      fix: 'on Debian/Ubuntu `sudo apt-get install libsecret-1-dev`, then `npm rebuild keytar`',
    },
  ];
  for (const module of modules) {
    const loaded = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(module.name)})`], {
      cwd: appRoot,
      encoding: 'utf8',
    });
    if (loaded.status !== 0) {
      say(
        `${module.name} could not be loaded (${firstReason(loaded.stderr)}): ${module.cost}. Fix: ${module.fix}.`,
      );
    }
  }
}

if (explicit) {
  process.exitCode = fetchElectron() ? 0 : 1;
} else {
  try {
    fetchElectron();
    checkNativeModules();
  } catch (error) {
    say(`could not finish its checks (${error instanceof Error ? error.message : String(error)}).`);
  }
  process.exitCode = 0;
}
