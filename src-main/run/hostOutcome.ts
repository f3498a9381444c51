import type { RunStatus } from '../../src-preload/api';
import { classifyExit } from '../sessions/exitClassifier';
import type { ProcessEnd } from './processSpawner';

export interface HostOutcome {
  status: Exclude<RunStatus, 'pending' | 'running'>;
  exitCode?: number;
  signal?: string;
  error?: string;
}

/** ssh's own words when it, not the remote command, failed (it then exits 255). */
const SSH_OWN_ERROR =
  /^ssh: |kex_exchange_identification|ssh_exchange_identification|Connection (refused|closed|reset|timed out)|Permission denied \(|Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|Could not resolve hostname|No route to host|Network is unreachable|Operation timed out|Too many authentication failures|Control socket connect|mux_client_|Bad owner or permissions|Timeout, server/m;

/** What one host's ssh ended with, as the results grid shows it. */
export function classifyRunEnd(end: ProcessEnd, stderr: string, why?: 'timeout' | 'cancelled'): HostOutcome {
  // What a killed ssh exits with says nothing about the command: leave the exit column empty.
  if (why === 'timeout') return { status: 'timeout' };
  if (why === 'cancelled') return { status: 'cancelled' };
  if (end.startError) return { status: 'failed', error: end.startError };
  if (end.code === null)
    return { status: 'failed', ...codeOf(end), error: `ssh was ended by ${end.signal ?? 'a signal'}` };
  if (end.code === 0) return { status: 'ok', exitCode: 0 };
  if (end.code === 255 && SSH_OWN_ERROR.test(stderr)) {
    const { reason } = classifyExit({ status: 255 }, stderr);
    return {
      status: 'unreachable',
      exitCode: 255,
      error: reason === 'Connection lost' ? lastLine(stderr) : reason,
    };
  }
  return { status: 'failed', exitCode: end.code };
}

function codeOf(end: ProcessEnd): { exitCode?: number; signal?: string } {
  return {
    ...(end.code !== null ? { exitCode: end.code } : {}),
    ...(end.signal ? { signal: end.signal } : {}),
  };
}

function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim().length > 0);
  return (lines[lines.length - 1] ?? 'ssh failed').trim().slice(0, 300);
}
