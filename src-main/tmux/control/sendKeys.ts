/**
 * Input for a pane through a control client: `send-keys -H` takes bytes as hex, so any byte (Escape,
 * Ctrl-C, UTF-8, a bracketed paste) reaches the program exactly, with no quoting of user text into a
 * tmux command line. tmux writes each -H key to the pane as the raw byte.
 */

/** Bytes per send-keys command: keeps each command line short for a big paste. */
export const SEND_KEYS_CHUNK_BYTES = 512;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** One or more command lines (no newline) that type `data` into `target`. */
export function sendKeysCommands(target: string, data: string, chunkBytes = SEND_KEYS_CHUNK_BYTES): string[] {
  const bytes = Buffer.from(data, 'utf8');
  const commands: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const hex: string[] = [];
    const end = Math.min(bytes.length, offset + chunkBytes);
    for (let i = offset; i < end; i++) hex.push(HEX[bytes[i] as number] as string);
    commands.push(`send-keys -t ${target} -H ${hex.join(' ')}`);
  }
  return commands;
}
