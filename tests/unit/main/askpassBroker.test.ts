import { describe, expect, it } from 'vitest';
import { AskpassBroker, type AskpassSession } from '../../../src-main/secrets/askpassBroker';
import type { AskpassCaller } from '../../../src-main/secrets/askpassCaller';
import { secretAccounts, type SecretStore } from '../../../src-main/secrets/secretStore';
import { classifySshPrompt } from '../../../src-main/secrets/sshPrompt';
import { marksServerQuestions } from '../../../src-main/secrets/sshVersion';

const KEY = '/home/u/.ssh/id_pp';
const PASSPHRASE = 'saved-passphrase';
const PASSWORD = 'saved-password';
const HOST_ID = 'ssh-config:web';

/** Prompts exactly as OpenSSH 9.2's client hands them to SSH_ASKPASS (sshconnect2.c). */
const SSH_OWN = {
  passphrase: `Enter passphrase for key '${KEY}': `,
  password: "u@10.0.0.5's password: ",
};
/** What a hostile server's keyboard-interactive questions look like once ssh has prefixed them. */
const FROM_SERVER = {
  passphrase: `(u@10.0.0.5) Enter passphrase for key '${KEY}': `,
  password: "(u@10.0.0.5) u@10.0.0.5's password: ",
  plainPassword: '(u@10.0.0.5) Password: ',
};

function memorySecrets(): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>([
    [secretAccounts.passphrase(KEY), PASSPHRASE],
    [secretAccounts.password(HOST_ID), PASSWORD],
  ]);
  return {
    entries,
    get: (account) => Promise.resolve(entries.get(account)),
    set: (account, secret) => Promise.resolve(void entries.set(account, secret)),
    delete: (account) => Promise.resolve(entries.delete(account)),
  };
}

const session: AskpassSession = {
  hostId: HOST_ID,
  label: 'web',
  sshPid: 1000,
  auth: () =>
    Promise.resolve({
      login: { user: 'u', host: '10.0.0.5' },
      keyFiles: new Set([KEY, '/home/u/.ssh/jump_key']),
      viaProxy: false,
    }),
};
const genuine: AskpassCaller = { isHelperOf: (pid) => Promise.resolve(pid === 1000) };
const forged: AskpassCaller = { isHelperOf: () => Promise.resolve(false) };

function brokerWith(secrets = memorySecrets()) {
  const warnings: string[] = [];
  const broker = new AskpassBroker({
    secrets,
    sessionOf: (id) => Promise.resolve(id === 'mx-1' ? session : undefined),
    onSecretRejected: () => undefined,
    logger: { info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined },
  });
  return { broker, secrets, warnings };
}

let nextPid = 2000;
const ask = (prompt: string) => ({ session: 'mx-1', prompt, sshPid: (nextPid += 1) });

