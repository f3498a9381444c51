import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { homedir, userInfo } from 'node:os';
import { HostCatalog } from '../inventory/hostCatalog';
import { SshConfigSource } from '../inventory/ssh-config/sshConfigSource';
import { syntheticSources } from '../inventory/synthetic/syntheticSource';
import { nodeFileStore } from '../platform/nodeFileStore';
import { nodeFileReader } from '../platform/nodeFileReader';
import { execFileRunner } from '../platform/execFileRunner';
import { systemClock } from '../platform/systemClock';
import type { CommandRunner, FileReader, Logger, PtySpawner, UserConfirmation } from '../ports';
import { refuseEveryConfirmation } from '../confirm/requireConfirmation';
import { createApiHandlers } from '../router/apiHandlers';
import { createRouter, type Router } from '../router/router';
import { childProcessSpawner } from '../platform/childProcessSpawner';
import { nodePipeSpawner } from '../platform/nodePipeSpawner';
import { reapOrphanedViews } from '../tmux/control/reapOrphanedViews';
import { RunService } from '../run/runService';
import { resolveRunTargets, type RunTarget } from '../run/runTargets';
import { socketAnswers } from '../platform/socketAnswers';
import { DEFAULT_RECONNECT_POLICY } from '../sessions/reconnectPolicy';
import { SessionHealth } from '../sessions/sessionHealth';
import { SessionLogs } from '../sessions/sessionLogs';
import { DirectSessions } from '../sessions/directSessions';
import { SessionService } from '../sessions/sessionService';
import { TmuxBackend } from '../sessions/tmuxBackend';
import { ConnectionSharing } from '../ssh/connectionSharing';
import { PANE_EVENTS_VARIABLE, PaneEventsWatcher } from '../tmux/paneEventsWatcher';
import { keytarSecretStore } from '../platform/keytarSecretStore';
import { AskpassBroker } from '../secrets/askpassBroker';
import { startAskpassServer } from '../secrets/askpassServer';
import { ApprovalDesk } from '../agents/approvalDesk';
import { startApprovalServer } from '../agents/approvalSocket';
import { unverifiedAskpassCallers } from '../secrets/askpassCaller';
import { tmuxAskpassSessions } from '../secrets/tmuxAskpassSessions';
import { linuxAskpassCallers } from '../platform/linuxAskpassCallers';
import { secretAccounts, type SecretStore } from '../secrets/secretStore';
import { generateAccessToken } from '../transport/serve/accessToken';
import { DEFAULT_SCROLLBACK_LINES, TerminalService } from '../sessions/terminalService';
import { writeSshConfigWrapper } from '../platform/sshConfigWrapperFile';
import { locateSshConfig, systemSshConfig } from '../ssh/sshConfigLocation';
import { TmuxServer } from '../tmux/tmuxServer';
import { DurableStore } from '../store/durableStore';
import { storePaths } from '../store/storePaths';
import type { StoreData } from '../store/storeSchema';
import { WorkspaceLayoutStore } from '../store/workspaceLayoutStore';
import { ManualSource } from '../tree/manualSource';
import { TreeService } from '../tree/treeService';
import { SettingsService } from '../settings/settingsService';
import type { AppSettings } from '../../src-preload/api';
import { muxdeckOwnDirs, muxdeckPaths, type MuxdeckPaths } from './paths';
import { chooseSocketDirectory } from './socketDirectory';
import { ensurePrivateDirectory } from '../platform/privateDirectory';
import { sshConfigLookup } from '../ssh/sshConfigValues';
import { memoize } from '../common/memoize';
import { startSources } from '../sources/startSources';
import { absentTmuxRunner } from '../platform/absentTmuxRunner';
import { isExecutableFile } from '../platform/nodeExecutableCheck';
import { planPlatformTools, type PlatformTools } from '../platform/platformTools';
import { appDiagnosis } from '../doctor/appDiagnosis';
import { FirstConnectionWatch } from '../sessions/firstConnection';
import { watchPaths } from '../sources/pathWatcher';
import { watchSshConfig } from '../sources/sshConfigWatcher';

