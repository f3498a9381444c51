/**
 * ansible's INI inventory reader (plugins/inventory/ini.py), line for line:
 * - lines before the first section are hosts of `ungrouped`;
 * - host lines are shlex-split with comments (`#` in a word ends the line), every
 *   `k=v` value goes through literal_eval (`42` is an int, `yes` a string);
 * - `[g:vars]` lines split on the first `=`, no shlex, value literal_eval'd too;
 * - `[g:children]` may name groups declared later in the file (or in an earlier
 *   source), but a group never declared makes the whole file fail.
 */
import { expandHostPattern } from './hostPattern';
import { InventoryParseError } from './inventoryProblem';
import { InventoryDataError, type InventoryTransaction } from './inventoryTransaction';
import type { InventoryValue } from './inventoryValue';
import { pythonLiteralEval, UnhashableLiteralError } from './pythonLiteral';
import { ShlexError, shlexSplit } from './pythonShlex';
import { HostRangeError } from './hostRange';
import { PYTHON_SPACE_CLASS, PYTHON_WORD_CLASS, pythonSplitLines, pythonStrip } from './pythonText';

const SECTION = new RegExp(
  String.raw`^\[([^:\]${PYTHON_SPACE_CLASS}]+)(?::([${PYTHON_WORD_CLASS}]+))?\][${PYTHON_SPACE_CLASS}]*(?:#.*)?$`,
  'u',
);
const GROUP_NAME = new RegExp(
  String.raw`^([^:\]${PYTHON_SPACE_CLASS}]+)[${PYTHON_SPACE_CLASS}]*(?:#.*)?$`,
  'u',
);

type SectionState = 'hosts' | 'vars' | 'children';

interface PendingDeclaration {
  line: number;
  state: 'vars' | 'children';
  name: string;
  parents: string[];
}

export function parseIniInventory(text: string, inventory: InventoryTransaction): void {
  new IniReader(inventory).read(pythonSplitLines(text));
}

class IniReader {
  private lineNumber = 0;
  private readonly pending = new Map<string, PendingDeclaration>();

  constructor(private readonly inventory: InventoryTransaction) {}

  read(lines: readonly string[]): void {
    let group = 'ungrouped';
    let state: SectionState = 'hosts';
    for (const rawLine of lines) {
      this.lineNumber++;
      const line = pythonStrip(rawLine);
      if (!line || line[0] === '#' || line[0] === ';') continue;
      const section = SECTION.exec(line);
      if (section) {
        group = section[1] ?? '';
        state = this.enterSection(group, section[2]);
        continue;
      }
      if (line.startsWith('[') && line.endsWith(']')) {
        this.fail(
          `Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, ` +
            'and that there are no other invalid characters',
        );
      }
      this.guard(() => {
        if (state === 'hosts') this.readHostLine(line, group);
        else if (state === 'vars') this.readVariableLine(line, group);
        else this.readChildLine(line, group);
      });
    }
    // Only the first unresolved reference is reported, as ansible does.
    for (const declaration of this.pending.values()) {
      if (declaration.state === 'vars') {
        throw new InventoryParseError(
          `Section [${declaration.name}:vars] not valid for undefined group: ${declaration.name}`,
          declaration.line,
        );
      }
      throw new InventoryParseError(
        `Section [${declaration.parents.at(-1) ?? ''}:children] includes undefined group: ${declaration.name}`,
        declaration.line,
      );
    }
  }

  private enterSection(group: string, tag: string | undefined): SectionState {
    const state = tag ?? 'hosts';
    if (state !== 'hosts' && state !== 'vars' && state !== 'children') {
      this.fail(`Section [${group}:${state}] has unknown type: ${state}`);
    }
    if (!this.inventory.hasGroup(group)) {
      // [g:vars] alone does not declare a group: it must be declared by the end of the file.
      if (state === 'vars' && !this.pending.has(group)) {
        this.pending.set(group, { line: this.lineNumber, state, name: group, parents: [] });
      }
      this.guard(() => this.inventory.addGroup(group));
    }
    const declaration = this.pending.get(group);
    if (declaration && state !== 'vars') {
      if (declaration.state === 'children') this.guard(() => this.addPendingChildren(group));
      else this.pending.delete(group);
    }
    return state;
  }

  private addPendingChildren(group: string): void {
    for (const parent of this.pending.get(group)?.parents ?? []) {
      this.inventory.addChild(parent, group);
      if (this.pending.get(parent)?.state === 'children') this.addPendingChildren(parent);
    }
    this.pending.delete(group);
  }

  private readHostLine(line: string, group: string): void {
    let tokens: string[];
    try {
      tokens = shlexSplit(line, { comments: true });
    } catch (error) {
      if (!(error instanceof ShlexError)) throw error;
      this.fail(`Error parsing host definition '${line}': ${error.message}`);
    }
    const [pattern = '', ...assignments] = tokens;
    const { hostnames, port } = expandHostPattern(pattern);
    if (pythonStrip(pattern).endsWith(':') && port === undefined) {
      this.fail(
        `Invalid host pattern '${pattern}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`,
      );
    }
    if (hostnames.some((name) => pythonStrip(name) === '---')) {
      this.fail(`Invalid host pattern '${pattern}' supplied, '---' is normally a sign this is a YAML file.`);
    }
    const variables = new Map<string, InventoryValue>();
    for (const assignment of assignments) {
      const eq = assignment.indexOf('=');
      if (eq === -1) this.fail(`Expected key=value host variable assignment, got: ${assignment}`);
      variables.set(assignment.slice(0, eq), iniValue(assignment.slice(eq + 1)));
    }
    for (const host of hostnames) {
      this.inventory.addHost(host, group, port);
      for (const [key, value] of variables) this.inventory.setVariable(host, key, value);
    }
  }

  private readVariableLine(line: string, group: string): void {
    const eq = line.indexOf('=');
    if (eq === -1) this.fail(`Expected key=value, got: ${line}`);
    this.inventory.setVariable(
      group,
      pythonStrip(line.slice(0, eq)),
      iniValue(pythonStrip(line.slice(eq + 1))),
    );
  }

  private readChildLine(line: string, group: string): void {
    const child = GROUP_NAME.exec(line)?.[1];
    if (child === undefined) this.fail(`Expected group name, got: ${line}`);
    if (this.inventory.hasGroup(child)) {
      this.inventory.addChild(group, child);
      return;
    }
    const declaration = this.pending.get(child);
    if (declaration) declaration.parents.push(group);
    else this.pending.set(child, { line: this.lineNumber, state: 'children', name: child, parents: [group] });
  }

  /** Turns what ansible raises while handling a line into an error naming that line. */
  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (
        error instanceof InventoryDataError ||
        error instanceof HostRangeError ||
        error instanceof UnhashableLiteralError
      ) {
        this.fail(error.message);
      }
      throw error;
    }
  }

  private fail(message: string): never {
    throw new InventoryParseError(message, this.lineNumber);
  }
}

/** InventoryModule._parse_value: a Python literal when it is one, else the text itself. */
export function iniValue(text: string): InventoryValue {
  const literal = pythonLiteralEval(text);
  return literal === undefined ? text : literal;
}
