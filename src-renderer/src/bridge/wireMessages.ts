import {
  ApiResponse,
  events,
  type EventMessage,
  type EventName,
  type WireServerMessage,
} from '../../../src-preload/api';

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Reads one frame from serve mode's WebSocket. Checks the envelope only: event payloads are validated
 * by the client for both transports alike. Returns undefined for anything that is not a server message.
 */
export function parseServerMessage(text: string): WireServerMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (value.type === 'response' && typeof value.id === 'number') {
    const response = ApiResponse.safeParse(value.response);
    return response.success ? { type: 'response', id: value.id, response: response.data } : undefined;
  }
  if (value.type === 'event' && isRecord(value.message) && isEventName(value.message.event)) {
    // Only the name is known good here; the client checks the payload against the event's schema.
    const message = { event: value.message.event, payload: value.message.payload } as EventMessage;
    return { type: 'event', message };
  }
  return undefined;
}
