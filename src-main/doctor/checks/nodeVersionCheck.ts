import { failed, passed, type DoctorCheck } from '../doctorCheck';
import { compareVersions, parseVersion } from '../versionNumbers';

/**
 * Node.js against package.json's engines (">=20.19"). Inside Electron the Node is Electron's own and
 * the desktop app needs no separate Node: the line says which Node answered.
 */
export function nodeVersionCheck(edges: {
  nodeVersion: string;
  /** engines.node, e.g. ">=20.19". */
  requiredRange: string;
  electronVersion?: string;
}): DoctorCheck {
  const title = 'Node.js';
  const minimum = parseVersion(edges.requiredRange.replace(/^\s*>=\s*/, ''));
  const actual = parseVersion(edges.nodeVersion);
  const where = edges.electronVersion ? ` (inside Electron ${edges.electronVersion})` : '';
  if (!minimum || !actual) {
    return passed(
      'node',
      title,
      'required',
      `Node ${edges.nodeVersion}${where}; needs ${edges.requiredRange}`,
    );
  }
  if (compareVersions(actual, minimum) >= 0) {
    return passed(
      'node',
      title,
      'required',
      `Node ${edges.nodeVersion}${where}, needs ${edges.requiredRange}`,
    );
  }
  return failed(
    'node',
    title,
    'required',
    `Node ${edges.nodeVersion}${where} is older than ${edges.requiredRange}`,
    `Install Node.js ${edges.requiredRange.replace(/^\s*>=\s*/, '')} or newer (https://nodejs.org or your package manager), then run npm install again.`,
  );
}
