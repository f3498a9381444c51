import { basename, extname } from 'node:path';

/** os.path.splitext's extension: the leading dots of a name (".bashrc") do not start one. */
export function pythonExtension(path: string): string {
  const name = basename(path);
  const ext = extname(name);
  return /^\.+$/.test(name.slice(0, name.length - ext.length)) ? '' : ext;
}
