/**
 * Reads one YAML document the way ansible's AnsibleLoader does (PyYAML, YAML 1.1, safe
 * constructor plus `!unsafe` and `!vault`): the `yaml` package parses, and this file
 * turns its nodes into values with PyYAML's rules (yamlScalars.ts), merge keys (`<<`),
 * last-wins duplicate keys, and the line of every mapping key kept for error messages.
 *
 * Hostile input: nesting depth, alias expansion and recursive aliases are bounded.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { InventoryParseError } from './inventoryProblem';
import {
  TimestampValue,
  UnsafeValue,
  VaultValue,
  wrapUnsafe,
  type InventoryKey,
  type InventoryMap,
  type InventoryValue,
} from './inventoryValue';
import { constructScalar, implicitTag, YAML_TAG, YamlConstructError } from './yamlScalars';

const MAX_DEPTH = 256;
/** Values an alias-heavy document may expand to: far beyond any real inventory, far below a billion laughs. */
const MAX_EXPANDED_NODES = 2_000_000;

/** Where each mapping key of a loaded document was written, for error messages. */
export type KeyLines = WeakMap<InventoryMap, Map<InventoryKey, number>>;

export interface LoadedDocument {
  /** undefined for an empty document (no content at all). */
  value: InventoryValue | undefined;
  keyLines: KeyLines;
}

type Pair = readonly [key: unknown, value: unknown];

export function loadYamlDocument(text: string): LoadedDocument {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    lineCounter,
    prettyErrors: true,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const error = document.errors[0];
    if (error) throw new InventoryParseError(firstLine(error.message), error.linePos?.[0]?.line);
  }
  if (documents.length > 1) {
    throw new InventoryParseError(
      'expected a single document in the stream, but found another document',
      lineCounter.linePos(documents[1]?.range[0] ?? 0).line,
    );
  }
  const document = documents[0];
  const keyLines: KeyLines = new WeakMap();
  if (!document || document.contents === null) return { value: undefined, keyLines };
  const converter = new NodeConverter(document, lineCounter, keyLines);
  return { value: converter.convertRoot(document.contents), keyLines };
}

class NodeConverter {
  private readonly converted = new Map<unknown, InventoryValue>();
  private readonly inProgress = new Set<unknown>();
  private readonly sizes = new Map<unknown, number>();

  constructor(
    private readonly document: Document.Parsed,
    private readonly lines: LineCounter,
    private readonly keyLines: KeyLines,
  ) {}

  convertRoot(node: unknown): InventoryValue {
    if (this.expandedSize(node, 0) > MAX_EXPANDED_NODES) {
      throw new InventoryParseError(
        `the YAML aliases expand to more than ${MAX_EXPANDED_NODES} values; refusing to read it`,
      );
    }
    return this.convert(node, 0);
  }

