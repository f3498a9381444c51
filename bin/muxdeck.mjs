#!/usr/bin/env node
// The `muxdeck` command: runs the built CLI (out/main/cli.js) in plain Node.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const appRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(appRoot, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('muxdeck: not built yet. Run `npm run build` in ' + appRoot + ' first.\n');
  process.exit(1);
}
const { runCli } = await import(cli);
process.exitCode = await runCli(process.argv.slice(2), { appRoot });
// Every command has finished its work and cleanup here. Should a handle still keep Node alive (a child
// that ignores its closed stdin, a socket a peer never closes), say what it is and end anyway, so that
// stopping `muxdeck serve` or `muxdeck mcp` never hangs.
setTimeout(() => {
  process.stderr.write(
    `muxdeck: exiting although still waiting on: ${process.getActiveResourcesInfo().join(', ')}\n`,
  );
  process.exit();
}, 5_000).unref();
