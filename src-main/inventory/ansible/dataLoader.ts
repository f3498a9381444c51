/**
 * ansible's DataLoader.load (parsing/utils/yaml.py from_yaml): a file is read as JSON
 * first and as YAML when that fails. A whole file encrypted with ansible-vault cannot be
 * read without its password; it is reported, never decrypted.
 */
import { loadJsonDocument, NotJsonError } from './jsonLoader';
import { InventoryParseError } from './inventoryProblem';
import { loadYamlDocument, type LoadedDocument } from './yamlLoader';

export class VaultEncryptedFileError extends Error {
  constructor() {
    super(
      'the file is encrypted with ansible-vault; Muxdeck does not decrypt it, so its contents are not read',
    );
    this.name = 'VaultEncryptedFileError';
  }
}

export interface LoadedData extends LoadedDocument {
  format: 'json' | 'yaml';
}

export function isVaultEncrypted(text: string): boolean {
  return text.startsWith('$ANSIBLE_VAULT');
}

export function loadData(text: string): LoadedData {
  if (isVaultEncrypted(text)) throw new VaultEncryptedFileError();
  try {
    return { ...loadJsonDocument(text), format: 'json' };
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
  }
  try {
    return { ...loadYamlDocument(text), format: 'yaml' };
  } catch (error) {
    if (error instanceof InventoryParseError) {
      throw new InventoryParseError(`not valid YAML (nor JSON): ${error.detail}`, error.line);
    }
    throw error;
  }
}
