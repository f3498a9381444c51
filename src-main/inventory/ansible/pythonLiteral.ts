/**
 * Python's `ast.literal_eval`, which ansible's INI reader applies to every `key=value`
 * (`42` is an int, `"[1, 2]"` a list, `yes` stays a string). Only literal syntax is
 * understood; nothing is ever evaluated. Anything Python would reject, or accept as an
 * expression that is not a literal, gives `undefined` and the caller keeps the raw text,
 * exactly as ansible does when literal_eval raises ValueError or SyntaxError.
 *
 * Deliberate gaps, all of which fall back to the raw string: `\N{NAME}` escapes (no
 * Unicode name table here), complex numbers and `...` (ansible-inventory itself cannot
 * print them), and sets print as lists.
 */
import { type InventoryKey, type InventoryMap, type InventoryValue } from './inventoryValue';

/** Python's tokenizer refuses more nested brackets than this. */
const MAX_NESTING = 200;
/** Python 3.11 refuses to convert longer decimal integer literals (sys.int_info.str_digits_check_threshold). */
const MAX_DECIMAL_DIGITS = 4300;

/** A dict key or set element Python cannot hash: ast.literal_eval raises TypeError, which ansible does not catch. */
export class UnhashableLiteralError extends Error {}

type NumberKind = 'int' | 'float' | 'complex';

type Node =
  | { kind: 'number'; numberKind: NumberKind; value: number | bigint }
  | { kind: 'constant'; value: InventoryValue }
  | { kind: 'unsupported' }
  | { kind: 'tuple' | 'list' | 'set'; items: Node[] }
  | { kind: 'dict'; keys: Node[]; values: Node[] }
  | { kind: 'unary'; negative: boolean; operand: Node }
  | { kind: 'binary'; negative: boolean; left: Node; right: Node };

type Token =
  | { type: 'number'; numberKind: NumberKind; value: number | bigint }
  | { type: 'string'; value: string; bytes: boolean }
  | { type: 'name'; value: string }
  | { type: 'op'; value: string }
  | { type: 'end' };

class NotLiteral extends Error {}

export function pythonLiteralEval(source: string): InventoryValue | undefined {
  try {
    const tokens = tokenize(source.replace(/^[ \t]+/, ''));
    const node = new LiteralParser(tokens).parseInput();
    return convert(node);
  } catch (error) {
    if (error instanceof NotLiteral) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Tokenizer

const DIGITS = '[0-9](?:_?[0-9])*';
const EXPONENT = `[eE][+-]?${DIGITS}`;
const POINT_FLOAT = `(?:(?:${DIGITS})?\\.${DIGITS}|${DIGITS}\\.)`;
const FLOAT = `(?:${POINT_FLOAT}(?:${EXPONENT})?|${DIGITS}${EXPONENT})`;
type NumberSyntax = 'complex' | 'float' | 'hex' | 'oct' | 'bin' | 'dec';
const NUMBER_PATTERNS: ReadonlyArray<[RegExp, NumberSyntax]> = [
  [new RegExp(`^(?:${FLOAT}|${DIGITS})[jJ]`), 'complex'],
  [new RegExp(`^${FLOAT}`), 'float'],
  [/^0[xX](?:_?[0-9a-fA-F])+/, 'hex'],
  [/^0[oO](?:_?[0-7])+/, 'oct'],
  [/^0[bB](?:_?[01])+/, 'bin'],
  [/^(?:[1-9](?:_?[0-9])*|0+(?:_?0)*)/, 'dec'],
];
const STRING_PREFIXES = new Set(['', 'r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']);
const IDENTIFIER_CHAR = /[\p{L}\p{N}_]/u;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < source.length) {
    const ch = source[pos] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      pos++;
    } else if (ch === '#') {
      const nl = source.indexOf('\n', pos);
      pos = nl === -1 ? source.length : nl;
    } else if (ch === '\n' || ch === '\r') {
      // Only a trailing line break is harmless; INI values never contain one.
      if (source.slice(pos).trim() !== '') throw new NotLiteral();
      pos = source.length;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(source[pos + 1] ?? ''))) {
      pos = readNumber(source, pos, tokens);
    } else if (IDENTIFIER_CHAR.test(ch)) {
      let end = pos;
      while (end < source.length && IDENTIFIER_CHAR.test(source[end] ?? '')) end++;
      const word = source.slice(pos, end);
      const quote = source[end];
      if ((quote === '"' || quote === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
        pos = readString(source, end, word.toLowerCase(), tokens);
      } else {
        tokens.push({ type: 'name', value: word });
        pos = end;
      }
    } else if (ch === '"' || ch === "'") {
      pos = readString(source, pos, '', tokens);
    } else if (source.startsWith('...', pos)) {
      tokens.push({ type: 'op', value: '...' });
      pos += 3;
    } else if ('()[]{},:+-'.includes(ch)) {
      tokens.push({ type: 'op', value: ch });
      pos++;
    } else {
      throw new NotLiteral();
    }
  }
  tokens.push({ type: 'end' });
  return tokens;
}

