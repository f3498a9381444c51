import type { SourcesService } from '../sources/sourcesService';
import type { Handlers } from './router';

type SourceChannel =
  | 'sources:list'
  | 'sources:add'
  | 'sources:update'
  | 'sources:remove'
  | 'sources:syncNow'
  | 'sources:cancelSync';

/** --- sources --- channels; payloads are validated against api.ts by the router. None waits for a sync. */
export function createSourceHandlers(sources: SourcesService): Pick<Handlers, SourceChannel> {
  return {
    'sources:list': () => ({ sources: sources.list() }),
    'sources:add': ({ draft }) => sources.add(draft),
    'sources:update': ({ id, draft }) => sources.update(id, draft),
    'sources:remove': async ({ id }) => ({ removed: await sources.remove(id) }),
    'sources:syncNow': ({ id }) => ({ started: sources.syncNow(id) }),
    'sources:cancelSync': ({ id }) => ({ cancelled: sources.cancelSync(id) }),
  };
}
