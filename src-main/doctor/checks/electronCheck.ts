import { failed, firstLine, passed, type DoctorCheck } from '../doctorCheck';

const FIX =
  'Download Electron\'s binary with "node node_modules/electron/install.js" in Muxdeck\'s folder (or run npm install again); until then "muxdeck serve" works without it.';

/**
 * The Electron binary the desktop app runs on. Optional: serve mode and the CLI run in plain Node.
 * The electron package answers the binary's path when required from Node, or throws when its
 * postinstall download never happened.
 */
export function electronCheck(edges: {
  /** Set when this process is Electron itself (the desktop app): then there is nothing to look for. */
  electronVersion?: string;
  /** require('electron') from the app's root: the binary's path; throws when it is not installed. */
  resolveElectronBinary: () => string;
  fileExists: (path: string) => boolean;
}): DoctorCheck {
  const title = 'Electron (desktop app)';
  if (edges.electronVersion) {
    return passed('electron', title, 'optional', `running in Electron ${edges.electronVersion}`);
  }
  let binary: string;
  try {
    binary = edges.resolveElectronBinary();
  } catch (error) {
    return failed(
      'electron',
      title,
      'optional',
      `not installed (${firstLine(error)}); only the desktop app needs it, serve mode and the CLI work without it`,
      FIX,
    );
  }
  if (!edges.fileExists(binary)) {
    return failed(
      'electron',
      title,
      'optional',
      `its binary ${binary} is missing; only the desktop app needs it, serve mode and the CLI work without it`,
      FIX,
    );
  }
  return passed('electron', title, 'optional', binary);
}
