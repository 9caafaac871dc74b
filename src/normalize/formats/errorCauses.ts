import { isObject, stackText, without, type JsonObject } from '../fields.js';

/**
 * A JavaScript error's stack followed by its causes' and inner errors', as Node prints an error
 * with a `cause` or an `errors` list (nodejs/node lib/internal/util/inspect.js, `formatError`:
 * `[cause]: ` and the cause's stack, `[errors]: [` and each inner error's stack, every level
 * indented two more): `  [cause]: TypeError: inner`, `  [errors][0]: Error: a`, their frames
 * under them. The inner errors are an AggregateError's (or any error class's) `errors` when it
 * was serialized with them (Node's runtime writes an error's enumerable own keys: a class that
 * assigns `this.errors`; ES2022's AggregateError keeps them non-enumerable, and JSON.stringify
 * leaves them out) and pino-std-serializers' `aggregateErrors` (err.js, for an AggregateError).
 * A cause or inner error counts when it is an object with a stack under one of `stackKeys` (a
 * string or its lines); one without (a plain object, a string) stays as it came. `rest` is
 * `error` without the keys in `consumed` and each counted cause and inner error without its
 * stack: the other keys of every error stay (SPEC §3).
 * Shared by Powertools for TypeScript's `formatError` objects (powertools.ts), the Node.js
 * runtime's error payloads (lambdaErrorPayload.ts) and records (lambdaJson.ts), and the error
 * objects of the JSON loggers (jsonLibrary.ts: pino's `err`).
 */
export function stackWithCauses(
  error: JsonObject,
  stack: string,
  consumed: readonly string[],
  stackKeys: readonly string[] = STACK,
): { exc_info: string; rest: JsonObject } {
  const lines = [stack];
  const rest = without(error, consumed) ?? {};
  // Iterative, depth first in the order Node prints (cause, then each inner error): a JSON
  // chain of causes is as deep as the line, never the JavaScript stack.
  const pending: Pending[] = [];
  queueInner(rest, '  ', stackKeys, pending);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { label, stack: innerStack, holder, indent } = next;
    lines.push(`${indent}${label}: ${innerStack.split('\n').join(`\n${indent}`)}`);
    queueInner(holder, `${indent}  `, stackKeys, pending);
  }
  return { exc_info: lines.join('\n'), rest };
}

/** True when `error` has a cause or inner errors whose stacks {@link stackWithCauses} would add. */
export function hasInnerErrors(error: JsonObject, stackKeys: readonly string[] = STACK): boolean {
  if (isObject(error.cause) && stackOf(error.cause, stackKeys) !== undefined) return true;
  for (const key of LIST_KEYS) {
    const list = error[key];
    if (
      Array.isArray(list) &&
      list.some((inner) => isObject(inner) && stackOf(inner, stackKeys) !== undefined)
    )
      return true;
  }
  return false;
}

const STACK = ['stack'];
/** Node's `errors` (AggregateError, or an error class's own), pino-std-serializers' `aggregateErrors`. */
const LIST_KEYS = ['errors', 'aggregateErrors'];

interface Pending {
  readonly label: string;
  readonly stack: string;
  /** The inner error's copy in `rest`, its stack taken: where its own causes are looked for. */
  readonly holder: JsonObject;
  readonly indent: string;
}

function stackOf(error: JsonObject, stackKeys: readonly string[]): [string, string] | undefined {
  for (const key of stackKeys) {
    const text = stackText(error[key]);
    if (text !== undefined) return [key, text];
  }
  return undefined;
}

/**
 * Replaces `holder`'s cause and inner errors that carry a stack by copies without it, and queues
 * them so that they come off `pending` (a stack) in print order.
 */
function queueInner(
  holder: JsonObject,
  indent: string,
  stackKeys: readonly string[],
  pending: Pending[],
): void {
  const found: Pending[] = [];
  const cause = holder.cause;
  const causeStack = isObject(cause) ? stackOf(cause, stackKeys) : undefined;
  if (isObject(cause) && causeStack !== undefined) {
    const kept = without(cause, [causeStack[0]]) ?? {};
    holder.cause = kept;
    found.push({ label: '[cause]', stack: causeStack[1], holder: kept, indent });
  }
  for (const key of LIST_KEYS) {
    const list = holder[key];
    if (!Array.isArray(list)) continue;
    const copy: unknown[] = list.slice();
    for (let i = 0; i < copy.length; i++) {
      const inner = copy[i];
      const innerStack = isObject(inner) ? stackOf(inner, stackKeys) : undefined;
      if (!isObject(inner) || innerStack === undefined) continue;
      const kept = without(inner, [innerStack[0]]) ?? {};
      copy[i] = kept;
      found.push({ label: `[${key}][${i}]`, stack: innerStack[1], holder: kept, indent });
    }
    holder[key] = copy;
  }
  pending.push(...found.reverse());
}