  private convert(node: unknown, depth: number): InventoryValue {
    const target = this.resolve(node);
    const cached = this.converted.get(target);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(target)) this.fail(target, 'a YAML alias refers to a value that contains it');
    if (depth > MAX_DEPTH) this.fail(target, `the YAML nesting is deeper than ${MAX_DEPTH} levels`);
    this.inProgress.add(target);
    const value = this.construct(target, depth);
    this.inProgress.delete(target);
    this.converted.set(target, value);
    return value;
  }

  private construct(node: unknown, depth: number): InventoryValue {
    const tag = tagOf(node);
    if (tag === '!unsafe') return wrapUnsafe(this.constructByKind(node, depth));
    if (tag === '!vault' || tag === '!vault-encrypted') {
      if (!isScalar(node)) this.fail(node, `expected a scalar node for ${tag}`);
      return new VaultValue(scalarText(node));
    }
    if (isScalar(node)) {
      const resolved = tag ?? (node.type === 'PLAIN' ? implicitTag(scalarText(node)) : YAML_TAG.str);
      try {
        return constructScalar(resolved === '!' ? YAML_TAG.str : resolved, scalarText(node));
      } catch (error) {
        if (error instanceof YamlConstructError) this.fail(node, error.message);
        throw error;
      }
    }
    if (isMap(node)) {
      if (
        tag !== undefined &&
        tag !== YAML_TAG.map &&
        tag !== 'tag:yaml.org,2002:python/dict' &&
        tag !== '!'
      ) {
        this.fail(node, `the YAML tag ${tag} is not supported here`);
      }
      return this.constructMap(node, depth);
    }
    if (isSeq(node)) {
      if (tag !== undefined && tag !== YAML_TAG.seq && tag !== '!') {
        this.fail(node, `the YAML tag ${tag} is not supported here`);
      }
      return node.items.map((item) => this.convert(item, depth + 1));
    }
    return null;
  }

  /** `!unsafe` constructs the node by its kind, ignoring implicit types: a scalar stays a string. */
  private constructByKind(node: unknown, depth: number): InventoryValue {
    if (isScalar(node)) return scalarText(node);
    if (isMap(node)) return this.constructMap(node, depth);
    if (isSeq(node)) return node.items.map((item) => this.convert(item, depth + 1));
    return null;
  }

  private constructMap(node: YAMLMap, depth: number): InventoryMap {
    const map: InventoryMap = new Map();
    const lines = new Map<InventoryKey, number>();
    for (const [keyNode, valueNode] of this.flatten(node, new Set())) {
      const key = this.toKey(keyNode, depth);
      map.set(key, this.convert(valueNode, depth + 1));
      const line = this.lineOf(keyNode);
      if (line !== undefined && !lines.has(key)) lines.set(key, line);
    }
    this.keyLines.set(map, lines);
    return map;
  }

  /** SafeConstructor.flatten_mapping: `<<` pairs first (the first listed wins), own pairs last. */
  private flatten(node: YAMLMap, seen: Set<unknown>): Pair[] {
    if (seen.has(node)) this.fail(node, 'a YAML merge key refers to a mapping that contains it');
    seen.add(node);
    const merged: Pair[] = [];
    const own: Pair[] = [];
    for (const pair of node.items) {
      if (!isMergeKey(pair.key)) {
        own.push([pair.key, pair.value]);
        continue;
      }
      const source = this.resolve(pair.value);
      if (isMap(source)) {
        merged.push(...this.flatten(source, seen));
      } else if (isSeq(source)) {
        const groups = source.items.map((item) => {
          const mapping = this.resolve(item);
          if (!isMap(mapping)) this.fail(item, 'expected a mapping for merging');
          return this.flatten(mapping, seen);
        });
        for (const group of groups.reverse()) merged.push(...group);
      } else {
        this.fail(source, 'expected a mapping or list of mappings for merging');
      }
    }
    seen.delete(node);
    return [...merged, ...own];
  }

  private toKey(node: unknown, depth: number): InventoryKey {
    const value = this.convert(node, depth + 1);
    if (value instanceof UnsafeValue) return value.text;
    if (value instanceof TimestampValue || value === null || typeof value !== 'object') return value;
    this.fail(node, 'found unacceptable key (unhashable type)');
  }

  private expandedSize(node: unknown, depth: number): number {
    const target = this.resolve(node);
    const known = this.sizes.get(target);
    if (known !== undefined) return known;
    if (depth > MAX_DEPTH) this.fail(target, `the YAML nesting is deeper than ${MAX_DEPTH} levels`);
    this.sizes.set(target, 1); // a recursive alias counts once here and fails in convert()
    let size = 1;
    if (isMap(target)) {
      for (const pair of target.items) {
        size += this.expandedSize(pair.key, depth + 1) + this.expandedSize(pair.value, depth + 1);
        if (size > MAX_EXPANDED_NODES) break;
      }
    } else if (isSeq(target)) {
      for (const item of target.items) {
        size += this.expandedSize(item, depth + 1);
        if (size > MAX_EXPANDED_NODES) break;
      }
    }
    this.sizes.set(target, size);
    return size;
  }

  private resolve(node: unknown): unknown {
    if (!isAlias(node)) return node;
    const target = node.resolve(this.document);
    if (target === undefined) this.fail(node, `unknown YAML alias ${node.source}`);
    return target;
  }

  private lineOf(node: unknown): number | undefined {
    const range = (node as YamlNode | null)?.range;
    return range ? this.lines.linePos(range[0]).line : undefined;
  }

  private fail(node: unknown, message: string): never {
    throw new InventoryParseError(message, this.lineOf(node));
  }
}

function tagOf(node: unknown): string | undefined {
  return (node as YamlNode | null)?.tag ?? undefined;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  if (key.tag === YAML_TAG.merge) return true;
  return key.tag === undefined && key.type === 'PLAIN' && scalarText(key) === '<<';
}

function scalarText(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : String(node.value);
}

/** The yaml package's first message line, without the position we report separately. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
