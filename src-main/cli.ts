/**
 * The `muxdeck` command in plain Node: runs the same main-process services as the
 * desktop app, without Electron. bin/muxdeck.mjs loads the built copy of this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliContext } from './cli/cliContext';
import { DOCTOR_USAGE, doctorCommand } from './cli/doctorCommand';
import { INVENTORY_USAGE, inventoryCommand } from './cli/inventoryCommand';
import { MCP_USAGE, mcpCommand } from './cli/mcpCommand';
import { RUN_USAGE, runCommand } from './cli/runCommand';
import { SERVE_USAGE, serveCommand } from './cli/serveCommand';

const USAGE = `Usage: muxdeck <command> [options]

Commands:
  serve       run Muxdeck for a browser on 127.0.0.1 (see: muxdeck serve --help)
  inventory   print the hosts Muxdeck reads from Ansible or NetBox (see: muxdeck inventory --help)
  run         run one command on many hosts and print each result (see: muxdeck run --help)
  doctor      check what Muxdeck needs on this machine and how to fix it (see: muxdeck doctor --help)
  mcp         serve Muxdeck's sessions to an AI agent over MCP (see: muxdeck mcp --help)

Environment:
  MUXDECK_HOME         where Muxdeck keeps its state (tmux socket, logs, caches)
  MUXDECK_SSH_CONFIG   ssh config file to read hosts from (default ~/.ssh/config)`;

export async function runCli(argv: string[], opts: { appRoot: string }): Promise<number> {
  const [command, ...rest] = argv;
  const ctx: CliContext = {
    appRoot: opts.appRoot,
    version: readVersion(opts.appRoot),
    env: process.env,
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    log: (line) => {
      if (process.env.MUXDECK_LOG !== 'quiet') process.stderr.write(line);
    },
    terminal: { input: process.stdin, output: process.stderr, interactive: process.stdin.isTTY === true },
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest, ctx);
      case 'inventory':
        return await inventoryCommand(rest, ctx);
      case 'run':
        return await runCommand(rest, ctx);
      case 'doctor':
        return await doctorCommand(rest, ctx);
      case 'mcp':
        return await mcpCommand(rest, ctx);
      case '--version':
      case '-v':
        ctx.stdout(ctx.version);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        ctx.stdout(
          `${USAGE}\n\n${SERVE_USAGE}\n\n${INVENTORY_USAGE}\n\n${RUN_USAGE}\n\n${DOCTOR_USAGE}\n\n${MCP_USAGE}`,
        );
        return 0;
      default:
        ctx.stderr(`muxdeck: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    ctx.stderr(`muxdeck ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return isUsageError(error) ? 2 : 1;
  }
}

function readVersion(appRoot: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(appRoot, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** node:util parseArgs rejects unknown options and missing values with ERR_PARSE_ARGS_* codes. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
