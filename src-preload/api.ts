/**
 * THE contract between Muxdeck's renderer and its main-process services.
 *
 * Every request channel, its parameters and its result, every event, and the
 * wire envelope of serve mode are declared here once, with runtime schemas.
 * The main process validates every incoming payload against these schemas
 * (src-main/router), the preload only forwards channels listed here, and the
 * renderer's client is typed from them. Nothing else may define a channel.
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// Models

export const HostSourceKind = z.enum(['ssh-config', 'manual', 'ansible', 'netbox']);
export type HostSourceKind = z.infer<typeof HostSourceKind>;

export const Host = z.object({
  /** Stable id: `<source id>:<natural key>`; the user's overlay refers to hosts by it. */
  id: z.string().min(1).max(1024),
  label: z.string(),
  /** What the user reads as "where": user@address:port. Display only; ssh resolves the real one. */
  address: z.string().optional(),
  user: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  sourceId: z.string(),
  /** Folder path inside its source, outermost first. */
  groups: z.array(z.string()),
  /**
   * Set when the host cannot be connected to as declared (e.g. its name would be
   * read as an ssh option). The tree still shows it, so nothing silently vanishes.
   */
  problem: z.string().optional(),
});
export type Host = z.infer<typeof Host>;

export const SourceStatus = z.object({
  id: z.string(),
  kind: HostSourceKind,
  label: z.string(),
  hostCount: z.number().int().min(0),
  /** Where the source reads from (a file path or URL), for the user's orientation. */
  location: z.string().optional(),
  error: z.string().optional(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const SessionState = z.enum(['running', 'exited']);
export type SessionState = z.infer<typeof SessionState>;

export const SessionInfo = z.object({
  /** The tmux session name: the tmux server alone is enough to rebuild the UI. */
  id: z.string(),
  hostId: z.string(),
  label: z.string(),
  createdAt: z.number().int(),
  state: SessionState,
  exitStatus: z.number().int().optional(),
  attachedClients: z.number().int().min(0),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

// ---------------------------------------------------------------------------
// Errors

export const ErrorCode = z.enum([
  'UNKNOWN_CHANNEL',
  'INVALID_PAYLOAD',
  'NOT_FOUND',
  'INVALID_HOST',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** For INVALID_PAYLOAD: which fields were wrong and why. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

export const ApiResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiErrorShape }),
]);
export type ApiResponse = z.infer<typeof ApiResponse>;

/** Thrown by clients when the main process answers with an error. */
export class MuxdeckApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiErrorShape['issues'];
  constructor(shape: ApiErrorShape) {
    super(shape.message);
    this.name = 'MuxdeckApiError';
    this.code = shape.code;
    this.issues = shape.issues;
  }
}

// ---------------------------------------------------------------------------
// Requests

const TerminalSize = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};
const SessionId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a Muxdeck session id');
const TerminalId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a terminal id');

/** Largest single input write: a big paste, never a stream. */
export const MAX_INPUT_CHARS = 1_000_000;

export const requests = {
  'app:info': {
    params: z.object({}).strict(),
    result: z.object({
      version: z.string(),
      platform: z.string(),
      transport: z.enum(['electron', 'serve']),
      home: z.string(),
    }),
  },
  'hosts:list': {
    params: z.object({}).strict(),
    result: z.object({ hosts: z.array(Host), sources: z.array(SourceStatus) }),
  },
  'sessions:list': {
    params: z.object({}).strict(),
    result: z.array(SessionInfo),
  },
  'sessions:open': {
    params: z.object({ hostId: z.string().min(1).max(1024), ...TerminalSize }).strict(),
    result: SessionInfo,
  },
  'sessions:close': {
    params: z.object({ sessionId: SessionId }).strict(),
    result: z.object({ closed: z.boolean() }),
  },
  'terminal:attach': {
    params: z.object({ sessionId: SessionId, ...TerminalSize }).strict(),
    result: z.object({ terminalId: TerminalId }),
  },
  'terminal:input': {
    params: z.object({ terminalId: TerminalId, data: z.string().max(MAX_INPUT_CHARS) }).strict(),
    result: z.object({}),
  },
  'terminal:resize': {
    params: z.object({ terminalId: TerminalId, ...TerminalSize }).strict(),
    result: z.object({}),
  },
  'terminal:ack': {
    params: z.object({ terminalId: TerminalId, chars: z.number().int().min(1).max(100_000_000) }).strict(),
    result: z.object({}),
  },
  'terminal:detach': {
    params: z.object({ terminalId: TerminalId }).strict(),
    result: z.object({}),
  },
} as const;

export type RequestChannel = keyof typeof requests;
export type RequestParams<C extends RequestChannel> = z.input<(typeof requests)[C]['params']>;
export type RequestResult<C extends RequestChannel> = z.output<(typeof requests)[C]['result']>;
export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];

export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

// ---------------------------------------------------------------------------
// Events (main -> renderer)

export const events = {
  /** Batched terminal output. The renderer acknowledges with terminal:ack once xterm has drawn it. */
  'terminal:data': z.object({ terminalId: TerminalId, data: z.string() }),
  /** The tmux client behind a terminal ended (session killed, or detached from elsewhere). */
  'terminal:exit': z.object({ terminalId: TerminalId, exitCode: z.number().int() }),
  /** The set of sessions changed (opened, closed, exited). */
  'sessions:changed': z.object({ sessions: z.array(SessionInfo) }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type EventMessage = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

// ---------------------------------------------------------------------------
// Wire envelope of serve mode's WebSocket (Electron IPC carries the same
// channel/payload pairs natively).

export const WireClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().min(0),
  channel: z.string().max(64),
  payload: z.unknown(),
});
export type WireClientMessage = z.infer<typeof WireClientMessage>;

export type WireServerMessage =
  { type: 'response'; id: number; response: ApiResponse } | { type: 'event'; message: EventMessage };

/** Names of the Electron IPC channels the preload and main process use to carry the contract. */
export const IPC = {
  invoke: 'muxdeck:invoke',
  event: 'muxdeck:event',
} as const;

/**
 * Flow control for terminal output, VS Code's figures (platform/terminal/common/terminal.ts):
 * the pty is paused when more than HIGH unacknowledged chars are in flight and resumed below LOW;
 * the renderer acknowledges in chunks of ACK_SIZE, which must be <= LOW or output never resumes.
 */
export const FlowControl = {
  HIGH_WATERMARK_CHARS: 100_000,
  LOW_WATERMARK_CHARS: 5_000,
  ACK_SIZE_CHARS: 5_000,
} as const;

/** What the preload exposes on `window.muxdeck` (Electron only). */
export interface MuxdeckBridge {
  invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}
