import { useTreeState } from '../../tree/useTree';

/** "1,204 hosts", "37 of 1,204 hosts" while searching, and "3 selected" when anything is. */
export function TreeStatus({ className }: { className: string }) {
  const loaded = useTreeState((state) => state.data.loaded);
  const total = useTreeState((state) => state.model.entries.length);
  const shown = useTreeState((state) => state.match?.count ?? null);
  const selected = useTreeState((state) => state.selection.ids.size);
  const number = (n: number) => n.toLocaleString('en');
  const hosts = !loaded
    ? 'Loading hosts…'
    : shown !== null
      ? `${number(shown)} of ${number(total)} hosts`
      : `${number(total)} ${total === 1 ? 'host' : 'hosts'}`;
  return (
    <>
      <span className={className}>{hosts}</span>
      {selected > 0 ? (
        <span className={`${className} status-selection`} role="status" aria-live="polite">
          {`${number(selected)} selected`}
        </span>
      ) : null}
    </>
  );
}
