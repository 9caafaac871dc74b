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

/**
 * Keys the forwarder sets itself: not application data, never redacted. A `switch` over the
 * (internalized) keys, as in fieldLimits.ts: cheaper than a `Set` lookup per key of every record.
 */
function isProvenanceKey(key: string): boolean {
  switch (key) {
    case 'asctime':
    case 'levelname':
    case '@timestamp':
    case 'aws_request_id':
    case 'cloudwatch':
    case 'log_format':
    case 'function_version':
    case 'tags':
      return true;
    default:
      return false;
  }
}

/** The record's core: a listed key never replaces these whole (their text is redacted by rule). */
function isCoreKey(key: string): boolean {
  return key === 'name' || key === 'message' || key === 'exc_info';
}

const KEY_MARK = redactedMark('key');
/** Field names whose verdict is remembered (a line with ever-new keys must not grow it forever). */
const MAX_KEY_VERDICTS = 10_000;
const PATTERN_MARK = redactedMark('pattern');

function patternRule(pattern: string): RedactionRule {
  const regex = new RegExp(pattern, 'g');
  return {
    name: 'pattern',
    // Not joined with the others (its group numbers would shift): always run.
    candidate: '',
    replace(text, counter) {
      // A test is cheaper than a replace that finds nothing, which is nearly every string.
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
 * One regex source that matches wherever any of `rules` might: their candidates as alternatives,
 * those that start with a digit behind one shared `[0-9]`; one that matches nothing for none.
 */
export function joinedCandidates(rules: readonly RedactionRule[]): string {
  const alternatives = rules
    .filter((rule) => rule.afterDigit === undefined)
    .map((rule) => `(?:${rule.candidate})`);
  const afterDigit = rules.flatMap((rule) => (rule.afterDigit === undefined ? [] : [rule.afterDigit]));
  if (afterDigit.length > 0) alternatives.push(`[0-9](?:${afterDigit.join('|')})`);
  return alternatives.join('|') || '(?!)';
}

/**
 * Builds the redactor of one setting, or `undefined` when it redacts nothing. Custom patterns
 * run first, so a pattern never matches inside a built-in rule's `[REDACTED:…]` mark.
 */
export function createRedactor(settings: RedactSettings): Redactor | undefined {
  const patterns = settings.patterns.map(patternRule);
  const builtIns = RULE_ORDER.filter((name) => settings.rules.includes(name)).map(
    (name) => BUILT_IN_RULES[name],
  );
  const keys = new Set(settings.keys);
  if (patterns.length === 0 && builtIns.length === 0 && keys.size === 0) return undefined;
  const byKey = keys.size > 0;
  const counter = { count: 0 };

  // One scan for whether any built-in rule might match; most strings have no candidate at all.
  // With the digit-led candidates joined, the key `switch`es and values stored only when changed,
  // redacting the bench's max payload with every rule costs 173 M instructions, not 247 M
  // (cachegrind, `--predictable`, over the pipeline at its defaults).
  const candidates = new RegExp(joinedCandidates(builtIns));
  const text = (value: string): string => {
    let out = value;
    for (const rule of patterns) out = rule.replace(out, counter);
    if (!candidates.test(out)) return out;
    for (const rule of builtIns) out = rule.replace(out, counter);
    return out;
  };

  // Field names repeat from record to record: each is lower-cased and looked up once.
  const keyVerdicts = new Map<string, boolean>();
  const listed = (key: string): boolean => {
    let verdict = keyVerdicts.get(key);
    if (verdict === undefined) {
      verdict = keys.has(key.toLowerCase());
      if (keyVerdicts.size < MAX_KEY_VERDICTS) keyVerdicts.set(key, verdict);
    }
    return verdict;
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
      for (const key in object) {
        if (byKey && listed(key)) {
          object[key] = KEY_MARK;
          counter.count++;
        } else {
          // Stored only when changed: most values come back as they went in.
          const before = object[key];
          const after = walk(before);
          if (after !== before) object[key] = after;
        }
      }
    }
    return value;
  };

  return (record) => {
    counter.count = 0;
    // A JSON message object's message is that object's JSON text: redacted with the object (and
    // written again from it when something in it was redacted), so a listed key's value does not
    // survive in the text and nothing is counted twice.
    const objectText = record[MESSAGE_FIELDS_KEY] !== undefined && record.message.startsWith('{');
    let inObject = 0;
    for (const key in record) {
      if (isProvenanceKey(key) || (objectText && key === 'message')) continue;
      if (byKey && !isCoreKey(key) && listed(key)) {
        record[key] = KEY_MARK;
        counter.count++;
        continue;
      }
      const counted = counter.count;
      const before = record[key];
      const after = walk(before);
      if (after !== before) record[key] = after;
      if (key === MESSAGE_FIELDS_KEY) inObject = counter.count - counted;
    }
    if (objectText && inObject > 0) record.message = JSON.stringify(record[MESSAGE_FIELDS_KEY]);
    return counter.count;
  };
}
