export interface SshdConfigInput {
  port: number;
  hostKeyPath: string;
  pidFile: string;
  authorizedKeysFile: string;
  user: string;
  /** Variables sshd sets in every session (sshd_config SetEnv). */
  setEnv?: Record<string, string>;
  /**
   * Extra sshd_config lines. sshd keeps the FIRST value it reads for most keywords, so these go before the
   * defaults and override them; everything from the first `Match` line on goes last, where Match must be.
   * Exceptions: Port, ListenAddress, HostKey and AcceptEnv accumulate (an extra `Port` adds a second listener
   * rather than replacing the free port), and redefining `Subsystem sftp` is a fatal config error.
   */
  extraConfig?: readonly string[];
}

/** sshd_config for a throwaway server: loopback only, public key only, one allowed user. */
export function renderSshdConfig(input: SshdConfigInput): string {
  const extra = input.extraConfig ?? [];
  const matchStart = extra.findIndex((line) => /^\s*Match\s/i.test(line));
  const overrides = matchStart === -1 ? extra : extra.slice(0, matchStart);
  const matchBlocks = matchStart === -1 ? [] : extra.slice(matchStart);
  const lines = [
    ...overrides,
    `Port ${input.port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${input.hostKeyPath}`,
    `PidFile ${input.pidFile}`,
    `AuthorizedKeysFile ${input.authorizedKeysFile}`,
    // Temp dirs and keys are not laid out the way StrictModes demands of a real home directory.
    'StrictModes no',
    // PAM needs root and the system's /etc/pam.d/sshd; its account checks are not what these tests are about.
    'UsePAM no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin prohibit-password',
    `AllowUsers ${input.user}`,
    'LogLevel VERBOSE',
    'Subsystem sftp internal-sftp',
    // Tests open many channels and parallel connections (broadcast to many hosts); the defaults throttle.
    'MaxSessions 50',
    'MaxStartups 100:30:200',
    'UseDNS no',
    ...renderSetEnv(input.setEnv ?? {}, overrides),
    ...matchBlocks,
  ];
  return `${lines.join('\n')}\n`;
}

/** sshd honours only the FIRST SetEnv line, so every variable has to go on one line. */
function renderSetEnv(variables: Record<string, string>, overrides: readonly string[]): string[] {
  const pairs = Object.entries(variables);
  if (pairs.length === 0) return [];
  if (overrides.some((line) => /^\s*SetEnv\s/i.test(line))) {
    throw new Error(
      'use either the setEnv option or a SetEnv line in extraConfig: sshd ignores all but the first',
    );
  }
  return [`SetEnv ${pairs.map(([name, value]) => quoteSetEnv(name, value)).join(' ')}`];
}

function quoteSetEnv(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /["\\\n\r]/.test(value)) {
    throw new Error(
      `SetEnv ${name}: names must be identifiers and values must not contain quotes or newlines`,
    );
  }
  return `"${name}=${value}"`;
}
