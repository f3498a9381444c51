import { useStore } from 'zustand';
import { useServices } from '../../app/AppServices';
import { syncSummary } from '../../stores/sources.logic';
import { SourcesDialog } from '../SourcesDialog/SourcesDialog';

/** "[sync ⟳ 2 sources ok]" (UX.md): the sources' state at a glance; opens the Sources page. */
export function SyncIndicator() {
  const store = useServices().sources;
  const sources = useStore(store, (s) => s.sources);
  const open = useStore(store, (s) => s.dialogOpen);
  const summary = syncSummary(sources);
  return (
    <>
      <button
        type="button"
        className={`top-bar-sync is-${summary.tone}`}
        aria-label={`Sources: ${summary.text}`}
        {...(summary.warnings.length > 0 ? { title: summary.warnings.join('\n') } : {})}
        onClick={() => store.getState().setDialogOpen(true)}
      >
        sync <span aria-hidden="true">⟳</span> {summary.text}
      </button>
      {open ? <SourcesDialog onClose={() => store.getState().setDialogOpen(false)} /> : null}
    </>
  );
}
