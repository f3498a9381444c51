import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSecretOptionName, type StoreData } from '../../../src-main/store/storeSchema';
import { makeTempDir, removeDir } from '../../helpers/tempDir';
import { filesIn, goodStore, openStore, readStoreFile, writeStoreFile } from './storeFixtures';

const SECRET = 'nbt_0123456789abcdef-not-for-disk';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('mx-store-');
});
afterEach(async () => removeDir(home));

const netbox = (options: Record<string, unknown>) =>
  ({ id: 'nb', kind: 'netbox', label: 'NetBox prod', enabled: true, options }) as StoreData['sources'][0];

describe('inventory source options never carry a secret to disk', () => {
  it('names the options that only hold secrets, however they are spelt, and not references to them', () => {
    for (const name of ['token', 'apiToken', 'api_token', 'API-KEY', 'password', 'passphrase', 'privateKey'])
      expect(isSecretOptionName(name), name).toBe(true);
    for (const name of ['url', 'tokenRef', 'keychainAccount', 'filters', 'user'])
      expect(isSecretOptionName(name), name).toBe(false);
  });

  it('drops a secret option before writing, keeping the rest of the source', async () => {
    const store = await openStore(home);
    await store.update((data) => ({
      ...data,
      sources: [
        netbox({ url: 'https://netbox.example.com', token: SECRET, api_key: SECRET, tokenRef: 'nb' }),
      ],
    }));
    for (const name of await filesIn(home)) expect(await readStoreFile(home, name)).not.toContain(SECRET);
    expect(JSON.parse(await readStoreFile(home)).sources[0].options).toEqual({
      url: 'https://netbox.example.com',
      tokenRef: 'nb',
    });
  });

  it('reads a hand-edited file that has one without losing anything else, and removes it at the next save', async () => {
    await writeStoreFile(
      home,
      JSON.stringify({ ...goodStore(), sources: [netbox({ url: 'https://nb.example', password: SECRET })] }),
    );
    const store = await openStore(home);
    expect(store.read().sources[0]?.options).toEqual({ url: 'https://nb.example' });
    expect(store.read().tree.folders[0]?.name).toBe('customers');
    await store.update((data) => ({ ...data, settings: { ...data.settings } }));
    expect(await readStoreFile(home)).not.toContain(SECRET);
  });
});
