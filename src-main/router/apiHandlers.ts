import { dirname } from 'node:path';
import type { RequestResult, SessionInfo } from '../../src-preload/api';
import type { ApprovalDesk } from '../agents/approvalDesk';
import { ApiError } from '../common/apiError';
import type { SessionService } from '../sessions/sessionService';
import type { SettingsService } from '../settings/settingsService';
import type { TerminalService } from '../sessions/terminalService';
import type { WorkspaceLayoutStore } from '../store/workspaceLayoutStore';
import type { RunService } from '../run/runService';
import type { TreeService } from '../tree/treeService';
import type { ConnectionContext, Handlers } from './router';
import { createRunHandlers } from './runHandlers';
import { createSettingsHandlers } from './settingsHandlers';
import { createTreeHandlers } from './treeHandlers';
import type { SourcesService } from '../sources/sourcesService';
import { createSourceHandlers } from './sourceHandlers';

export interface ApiServices {
  sessions: SessionService;
  terminals: TerminalService;
  tree: TreeService;
  runs: RunService;
  sources: SourcesService;
  settings: SettingsService;
  /** Shows a folder in the desktop's file manager; absent in serve mode, which has no desktop to reach. */
  openFolder?: (path: string) => Promise<boolean>;
  /** Tabs, splits and groups (issue 6). */
  layout: WorkspaceLayoutStore;
  appInfo: { version: string; platform: string; transport: 'electron' | 'serve'; home: string };
  /** Help → Diagnose: the checks of `muxdeck doctor` (doctor/appDiagnosis.ts). */
  diagnose: () => Promise<RequestResult<'app:diagnose'>>;
  /** The approval prompts `muxdeck mcp` is waiting on (Settings → Agents says "ask"). */
  approvals: ApprovalDesk;
  /** A session was opened; its host goes into Recent once it connects (sessions/firstConnection.ts). */
  sessionOpened?: (session: SessionInfo) => void;
}

/** Binds each contract channel to the service that answers it. */
export function createApiHandlers(services: ApiServices): {
  handlers: Handlers;
  onDisconnect: (ctx: ConnectionContext) => void;
} {
  const { sessions, terminals } = services;

  function ownTerminal(ctx: ConnectionContext, terminalId: string): void {
    if (!ctx.terminals.has(terminalId)) {
      throw new ApiError('NOT_FOUND', `Terminal ${terminalId} is not attached to this window.`);
    }
  }

  const handlers: Handlers = {
    'app:info': () => services.appInfo,
    'app:diagnose': () => services.diagnose(),
    ...createTreeHandlers(services.tree),
    ...createRunHandlers(services.runs),
    ...createSourceHandlers(services.sources),
    ...createSettingsHandlers(services.settings),
    'sessions:list': () => sessions.list(),
    'agents:approvals': () => services.approvals.pending(),
    'agents:answer': ({ id, answer }) => ({ answered: services.approvals.answer(id, answer) }),
    'sessions:open': async ({ hostId, cols, rows }) => {
      const session = await sessions.open(hostId, { cols, rows });
      services.sessionOpened?.(session);
      return session;
    },
    'sessions:close': async ({ sessionId }) => ({ closed: await sessions.close(sessionId) }),
    'sessions:reconnect': ({ sessionId }) => sessions.reconnect(sessionId),
    'sessions:shareWithAgents': ({ sessionId, shared }) => sessions.shareWithAgents(sessionId, shared),
    'sessions:logFolder': async ({ sessionId }) => {
      const session = await sessions.find(sessionId);
      if (!session) throw new ApiError('NOT_FOUND', `Session ${sessionId} is not running.`);
      if (!session.logFile) {
        throw new ApiError(
          'NOT_FOUND',
          `${session.label} is not logged: turn on "Session logging" in the host's or its folder's settings.`,
        );
      }
      const path = dirname(session.logFile);
      return { path, opened: services.openFolder ? await services.openFolder(path) : false };
    },
    'terminal:attach': async ({ sessionId, cols, rows }, ctx) => {
      const session = await sessions.find(sessionId);
      if (!session) {
        throw new ApiError('NOT_FOUND', `Session ${sessionId} is not running in Muxdeck's tmux server.`);
      }
      const terminalId = await terminals.attach(
        sessionId,
        { cols, rows },
        {
          data: (id, data) => ctx.send({ event: 'terminal:data', payload: { terminalId: id, data } }),
          exit: (id, exitCode) => {
            ctx.terminals.delete(id);
            ctx.send({ event: 'terminal:exit', payload: { terminalId: id, exitCode } });
          },
        },
      );
      ctx.terminals.add(terminalId);
      return { terminalId, upstreamAnswersQueries: session.mode !== 'direct' };
    },
    'terminal:input': ({ terminalId, data }, ctx) => {
      ownTerminal(ctx, terminalId);
      terminals.input(terminalId, data);
      return {};
    },
    'terminal:broadcast': ({ terminalIds, data }, ctx) => {
      // A window writes only to its own terminals, as with terminal:input; the others are reported.
      const missed = terminals.broadcast(terminalIds, data, (id) => ctx.terminals.has(id));
      return { delivered: terminalIds.length - missed.length, missed };
    },
    'layout:get': () => services.layout.get(),
    'layout:set': async ({ layout }) => {
      await services.layout.set(layout);
      return {};
    },
    'terminal:resize': ({ terminalId, cols, rows }, ctx) => {
      ownTerminal(ctx, terminalId);
      terminals.resize(terminalId, { cols, rows });
      return {};
    },
    'terminal:ack': ({ terminalId, chars }, ctx) => {
      ownTerminal(ctx, terminalId);
      terminals.ack(terminalId, chars);
      return {};
    },
    'terminal:detach': ({ terminalId }, ctx) => {
      ownTerminal(ctx, terminalId);
      ctx.terminals.delete(terminalId);
      terminals.detach(terminalId);
      return {};
    },
  };

  return {
    handlers,
    onDisconnect(ctx) {
      for (const terminalId of ctx.terminals) terminals.detach(terminalId);
      ctx.terminals.clear();
    },
  };
}
