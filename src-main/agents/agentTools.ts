import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import {
  RUN_MAX_COMMAND_CHARS,
  RUN_MAX_PARALLEL,
  type AgentApprovalRequest,
  type AgentPolicy,
} from '../../src-preload/api';
import { runTable } from '../cli/runTable';
import type { Clock } from '../ports';
import type { RunJsonDocument } from '../run/runExport';
import type { RunService } from '../run/runService';
import { AgentError } from './agentError';
import { searchHosts, type AgentHosts } from './agentHosts';
import { policyVerdict, type PolicyUniverse } from './agentPolicy';
import type { AgentSessions, AgentSessionView, ProgressReport } from './agentSessions';
import type { AppApproval } from './approvalSocket';
import type { AuditDecision, AuditEntry, AuditLog } from './auditLog';
import { parseKeys } from './keyNames';
import { redactCommandSecrets, redactPrivateKeyBytes, redactPrivateKeys } from './redaction';
import { MAX_FILE_BYTES, type RemoteFiles } from './remoteFiles';

export interface AgentToolDeps {
  sessions: AgentSessions;
  hosts: AgentHosts;
  files: RemoteFiles;
  runs: RunService;
  /** Settings → Agents, read at every call. */
  policy: () => AgentPolicy;
  /** Hosts `--allow` pre-approved for this process. */
  preApproved: (universe: PolicyUniverse) => ReadonlySet<string>;
  audit: AuditLog;
  clock: Clock;
  /** Asks the running app's user about a host the policy says "ask" for; 'no-app' when none runs. */
  askUser?: (request: AgentApprovalRequest, signal: AbortSignal) => Promise<AppApproval>;
}

/** What a mutating call asks the user about, when the policy says "ask". */
interface Asking {
  tool: AgentApprovalRequest['tool'];
  command?: string;
  session?: string;
  /** Refuse "ask" without asking (the call is refused anyway). */
  noPrompt?: boolean;
}

/** run_on_hosts names the strictest refusal among its hosts. */
const REFUSAL_RANK: Partial<Record<AgentError['code'], number>> = {
  NOT_ALLOWED: 3,
  DENIED_BY_USER: 2,
  NEEDS_APPROVAL: 1,
};
const REFUSAL_DECISION: Partial<Record<AgentError['code'], AuditDecision>> = {
  NOT_ALLOWED: 'denied by policy',
  DENIED_BY_USER: 'denied by the user',
  NEEDS_APPROVAL: 'refused: needs approval',
};

const MAX_CONTENT_BASE64 = Math.ceil(MAX_FILE_BYTES / 3) * 4;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type Extra = {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; message?: string };
  }) => Promise<void>;
};

interface CallContext {
  /** Filled as the call goes: what the audit log records about it. */
  audit: Omit<Partial<AuditEntry>, 'decision'> & { decision?: AuditDecision };
  client: string;
  progress: ProgressReport | undefined;
  signal: AbortSignal;
}

interface ToolAnswer {
  structured: Record<string, unknown>;
  text: string;
}