export interface ComposeOptions {
  home: string;
  /** Directory holding resources/ (the repository, or the packaged app's resources). */
  resourcesDir: string;
  transport: 'electron' | 'serve';
  version: string;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  spawner: PtySpawner;
  /** The OS keychain; defaults to keytar. Tests may pass a real one on a private Secret Service. */
  secrets?: SecretStore;
  runner?: CommandRunner;
  files?: FileReader;
  /** Shows a folder in the desktop's file manager (Electron's shell.openPath); serve mode has none. */
  openFolder?: (path: string) => Promise<boolean>;
  /** Explicit ssh config file (a user setting / MUXDECK_SSH_CONFIG); default $HOME/.ssh/config. */
  sshConfigFile?: string;
  /** tmux, ssh and PATH for this platform; default: located on this machine (platformTools.ts). */
  tools?: PlatformTools;
  /**
   * Asks the user, outside the page, before scripts, ProxyCommands or forwards beyond loopback are allowed:
   * Electron's dialog, serve's terminal. Default: nobody can be asked, so they are refused.
   */
  confirmation?: UserConfirmation;
  /**
   * `muxdeck mcp` runs beside a running app: when another Muxdeck already answers on the askpass socket,
   * leave it (and the tmux server's askpass wiring) to that one instead of taking them over.
   */
  leaveRunningAskpass?: boolean;
  /**
   * Whether this process is an app a user looks at, so it answers agents' approval requests (the
   * desktop app and serve). `muxdeck mcp` is the one asking: false. Default true.
   */
  answersAgentApprovals?: boolean;
}

export interface MuxdeckServices {
  paths: MuxdeckPaths;
  router: Router;
  sessions: SessionService;
  terminals: TerminalService;
  /** The user's app settings as stored now (index.ts reads autoUpdate at every update check). */
  settings(): AppSettings;
  /** What `muxdeck mcp` drives beside the router: the tmux server, the hosts, runs and ssh to a host. */
  agentEdges: {
    tmux: TmuxServer;
    catalog: HostCatalog;
    tree: TreeService;
    /** The store as loaded (read-only here: `muxdeck mcp` never writes the app's store). */
    readStore: () => StoreData;
    /** The file a running app watches (tmux's pane-died hook appends to it): a line wakes it up. */
    eventsFile: string;
    runs: RunService;
    runTargets: (hostIds: readonly string[]) => Promise<RunTarget[]>;
    /** The environment ssh runs with (PATH for this platform). */
    env: NodeJS.ProcessEnv;
  };
  dispose(): void;
}

/**
 * The composition root, read top to bottom: paths, edges, services, router.
 * Both entry points (Electron's index.ts and the serve CLI) call this.
 */
