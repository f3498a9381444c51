import { createStore, type StoreApi } from 'zustand/vanilla';
import { errorMessage } from '../app/errorMessage';
import type { MuxdeckClient } from '../bridge/client';
import type { AppStore } from '../stores/appStore';
import {
  broadcastTargets,
  pasteNeedsConfirmation,
  splitByReachability,
} from '../stores/workspace/broadcast.logic';
import { browserTimers, ESCAPE, EscapeHold, type Timers } from './escapeHold';
import { effectiveStatus } from './sessionStatus.logic';
import type { TerminalInput } from './terminalController';

export interface PasteRequest {
  text: string;
  targets: number;
  /** The targets' host labels, in layout order. */
  hosts: string[];
}

export interface DispatchState {
  /** A paste waiting for the user's yes or no. */
  pending: PasteRequest | null;
  /** How many targets the last broadcast input did not reach (disconnected); 0 when all were reached. */
  missed: number;
}

/**
 * Where a pane's typed input goes. Alone, to its own terminal. While it is a broadcast target, to every
 * target, through one terminal:broadcast message: the main process writes it to each in turn before it
 * reads the next message, so all targets see the same bytes in the same order. Panes outside the
 * broadcast never receive any of it, and the pane typed in never gets it twice. A lone Escape typed into a
 * broadcast is held until it is known not to be the first half of Esc Esc, the stop gesture (EscapeHold).
 */
export class InputDispatcher {
  readonly state: StoreApi<DispatchState> = createStore<DispatchState>()(() => ({
    pending: null,
    missed: 0,
  }));
  private readonly terminals = new Map<string, string>();
  private answer: ((yes: boolean) => void) | null = null;
  private readonly escape: EscapeHold;

  constructor(
    private readonly client: MuxdeckClient,
    private readonly app: AppStore,
    timers: Timers = browserTimers,
  ) {
    this.escape = new EscapeHold((sessionId) => {
      // Still broadcasting from that pane: the Escape goes to the targets as they are now; else nowhere.
      const targets = this.targetsFrom(sessionId);
      if (targets !== null) this.fanOut(targets, ESCAPE);
    }, timers);
  }

  /** The broadcast was stopped with its gesture: the Escape held for it is not sent. */
  discardHeldEscape(): void {
    this.escape.discard();
  }

  /** The input side of one pane's terminal. */
  forSession(sessionId: string): TerminalInput {
    return {
      attached: (terminalId) => this.attached(sessionId, terminalId),
      send: (data) => this.send(sessionId, data),
      paste: (text, deliver) => void this.paste(sessionId, text, deliver),
    };
  }

  /** A pane's terminal attached (or, with null, detached). */
  attached(sessionId: string, terminalId: string | null): void {
    if (terminalId === null) this.terminals.delete(sessionId);
    else this.terminals.set(sessionId, terminalId);
  }

  /** The broadcast targets this pane's input reaches, or null when it is not broadcasting. */
  private targetsFrom(sessionId: string): string[] | null {
    const { broadcast, workspace } = this.app.getState();
    const targets = broadcastTargets(broadcast, workspace);
    return targets.includes(sessionId) ? targets : null;
  }

  send(sessionId: string, data: string): void {
    // Whatever came before this input leaves before it, on its own.
    this.escape.release();
    const targets = this.targetsFrom(sessionId);
    if (targets !== null && data === ESCAPE) {
      this.escape.hold(sessionId);
      return;
    }
    if (targets === null) {
      const terminalId = this.terminals.get(sessionId);
      if (terminalId === undefined) return;
      this.client.invoke('terminal:input', { terminalId, data }).catch((error: unknown) => {
        console.warn('Muxdeck: input was not delivered', errorMessage(error));
      });
      return;
    }
    this.fanOut(targets, data);
  }

  /** The broadcast input bar: a line for every target. */
  sendToAll(data: string): void {
    this.escape.release();
    const { broadcast, workspace } = this.app.getState();
    const targets = broadcastTargets(broadcast, workspace);
    if (targets.length > 0) this.fanOut(targets, data);
  }

  /**
   * A paste typed into a pane: `deliver` runs once the user agreed (or at once when no question is
   * needed). Resolves whether it was delivered.
   */
  async paste(sessionId: string, text: string, deliver: () => void): Promise<boolean> {
    const targets = this.targetsFrom(sessionId);
    if (targets === null || !pasteNeedsConfirmation(text, targets.length)) {
      deliver();
      return true;
    }
    const sessions = this.app.getState().sessions;
    const hosts = targets.map((id) => sessions.find((session) => session.id === id)?.label ?? id);
    const yes = await this.ask({ text, targets: targets.length, hosts });
    if (yes) deliver();
    return yes;
  }

  /** The dialog's answer. */
  resolvePaste(yes: boolean): void {
    const answer = this.answer;
    this.answer = null;
    this.state.setState({ pending: null });
    answer?.(yes);
  }

  private ask(request: PasteRequest): Promise<boolean> {
    // A second paste while one is asked about replaces it: the first is cancelled, never sent blind.
    this.resolvePaste(false);
    return new Promise((resolve) => {
      this.answer = resolve;
      this.state.setState({ pending: request });
    });
  }

  private fanOut(targets: readonly string[], data: string): void {
    const sessions = new Map(this.app.getState().sessions.map((session) => [session.id, session]));
    const { live, skipped } = splitByReachability(targets, (id) => {
      const session = sessions.get(id);
      return session !== undefined && effectiveStatus(session) === 'connected' && this.terminals.has(id);
    });
    const terminalIds = live
      .map((id) => this.terminals.get(id))
      .filter((id): id is string => id !== undefined);
    this.setMissed(skipped.length);
    if (terminalIds.length === 0) return;
    this.client.invoke('terminal:broadcast', { terminalIds, data }).then(
      ({ missed }) => {
        if (missed.length > 0) this.setMissed(skipped.length + missed.length);
      },
      (error: unknown) => console.warn('Muxdeck: broadcast input was not delivered', errorMessage(error)),
    );
  }

  private setMissed(missed: number): void {
    if (this.state.getState().missed !== missed) this.state.setState({ missed });
  }
}
