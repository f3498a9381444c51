/**
 * PyYAML's YAML 1.1 scalar rules (yaml/resolver.py and SafeConstructor), which ansible
 * reads inventories and vars files with. They differ from the `yaml` package's 1.1
 * schema in ways that show: `y`/`n` stay strings, `1e3` is a string (a float needs a
 * dot), `0755` is 493, `1:30` is 90, and a bare `=` cannot be read at all.
 */
import { TimestampValue, type InventoryValue } from './inventoryValue';
import { toIntValue } from './pythonLiteral';

export class YamlConstructError extends Error {}

const BOOL = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const INT =
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const MERGE = /^(?:<<)$/;
const NULL = /^(?:~|null|Null|NULL|)$/;
const TIMESTAMP =
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/;
const VALUE = /^(?:=)$/;
const TIMESTAMP_PARTS =
  /^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

export const YAML_TAG = {
  str: 'tag:yaml.org,2002:str',
  int: 'tag:yaml.org,2002:int',
  float: 'tag:yaml.org,2002:float',
  bool: 'tag:yaml.org,2002:bool',
  null: 'tag:yaml.org,2002:null',
  timestamp: 'tag:yaml.org,2002:timestamp',
  merge: 'tag:yaml.org,2002:merge',
  value: 'tag:yaml.org,2002:value',
  map: 'tag:yaml.org,2002:map',
  seq: 'tag:yaml.org,2002:seq',
} as const;

/** The tag PyYAML's resolver gives a plain (unquoted) scalar. */
export function implicitTag(text: string): string {
  if (BOOL.test(text)) return YAML_TAG.bool;
  if (FLOAT.test(text)) return YAML_TAG.float;
  if (INT.test(text)) return YAML_TAG.int;
  if (MERGE.test(text)) return YAML_TAG.merge;
  if (NULL.test(text)) return YAML_TAG.null;
  if (TIMESTAMP.test(text)) return YAML_TAG.timestamp;
  if (VALUE.test(text)) return YAML_TAG.value;
  return YAML_TAG.str;
}

/** SafeConstructor for a scalar with a known tag; throws where PyYAML raises. */
export function constructScalar(tag: string, text: string): InventoryValue {
  switch (tag) {
    case YAML_TAG.str:
    case 'tag:yaml.org,2002:python/unicode':
      return text;
    case YAML_TAG.null:
      return null;
    case YAML_TAG.bool: {
      const value = ({ yes: true, no: false, true: true, false: false, on: true, off: false } as const)[
        text.toLowerCase() as 'yes'
      ] as boolean | undefined;
      if (value === undefined)
        throw new YamlConstructError(`cannot read ${JSON.stringify(text)} as a boolean`);
      return value;
    }
    case YAML_TAG.int:
      return constructInt(text);
    case YAML_TAG.float:
      return constructFloat(text);
    case YAML_TAG.timestamp:
      return constructTimestamp(text);
    default:
      throw new YamlConstructError(`could not determine a constructor for the tag '${tag}'`);
  }
}

function constructInt(source: string): number | bigint {
  let text = source.replace(/_/g, '');
  let sign = 1n;
  if (text[0] === '-') sign = -1n;
  if (text[0] === '+' || text[0] === '-') text = text.slice(1);
  let value: bigint;
  if (text === '0') return 0;
  if (text.startsWith('0b')) value = parseBigInt(text.slice(2), 2);
  else if (text.startsWith('0x')) value = parseBigInt(text.slice(2), 16);
  else if (text.startsWith('0')) value = parseBigInt(text.replace(/^0o/i, ''), 8);
  else if (text.includes(':')) value = sexagesimal(text.split(':').map((part) => parseBigInt(part, 10)));
  else value = parseBigInt(text, 10);
  return toIntValue(sign * value);
}

function parseBigInt(digits: string, base: 2 | 8 | 10 | 16): bigint {
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base];
  if (!valid.test(digits))
    throw new YamlConstructError(`invalid literal for int(): ${JSON.stringify(digits)}`);
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base];
  return BigInt(prefix + digits);
}

function sexagesimal(parts: bigint[]): bigint {
  return parts.reduce((total, part) => total * 60n + part, 0n);
}

function constructFloat(source: string): number {
  let text = source.replace(/_/g, '').toLowerCase();
  let sign = 1;
  if (text[0] === '-') sign = -1;
  if (text[0] === '+' || text[0] === '-') text = text.slice(1);
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) {
    return sign * text.split(':').reduce((total, part) => total * 60 + pythonFloat(part), 0);
  }
  return sign * pythonFloat(text);
}

function pythonFloat(text: string): number {
  if (!/^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+)?$/.test(text)) {
    throw new YamlConstructError(`could not convert string to float: ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** datetime.date / datetime.datetime, printed the way isoformat() prints them. */
function constructTimestamp(text: string): TimestampValue {
  const match = TIMESTAMP_PARTS.exec(text);
  if (!match) throw new YamlConstructError(`cannot read ${JSON.stringify(text)} as a timestamp`);
  const [
    ,
    year = '',
    month = '',
    day = '',
    hour,
    minute = '',
    second = '',
    fraction,
    tz,
    tzSign,
    tzHour,
    tzMinute,
  ] = match;
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.getUTCDate() !== Number(day) || Number(year) < 1) {
    throw new YamlConstructError(`${text} is not a valid date`);
  }
  if (!hour) return new TimestampValue(date);
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    throw new YamlConstructError(`${text} is not a valid time`);
  }
  const micros = fraction ? fraction.slice(0, 6).padEnd(6, '0') : '';
  let iso = `${date}T${hour.padStart(2, '0')}:${minute}:${second}`;
  if (micros && Number(micros) !== 0) iso += `.${micros}`;
  const zeroOffset = Number(tzHour ?? 0) === 0 && Number(tzMinute ?? 0) === 0;
  if (tzSign && !zeroOffset) {
    iso += `${tzSign}${(tzHour ?? '').padStart(2, '0')}:${(tzMinute ?? '00').padStart(2, '0')}`;
  } else if (tz) {
    iso += '+00:00'; // Python prints a zero offset as +00:00, whatever its sign.
  }
  return new TimestampValue(iso);
}
