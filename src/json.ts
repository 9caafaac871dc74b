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
