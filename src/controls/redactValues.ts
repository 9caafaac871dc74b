import { MESSAGE_FIELDS_KEY, type ForwarderRecord } from '../normalize/record.js';
import { BUILT_IN_RULES, RULE_ORDER, redactedMark, type RedactionRule } from './redactionRules.js';
import type { RedactSettings } from './settings.js';

/**
 * The `redact` control (SPEC §6): built-in rules, custom patterns and field keys, applied to
 * `message`, `exc_info` and every string field of a record, at any depth. A match becomes
 * `[REDACTED:<rule>]`, `[REDACTED:pattern]` or (the whole value of a listed key)
 * `[REDACTED:key]`. The record's provenance (`cloudwatch`, times, level, request id, format,
 * tags) is the forwarder's own and is left alone.
 */

/** Applies one `redact` setting to records; returns how many values it replaced. */
export type Redactor = (record: ForwarderRecord) => number;

/** Keys the forwarder sets itself: not application data, never redacted. */
const PROVENANCE: ReadonlySet<string> = new Set([
  'asctime',
  'levelname',
  '@timestamp',
  'aws_request_id',
  'cloudwatch',
  'log_format',
  'function_version',
  'tags',
]);

/** The record's core: a listed key never replaces these whole (their text is redacted by rule). */
const CORE: ReadonlySet<string> = new Set(['name', 'message', 'exc_info']);

const KEY_MARK = redactedMark('key');
const PATTERN_MARK = redactedMark('pattern');

function patternRule(pattern: string): RedactionRule {
  const regex = new RegExp(pattern, 'g');
  return {
    name: 'pattern',
    replace(text, counter) {
      regex.lastIndex = 0;
      if (!regex.test(text)) return text;
      regex.lastIndex = 0;
      return text.replace(regex, () => {
        counter.count++;
        return PATTERN_MARK;
      });
    },
  };
}

/**
 * Builds the redactor of one setting, or `undefined` when it redacts nothing. Custom patterns
 * run first, so a pattern never matches inside a built-in rule's `[REDACTED:…]` mark.
 */
export function createRedactor(settings: RedactSettings): Redactor | undefined {
  const rules: RedactionRule[] = [
    ...settings.patterns.map(patternRule),
    ...RULE_ORDER.filter((name) => settings.rules.includes(name)).map((name) => BUILT_IN_RULES[name]),
  ];
  const keys = new Set(settings.keys);
  if (rules.length === 0 && keys.size === 0) return undefined;
  const counter = { count: 0 };

  const text = (value: string): string => {
    let out = value;
    for (const rule of rules) out = rule.replace(out, counter);
    return out;
  };

  // Objects and arrays of a parsed JSON line are trees (JSON.parse makes no shared references).
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i]);
      return value;
    }
    if (typeof value === 'object' && value !== null) {
      const object = value as Record<string, unknown>;
      for (const key of Object.keys(object)) {
        if (keys.size > 0 && keys.has(key.toLowerCase())) {
          object[key] = KEY_MARK;
          counter.count++;
        } else {
          object[key] = walk(object[key]);
        }
      }
    }
    return value;
  };

  return (record) => {
    counter.count = 0;
    const messageObject = record[MESSAGE_FIELDS_KEY];
    // The message of a JSON message object is that object's JSON text: redacted with it, so a
    // listed key's value does not survive in the text.
    const messageIsObjectText =
      messageObject !== undefined && record.message === JSON.stringify(messageObject);
    for (const key of Object.keys(record)) {
      if (PROVENANCE.has(key)) continue;
      if (keys.size > 0 && !CORE.has(key) && keys.has(key.toLowerCase())) {
        record[key] = KEY_MARK;
        counter.count++;
        continue;
      }
      if (key === 'message' && messageIsObjectText) continue;
      record[key] = walk(record[key]);
    }
    if (messageIsObjectText) record.message = JSON.stringify(record[MESSAGE_FIELDS_KEY]);
    return counter.count;
  };
}