function readNumber(source: string, pos: number, tokens: Token[]): number {
  const rest = source.slice(pos);
  for (const [pattern, kind] of NUMBER_PATTERNS) {
    const match = pattern.exec(rest);
    if (!match) continue;
    const text = match[0];
    // "0123", "1__0", "1e", "0x1g": Python's tokenizer rejects a number glued to more word characters.
    const next = rest[text.length] ?? '';
    if (IDENTIFIER_CHAR.test(next) || next === '.') throw new NotLiteral();
    tokens.push(numberToken(text.replace(/_/g, ''), kind));
    return pos + text.length;
  }
  throw new NotLiteral();
}

function numberToken(text: string, kind: NumberSyntax): Token {
  switch (kind) {
    case 'complex':
      return { type: 'number', numberKind: 'complex', value: Number(text.slice(0, -1)) };
    case 'float':
      return { type: 'number', numberKind: 'float', value: Number(text) };
    case 'dec':
      if (text.length > MAX_DECIMAL_DIGITS) throw new NotLiteral();
      return { type: 'number', numberKind: 'int', value: toIntValue(BigInt(text)) };
    case 'hex':
    case 'oct':
    case 'bin':
      return { type: 'number', numberKind: 'int', value: toIntValue(BigInt(text.toLowerCase())) };
  }
}

/** Python ints are unbounded: keep a bigint only when a double would lose digits. */
export function toIntValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function readString(source: string, pos: number, prefix: string, tokens: Token[]): number {
  const quote = source[pos] ?? '';
  const triple = source.startsWith(quote.repeat(3), pos);
  const delimiter = triple ? quote.repeat(3) : quote;
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let i = pos + delimiter.length;
  let body = '';
  for (;;) {
    if (i >= source.length) throw new NotLiteral();
    const ch = source[i] ?? '';
    if (ch === '\\') {
      if (i + 1 >= source.length) throw new NotLiteral();
      body += ch + (source[i + 1] ?? '');
      i += 2;
      continue;
    }
    if (source.startsWith(delimiter, i)) break;
    if (!triple && (ch === '\n' || ch === '\r')) throw new NotLiteral();
    body += ch;
    i++;
  }
  // An f-string is a JoinedStr node, which literal_eval refuses.
  if (prefix.includes('f')) throw new NotLiteral();
  const value = raw ? body : decodeEscapes(body, bytes);
  if (bytes && [...body].some((c) => c.charCodeAt(0) > 0x7f)) throw new NotLiteral();
  tokens.push({ type: 'string', value: bytes ? decodeBytes(value) : value, bytes });
  return i + delimiter.length;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function decodeEscapes(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '';
      const code = Number.parseInt(octal, 8);
      out += String.fromCodePoint(bytes ? code & 0xff : code);
      i += octal.length;
    } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + width);
      if (hex.length !== width || !/^[0-9a-fA-F]+$/.test(hex)) throw new NotLiteral();
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) throw new NotLiteral();
      out += String.fromCodePoint(code);
      i += 1 + width;
    } else if (!bytes && next === 'N') {
      throw new NotLiteral();
    } else {
      // Unknown escapes keep their backslash.
      out += ch;
    }
  }
  return out;
}

