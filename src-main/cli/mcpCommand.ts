import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { AgentHosts } from '../agents/agentHosts';
import { AgentSessions } from '../agents/agentSessions';
import { cleanClientName, registerAgentTools } from '../agents/agentTools';
import { AuditLog } from '../agents/auditLog';
import { livePolicy } from '../agents/livePolicy';
import { storePaths } from '../store/storePaths';
import { askRunningApp } from '../agents/approvalSocket';
import type { AgentApprovalRequest } from '../../src-preload/api';
import { RemoteFiles } from '../agents/remoteFiles';
import { composeServices } from '../app/compose';
import { resolveMuxdeckHome } from '../app/paths';
import { nodeByteCommand } from '../platform/byteCommand';
import { loadNodePtySpawner } from '../platform/nodePtySpawner';
import { streamLogger } from '../platform/streamLogger';
import { systemClock } from '../platform/systemClock';
import { selectHosts, splitSelection, type SelectionUniverse } from '../run/hostSelection';
import { generateAccessToken } from '../transport/serve/accessToken';
import { BoundedStdioTransport } from '../transport/mcp/boundedStdioTransport';
import { startMcpHttpServer } from '../transport/mcp/mcpHttpServer';
import type { CliContext } from './cliContext';

export const MCP_USAGE = `Usage: muxdeck mcp [--allow SELECTION]... [--http [--port N]]

Serves Muxdeck to an AI agent over MCP (Claude Code, Claude Desktop, Cursor, VS Code): the agent opens
sessions in Muxdeck's tmux (you see them as tabs), runs commands, reads and writes files.
  --allow SELECTION  pre-approve these hosts for this process (the \`muxdeck run --hosts\` selectors:
                     label, glob, @group, tree path); repeatable. Hosts your settings deny stay denied.
                     Without it, a host whose policy is "ask" (the default) needs the user's approval in
                     the running Muxdeck app (desktop or serve); with no app running, it is refused.
  --http             streamable HTTP on 127.0.0.1 instead of stdio; prints the URL and a bearer token once
  --port N           port for --http (default: a free port)
Every tool call is logged to MUXDECK_HOME/logs/agents/YYYY-MM-DD.jsonl.`;

export async function mcpCommand(args: string[], ctx: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      allow: { type: 'string', multiple: true },
      http: { type: 'boolean' },
      port: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    ctx.stdout(MCP_USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || (values.port !== undefined && !values.http)) {
    ctx.stderr(`muxdeck mcp: --port goes with --http and is a number from 0 to 65535.\n\n${MCP_USAGE}`);
    return 2;
  }
  const allowItems = (values.allow ?? []).flatMap(splitSelection);

  const home = resolveMuxdeckHome(ctx.env);
  const services = await composeServices({
    home,
    resourcesDir: join(ctx.appRoot, 'resources'),
    transport: 'serve',
    version: ctx.version,
    env: ctx.env,
    // stdout is the MCP channel in stdio mode: diagnostics go to stderr only.
    logger: streamLogger((line) => ctx.log(line)),
    spawner: await loadNodePtySpawner(),
    leaveRunningAskpass: true,
    // The app a user looks at answers approvals; this process asks it (agents/approvalSocket.ts).
    answersAgentApprovals: false,
    ...(ctx.env.MUXDECK_SSH_CONFIG ? { sshConfigFile: ctx.env.MUXDECK_SSH_CONFIG } : {}),
  });
  const edges = services.agentEdges;
  const hosts = new AgentHosts({ catalog: edges.catalog, settings: edges.tree, readStore: edges.readStore });

  // An --allow that names no host is a typo: say so now rather than refuse every call later.
  if (allowItems.length > 0) {
    const checked = selectHosts(allowItems, (await hosts.snapshot()).universe);
    if (!checked.ok) {
      ctx.stderr(`muxdeck mcp: --allow names unknown hosts:\n  ${checked.errors.join('\n  ')}`);
      services.dispose();
      return 2;
    }
  }
  const preApproved = (universe: SelectionUniverse): ReadonlySet<string> => {
    const ids = new Set<string>();
    for (const item of allowItems) {
      const selected = selectHosts([item], universe);
      if (selected.ok) for (const id of selected.hostIds) ids.add(id);
    }
    return ids;
  };

  const sessions = new AgentSessions({
    tmux: edges.tmux,
    sessions: services.sessions,
    clock: systemClock,
    captureDir: join(services.paths.home, 'agents'),
    agentId: randomBytes(8).toString('hex'),
    connectTimeoutMs: () => services.settings().connectTimeoutSeconds * 1000,
    // The app's events file: a running app (desktop or serve) lists the sessions again at once.
    onActivity: () => void appendFile(edges.eventsFile, 'agent\n', { mode: 0o600 }).catch(() => undefined),
  });
  const audit = new AuditLog({
    dir: join(services.paths.logs, 'agents'),
    clock: systemClock,
    onError: (error) =>
      ctx.log(
        `${JSON.stringify({ level: 'warn', message: 'audit log write failed', error: String(error) })}\n`,
      ),
  });
  const deps = {
    sessions,
    hosts,
    files: new RemoteFiles({ runTargets: edges.runTargets, run: nodeByteCommand, env: edges.env }),
    runs: edges.runs,
    // Read from disk when it changed: the user may edit Settings → Agents in the app while this runs.
    policy: livePolicy(storePaths(home).main, () => services.settings().agents),
    preApproved,
    audit,
    clock: systemClock,
    askUser: (request: AgentApprovalRequest, signal: AbortSignal) =>
      askRunningApp(services.paths.agentApprovalSocket, request, { signal }),
  };
  const newServer = (): McpServer => {
    const server = new McpServer(
      { name: 'muxdeck', version: ctx.version },
      {
        instructions:
          "Muxdeck's ssh sessions, shared with the user: the sessions you open appear as tabs in their Muxdeck. " +
          'Open one with open_session, run commands with exec (long ones: read_output), look with snapshot.',
      },
    );
    registerAgentTools(server, deps);
    return server;
  };

  try {
    if (values.http) {
      const token = generateAccessToken();
      const http = await startMcpHttpServer({ port, token, newServer });
      ctx.stdout(`Muxdeck MCP server at ${http.url}`);
      ctx.stdout(`Authorization: Bearer ${token}`);
      await ctx.untilStopped();
      await http.close();
    } else {
      const server = newServer();
      const transport = new BoundedStdioTransport({
        onOversized: (message) =>
          void audit.record({
            client: cleanClientName(server.server.getClientVersion()?.name),
            tool: message.tool ?? 'unknown',
            decision: 'refused: invalid input',
            error: `request of ${message.bytes} bytes refused`,
            duration_ms: 0,
          }),
      });
      const closed = new Promise<void>((resolve) => {
        transport.onclose = () => resolve();
      });
      await server.connect(transport);
      await Promise.race([closed, ctx.untilStopped()]);
      await server.close().catch(() => undefined);
    }
  } finally {
    await sessions.dispose();
    services.dispose();
  }
  return 0;
}
