import { describe, expect, it } from 'vitest';
import {
  capabilitiesOf,
  parseNetboxVersion,
  versionFromHeader,
  versionFromStatus,
} from '../../../../src-main/inventory/netbox/netboxVersion';

describe('NetBox version', () => {
  it('reads releases as NetBox and its Docker images report them', () => {
    expect(versionFromStatus({ 'netbox-version': '4.5.10' })).toMatchObject({
      major: 4,
      minor: 5,
      patch: 10,
    });
    expect(versionFromStatus({ 'netbox-version': '4.2.5-Docker-3.2.0' })).toMatchObject({
      major: 4,
      minor: 2,
      patch: 5,
    });
    expect(versionFromStatus({ 'netbox-version': 'v3.7.8' })).toMatchObject({ major: 3, minor: 7 });
    expect(versionFromStatus({ other: 1 })).toBeUndefined();
    expect(versionFromStatus('4.5')).toBeUndefined();
    expect(versionFromHeader('4.2')).toMatchObject({
      major: 4,
      minor: 2,
      patch: 0,
      source: 'api-version-header',
    });
    expect(parseNetboxVersion('latest', 'status')).toBeUndefined();
  });

  it('derives what the release can do', () => {
    const of = (text: string) => capabilitiesOf(parseNetboxVersion(text, 'status'));
    expect(of('3.7.8')).toEqual({
      fieldsParam: false,
      v2Tokens: false,
      nestedIpDnsName: false,
      deviceRoleField: 'role-and-device_role',
    });
    expect(of('3.4.0').deviceRoleField).toBe('device_role');
    expect(of('4.2.9')).toMatchObject({ fieldsParam: true, v2Tokens: false, deviceRoleField: 'role' });
    expect(of('4.5.0')).toMatchObject({ v2Tokens: true, nestedIpDnsName: false });
    expect(of('4.6.4').nestedIpDnsName).toBe(true);
    expect(capabilitiesOf(versionFromHeader('4.6')).nestedIpDnsName).toBe(false);
    expect(capabilitiesOf(undefined).fieldsParam).toBe(false);
  });
});
