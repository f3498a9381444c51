import { useEffect, useState } from 'react';
import type { InheritedSettings } from '../../../../src-preload/api';
import { useServices } from '../../app/AppServices';
import { NOT_IN_FOLDERS, TOP_LEVEL } from '../../stores/tree/settingsForm.logic';

/** What a host (or folder) placed in `folder` would inherit, asked of the main process (one inheritance rule). */
export function useInherited(folder: string, hostId?: string): InheritedSettings | null {
  const { client } = useServices();
  const [inherited, setInherited] = useState<InheritedSettings | null>(null);
  useEffect(() => {
    let current = true;
    const folderId = folder === TOP_LEVEL || folder === NOT_IN_FOLDERS ? null : folder;
    client.invoke('tree:inherited', { folderId, ...(hostId ? { hostId } : {}) }).then(
      (result) => current && setInherited(result),
      () => current && setInherited(null),
    );
    return () => {
      current = false;
    };
  }, [client, folder, hostId]);
  return inherited;
}
