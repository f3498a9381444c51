import { useActions, useAppState } from '../../app/AppServices';
import './Notices.css';

/** Errors the user should read but need not act on at once; they stay until dismissed. */
export function Notices() {
  const notices = useAppState((state) => state.notices);
  const { dismissNotice } = useActions();
  return (
    <>
      {notices.map((notice) => (
        <div key={notice.id} role="alert" className="notice">
          <span className="notice-icon" aria-hidden="true">
            ⚠
          </span>
          <p className="notice-message">{notice.message}</p>
          <button
            type="button"
            className="notice-dismiss"
            aria-label="Dismiss"
            onClick={() => dismissNotice(notice.id)}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
      ))}
    </>
  );
}
