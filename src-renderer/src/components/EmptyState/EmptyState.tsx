import './EmptyState.css';

const SHORTCUTS: ReadonlyArray<[keys: string, action: string]> = [
  ['Enter', 'Connect to the focused host'],
  ['/ or Ctrl+F', 'Search hosts'],
  ['Ctrl+Tab / Ctrl+Shift+Tab', 'Next / previous tab'],
  ['Ctrl+Shift+W', 'Close the tab'],
];

export function EmptyState() {
  return (
    <section className="empty-state" aria-label="No open sessions">
      <p className="empty-state-lead">Double-click a host to connect</p>
      <dl className="empty-state-keys">
        {SHORTCUTS.map(([keys, action]) => (
          <div key={keys} className="empty-state-key">
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{action}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