/** ansible's to_text() decodes bytes literals as UTF-8. */
function decodeBytes(latin1: string): string {
  const data = Uint8Array.from([...latin1].map((c) => c.charCodeAt(0) & 0xff));
  return new TextDecoder('utf-8').decode(data);
}

// ---------------------------------------------------------------------------
// Parser: builds the AST shapes literal_eval inspects.

class LiteralParser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseInput(): Node {
    const first = this.parseExpression();
    if (this.isOp(',')) {
      const items = [first];
      while (this.acceptOp(',')) {
        if (this.peek().type === 'end') break;
        items.push(this.parseExpression());
      }
      this.expectEnd();
      return { kind: 'tuple', items };
    }
    this.expectEnd();
    return first;
  }

  /** Sums and differences of signed terms: the only operators literal_eval looks at. */
  private parseExpression(): Node {
    let node = this.parseSigned();
    for (;;) {
      if (this.acceptOp('+'))
        node = { kind: 'binary', negative: false, left: node, right: this.parseSigned() };
      else if (this.acceptOp('-'))
        node = { kind: 'binary', negative: true, left: node, right: this.parseSigned() };
      else return node;
    }
  }

  private parseSigned(): Node {
    if (this.acceptOp('+')) return { kind: 'unary', negative: false, operand: this.parseSigned() };
    if (this.acceptOp('-')) return { kind: 'unary', negative: true, operand: this.parseSigned() };
    return this.parseAtom();
  }

  private parseAtom(): Node {
    const token = this.next();
    if (token.type === 'number') return { kind: 'number', numberKind: token.numberKind, value: token.value };
    if (token.type === 'string') return this.parseStrings(token);
    if (token.type === 'name') return this.parseName(token.value);
    if (token.type !== 'op') throw new NotLiteral();
    switch (token.value) {
      case '...':
        return { kind: 'unsupported' };
      case '(':
        return this.nested(() => this.parseParenthesized());
      case '[':
        return this.nested(() => ({ kind: 'list', items: this.parseItems(']') }));
      case '{':
        return this.nested(() => this.parseBraces());
      default:
        throw new NotLiteral();
    }
  }

  private parseStrings(first: Extract<Token, { type: 'string' }>): Node {
    let value = first.value;
    for (let token = this.peek(); token.type === 'string'; token = this.peek()) {
      // Mixing bytes and str literals is a SyntaxError.
      if (token.bytes !== first.bytes) throw new NotLiteral();
      value += token.value;
      this.index++;
    }
    return { kind: 'constant', value };
  }

  private parseName(name: string): Node {
    if (name === 'True') return { kind: 'constant', value: true };
    if (name === 'False') return { kind: 'constant', value: false };
    if (name === 'None') return { kind: 'constant', value: null };
    if (name === 'set' && this.isOp('(')) {
      this.index++;
      if (!this.acceptOp(')')) throw new NotLiteral();
      return { kind: 'set', items: [] };
    }
    throw new NotLiteral();
  }

  private parseParenthesized(): Node {
    if (this.acceptOp(')')) return { kind: 'tuple', items: [] };
    const first = this.parseExpression();
    if (this.acceptOp(')')) return first;
    if (!this.isOp(',')) throw new NotLiteral();
    const items = [first];
    while (this.acceptOp(',')) {
      if (this.isOp(')')) break;
      items.push(this.parseExpression());
    }
    if (!this.acceptOp(')')) throw new NotLiteral();
    return { kind: 'tuple', items };
  }

  private parseItems(close: string): Node[] {
    const items: Node[] = [];
    while (!this.acceptOp(close)) {
      items.push(this.parseExpression());
      if (this.acceptOp(close)) break;
      if (!this.acceptOp(',')) throw new NotLiteral();
    }
    return items;
  }

  private parseBraces(): Node {
    if (this.acceptOp('}')) return { kind: 'dict', keys: [], values: [] };
    const first = this.parseExpression();
    if (!this.acceptOp(':')) {
      const items = [first];
      if (this.acceptOp('}')) return { kind: 'set', items };
      if (!this.acceptOp(',')) throw new NotLiteral();
      return { kind: 'set', items: [...items, ...this.parseItems('}')] };
    }
    const keys = [first];
    const values = [this.parseExpression()];
    while (this.acceptOp(',')) {
      if (this.isOp('}')) break;
      keys.push(this.parseExpression());
      if (!this.acceptOp(':')) throw new NotLiteral();
      values.push(this.parseExpression());
    }
    if (!this.acceptOp('}')) throw new NotLiteral();
    return { kind: 'dict', keys, values };
  }

  private nested(parse: () => Node): Node {
    if (++this.depth > MAX_NESTING) throw new NotLiteral();
    const node = parse();
    this.depth--;
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index] ?? { type: 'end' };
  }

  private next(): Token {
    const token = this.peek();
    this.index++;
    return token;
  }

  private isOp(value: string): boolean {
    const token = this.peek();
    return token.type === 'op' && token.value === value;
  }

  private acceptOp(value: string): boolean {
    if (!this.isOp(value)) return false;
    this.index++;
    return true;
  }

  private expectEnd(): void {
    if (this.peek().type !== 'end') throw new NotLiteral();
  }
}

