import type { z } from 'zod';
import { migrateToCurrent, StoreVersionError } from './migrations';
import { StoreData } from './storeSchema';

export type DecodeResult =
  { ok: true; data: StoreData; migratedFrom?: number } | { ok: false; reason: string };

/**
 * Reads a store file's text: JSON, then migrations from its version, then the current schema. Never
 * throws: whatever goes wrong (a stack overflow included, issue 11) makes the file undecodable, so it is
 * set aside like any damaged file and the app still starts. The one recursive part (a tab's splits) is
 * depth-checked by its schema before it recurses, and a workspace too deep reads as empty (storeSchema).
 */
export function decodeStore(text: string): DecodeResult {
  try {
    return decodeOrThrow(text);
  } catch (error) {
    return { ok: false, reason: `it could not be decoded (${describeError(error)})` };
  }
}

function decodeOrThrow(text: string): DecodeResult {
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `it is not valid JSON (${(error as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, reason: 'it is not a JSON object' };
  }
  let migrated: { data: unknown; from: number };
  try {
    migrated = migrateToCurrent(raw);
  } catch (error) {
    if (error instanceof StoreVersionError) return { ok: false, reason: error.message };
    return { ok: false, reason: `it does not match its schema version (${describeError(error)})` };
  }
  const parsed = StoreData.safeParse(migrated.data);
  if (!parsed.success)
    return { ok: false, reason: `it has unexpected content (${describeIssues(parsed.error)})` };
  return migrated.from === parsed.data.version
    ? { ok: true, data: parsed.data }
    : { ok: true, data: parsed.data, migratedFrom: migrated.from };
}

/** Validating on the way out too: whatever is not in the schema (a stray secret, say) is never written. */
export function encodeStore(data: StoreData): string {
  return `${JSON.stringify(StoreData.parse(data), null, 2)}\n`;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray(error.issues)) {
    return describeIssues(error as z.ZodError);
  }
  return error instanceof Error ? error.message : String(error);
}
