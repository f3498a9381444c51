/**
 * Python's json.loads with ansible's AnsibleJSONDecoder, which ansible tries before YAML
 * on every inventory and vars file. A parser of its own rather than JSON.parse because
 * the differences matter here: key order is insertion order even for keys like "10"
 * (JSON.parse moves them first, which would reorder groups and hosts), integers keep
 * every digit, NaN/Infinity are accepted, `{"__ansible_vault": ...}` becomes an opaque
 * vault value, and each key's line is kept for error messages.
 */
import {
  UnsafeValue,
  VaultValue,
  wrapUnsafe,
  type InventoryMap,
  type InventoryValue,
} from './inventoryValue';
import { toIntValue } from './pythonLiteral';
import type { KeyLines, LoadedDocument } from './yamlLoader';

const MAX_DEPTH = 256;

export class NotJsonError extends Error {}

export function loadJsonDocument(text: string): LoadedDocument {
  const parser = new JsonParser(text);
  const value = parser.parseDocument();
  return { value, keyLines: parser.keyLines };
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class JsonParser {
  readonly keyLines: KeyLines = new WeakMap();
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  parseDocument(): InventoryValue {
    this.skipSpace();
    const value = this.parseValue(0);
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail('extra data after the JSON value');
    return value;
  }

  private parseValue(depth: number): InventoryValue {
    if (depth > MAX_DEPTH) this.fail('nested too deeply');
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject(depth);
    if (ch === '[') return this.parseArray(depth);
    if (ch === '"') return this.parseString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.parseNumber();
  }

  private parseObject(depth: number): InventoryValue {
    this.pos++;
    const map: InventoryMap = new Map();
    const lines = new Map<string, number>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpace();
        if (this.text[this.pos] !== '"') this.fail('expecting a property name in double quotes');
        const line = this.line;
        const key = this.parseString();
        this.skipSpace();
        if (this.text[this.pos] !== ':') this.fail("expecting ':' delimiter");
        this.pos++;
        this.skipSpace();
        map.set(key, this.parseValue(depth + 1));
        if (!lines.has(key)) lines.set(key, line);
        this.skipSpace();
        const next = this.text[this.pos++];
        if (next === '}') break;
        if (next !== ',') this.fail("expecting ',' delimiter");
      }
    }
    this.keyLines.set(map, lines);
    return objectHook(map);
  }

  private parseArray(depth: number): InventoryValue[] {
    this.pos++;
    const items: InventoryValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.parseValue(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos++];
      if (next === ']') return items;
      if (next !== ',') this.fail("expecting ',' delimiter");
    }
  }

  private parseString(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos++];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === '"') return out;
      if (ch < ' ') this.fail('invalid control character in a string');
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const escape = this.text[this.pos++] ?? '';
      const simple = ESCAPES[escape];
      if (simple !== undefined) {
        out += simple;
      } else if (escape === 'u') {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\uXXXX escape');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        this.pos += 4;
      } else {
        this.fail('invalid escape');
      }
    }
  }

  private parseNumber(): InventoryValue {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('expecting a value');
    this.pos += match[0].length;
    if (match[1] === undefined && match[2] === undefined) return toIntValue(BigInt(match[0]));
    return Number(match[0]);
  }

  private skipSpace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '\n') this.line++;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      this.pos++;
    }
  }

  private fail(message: string): never {
    throw new NotJsonError(`${message} (line ${this.line})`);
  }
}

/** AnsibleJSONDecoder.object_hook: the first special key found decides. */
function objectHook(map: InventoryMap): InventoryValue {
  for (const [key, value] of map) {
    if (key === '__ansible_vault') return new VaultValue(scalarText(value));
    if (key === '__ansible_unsafe')
      return typeof value === 'string' ? new UnsafeValue(value) : wrapUnsafe(value);
  }
  return map;
}

/** to_bytes(value) of a non-string vault payload: only scalars have a sensible text. */
function scalarText(value: InventoryValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return '';
}
