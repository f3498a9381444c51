import { describe, expect, it } from 'vitest';
import {
  envTokenProvider,
  netboxCredentials,
  redactSecrets,
} from '../../../../src-main/inventory/netbox/netboxToken';

const V1 = '0123456789abcdef0123456789abcdef01234567';
const V2 = 'nbt_AbCdEfGhIjKl.s3cr3tPlaintextPartOfTheTokenXYZ0123456789ab';

describe('NetBox tokens', () => {
  it('sends v1 tokens as "Token" and nbt_ tokens as "Bearer", like pynetbox', () => {
    expect(netboxCredentials(V1)).toMatchObject({ authorization: `Token ${V1}`, style: 'v1' });
    expect(netboxCredentials(V2)).toMatchObject({ authorization: `Bearer ${V2}`, style: 'v2' });
  });

  it('tolerates a pasted keyword and surrounding white space', () => {
    expect(netboxCredentials(`  Token ${V1}\n`).authorization).toBe(`Token ${V1}`);
    expect(netboxCredentials(`Bearer ${V2}`).authorization).toBe(`Bearer ${V2}`);
  });

  it('explains malformed tokens without repeating them', () => {
    for (const [token, reason] of [
      ['', /empty/],
      [`${V1.slice(0, 20)} ${V1.slice(20)}`, /white space/],
      [`${V1}\u0007`, /control characters/],
      ['nbt_AbCdEfGhIjKl', /nbt_<key>\.<secret>/],
      ['nbt_AbCdEfGhIjKl.', /nbt_<key>\.<secret>/],
    ] as const) {
      let message = '';
      try {
        netboxCredentials(token);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(reason);
      if (token.length > 8) expect(message).not.toContain(token.trim().slice(0, 16));
    }
  });

  it('redacts the whole token and the v2 secret part', () => {
    const { secrets } = netboxCredentials(V2);
    expect(redactSecrets(`echo ${V2} and ${V2.split('.')[1]}`, secrets)).toBe('echo *** and ***');
  });

  it('reads the token from MUXDECK_NETBOX_TOKEN, trimmed; empty means none', async () => {
    expect(await envTokenProvider({ MUXDECK_NETBOX_TOKEN: ` ${V1}\n` })()).toBe(V1);
    expect(await envTokenProvider({ MUXDECK_NETBOX_TOKEN: '  ' })()).toBeUndefined();
    expect(await envTokenProvider({})()).toBeUndefined();
  });
});
