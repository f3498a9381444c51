import { isReservedKey } from '../../src-preload/api';

/**
 * A record keyed by user data (host ids, tree node ids, option names): it has no prototype, so no key
 * can reach Object.prototype through it and `record[key]` never finds an inherited `constructor` or
 * `toString`. Keys that name the prototype are dropped; the contract refuses them as ids anyway.
 */
export function ownRecord<T>(
  source: Iterable<readonly [string, T]> | Readonly<Record<string, T>> = [],
): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  const entries = Symbol.iterator in source ? source : Object.entries(source);
  for (const [key, value] of entries) {
    if (!isReservedKey(key)) record[key] = value;
  }
  return record;
}

/** The value stored under `key` itself, never one inherited from a prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
