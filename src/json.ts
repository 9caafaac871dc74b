/** JSON helpers shared by the decoder and the normalizer. */

export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compact JSON of any value; `JSON.stringify` gives `undefined` for functions and symbols. */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  return json ?? typeof value;
}

/**
 * Sets `object[key]` as an own data property. Plain assignment to `__proto__` changes the
 * object's prototype instead of adding a field: a line's own `"__proto__": {…}` key would vanish.
 */
export function setField(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    object[key] = value;
  }
}

// A number literal JSON.parse turns into ±Infinity: a 3-digit exponent, or 309+ digits.
const HUGE_NUMBER = /\d[eE]\+?\d{3}|\d{309}/;

/**
 * `JSON.parse`, except that a number too large for a double (`1e400`, which `JSON.parse` reads
 * as `Infinity` and `JSON.stringify` writes as `null`) is kept as its literal, a string: the
 * record holds what the line said (SPEC §3). Lines without such a literal pay one regex test.
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!HUGE_NUMBER.test(text)) return value;
  const literals = hugeLiterals(text);
  let next = 0;
  const restore = (node: unknown): unknown => {
    if (typeof node === 'number') return Number.isFinite(node) ? node : (literals[next++] ?? String(node));
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = restore(node[i]);
    } else if (isObject(node)) {
      for (const key of Object.keys(node)) setField(node, key, restore(node[key]));
    }
    return node;
  };
  return restore(value);
}

/** The number literals outside strings of a JSON text that are infinite as doubles, in order. */
function hugeLiterals(text: string): string[] {
  const found: string[] = [];
  const number = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      number.lastIndex = i;
      const match = number.exec(text);
      if (match === null) continue;
      if (!Number.isFinite(Number(match[0]))) found.push(match[0]);
      i += match[0].length - 1;
    }
  }
  return found;
}
