import { describe, expect, it } from 'vitest';
import { describeTls } from '../../../../src-main/inventory/netbox/netboxFailures';
import { classify, isTlsCode } from '../../../../src-main/inventory/netbox/undiciNetboxHttp';

function codeError(code: string, cause?: unknown): Error {
  return Object.assign(new Error(`failure ${code}`), { code, ...(cause ? { cause } : {}) });
}

describe('transport failures', () => {
  it.each([
    [codeError('ECONNREFUSED'), 'refused'],
    [codeError('ENOTFOUND'), 'dns'],
    [codeError('EAI_AGAIN'), 'dns'],
    [codeError('ECONNRESET'), 'reset'],
    [codeError('UND_ERR_SOCKET', codeError('ECONNRESET')), 'reset'],
    [codeError('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    [codeError('UND_ERR_BODY_TIMEOUT'), 'timeout'],
    [codeError('UND_ERR_CONNECT_TIMEOUT'), 'timeout'],
    [codeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'tls'],
    [codeError('ERR_TLS_CERT_ALTNAME_INVALID'), 'tls'],
    [codeError('CERT_HAS_EXPIRED'), 'tls'],
    [new TypeError('fetch failed', { cause: codeError('DEPTH_ZERO_SELF_SIGNED_CERT') }), 'tls'],
    [new Error('mystery'), 'network'],
  ])('classifies %s as %s', (error, failure) => {
    expect(classify(error, false, false).failure).toBe(failure);
  });

  it('a request we timed out is a timeout; one the caller cancelled is aborted', () => {
    expect(classify(codeError('UND_ERR_ABORTED'), true, false)).toMatchObject({ failure: 'timeout' });
    expect(classify(codeError('UND_ERR_ABORTED'), false, true)).toMatchObject({ failure: 'aborted' });
  });

  it('recognises TLS codes', () => {
    expect(
      ['SELF_SIGNED_CERT_IN_CHAIN', 'ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'CERT_NOT_YET_VALID'].every(
        isTlsCode,
      ),
    ).toBe(true);
    expect(isTlsCode('ECONNRESET')).toBe(false);
  });

  it('names what failed in a certificate check, and the way out', () => {
    expect(describeTls('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'nb:443')).toMatch(
      /unknown certificate authority.*--netbox-ca FILE/,
    );
    expect(describeTls('SELF_SIGNED_CERT_IN_CHAIN', 'nb:443')).toMatch(/unknown certificate authority/);
    expect(describeTls('ERR_TLS_CERT_ALTNAME_INVALID', 'nb.example.com:8443')).toMatch(
      /hostname mismatch: the server's certificate is not valid for "nb\.example\.com"/,
    );
    expect(describeTls('CERT_HAS_EXPIRED', 'nb')).toMatch(/has expired/);
    expect(describeTls('CERT_NOT_YET_VALID', 'nb')).toMatch(/not valid yet.*clock/);
    expect(describeTls('ERR_SSL_WRONG_VERSION_NUMBER', 'nb')).toMatch(/is this port serving HTTPS/);
    expect(describeTls(undefined, 'nb')).toMatch(/could not be verified/);
  });
});
