import type { DoctorCheck } from '../../src-preload/api';

export type { DoctorCheck };
export type CheckLevel = DoctorCheck['level'];

/** What a check says when it passes. */
export function passed(id: string, title: string, level: CheckLevel, detail: string): DoctorCheck {
  return { id, title, ok: true, level, detail };
}

/** What a check says when it fails: what was found, and what to do in one plain sentence. */
export function failed(
  id: string,
  title: string,
  level: CheckLevel,
  detail: string,
  fix: string,
): DoctorCheck {
  return { id, title, ok: false, level, detail, fix };
}

/** The first line of an error: native-module errors carry whole stacks and require chains. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}