export async function composeServices(opts: ComposeOptions): Promise<MuxdeckServices> {
  // Refuses (UnsafeDirectoryError, with what to do) a home or socket directory another user could have
  // prepared: whoever can reach Muxdeck's tmux socket reads every keystroke and the askpass token.
  ensurePrivateDirectory(opts.home);
  const shortSocketDir = memoize(() =>
    chooseSocketDirectory({ home: opts.home, env: opts.env, uid: process.getuid?.(), logger: opts.logger }),
  );
  const paths = muxdeckPaths(opts.home, shortSocketDir);

  const runner = opts.runner ?? execFileRunner;
  const files = opts.files ?? nodeFileReader;
  // The env's HOME, not the process's: serve mode and tests may run Muxdeck for a different HOME.
  const userHome = opts.env.HOME || homedir();
  const sshConfig = locateSshConfig({
    ...(opts.sshConfigFile ? { setting: opts.sshConfigFile } : {}),
    home: userHome,
    passwdHome: userInfo().homedir,
    wrapperFile: join(paths.home, 'ssh_config'),
    systemFile: systemSshConfig(process.platform, opts.env),
  });
  await writeSshConfigWrapper(sshConfig);

  // The tmux server inherits this environment when it starts: tmux.conf's pane-died hook writes there.
  const paneEvents = new PaneEventsWatcher(join(paths.home, 'events'));
  // Platform: tmux and ssh found even from Finder's minimal PATH; no tmux on Windows (direct mode).
  const tools =
    opts.tools ??
    planPlatformTools({ platform: process.platform, env: opts.env, isExecutable: isExecutableFile });
  const env: NodeJS.ProcessEnv = {
    ...opts.env,
    // Windows spells it Path: a second PATH key there would be ambiguous, and nothing is missing from it.
    ...(process.platform === 'win32' ? {} : { PATH: tools.path }),
    [PANE_EVENTS_VARIABLE]: paneEvents.file,
  };
  const sshPath = tools.sshPath;

  // ssh asks Muxdeck for passwords and passphrases through this helper (SSH_ASKPASS_REQUIRE=force):
  // in the tmux server's global environment, refreshed at every start, so respawned panes of
  // sessions from an earlier run reach this run's socket.
  const askpassToken = generateAccessToken();
  const secretStore = opts.secrets ?? keytarSecretStore();
  const askpassEnv: Record<string, string> = !tools.askpass
    ? {}
    : {
        SSH_ASKPASS: join(opts.resourcesDir, 'askpass', 'muxdeck-askpass'),
        SSH_ASKPASS_REQUIRE: 'force',
        MUXDECK_ASKPASS_NODE: process.execPath,
        MUXDECK_ASKPASS_SCRIPT: join(opts.resourcesDir, 'askpass', 'askpass.cjs'),
        MUXDECK_ASKPASS_SOCKET: paths.askpassSocket,
        MUXDECK_ASKPASS_TOKEN: askpassToken,
      };

  const tmux = new TmuxServer({
    runner: tools.tmuxPath ? runner : absentTmuxRunner,
    tmuxPath: tools.tmuxPath ?? 'tmux',
    address: { socket: paths.tmuxSocket, config: join(opts.resourcesDir, 'tmux.conf') },
    env: { ...env, ...askpassEnv },
  });
  const sharing = new ConnectionSharing({
    preferredDir: join(paths.home, 'cm'),
    home: paths.home,
    shortSocketDir,
    runner,
    sshPath,
    env,
  });
  // --- store: one durable store in MUXDECK_HOME for the tree, settings, sources and layout.
  const store = await DurableStore.open({
    files: nodeFileStore,
    paths: storePaths(paths.home),
    clock: systemClock,
    logger: opts.logger,
  });
  const settings = new SettingsService(store);
  for (const message of tools.notices) {
    opts.logger.warn(message);
    store.notify({ level: 'warning', message });
  }

  // Health reports changes through the session service, which needs health to exist first.
  const late: { sessions?: SessionService; terminals?: TerminalService } = {};
  const logs = new SessionLogs({
    dir: paths.logs,
    pipePane: (session, command) => tmux.pipePane(session, command),
    stopPipe: (session) => tmux.stopPipe(session),
    capBytes: () => settings.get().logSizeCapMb * 1024 * 1024,
  });
  logs.watchCaps();
  const reconnectPolicy = () => ({
    ...DEFAULT_RECONNECT_POLICY,
    maxAttempts: settings.get().reconnectAttempts,
  });
  const health = new SessionHealth({
    tmux,
    sharing,
    clock: systemClock,
    policy: reconnectPolicy,
    keepClosedPanes: () => settings.get().keepClosedPanes,
    // The last screen of a dropped session, printed again when it reconnects; deleted once printed.
    saveScreen: async (sessionId, screen) => {
      const dir = join(paths.home, 'replay');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = join(dir, `${sessionId}.screen`);
      await writeFile(file, screen, { mode: 0o600 });
      return file;
    },
    replayLines: () => settings.get().terminal.scrollback ?? DEFAULT_SCROLLBACK_LINES,
    // The views let go of the session while its window is replaced (TerminalService.releaseViews).
    aroundRespawn: async (sessionId, respawn) => {
      await late.terminals?.releaseViews(sessionId);
      try {
        await respawn();
      } finally {
        late.terminals?.resumeViews(sessionId);
      }
    },
    onRespawned: async (record) => {
      if (record.options.logFile)
        await logs.start(record.name, record.options.label ?? record.name, record.options.logFile);
    },
    onChange: () => void late.sessions?.announce().catch(() => undefined),
    logger: opts.logger,
  });
  // --- sources --- configured inventories, synced in the background; their last good hosts first.
  const confirmation = opts.confirmation ?? refuseEveryConfirmation;
  const sources = await startSources({
    store,
    secrets: secretStore,
    runner,
    paths,
    confirmation,
    logger: opts.logger,
  });
  const fixedSources = [
    new SshConfigSource({ file: sshConfig.file, home: userHome, files }),
    new ManualSource(() => store.read()),
    ...syntheticSources(opts.env),
  ];
  const catalog = new HostCatalog(() => [...fixedSources, ...sources.hostSources()]);
  const tree = await TreeService.create({
    store,
    catalog,
    ssh: { sshPath, ...(sshConfig.explicitFlag ? { configFlag: sshConfig.explicitFlag } : {}) },
    sshConfig: { file: sshConfig.file, home: userHome, files },
    sshConfigValues: sshConfigLookup({
      runner,
      sshPath,
      configOptions: sshConfig.explicitFlag ? ['-F', sshConfig.explicitFlag] : [],
      env,
      loginName: userInfo().username,
    }),
    clock: systemClock,
    logger: opts.logger,
    confirmation,
    ownDirs: muxdeckOwnDirs(paths),
  });
  const direct = new DirectSessions({
    spawner: opts.spawner,
    env: { ...env, ...askpassEnv },
    cwd: userHome,
    clock: systemClock,
    hasControlSocket: (path) => sharing.hasSocket(path),
    policy: reconnectPolicy,
    keepClosedPanes: () => settings.get().keepClosedPanes,
    onChange: () => void late.sessions?.announce().catch(() => undefined),
    logger: opts.logger,
  });
  const sessions = new SessionService({
    tmux: new TmuxBackend({ tmux, health, clock: systemClock, cwd: userHome, logs }),
    direct,
    catalog,
    ssh: { sshPath, ...(sshConfig.explicitFlag ? { configFlag: sshConfig.explicitFlag } : {}) },
    sharing,
    runner,
    env,
    settings: tree,
    connectTimeoutSeconds: () => settings.get().connectTimeoutSeconds,
    // A rename shows on the open panes and tabs too, not only in the tree.
    currentLabels: async (hostIds) => {
      const found = await catalog.findMany(hostIds);
      return new Map(
        [...found].map(([id, { host, source }]) => [id, tree.effectiveSettings(host, source.kind).label]),
      );
    },
    tmuxAvailable: tools.tmuxPath !== undefined,
    shareConnections: tools.connectionSharing,
    sessionEnvironment: (sessionId) => ({ MUXDECK_SESSION: sessionId }),
    authOptions: async (hostId) =>
      (await secretStore.get(secretAccounts.password(hostId)).catch(() => undefined)) !== undefined
        ? ['-o', 'NumberOfPasswordPrompts=1']
        : [],
  });
  late.sessions = sessions;

  const broker = new AskpassBroker({
    secrets: secretStore,
    sessionOf: tmuxAskpassSessions({
      listSessions: () => tmux.listSessions(),
      runner,
      sshPath,
      env,
      local: { home: userInfo().homedir, user: userInfo().username, uid: process.getuid?.() ?? -1 },
    }),
    onSecretRejected: (sessionId, reason) => health.noteAuthFailure(sessionId, reason),
    onPasswordServed: (sessionId, reason) => health.noteAuthFailure(sessionId, reason),
    onAskingUser: (sessionId) => {
      health.suspendDeadline(sessionId);
      direct.suspendDeadline(sessionId);
    },
    logger: opts.logger,
  });
  const askpassTaken = opts.leaveRunningAskpass === true && (await socketAnswers(paths.askpassSocket));
  const askpassServer =
    tools.askpass && !askpassTaken
      ? await startAskpassServer({
          socketPath: paths.askpassSocket,
          token: askpassToken,
          broker,
          // Only Linux can name the caller here; elsewhere the token is the guard (docs/security.md, Askpass).
          callers:
            process.platform === 'linux'
              ? linuxAskpassCallers({ socketPath: paths.askpassSocket, runner, env, logger: opts.logger })
              : unverifiedAskpassCallers,
        })
      : undefined;
  if (!askpassTaken) await tmux.setGlobalEnvironment(askpassEnv);
  // "ask" in Settings → Agents: `muxdeck mcp` asks the user through this socket (agents/approvalSocket.ts).
  const approvals = new ApprovalDesk({ clock: systemClock });
  const approvalServer =
    opts.answersAgentApprovals === false
      ? undefined
      : await startApprovalServer({ socketPath: paths.agentApprovalSocket, desk: approvals }).catch(
          (error: unknown) => {
            opts.logger.warn('agent approvals unavailable', { error: String(error) });
            return undefined;
          },
        );
  const terminals = new TerminalService({
    controlSpawner: nodePipeSpawner,
    // The snapshot on attach fills what the terminal's scrollback can hold, no more.
    scrollbackLines: () => settings.get().terminal.scrollback ?? DEFAULT_SCROLLBACK_LINES,
    tmux,
    env,
    cwd: userHome,
    clock: systemClock,
    direct,
    onClientEnded: () =>
      void health
        .reconcile()
        .then(() => sessions.announce())
        .catch(() => undefined),
  });
  late.terminals = terminals;
  // Views a crashed Muxdeck left attached would keep tmux from ever letting them go (orphanedViews.ts).
  await reapOrphanedViews(tmux, opts.logger);

  // --- run on selection: the same hosts, settings and shared connections as sessions.
  const runTargets = (hostIds: readonly string[]) =>
    resolveRunTargets(
      {
        catalog,
        settings: tree,
        ssh: { sshPath, ...(sshConfig.explicitFlag ? { configFlag: sshConfig.explicitFlag } : {}) },
        runner,
        sharing,
        env,
      },
      hostIds,
    );
  const runs = new RunService({
    resolveTargets: runTargets,
    spawner: childProcessSpawner,
    env,
    clock: systemClock,
    defaults: () => ({
      timeoutSeconds: settings.get().runTimeoutSeconds,
      parallel: settings.get().runParallel,
    }),
  });

  // Recent holds hosts the user got onto: recorded when a session opened here first connects.
  const firstConnections = new FirstConnectionWatch((hostId) => void tree.recordConnected(hostId));
  const stopFirstConnections = sessions.onDidChange((list) => firstConnections.observe(list));
  const api = createApiHandlers({
    sessionOpened: (session) => firstConnections.opened(session),
    sessions,
    terminals,
    tree,
    runs,
    sources,
    settings,
    ...(opts.openFolder ? { openFolder: opts.openFolder } : {}),
    layout: new WorkspaceLayoutStore(store),
    approvals,
    appInfo: {
      version: opts.version,
      platform: process.platform,
      transport: opts.transport,
      home: paths.home,
    },
    // resources/ sits in the app's folder (repository or serve install); a packaged app is Electron itself.
    diagnose: appDiagnosis({
      appRoot: dirname(opts.resourcesDir),
      env: opts.env,
      home: paths.home,
      version: opts.version,
      secrets: secretStore,
      tools,
      ...(opts.sshConfigFile ? { sshConfigFile: opts.sshConfigFile } : {}),
    }),
  });
  const router = createRouter({
    handlers: api.handlers,
    logger: opts.logger,
    onDisconnect: api.onDisconnect,
  });
  const unsubscribe = sessions.onDidChange((list) =>
    router.broadcast({ event: 'sessions:changed', payload: { sessions: list } }),
  );
  const stopTreeEvents = tree.onDidChange((change) => {
    router.broadcast({ event: 'tree:changed', payload: change });
    // A rename: the sessions of the host carry its new name (SessionService.currentLabels).
    void sessions.announce().catch(() => undefined);
  });
  const stopApprovalEvents = approvals.onDidChange((pending) =>
    router.broadcast({ event: 'agents:approvals', payload: { pending } }),
  );
  const stopSettingsEvents = settings.onDidChange((payload) =>
    router.broadcast({ event: 'settings:changed', payload }),
  );
  const stopStoreNotices = store.onNotice((notice) =>
    router.broadcast({ event: 'store:notice', payload: notice }),
  );
  const stopSourceEvents = sources.broadcast(router);
  // The ssh config is a source too, read live: a Host added to it (or to a file it Includes) reaches
  // the tree without ⋯ → Reload hosts, through the same event that reloads the tree for a synced source.
  const stopSshConfigWatch = watchSshConfig({
    file: sshConfig.file,
    home: userHome,
    files,
    watch: watchPaths,
    onChange: () =>
      router.broadcast({
        event: 'sources:changed',
        payload: { sources: sources.list(), hostsChanged: true },
      }),
  });

  // Event-driven: a pane died, or a master connection came or went. The sweep only backs them up, but
  // tmux's pane-died hook is occasionally not run (seen under load), so it bounds how long a missed
  // death goes unnoticed: one list-sessions every few seconds, whatever the number of sessions.
  const reconcile = (): void =>
    void health.reconcile().catch((error: unknown) => {
      opts.logger.warn('session health check failed', { error: String(error) });
    });
  // A line in the events file may also come from another process on this tmux server: `muxdeck mcp`
  // writes one when an agent opens or closes a session or starts or ends a command, so the listing goes
  // out and a running app shows the agent's tab and its "agent: exec …" line at once.
  paneEvents.start(() => {
    reconcile();
    void sessions.announce().catch(() => undefined);
  });
  // A master that comes or goes is a direct session's "connected" too, which only a listing notices.
  const stopWatchingSockets = sharing.watch(() => {
    reconcile();
    void sessions.announce().catch(() => undefined);
  });
  const sweep = setInterval(reconcile, 5_000);
  sweep.unref();
  reconcile();

  opts.logger.info('services ready', {
    home: paths.home,
    tmuxSocket: paths.tmuxSocket,
    sshConfig: sshConfig.file,
  });
  return {
    paths,
    router,
    sessions,
    terminals,
    settings: () => settings.get(),
    agentEdges: {
      tmux,
      catalog,
      tree,
      readStore: () => store.read(),
      eventsFile: paneEvents.file,
      runs,
      runTargets,
      env,
    },
    dispose() {
      unsubscribe();
      stopFirstConnections();
      stopTreeEvents();
      stopStoreNotices();
      runs.dispose();
      stopSourceEvents();
      stopSshConfigWatch();
      sources.dispose();
      stopSettingsEvents();
      clearInterval(sweep);
      paneEvents.stop();
      askpassServer?.close();
      stopApprovalEvents();
      approvalServer?.close();
      approvals.dispose();
      logs.dispose();
      // Direct sessions have no tmux to outlive the app in: they end with it.
      direct.dispose();
      stopWatchingSockets();
      health.dispose();
      // Detaching ends tmux clients only: every session keeps running for the next start.
      terminals.dispose();
    },
  };
}