// ---------------------------------------------------------------------------
// literal_eval's _convert, rule for rule.

function convert(node: Node): InventoryValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'number':
      return numberValue(node);
    case 'tuple':
    case 'list':
      return node.items.map(convert);
    case 'set':
      return node.items.map(convertHashable);
    case 'dict': {
      const map: InventoryMap = new Map();
      node.keys.forEach((key, i) => {
        const value = node.values[i];
        if (value === undefined) throw new NotLiteral();
        map.set(hashableKey(convertHashable(key)), convert(value));
      });
      return map;
    }
    case 'binary':
      return convertBinary(node);
    case 'unary':
      return signedNumber(node);
    case 'unsupported':
      throw new NotLiteral();
  }
}

function numberValue(node: Extract<Node, { kind: 'number' }>): number | bigint {
  if (node.numberKind === 'complex') throw new NotLiteral();
  return node.value;
}

/** `-1` and `+1.5`: one sign on a number constant, never on True or on a bracket. */
function signedNumber(node: Node): number | bigint {
  if (node.kind === 'number') return numberValue(node);
  if (node.kind !== 'unary' || node.operand.kind !== 'number') throw new NotLiteral();
  const value = numberValue(node.operand);
  if (!node.negative) return value;
  return typeof value === 'bigint' ? toIntValue(-value) : value === 0 ? 0 : -value;
}

function convertBinary(_node: Extract<Node, { kind: 'binary' }>): InventoryValue {
  // literal_eval accepts a sum only as `real +/- imaginary`: a complex number, which has no
  // JSON form (ansible-inventory fails to print one). Every other sum is not a literal.
  throw new NotLiteral();
}

function convertHashable(node: Node): InventoryValue {
  const value = convert(node);
  if (!isHashable(node)) throw new UnhashableLiteralError('unhashable type in a dict key or set');
  return value;
}

function isHashable(node: Node): boolean {
  if (node.kind === 'list' || node.kind === 'dict' || node.kind === 'set') return false;
  if (node.kind === 'tuple') return node.items.every(isHashable);
  return true;
}

function hashableKey(value: InventoryValue): InventoryKey {
  // A tuple key has no JSON form; ansible-inventory would fail to print it.
  if (value !== null && typeof value === 'object') throw new NotLiteral();
  return value;
}
