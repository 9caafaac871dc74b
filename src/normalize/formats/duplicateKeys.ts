import { parseJson, setField } from '../../json.js';
import { isObject, type JsonObject } from '../fields.js';

/**
 * Duplicate keys in a JSON line. Writers that do not check for them (the .NET runtime's
 * `Utf8JsonWriter`, zap's encoder, slog's `JSONHandler`) write a field named like one of their own
 * keys (`zap.String("msg", …)`, a `{message}` template property) a second time, and `JSON.parse`
 * keeps only the last occurrence: the writer's own message or level would be replaced by the
 * field's, and one of the two values lost (SPEC §3). Each format names the keys it writes before
 * the fields (the first occurrence is its own) and after them (the last is).
 */

/** The record with the writer's values under its keys, and the fields that had one of its keys. */
export interface DuplicateRead {
  readonly object: JsonObject;
  /** The other occurrence of each duplicated key, by key; empty when no key occurs twice. */
  readonly shadowed: JsonObject;
}

// A key no line can have (a NUL in it), for the first occurrence of a duplicate while re-reading.
const MARK = '\\u0000first';
const MARKED = '\u0000first';

/**
 * False when no key of `line` (parsed as `object`) can occur twice: the line holds no more `":`
 * than the object, at every depth, has keys. Every key is followed by `":` (a quote inside a
 * string is escaped, so a string adds to the count only where it holds `\":`), so equal counts
 * mean no key was dropped by `JSON.parse`. One `indexOf` per key and one walk of the object: the
 * common line pays for this instead of two `indexOf` per key it might repeat.
 */
export function mayRepeatKeys(line: string, object: JsonObject): boolean {
  let inText = 0;
  for (let at = line.indexOf('":'); at >= 0; at = line.indexOf('":', at + 2)) inText++;
  let keys = 0;
  const stack: unknown[] = [object];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (const value of node as unknown[])
        if (typeof value === 'object' && value !== null) stack.push(value);
      continue;
    }
    const record = node as JsonObject;
    for (const key in record) {
      if (++keys > inText) return false;
      const value = record[key];
      if (typeof value === 'object' && value !== null) stack.push(value);
    }
  }
  return keys < inText;
}

/** `line` with each first occurrence renamed, read again; `undefined` when it is no object. */
function rereadMarked(line: string, firsts: [number, string][]): JsonObject | undefined {
  // From the end, so the offsets before each renamed key stay.
  const sorted = [...firsts].sort((a, b) => b[0] - a[0]);
  let marked = line;
  for (const [at, key] of sorted) {
    const end = at + key.length + 1;
    marked = `${marked.slice(0, end)}${MARK}${marked.slice(end)}`;
  }
  try {
    const reread = parseJson(marked);
    return isObject(reread) ? reread : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `line` (already parsed as `object`) read again when one of `headKeys` (written first by the
 * writer) or `tailKeys` (written last) occurs twice in it; `undefined` when none does, the common
 * case, which costs one `indexOf` per key. `"key":` is only ever a key (a quote inside a string is
 * escaped), though perhaps of a nested object: a key whose first occurrence is nested is left as
 * `JSON.parse` read it (the others read again without it).
 */
export function readDuplicates(
  line: string,
  headKeys: readonly string[],
  tailKeys: readonly string[] = [],
): DuplicateRead | undefined {
  let firsts: [number, string][] = [];
  for (const key of [...headKeys, ...tailKeys]) {
    const quoted = `"${key}":`;
    const first = line.indexOf(quoted);
    if (first >= 0 && line.indexOf(quoted, first + quoted.length) >= 0) firsts.push([first, key]);
  }
  if (firsts.length === 0) return undefined;
  let reread = rereadMarked(line, firsts);
  if (reread === undefined) return undefined;
  const top = firsts.filter(([, key]) => Object.hasOwn(reread as JsonObject, `${key}${MARKED}`));
  if (top.length < firsts.length) {
    // A key whose first occurrence is nested (`"message"` inside pino's `err`) is no duplicate of
    // the line's own: the others are read again without it.
    if (top.length === 0) return undefined;
    firsts = top;
    reread = rereadMarked(line, firsts);
    if (reread === undefined) return undefined;
  }
  const fixed: JsonObject = {};
  const shadowed: JsonObject = {};
  const renamed = new Map(firsts.map(([, key]) => [`${key}${MARKED}`, key]));
  for (const key of Object.keys(reread)) {
    const value = reread[key];
    const original = renamed.get(key);
    if (original !== undefined) {
      // A first occurrence: the writer's head key, or a field before the writer's tail key.
      const isTail = tailKeys.includes(original);
      setField(isTail && Object.hasOwn(reread, original) ? shadowed : fixed, original, value);
    } else if (renamed.has(`${key}${MARKED}`)) {
      // A last occurrence: a field after the writer's head key, or the writer's tail key.
      setField(tailKeys.includes(key) ? fixed : shadowed, key, value);
    } else {
      setField(fixed, key, value);
    }
  }
  return { object: fixed, shadowed };
}

/** The writer's own keys, and where the earlier value of any other key written twice goes. */
export interface OwnKeys {
  readonly head: readonly string[];
  readonly tail?: readonly string[];
  readonly othersUnder?: string;
}

/**
 * The record's fields with the shadowed ones added, each under its own key; a writer's value
 * already kept under that key (`traceId`, zap's `ts`) moves to `<prefix><key>`. With
 * `own.othersUnder`, a shadowed key that is none of the writer's own goes under that field
 * instead (pino's child binding that the call's object overrode: `pino_bindings.<key>`).
 */
export function withShadowed(
  fields: JsonObject | undefined,
  read: DuplicateRead | undefined,
  prefix: string,
  own?: OwnKeys,
): JsonObject | undefined {
  if (read === undefined) return fields;
  let out = fields;
  let others: JsonObject | undefined;
  for (const key in read.shadowed) {
    if (!Object.prototype.hasOwnProperty.call(read.shadowed, key)) continue;
    out ??= {};
    if (own?.othersUnder !== undefined && !own.head.includes(key) && !(own.tail ?? []).includes(key)) {
      if (others === undefined) {
        others = {};
        let target = own.othersUnder;
        while (Object.hasOwn(out, target)) target = `${prefix}${target}`;
        setField(out, target, others);
      }
      setField(others, key, read.shadowed[key]);
      continue;
    }
    if (Object.hasOwn(out, key)) {
      let target = `${prefix}${key}`;
      while (Object.hasOwn(out, target)) target = `${prefix}${target}`;
      setField(out, target, out[key]);
    }
    setField(out, key, read.shadowed[key]);
  }
  return out;
}
