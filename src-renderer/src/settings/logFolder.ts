import type { MuxdeckClient } from '../bridge/client';
import { errorMessage } from '../app/errorMessage';
import type { ClipboardPort } from '../terminal/clipboard';

/**
 * Opens a session's log folder. The desktop app shows it in the file manager; a browser (serve mode)
 * cannot, so the path is copied and told instead.
 */
export async function openLogFolder(
  client: MuxdeckClient,
  sessionId: string,
  edges: { clipboard: ClipboardPort; notify: (message: string) => void },
): Promise<void> {
  try {
    const { path, opened } = await client.invoke('sessions:logFolder', { sessionId });
    if (opened) return;
    const copied = await edges.clipboard.writeText(path).then(
      () => true,
      () => false,
    );
    edges.notify(`Session logs are in ${path}${copied ? ' (path copied)' : ''}`);
  } catch (error) {
    edges.notify(`Could not open the log folder: ${errorMessage(error)}`);
  }
}
