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
