import { describe, expect, it } from 'vitest';
import { dialogConfirmation, type ConfirmationDialogOptions } from '../../../src-main/app/dialogConfirmation';

const request = {
  message: 'Run the scripts of 2 hosts?',
  items: ['ProxyCommand nc %h %p', 'LocalCommand id'],
  risk: 'They run on this computer with your rights.',
  allowLabel: 'Run scripts',
};

function answering(response: number) {
  const shown: ConfirmationDialogOptions[] = [];
  const confirmation = dialogConfirmation(async (options) => {
    shown.push(options);
    return { response };
  });
  return { confirmation, shown };
}

describe('the native confirmation dialog', () => {
  it('shows what will be allowed and why it matters, with Cancel as the default and the Esc answer', async () => {
    const { confirmation, shown } = answering(0);
    await confirmation.confirm(request);
    expect(shown).toEqual([
      {
        type: 'warning',
        title: 'Muxdeck',
        message: request.message,
        detail: 'ProxyCommand nc %h %p\nLocalCommand id\n\nThey run on this computer with your rights.',
        buttons: ['Cancel', 'Run scripts'],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      },
    ]);
  });

  it('allows only when the user pressed the allow button', async () => {
    expect(await answering(1).confirmation.confirm(request)).toBe(true);
    expect(await answering(0).confirmation.confirm(request)).toBe(false);
    expect(await answering(2).confirmation.confirm(request)).toBe(false);
    expect(await answering(-1).confirmation.confirm(request)).toBe(false);
  });
});
