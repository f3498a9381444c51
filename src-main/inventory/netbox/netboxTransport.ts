import type { FileReader } from '../../ports';
import { NetboxError } from './netboxErrors';
import type { NetboxHttp } from './netboxHttp';
import { createUndiciNetboxHttp } from './undiciNetboxHttp';

export interface NetboxTlsSettings {
  caFile?: string;
  insecureSkipVerify?: boolean;
}

/** The real HTTP port for a source's TLS settings; a CA file that cannot be used is a config error. */
export async function createNetboxHttp(
  tls: NetboxTlsSettings,
  files: Pick<FileReader, 'readText'>,
): Promise<NetboxHttp> {
  const ca = tls.caFile ? await readCaFile(tls.caFile, files) : undefined;
  return createUndiciNetboxHttp({
    tls: { ...(ca ? { ca } : {}), ...(tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}) },
  });
}

async function readCaFile(path: string, files: Pick<FileReader, 'readText'>): Promise<string> {
  let pem: string;
  try {
    pem = await files.readText(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    throw new NetboxError('config', `Cannot read the CA file ${path} (${code ?? String(error)}).`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new NetboxError(
      'config',
      `The CA file ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    );
  }
  return pem;
}
