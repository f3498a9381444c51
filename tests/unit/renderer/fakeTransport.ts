import type { ApiResponse, EventMessage, RequestChannel } from '../../../src-preload/api';
import type { ConnectionState, Transport } from '../../../src-renderer/src/bridge/transport';

/** A transport whose answers the test decides: per channel, a response or a function of the payload. */
export class FakeTransport implements Transport {
  readonly calls: Array<{ channel: RequestChannel; payload: unknown }> = [];
  private readonly eventListeners = new Set<(message: EventMessage) => void>();
  private readonly answers = new Map<string, (payload: unknown) => ApiResponse | Promise<ApiResponse>>();

  answer(
    channel: RequestChannel,
    respond: ApiResponse | ((payload: unknown) => ApiResponse | Promise<ApiResponse>),
  ): void {
    this.answers.set(channel, typeof respond === 'function' ? respond : () => respond);
  }

  invoke(channel: RequestChannel, payload: unknown): Promise<ApiResponse> {
    this.calls.push({ channel, payload });
    const respond = this.answers.get(channel);
    if (!respond) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } });
    return Promise.resolve(respond(payload));
  }

  onEvent(listener: (message: EventMessage) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  emit(message: EventMessage): void {
    for (const listener of this.eventListeners) listener(message);
  }

  get listenerCount(): number {
    return this.eventListeners.size;
  }

  connectionState(): ConnectionState {
    return 'connected';
  }

  onConnectionChange(): () => void {
    return () => {};
  }
}
