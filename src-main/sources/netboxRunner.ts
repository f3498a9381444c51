import type { Host, NetboxSourceOptions } from '../../src-preload/api';
import type { FileReader, Logger } from '../ports';
import { withDefaults, type GroupLevel } from '../inventory/netbox/netboxConfig';
import type { NetboxHttp } from '../inventory/netbox/netboxHttp';
import { importFromNetbox } from '../inventory/netbox/netboxImport';
import type { NetboxTokenProvider } from '../inventory/netbox/netboxToken';
import { createNetboxHttp, type NetboxTlsSettings } from '../inventory/netbox/netboxTransport';
import type { SourceRunner, SyncedHosts } from './sourceRunner';

/** The NetBox source settings behind the flat options the store and the form hold. */
export function netboxSettings(options: NetboxSourceOptions) {
  return {
    url: options.url,
    kinds: options.kinds,
    filters: { query: [...options.filters] },
    ...(options.caFile ? { caFile: options.caFile } : {}),
    ...(options.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    mapping: { addressFrom: [...options.addressFrom], groupBy: [...options.groupBy] as GroupLevel[] },
  };
}

export interface NetboxRunnerDeps {
  files: Pick<FileReader, 'readText'>;
  createHttp?: (tls: NetboxTlsSettings) => Promise<NetboxHttp>;
  logger?: Logger;
}

/** One NetBox source for the SyncManager: each sync is one all-or-nothing import (netboxImport.ts). */
export function netboxRunner(
  key: string,
  label: string,
  options: NetboxSourceOptions,
  token: NetboxTokenProvider,
  deps: NetboxRunnerDeps,
): SourceRunner {
  const settings = withDefaults(netboxSettings(options));
  const sourceId = `netbox:${key}`;
  return {
    async sync({ signal, onProgress }): Promise<SyncedHosts> {
      // Asked at every sync: a token changed in the keychain applies to the next one.
      const secret = await token();
      const http = await (deps.createHttp ?? ((tls) => createNetboxHttp(tls, deps.files)))({
        ...(settings.caFile ? { caFile: settings.caFile } : {}),
        ...(settings.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
      });
      let result;
      try {
        // Only the mapped hosts are kept: the raw records of 50,000 objects are dropped with this frame.
        result = await importFromNetbox(
          { sourceId, settings, token: secret },
          { http, signal, onProgress, ...(deps.logger ? { logger: deps.logger } : {}) },
        );
      } finally {
        await http.close();
      }
      const hosts: Host[] = result.hosts.map(({ host, details }) => {
        const rest = details.groupPaths.slice(1).map((path) => path.map((step) => step.folder));
        return rest.length > 0 ? { ...host, otherGroups: rest } : host;
      });
      const flagged = result.hosts.flatMap(({ host }) =>
        host.problem ? [`${host.label}: ${host.problem}`] : [],
      );
      return { hosts, warnings: [...result.warnings, ...flagged].slice(0, 200) };
    },
  };
}
