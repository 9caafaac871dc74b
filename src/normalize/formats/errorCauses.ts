import { isObject, stackText, without, type JsonObject } from '../fields.js';

/**
 * A JavaScript error's stack followed by its causes', as Node prints an error with a `cause`
 * (nodejs/node lib/internal/util/inspect.js, `formatError`: `[cause]: ` and the cause's stack, each
 * cause indented two more): `  [cause]: TypeError: inner`, its frames under it. A cause counts when
 * it is an object with a `stack` (a string or its lines), as serialized errors carry it; one
 * without (a plain object, a string) stays as it came. `rest` is `error` without the keys in
 * `consumed` and each cause without its `stack`: the other keys of every error stay (SPEC §3).
 * Shared by Powertools for TypeScript's `formatError` objects (powertools.ts) and the Node.js
 * runtime's error payloads (lambdaErrorPayload.ts).
 */
export function stackWithCauses(
  error: JsonObject,
  stack: string,
  consumed: readonly string[],
): { exc_info: string; rest: JsonObject } {
  const lines = [stack];
  const rest = without(error, consumed) ?? {};
  let holder = rest;
  let indent = '  ';
  // Iterative: a JSON chain of causes is as deep as the line, never the JavaScript stack.
  for (;;) {
    const cause = holder.cause;
    const causeStack = isObject(cause) ? stackText(cause.stack) : undefined;
    if (!isObject(cause) || causeStack === undefined) break;
    lines.push(`${indent}[cause]: ${causeStack.split('\n').join(`\n${indent}`)}`);
    const kept = without(cause, ['stack']) ?? {};
    holder.cause = kept;
    holder = kept;
    indent += '  ';
  }
  return { exc_info: lines.join('\n'), rest };
}