describe('askpass broker: whose questions get saved secrets', () => {
  it("answers ssh's own passphrase prompt for a key file the host uses, and its own password prompt", async () => {
    const { broker } = brokerWith();
    expect(await broker.answer(ask(SSH_OWN.passphrase), genuine)).toEqual({
      kind: 'secret',
      secret: PASSPHRASE,
    });
    expect(await broker.answer(ask(SSH_OWN.password), genuine)).toEqual({ kind: 'secret', secret: PASSWORD });
  });

  it.each(Object.entries(FROM_SERVER))(
    'leaves a server question worded like ssh (%s) to the user, without an offer to save',
    async (_name, prompt) => {
      const { broker, secrets } = brokerWith();
      const answer = await broker.answer(ask(prompt), genuine);
      expect(answer).toEqual({ kind: 'ask', echo: false, offerSave: false });
      expect(await broker.save(ask(prompt), 'typed', genuine)).toBe(false);
      expect(secrets.entries.get(secretAccounts.passphrase(KEY))).toBe(PASSPHRASE);
      expect(secrets.entries.get(secretAccounts.password(HOST_ID))).toBe(PASSWORD);
    },
  );

  it.each([
    ['a key file ssh -G does not list', "Enter passphrase for key '/home/u/.ssh/other': "],
    ['the passphrase form inside other text', `Warning! Enter passphrase for key '${KEY}': `],
    ['a jump host’s password prompt', "j@jump.example's password: "],
    ['another user at the host', "root@10.0.0.5's password: "],
    ['a password change', "Enter u@10.0.0.5's old password: "],
    ['any text that mentions a password', 'Password for u@10.0.0.5: '],
  ])('gives nothing saved for %s', async (_name, prompt) => {
    const { broker } = brokerWith();
    const answer = await broker.answer(ask(prompt), genuine);
    expect(answer.kind).toBe('ask');
    expect(answer).toMatchObject({ offerSave: false });
  });

  it('refuses a caller the platform does not confirm, and lets it save nothing', async () => {
    const { broker, secrets, warnings } = brokerWith();
    expect(await broker.answer(ask(SSH_OWN.passphrase), forged)).toEqual({
      kind: 'refuse',
      reason: 'Not authorised.',
    });
    expect(await broker.save(ask(SSH_OWN.passphrase), 'attacker', forged)).toBe(false);
    expect(secrets.entries.get(secretAccounts.passphrase(KEY))).toBe(PASSPHRASE);
    expect(warnings).toContain('askpass caller refused');
  });

  it('refuses every caller of a session whose ssh is gone (dead pane)', async () => {
    const secrets = memorySecrets();
    const broker = new AskpassBroker({
      secrets,
      sessionOf: () => Promise.resolve({ ...session, sshPid: undefined }),
      onSecretRejected: () => undefined,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const answer = await broker.answer(ask(SSH_OWN.passphrase), { isHelperOf: () => Promise.resolve(true) });
    expect(answer.kind).toBe('refuse');
  });

  it('offers to save what the user types for ssh’s own prompt when nothing is saved', async () => {
    const secrets = memorySecrets();
    secrets.entries.clear();
    const { broker } = brokerWith(secrets);
    expect(await broker.answer(ask(SSH_OWN.password), genuine)).toEqual({
      kind: 'ask',
      echo: false,
      offerSave: true,
      saveLabel: 'password for web',
    });
    expect(await broker.save(ask(SSH_OWN.password), 'typed-password', genuine)).toBe(true);
    expect(secrets.entries.get(secretAccounts.password(HOST_ID))).toBe('typed-password');
  });
});

describe('ssh prompt forms', () => {
  it('reads only the exact forms, anchored', () => {
    expect(classifySshPrompt(SSH_OWN.passphrase)).toEqual({ kind: 'passphrase', keyFile: KEY });
    expect(classifySshPrompt(SSH_OWN.password)).toEqual({ kind: 'password', user: 'u', host: '10.0.0.5' });
    expect(classifySshPrompt("a@corp@db1's password: ")).toEqual({
      kind: 'password',
      user: 'a@corp',
      host: 'db1',
    });
    for (const prompt of Object.values(FROM_SERVER)) expect(classifySshPrompt(prompt).kind).toBe('server');
    expect(classifySshPrompt(`${SSH_OWN.passphrase}\nmore`).kind).toBe('other');
  });

  it('shows what is typed only for questions that are not secrets (host key confirmation)', async () => {
    const { broker } = brokerWith();
    const hostKey = 'Are you sure you want to continue connecting (yes/no/[fingerprint])? ';
    expect(await broker.answer(ask(hostKey), genuine)).toEqual({ kind: 'ask', echo: true, offerSave: false });
    expect(await broker.answer(ask('(u@h) Verification code: '), genuine)).toMatchObject({ echo: false });
  });

  it('trusts the (user@host) mark only from OpenSSH 8.4 on', () => {
    expect(marksServerQuestions('OpenSSH_9.2p1 Debian-2+deb12u10, OpenSSL 3.0.19 27 Jan 2026')).toBe(true);
    expect(marksServerQuestions('OpenSSH_8.4p1, OpenSSL 1.1.1k')).toBe(true);
    expect(marksServerQuestions('OpenSSH_for_Windows_9.5p1, LibreSSL 3.8.2')).toBe(true);
    expect(marksServerQuestions('OpenSSH_8.2p1 Ubuntu-4ubuntu0.11, OpenSSL 1.1.1f')).toBe(false);
    expect(marksServerQuestions('Dropbear v2022.83')).toBe(false);
  });
});