/** Every tool of `muxdeck mcp` (issue 14), with exactly the names, arguments and result fields clients rely on. */
export function registerAgentTools(server: McpServer, deps: AgentToolDeps): void {
  const clientName = () => cleanClientName(server.server.getClientVersion()?.name);

  function tool<Shape extends z.ZodRawShape>(
    name: string,
    config: {
      description: string;
      input: Shape;
      output: z.ZodRawShape;
      annotations: {
        readOnlyHint: boolean;
        destructiveHint: boolean;
        openWorldHint: boolean;
        idempotentHint?: boolean;
      };
      readOnly: boolean;
    },
    run: (args: z.infer<z.ZodObject<Shape>>, ctx: CallContext) => Promise<ToolAnswer>,
  ): void {
    const handler = async (args: z.infer<z.ZodObject<Shape>>, extra: Extra) => {
      const started = deps.clock.now();
      const ctx: CallContext = {
        audit: config.readOnly ? { decision: 'read-only' } : {},
        client: clientName(),
        progress: progressReporter(extra),
        signal: extra.signal,
      };
      try {
        const answer = await run(args, ctx);
        await deps.audit.record(entry(name, ctx, started));
        return {
          content: [{ type: 'text' as const, text: answer.text }],
          structuredContent: answer.structured,
        };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof AgentError) {
          if (error.code === 'INVALID_INPUT') ctx.audit.decision ??= 'refused: invalid input';
          if (error.code === 'NOT_ALLOWED') ctx.audit.decision = 'denied by policy';
          if (error.code === 'NEEDS_APPROVAL') ctx.audit.decision = 'refused: needs approval';
          if (error.code === 'DENIED_BY_USER') ctx.audit.decision = 'denied by the user';
        }
        await deps.audit.record({
          ...entry(name, ctx, started),
          error: redactPrivateKeys(message).text.slice(0, 500),
        });
        return { content: [{ type: 'text' as const, text: message }], isError: true };
      }
    };
    server.registerTool(
      name,
      {
        description: config.description,
        inputSchema: config.input,
        outputSchema: config.output,
        annotations: config.annotations,
      },
      handler as unknown as Parameters<McpServer['registerTool']>[2],
    );
  }

  function entry(toolName: string, ctx: CallContext, started: number): AuditEntry {
    return {
      client: ctx.client,
      tool: toolName,
      ...ctx.audit,
      decision: ctx.audit.decision ?? 'refused: invalid input',
      duration_ms: deps.clock.now() - started,
    };
  }

  /** Agent sessions the user approved "for this session": what follows in them is not asked again. */
  const approvedSessions = new Set<string>();

  /**
   * A host an agent may change things on: allowed by policy or --allow, or approved by the user in the
   * running app; otherwise a clear refusal. Answers 'session' when the user approved the rest of the session.
   */
  async function gate(
    hostId: string,
    label: string,
    ctx: CallContext,
    asking: Asking,
  ): Promise<'allowed' | 'once' | 'session'> {
    const snapshot = await deps.hosts.snapshot();
    const verdict = policyVerdict(
      hostId,
      deps.policy(),
      snapshot.universe,
      deps.preApproved(snapshot.universe),
    );
    if (verdict.decision === 'deny')
      throw new AgentError(
        'NOT_ALLOWED',
        `Agents may not act on ${label}: denied by Settings → Agents${verdict.rule ? ` (rule ${JSON.stringify(verdict.rule)})` : ''}.`,
      );
    if (verdict.decision === 'ask') return approval(hostId, label, ctx, asking);
    ctx.audit.decision = verdict.by === 'flag' ? 'allowed by --allow' : 'allowed by policy';
    return 'allowed';
  }

  async function approval(
    hostId: string,
    label: string,
    ctx: CallContext,
    asking: Asking,
  ): Promise<'once' | 'session'> {
    if (asking.session !== undefined && approvedSessions.has(asking.session)) {
      ctx.audit.decision = 'approved by the user';
      return 'session';
    }
    // The user may take up to 2 minutes: progress keeps the client from timing out meanwhile.
    const askedAt = deps.clock.now();
    const ticker = ctx.progress
      ? setInterval(() => {
          const waited = Math.round((deps.clock.now() - askedAt) / 1000);
          ctx.progress?.(waited, `waiting ${waited} s for the user's approval in Muxdeck`);
        }, 5_000)
      : undefined;
    const answer =
      deps.askUser && !asking.noPrompt
        ? await deps.askUser(
            {
              client: ctx.client,
              tool: asking.tool,
              hostId,
              host: label,
              ...(asking.command !== undefined ? { command: asking.command } : {}),
              ...(asking.session !== undefined ? { session: asking.session } : {}),
            },
            ctx.signal,
          )
        : 'no-app';
    clearInterval(ticker);
    if (answer === 'no-app')
      throw new AgentError(
        'NEEDS_APPROVAL',
        `${label} needs the user's approval, and no Muxdeck app is running to ask them: nothing was done. ` +
          `The user can open Muxdeck (desktop or muxdeck serve), start this server with --allow ${JSON.stringify(label)} ` +
          "(or a selector such as 'prod/**'), or allow the host under Settings → Agents.",
      );
    if (answer === 'deny')
      throw new AgentError(
        'DENIED_BY_USER',
        `The user did not approve this on ${label} (denied, or no answer within 2 minutes): nothing was done.`,
      );
    ctx.audit.decision = 'approved by the user';
    if (answer === 'session' && asking.session !== undefined) approvedSessions.add(asking.session);
    return answer;
  }

  async function sessionFor(session: string, ctx: CallContext): Promise<AgentSessionView> {
    ctx.audit.session = session;
    const view = await deps.sessions.resolve(session);
    ctx.audit.session = view.id;
    ctx.audit.host = view.host;
    return view;
  }

  const sessionArg = z.string().describe('The session id or name (open_session, list_sessions)');
  const sessionShape = { id: z.string(), name: z.string(), host: z.string(), status: z.string() };

  tool(
    'list_hosts',
    {
      description:
        "The hosts in Muxdeck's tree (ssh config, Ansible, NetBox, the user's own). query filters like the tree's search box: every word must appear.",
      input: {
        query: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      },
      output: {
        hosts: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            address: z.string(),
            user: z.string(),
            port: z.number().nullable(),
            source: z.string(),
            path: z.string(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
      readOnly: true,
    },
    async (args) => {
      const snap = await deps.hosts.snapshot();
      const hosts = searchHosts(snap.hosts, snap.tags, args.query, args.limit ?? 50);
      const text =
        hosts.length === 0
          ? 'No host matches.'
          : hosts
              .map(
                (h) =>
                  `${h.label}  ${h.user ? `${h.user}@` : ''}${h.address}${h.port ? `:${h.port}` : ''}  ${h.path}  (${h.id})`,
              )
              .join('\n');
      return { structured: { hosts }, text };
    },
  );

  tool(
    'list_sessions',
    {
      description: 'The sessions this agent opened (and any the user shared with agents), with their status.',
      input: {},
      output: {
        sessions: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            host: z.string(),
            status: z.string(),
            owner: z.enum(['agent', 'human']),
            shared: z.boolean(),
            last_activity: z.string(),
          }),
        ),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
      readOnly: true,
    },
    async () => {
      const sessions = (await deps.sessions.list()).map(({ hostId: _hostId, ...rest }) => rest);
      const text =
        sessions.length === 0
          ? 'No sessions.'
          : sessions.map((s) => `${s.name} (${s.id})  ${s.host}  ${s.status}  ${s.owner}`).join('\n');
      return { structured: { sessions }, text };
    },
  );

  tool(
    'open_session',
    {
      description:
        "Opens an ssh session to one host in Muxdeck's tmux (the user sees it as a tab). Resolves once the remote shell answers; fails with ssh's own words.",
      input: {
        host: z.string().describe('A host label, id, or a `muxdeck run --hosts` selector naming one host'),
        name: z.string().optional().describe('A unique name: letters, digits, . _ -'),
      },
      output: { session: z.object(sessionShape) },
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
      readOnly: false,
    },
    async (args, ctx) => {
      ctx.audit.host = args.host.slice(0, 200);
      if (args.host.length > 1024)
        throw new AgentError('INVALID_INPUT', 'host is longer than 1024 characters.');
      const host = await deps.hosts.one(args.host);
      ctx.audit.host = host.label;
      const approved = await gate(host.id, host.label, ctx, { tool: 'open_session' });
      const view = await deps.sessions.open({
        hostId: host.id,
        label: host.label,
        ...(args.name !== undefined ? { name: args.name } : {}),
        client: ctx.client,
      });
      ctx.audit.session = view.id;
      if (approved === 'session') approvedSessions.add(view.id);
      const session = { id: view.id, name: view.name, host: view.host, status: view.status };
      return {
        structured: { session },
        text: `Opened ${view.name} (${view.id}) on ${view.host}: the shell is ready.`,
      };
    },
  );

  const execOutput = {
    exit_code: z.number().int().nullable(),
    output: z.string(),
    still_running: z.boolean(),
    truncated: z.boolean(),
  };

  tool(
    'exec',
    {
      description:
        "Runs a command in the session's shell (cd and export persist), kept out of its history. Returns its output and exit code; past timeout_s (default 30) it returns still_running with the output so far and the command keeps going: call read_output. Its stdin is the terminal: a command waiting for input stays running until send_keys answers it (or C-c stops it).",
      input: {
        session: sessionArg,
        command: z.string(),
        timeout_s: z.number().min(0).max(3600).optional(),
      },
      output: execOutput,
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      readOnly: false,
    },
    async (args, ctx) => {
      ctx.audit.command = redactCommandSecrets(args.command.slice(0, 2000));
      if (args.command.length > RUN_MAX_COMMAND_CHARS)
        throw new AgentError(
          'INVALID_INPUT',
          `Nothing was run: the command is longer than ${RUN_MAX_COMMAND_CHARS} characters.`,
        );
      const view = await sessionFor(args.session, ctx);
      await gate(view.hostId, view.host, ctx, { tool: 'exec', command: args.command, session: view.id });
      const result = await deps.sessions.exec(
        view.id,
        args.command,
        (args.timeout_s ?? 30) * 1000,
        ctx.progress,
        ctx.signal,
      );
      recordOutcome(ctx, result);
      return { structured: { ...result }, text: execText(result) };
    },
  );

  tool(
    'read_output',
    {
      description:
        'The rest of a command exec left running: waits up to wait_s (default 10) for it to finish, and returns the output not yet returned.',
      input: { session: sessionArg, wait_s: z.number().min(0).max(600).optional() },
      output: {
        output: z.string(),
        still_running: z.boolean(),
        exit_code: z.number().int().nullable(),
        truncated: z.boolean(),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: true },
      readOnly: true,
    },
    async (args, ctx) => {
      const view = await sessionFor(args.session, ctx);
      const result = await deps.sessions.readOutput(
        view.id,
        (args.wait_s ?? 10) * 1000,
        ctx.progress,
        ctx.signal,
      );
      recordOutcome(ctx, result);
      return { structured: { ...result }, text: execText(result) };
    },
  );

  tool(
    'send_keys',
    {
      description:
        'Types into the session: each item is a tmux key name (Enter, Escape, Tab, Up, C-c, M-x, F5) or literal text. For interactive programs and Ctrl-C.',
      input: { session: sessionArg, keys: z.array(z.string()) },
      output: { sent: z.number().int() },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      readOnly: false,
    },
    async (args, ctx) => {
      const parsed = parseKeys(args.keys);
      if (!parsed.ok) throw new AgentError('INVALID_INPUT', `Nothing was typed: ${parsed.error}.`);
      // Never the typed text itself: it may answer a password prompt.
      ctx.audit.command = parsed.parts
        .map((p) => (p.literal ? `<text ${p.text.length} chars>` : p.text))
        .join(' ');
      const view = await sessionFor(args.session, ctx);
      await gate(view.hostId, view.host, ctx, {
        tool: 'send_keys',
        command: parsed.parts.map((p) => (p.literal ? JSON.stringify(p.text) : p.text)).join(' '),
        session: view.id,
      });
      await deps.sessions.sendKeys(view.id, parsed.parts);
      return {
        structured: { sent: parsed.parts.length },
        text: `Sent ${parsed.parts.length} keys to ${view.name}.`,
      };
    },
  );

  tool(
    'snapshot',
    {
      description:
        "The session's screen as plain text, the cursor, and hints: prompt, password_prompt, pager, editor, fullscreen, dead. lines adds that much scrollback above the screen.",
      input: { session: sessionArg, lines: z.number().int().min(1).max(10_000).optional() },
      output: {
        text: z.string(),
        cursor: z.object({ x: z.number().int(), y: z.number().int() }),
        hints: z.array(z.string()),
      },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: false },
      readOnly: true,
    },
    async (args, ctx) => {
      const view = await sessionFor(args.session, ctx);
      const snap = await deps.sessions.snapshot(view.id, args.lines);
      const structured = { text: snap.text, cursor: snap.cursor, hints: snap.hints };
      return {
        structured,
        text: `${snap.text}\n--- cursor ${snap.cursor.x},${snap.cursor.y}; hints: ${snap.hints.join(', ') || 'none'}`,
      };
    },
  );

  tool(
    'read_file',
    {
      description:
        "Reads a file on the session's host over its ssh connection (not through the screen): any bytes, base64. Relative paths start at the remote home. Private keys are redacted.",
      input: {
        session: sessionArg,
        path: z.string(),
        max_bytes: z.number().int().min(1).max(MAX_FILE_BYTES).optional(),
      },
      output: { content_base64: z.string(), size: z.number().int(), redacted: z.boolean() },
      annotations: { readOnlyHint: true, destructiveHint: false, openWorldHint: true },
      readOnly: true,
    },
    async (args, ctx) => {
      ctx.audit.command = `read ${args.path.slice(0, 500)}`;
      const view = await sessionFor(args.session, ctx);
      const read = await deps.files.read(view.hostId, args.path, args.max_bytes ?? 1024 * 1024);
      const { bytes, redacted } = redactPrivateKeyBytes(read.content);
      return {
        structured: { content_base64: bytes.toString('base64'), size: read.size, redacted },
        text: `Read ${bytes.length} of ${read.size} bytes of ${args.path}${redacted ? ' (a private key was redacted)' : ''}.`,
      };
    },
  );

  tool(
    'write_file',
    {
      description:
        'Writes a file on the session\'s host over its ssh connection: any bytes, given as base64; written whole or not at all. mode is octal ("644").',
      input: {
        session: sessionArg,
        path: z.string(),
        content_base64: z.string(),
        mode: z.string().optional(),
      },
      output: { bytes_written: z.number().int() },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      readOnly: false,
    },
    async (args, ctx) => {
      ctx.audit.command = `write ${args.path.slice(0, 500)}`;
      if (args.content_base64.length > MAX_CONTENT_BASE64)
        throw new AgentError(
          'INVALID_INPUT',
          `Nothing was written: content is larger than ${MAX_FILE_BYTES} bytes.`,
        );
      if (!BASE64.test(args.content_base64) || args.content_base64.length % 4 !== 0)
        throw new AgentError('INVALID_INPUT', 'Nothing was written: content_base64 is not base64.');
      const view = await sessionFor(args.session, ctx);
      await gate(view.hostId, view.host, ctx, {
        tool: 'write_file',
        command: `write ${args.content_base64.length === 0 ? 0 : Buffer.byteLength(args.content_base64, 'base64')} bytes to ${args.path}`,
        session: view.id,
      });
      const content = Buffer.from(args.content_base64, 'base64');
      const written = await deps.files.write(view.hostId, args.path, content, args.mode);
      return { structured: { bytes_written: written }, text: `Wrote ${written} bytes to ${args.path}.` };
    },
  );

  tool(
    'run_on_hosts',
    {
      description:
        'Runs one command on many hosts at once (ssh -T, never prompting), like `muxdeck run --json`: per-host status, exit code, stdout, stderr. hosts uses the `muxdeck run --hosts` selectors (labels, globs, @group, tree paths), comma-separated.',
      input: {
        hosts: z.string(),
        command: z.string(),
        timeout_s: z.number().int().min(1).max(86_400).optional(),
        parallel: z.number().int().min(1).max(RUN_MAX_PARALLEL).optional(),
      },
      output: {
        format: z.literal('muxdeck-run'),
        version: z.literal(1),
        runId: z.string(),
        command: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        timeoutSeconds: z.number(),
        parallel: z.number(),
        cancelled: z.boolean(),
        hosts: z.array(
          z.object({
            host: z.string(),
            hostId: z.string(),
            status: z.string(),
            exitCode: z.number().nullable(),
            signal: z.string().nullable(),
            durationMs: z.number().nullable(),
            error: z.string().nullable(),
            stdout: z.string(),
            stderr: z.string(),
            stdoutTruncated: z.boolean(),
            stderrTruncated: z.boolean(),
          }),
        ),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: true },
      readOnly: false,
    },
    async (args, ctx) => {
      ctx.audit.command = redactCommandSecrets(args.command.slice(0, 2000));
      ctx.audit.host = args.hosts.slice(0, 500);
      if (args.command.trim().length === 0)
        throw new AgentError('INVALID_INPUT', 'Nothing was run: the command is empty.');
      if (args.command.length > RUN_MAX_COMMAND_CHARS)
        throw new AgentError(
          'INVALID_INPUT',
          `Nothing was run: the command is longer than ${RUN_MAX_COMMAND_CHARS} characters.`,
        );
      if (args.hosts.length > 10_000)
        throw new AgentError('INVALID_INPUT', 'Nothing was run: hosts is too long.');
      const { hosts } = await deps.hosts.many(args.hosts);
      const refused: string[] = [];
      let refusal: AgentError | undefined;
      let allowedAs: AuditDecision | undefined;
      for (const host of hosts) {
        try {
          // Once one host is refused nothing runs: the user is not asked about the others for nothing.
          await gate(host.id, host.label, ctx, {
            tool: 'run_on_hosts',
            command: args.command,
            noPrompt: refusal !== undefined,
          });
          // The audit line names the most a human had to do: approved, then --allow, then the policy.
          if (allowedAs !== 'approved by the user' && ctx.audit.decision !== 'allowed by policy')
            allowedAs = ctx.audit.decision;
          else allowedAs ??= ctx.audit.decision;
        } catch (error) {
          if (!(error instanceof AgentError)) throw error;
          refused.push(host.label);
          if (!refusal || (REFUSAL_RANK[error.code] ?? 0) > (REFUSAL_RANK[refusal.code] ?? 0))
            refusal = error;
        }
      }
      if (refusal) {
        ctx.audit.decision = REFUSAL_DECISION[refusal.code] ?? 'refused: needs approval';
        throw new AgentError(
          refusal.code,
          `Nothing was run: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not allowed for agents ` +
            '(denied in Settings → Agents, denied by the user, or needing approval with no app running: ' +
            'start muxdeck mcp with --allow for them).',
        );
      }
      if (allowedAs) ctx.audit.decision = allowedAs;
      const run = await deps.runs.start({
        hostIds: hosts.map((h) => h.id),
        command: args.command,
        ...(args.timeout_s !== undefined ? { timeoutSeconds: args.timeout_s } : {}),
        ...(args.parallel !== undefined ? { parallel: args.parallel } : {}),
      });
      const onAbort = () => deps.runs.cancel(run.runId);
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      // A run may take minutes: progress keeps the client from timing out meanwhile.
      const startedAt = deps.clock.now();
      const ticker = setInterval(() => {
        const elapsed = Math.round((deps.clock.now() - startedAt) / 1000);
        ctx.progress?.(elapsed, `running on ${hosts.length} hosts for ${elapsed} s`);
      }, 1000);
      const summary = await deps.runs.finished(run.runId).finally(() => {
        clearInterval(ticker);
        ctx.signal.removeEventListener('abort', onAbort);
      });
      const doc = JSON.parse(deps.runs.export(run.runId, 'json').text) as RunJsonDocument;
      const redacted = {
        ...doc,
        hosts: doc.hosts.map((h) => ({
          ...h,
          stdout: redactPrivateKeys(h.stdout).text,
          stderr: redactPrivateKeys(h.stderr).text,
        })),
      };
      const failed = summary.hosts.filter((h) => h.status !== 'ok').length;
      ctx.audit.exit_code = failed === 0 ? 0 : 1;
      return { structured: { ...redacted }, text: runTable(summary) };
    },
  );

  tool(
    'close_session',
    {
      description: 'Ends a session this agent opened (its tab closes).',
      input: { session: sessionArg },
      output: { closed: z.boolean(), session: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
      readOnly: false,
    },
    async (args, ctx) => {
      const view = await sessionFor(args.session, ctx);
      ctx.audit.decision = 'own session';
      await deps.sessions.close(view.id);
      return { structured: { closed: true, session: view.id }, text: `Closed ${view.name}.` };
    },
  );
}

function recordOutcome(ctx: CallContext, result: { exit_code: number | null; still_running: boolean }): void {
  if (result.exit_code !== null) ctx.audit.exit_code = result.exit_code;
  if (result.still_running) ctx.audit.still_running = true;
}

function execText(result: {
  exit_code: number | null;
  output: string;
  still_running: boolean;
  truncated: boolean;
}): string {
  const status = result.still_running
    ? '[still running: call read_output for the rest]'
    : `[exit code ${result.exit_code ?? 'unknown'}]`;
  return `${result.output}${result.output.endsWith('\n') || result.output === '' ? '' : '\n'}${status}${result.truncated ? ' [output truncated at 1 MB]' : ''}`;
}

function progressReporter(extra: Extra): ProgressReport | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  return (elapsed, message) =>
    void extra
      .sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress: elapsed, message },
      })
      .catch(() => undefined);
}

/** The client's name from its initialize request, as a label: printable, short. */
export function cleanClientName(name: string | undefined): string {
  const clean = (name ?? '')
    .replace(/[^\x20-\x7e]/g, '')
    .trim()
    .slice(0, 64);
  return clean || 'unknown client';
}
