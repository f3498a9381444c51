import type { CommandResult, FileReader } from '../../ports';

export interface PathInfo {
  kind: 'file' | 'directory' | 'missing' | 'other';
  /** Any execute bit set (ansible runs such a file as an inventory script). */
  executable: boolean;
  size: number;
}

/**
 * The reads an Ansible inventory needs: FileReader (text, directory entries) plus what a
 * path is, since ansible decides between directory, script and static file by looking.
 */
export interface InventoryFileSystem extends FileReader {
  /** Follows symlinks, like os.path.isdir/exists; 'missing' for a broken link or no such path. */
  stat(path: string): Promise<PathInfo>;
}

/** Runs an inventory script with argv (never a shell); only called when the user allowed scripts. */
export type InventoryScriptRunner = (path: string, args: readonly string[]) => Promise<CommandResult>;
