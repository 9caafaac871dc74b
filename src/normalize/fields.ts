/** Small helpers shared by the JSON formats. */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first of `keys` whose value is a non-empty string. */
export function firstString(object: JsonObject, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/** A copy of `object` without `keys`; `undefined` when nothing is left. */
export function without(object: JsonObject, keys: readonly string[]): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key) || keys.includes(key)) continue;
    rest ??= {};
    rest[key] = object[key];
  }
  return rest;
}

/** A message as text: strings as they are, anything else as compact JSON. */
export function messageText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return jsonText(value);
}

/** Compact JSON of any value; `JSON.stringify` gives `undefined` for functions and symbols. */
export function jsonText(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  return json ?? typeof value;
}

/** A stack as one string with `\n` between lines (arrays of frames are joined). */
export function stackText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value.replace(/\r\n?/g, '\n');
  if (Array.isArray(value) && value.length > 0) return value.map((frame) => messageText(frame)).join('\n');
  return undefined;
}
