import type { UserConfirmation } from '../ports';

/** The fields of Electron's MessageBoxOptions a confirmation sets. */
export interface ConfirmationDialogOptions {
  type: 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  noLink: boolean;
}

/**
 * A native dialog, drawn by the main process: the page can ask for it but cannot draw, answer or skip it.
 * Cancel is the default button and what Esc or closing the dialog means; only the allow button allows.
 */
export function dialogConfirmation(
  showMessageBox: (options: ConfirmationDialogOptions) => Promise<{ response: number }>,
): UserConfirmation {
  return {
    async confirm(request) {
      const { response } = await showMessageBox({
        type: 'warning',
        title: 'Muxdeck',
        message: request.message,
        detail: [...request.items, '', request.risk].join('\n'),
        buttons: ['Cancel', request.allowLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    },
  };
}
