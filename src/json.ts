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

/**
 * True when `JSON.parse` gave a ±Infinity somewhere in `root`: a number literal too large for a
 * double (`1e400`, 309+ digits). Walks the value with an explicit stack, so any depth is fine.
 * Why a walk and not a regex over the text: on the bench's 9,280 JSON lines (max payload) the
 * walk takes 1.5 ms; a regex anchored where JSON puts a value took 7.7 ms, the unanchored
 * `\d[eE]\+?\d{3}|\d{309}` used before 11.8 ms plus 4 ms scanning its 1,271 false positives (hex
 * ids) for literals (bench/README.md, "parseJson guard").
 */
function holdsInfinity(root: unknown): boolean {
  if (typeof root !== 'object' || root === null) return typeof root === 'number' && !Number.isFinite(root);
  const stack: object[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (Array.isArray(node)) {
      for (const value of node as unknown[]) {
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) return true;
        } else if (typeof value === 'object' && value !== null) stack.push(value);
      }
    } else {
      const object = node as JsonObject;
      for (const key in object) {
        const value = object[key];
        if (typeof value === 'number') {
          if (!Number.isFinite(value)) return true;
        } else if (typeof value === 'object' && value !== null) stack.push(value);
      }
    }
  }
  return false;
}

/**
 * `JSON.parse`, except that a number too large for a double (`1e400`, which `JSON.parse` reads
 * as `Infinity` and `JSON.stringify` writes as `null`) is kept as its literal, a string: the
 * record holds what the line said (SPEC §3). Other values pay one walk ({@link holdsInfinity}).
 */
export function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return holdsInfinity(value) ? restoreLiterals(value, hugeLiterals(text)) : value;
}

/** A container of {@link restoreLiterals}' explicit stack and how far it was visited. */
interface RestoreFrame {
  readonly node: JsonObject | unknown[];
  readonly keys: readonly string[] | undefined;
  next: number;
}

/**
 * Replaces each infinite number in `root` by the next of `literals` (the text's, in order),
 * depth-first in key order, with an explicit stack so any depth fits.
 */
function restoreLiterals(root: unknown, literals: readonly string[]): unknown {
  let next = 0;
  const literal = (value: number): string => literals[next++] ?? String(value);
  if (typeof root === 'number') return Number.isFinite(root) ? root : literal(root);
  if (typeof root !== 'object' || root === null) return root;
  const frame = (node: object): RestoreFrame =>
    Array.isArray(node)
      ? { node: node as unknown[], keys: undefined, next: 0 }
      : { node: node as JsonObject, keys: Object.keys(node), next: 0 };
  const stack: RestoreFrame[] = [frame(root)];
  for (let top = stack[0]; top !== undefined; top = stack[stack.length - 1]) {
    const { node, keys } = top;
    if (top.next >= (keys === undefined ? (node as unknown[]).length : keys.length)) {
      stack.pop();
      continue;
    }
    const i = top.next++;
    if (keys === undefined) {
      const array = node as unknown[];
      const value = array[i];
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) array[i] = literal(value);
      } else if (typeof value === 'object' && value !== null) stack.push(frame(value));
    } else {
      const key = keys[i] as string;
      const object = node as JsonObject;
      const value = object[key];
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) setField(object, key, literal(value));
      } else if (typeof value === 'object' && value !== null) stack.push(frame(value));
    }
  }
  return root;
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
