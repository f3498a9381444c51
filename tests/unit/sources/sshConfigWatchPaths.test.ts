import { describe, expect, it } from 'vitest';
import { sshConfigWatchPaths, watchSshConfig } from '../../../src-main/sources/sshConfigWatcher';
import { memoryFileReader } from '../../fakes/memoryFileReader';

const HOME = '/home/ada';
const CONFIG = `${HOME}/.ssh/config`;

describe('what keeps the ssh config source live', () => {
  it('watches the config, each file its Includes name (even missing), and where their globs read', async () => {
    const files = memoryFileReader({
      [CONFIG]: 'Include conf.d/*\nInclude ~/work/ssh.conf /etc/ssh/extra\nHost a\n',
      [`${HOME}/.ssh/conf.d/lab`]: 'Include nested/*/hosts\nHost b\n',
      [`${HOME}/work/ssh.conf`]: 'Host c\n',
    });
    expect(await sshConfigWatchPaths({ file: CONFIG, home: HOME, files })).toEqual([
      CONFIG,
      `${HOME}/.ssh/conf.d`,
      `${HOME}/.ssh/nested`,
      `${HOME}/work/ssh.conf`,
      '/etc/ssh/extra',
    ]);
  });

  it('watches a config that does not exist yet: creating it must be noticed', async () => {
    expect(await sshConfigWatchPaths({ file: CONFIG, home: HOME, files: memoryFileReader({}) })).toEqual([
      CONFIG,
    ]);
  });

  it('announces one change for a burst of writes, and watches again what the edited config Includes', async () => {
    const text: Record<string, string> = { [CONFIG]: 'Host a\n' };
    const files = memoryFileReader(text);
    const watched: string[][] = [];
    let fire: () => void = () => undefined;
    let changes = 0;
    const stop = watchSshConfig({
      file: CONFIG,
      home: HOME,
      files,
      debounceMs: 5,
      watch: (paths, onChange) => {
        watched.push([...paths]);
        fire = onChange;
        return () => undefined;
      },
      onChange: () => changes++,
    });
    await expect.poll(() => watched.length).toBe(1);
    text[CONFIG] = 'Include conf.d/*\nHost a\n';
    fire();
    fire();
    fire();
    await expect.poll(() => changes).toBe(1);
    expect(watched.at(-1)).toEqual([CONFIG, `${HOME}/.ssh/conf.d`]);
    stop();
  });
});
