/**
 * The values an Ansible inventory holds, as Python would hold them after PyYAML, json or
 * ast.literal_eval read them. Mappings are `Map`s, never plain objects, so a hostile key
 * such as `__proto__` is just a key.
 */

/** `!vault |` in YAML or `{"__ansible_vault": ...}` in JSON: kept opaque, printed as ansible-inventory prints it. */
export class VaultValue {
  constructor(readonly ciphertext: string) {}
}

/** `!unsafe` in YAML or `{"__ansible_unsafe": ...}` in JSON: a string ansible never templates. */
export class UnsafeValue {
  constructor(readonly text: string) {}
}

/** A YAML 1.1 timestamp; ansible-inventory prints Python's `isoformat()` of it. */
export class TimestampValue {
  constructor(readonly iso: string) {}
}

export type InventoryScalar = null | boolean | number | bigint | string;

/** What a mapping key can be once read (Python keys must be hashable: no lists or maps). */
export type InventoryKey = InventoryScalar | TimestampValue;

export type InventoryMap = Map<InventoryKey, InventoryValue>;

export type InventoryValue =
  InventoryScalar | VaultValue | UnsafeValue | TimestampValue | InventoryValue[] | InventoryMap;

export function isInventoryMap(value: InventoryValue | undefined): value is InventoryMap {
  return value instanceof Map;
}

/** Python's truthiness, which ansible uses in `if data:` checks. */
export function isTruthy(value: InventoryValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (value === 0 || value === 0n || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (value instanceof UnsafeValue) return value.text.length > 0;
  return true;
}

/** The key under which Python's json module prints a dict key. */
export function jsonKeyOf(key: InventoryKey): string {
  if (typeof key === 'string') return key;
  if (key === null) return 'null';
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (typeof key === 'number') return pythonFloatOrIntText(key);
  if (typeof key === 'bigint') return key.toString();
  return key.iso;
}

function pythonFloatOrIntText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

/** Python's `str` check: ansible accepts host and group names only when they are strings. */
export function asPythonString(value: InventoryValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof UnsafeValue) return value.text;
  return undefined;
}

/** A short description of a value's Python type, for error messages. */
export function pythonTypeName(value: InventoryValue | undefined): string {
  if (value === undefined || value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string' || value instanceof UnsafeValue) return 'str';
  if (value instanceof VaultValue) return 'vault-encrypted string';
  if (value instanceof TimestampValue) return 'date';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

/** Wraps every string in a value as unsafe, as ansible's wrap_var does. */
export function wrapUnsafe(value: InventoryValue): InventoryValue {
  if (typeof value === 'string') return new UnsafeValue(value);
  if (Array.isArray(value)) return value.map(wrapUnsafe);
  if (value instanceof Map) {
    const wrapped: InventoryMap = new Map();
    for (const [k, v] of value) wrapped.set(k, wrapUnsafe(v));
    return wrapped;
  }
  return value;
}
