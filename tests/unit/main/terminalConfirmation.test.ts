import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalConfirmation } from '../../../src-main/confirm/terminalConfirmation';
import { requireConfirmation } from '../../../src-main/confirm/requireConfirmation';

const request = {
  message: 'An Ansible source asks to run inventory scripts of these inventory paths:',
  items: ['/home/me/inventory.py'],
  risk: 'Every executable file among them will be run as you.',
  allowLabel: 'Run scripts',
};

function terminal(interactive = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  return { io: { input, output, interactive }, input, shown: () => shown };
}

/** Resolves once the terminal shows the question (what the person at it sees before answering). */
async function questionShown(shown: () => string): Promise<void> {
  while (!shown().includes('[y/N]')) await new Promise((resolve) => setImmediate(resolve));
}

describe('serve mode asks on its own terminal', () => {
  it('shows what and where, and allows only on yes typed there', async () => {
    const t = terminal();
    const confirmation = terminalConfirmation(t.io);
    const answer = confirmation.confirm(request);
    await questionShown(t.shown);
    expect(t.shown()).toContain('/home/me/inventory.py');
    expect(t.shown()).toContain('Run scripts?');
    t.input.write('yes\n');
    await expect(answer).resolves.toBe(true);
  });

  it('takes anything else, an empty line or a closed terminal as no', async () => {
    for (const typed of ['\n', 'n\n', 'sure\n']) {
      const t = terminal();
      const answer = terminalConfirmation(t.io).confirm(request);
      await questionShown(t.shown);
      t.input.write(typed);
      await expect(answer).resolves.toBe(false);
    }
    const closed = terminal();
    const answer = terminalConfirmation(closed.io).confirm(request);
    await questionShown(closed.shown);
    closed.input.end();
    await expect(answer).resolves.toBe(false);
  });

  it('asks one question at a time', async () => {
    const t = terminal();
    const confirmation = terminalConfirmation(t.io);
    const first = confirmation.confirm(request);
    const second = confirmation.confirm({ ...request, items: ['/second'] });
    await questionShown(t.shown);
    expect(t.shown()).not.toContain('/second');
    t.input.write('n\n');
    await expect(first).resolves.toBe(false);
    while (!t.shown().includes('/second')) await new Promise((resolve) => setImmediate(resolve));
    t.input.write('y\n');
    await expect(second).resolves.toBe(true);
  });

  it('refuses without asking when there is no terminal (the page cannot answer for the user)', async () => {
    const t = terminal(false);
    await expect(requireConfirmation(terminalConfirmation(t.io), request)).rejects.toMatchObject({
      code: 'NOT_CONFIRMED',
    });
    expect(t.shown()).toContain('Nobody can confirm it here');
  });
});
