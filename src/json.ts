/** JSON helpers shared by the decoder and the normalizer. */

export type JsonObject = Record<string, unknown>;

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compact JSON of any value; `JSON.stringify` gives `undefined` for functions and symbols.
 * `JSON.parse` accepts any depth but `JSON.stringify` recurses, so a value nested deeper than
 * the stack allows (a fuzzed `logEvents` entry of 10,000 arrays) throws `RangeError`; such a
 * value is written by {@link deepJsonText} instead, so it is forwarded rather than lost.
 */
export function jsonText(value: unknown): string {
  try {
    const json = JSON.stringify(value) as string | undefined;
    return json ?? typeof value;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return deepJsonText(value);
  }
}

/** A frame of {@link deepJsonText}'s explicit stack: a container and how far it was written. */
interface Frame {
  readonly keys: readonly string[] | undefined;
  readonly values: readonly unknown[];
  next: number;
  wrote: boolean;
}

/**
 * `JSON.stringify` for values that came from `JSON.parse`, with an explicit stack instead of
 * recursion, so any depth fits. Same output as `JSON.stringify` for such values (`undefined`
 * members are left out of objects, `null` in arrays; `toJSON` and replacers are not applied).
 */
export function deepJsonText(root: unknown): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  const open = (value: unknown): void => {
    if (Array.isArray(value)) {
      out.push('[');
      stack.push({ keys: undefined, values: value, next: 0, wrote: false });
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value as Record<string, unknown>).filter(
        ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
      );
      out.push('{');
      stack.push({ keys: entries.map(([k]) => k), values: entries.map(([, v]) => v), next: 0, wrote: false });
      return;
    }
    const scalar = JSON.stringify(value) as string | undefined;
    out.push(scalar ?? 'null');
  };
  open(root);
  for (;;) {
    const frame = stack[stack.length - 1];
    if (frame === undefined) break;
    if (frame.next >= frame.values.length) {
      out.push(frame.keys === undefined ? ']' : '}');
      stack.pop();
      continue;
    }
    const i = frame.next++;
    if (frame.wrote) out.push(',');
    frame.wrote = true;
    if (frame.keys !== undefined) out.push(`${JSON.stringify(frame.keys[i])}:`);
    open(frame.values[i]);
  }
  return out.join('');
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

// A number literal JSON.parse turns into ±Infinity: a 3-digit exponent, or 309+ digits, where
// JSON puts a value (start, after `:`, `,` or `[`). Anchoring on the value position keeps hex ids
// (`…3e512…` in a UUID) from matching: on the bench's 9,280 JSON lines the old unanchored
// `\d[eE]\+?\d{3}|\d{309}` took 11.8 ms and sent 1,271 lines to `hugeLiterals` (4 ms more);
// this one takes 7.8 ms and sends none (bench/README.md, "parseJson guard").
const HUGE_NUMBER = /(?:^|[:,[])\s*-?(?:\d+(?:\.\d+)?[eE]\+?\d{3}|\d{309})/;

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
