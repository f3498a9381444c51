import { describe, expect, it } from 'vitest';
import type { SourceInfo } from '../../../src-preload/api';
import {
  draftOf,
  emptyForm,
  errorsOf,
  formOf,
  syncSummary,
  validateForm,
} from '../../../src-renderer/src/stores/sources.logic';

const info = (fields: Partial<SourceInfo>): SourceInfo => ({
  id: 's1',
  sourceId: 'netbox:s1',
  kind: 'netbox',
  label: 'Lab',
  enabled: true,
  options: {
    url: 'https://nb.example.net',
    tokenStyle: 'auto',
    caFile: '',
    insecureSkipVerify: false,
    kinds: 'both',
    filters: ['site=fra1', 'site=ams1', 'name__ic=web'],
    addressFrom: ['primary-ip4'],
    groupBy: ['site', 'tag'],
    intervalMinutes: 60,
  },
  hasToken: true,
  state: 'ok',
  hostCount: 3,
  warnings: [],
  ...fields,
});

describe('sources page logic', () => {
  it('summarises the sources for the top bar', () => {
    expect(syncSummary([])).toEqual({ text: 'no sources', tone: 'idle', warnings: [] });
    expect(syncSummary([info({}), info({ id: 's2' })]).text).toBe('2 sources ok');
    expect(syncSummary([info({}), info({ id: 's2', state: 'stale' })])).toEqual({
      text: '1 of 2 sources stale',
      tone: 'warn',
      warnings: [],
    });
    expect(syncSummary([info({ state: 'syncing' })]).text).toBe('syncing 1 of 1');
  });

  it('says when an ok sync skipped something, and names what in the details', () => {
    const skipped =
      'warning: /inv/hosts.ini: skipped: ansible ignores *.ini files inside an inventory directory';
    expect(
      syncSummary([info({ label: 'lab', hostCount: 0, warnings: [skipped] }), info({ id: 's2' })]),
    ).toEqual({
      text: '2 sources ok · 1 warning',
      tone: 'warn',
      warnings: [`lab: ${skipped}`],
    });
  });

  it('round-trips a NetBox source through the form, named filters apart from free-form ones', () => {
    const form = formOf(info({}));
    expect(form.site).toBe('fra1, ams1');
    expect(form.query).toBe('name__ic=web');
    const { draft, errors } = validateForm(form);
    expect(errors).toEqual({});
    expect(draft?.options).toMatchObject({
      filters: ['site=fra1', 'site=ams1', 'name__ic=web'],
      groupBy: ['site', 'tag'],
    });
  });

  it('puts each validation error on the field it names', () => {
    const form = {
      ...emptyForm('netbox'),
      label: 'x',
      url: 'not a url',
      groupBy: 'site, galaxy',
      intervalMinutes: 'soon',
    };
    const { errors } = validateForm(form);
    expect(errors.url).toBe('use an http:// or https:// URL');
    expect(errors.groupBy).toBeDefined();
    expect(errors.intervalMinutes).toBeDefined();
    const ansible = validateForm({ ...emptyForm('ansible'), label: '' });
    expect(ansible.errors.label).toBe('a name is required');
    expect(ansible.errors.paths).toBe('name at least one inventory file or directory');
    expect(errorsOf([{ path: 'draft.options.paths.0', message: '/x: no such file or directory' }])).toEqual({
      paths: '/x: no such file or directory',
    });
  });

  it('sends the token only when one was typed', () => {
    const form = { ...emptyForm('netbox'), label: 'x', url: 'https://nb' };
    expect(draftOf(form)).not.toHaveProperty('token');
    expect(draftOf({ ...form, token: ' abc ' })).toHaveProperty('token', 'abc');
  });
});
