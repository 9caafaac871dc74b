import { parseJson } from '../../json.js';
import { isObject, messageText, without } from '../fields.js';
import type { ParsedLine } from '../logFormat.js';
import { hasInnerErrors, stackWithCauses } from './errorCauses.js';

/**
 * The error object Lambda's runtimes print when a handler fails, in text log format:
 * - Node.js: `Invoke Error \t{"errorType","errorMessage","stack":["Error: x","    at …"]}`, also
 *   `Uncaught Exception` and `Unhandled Promise Rejection` (with `reason` and `promise`);
 *   aws-lambda-nodejs-runtime-interface-client src/Errors.js (`toFormatted`, `toRapidResponse`
 *   with `trace`) and src/LogPatch.js (`textErrorLogger`). `toFormatted`'s replacer writes every
 *   nested Error the same way, so an enumerable `cause` (`err.cause = inner`, or an error class
 *   that assigns it) is `"cause":{"errorType","errorMessage","stack":[…]}`; ES2022's
 *   `new Error(msg, { cause })` defines `cause` non-enumerable, and JSON.stringify leaves it out.
 * - Ruby: `Error raised from handler method` then `JSON.pretty_unparse` of `{"errorMessage",
 *   "errorType","stackTrace":["/var/task/f.rb:3:in `h'"]}`; aws-lambda-ruby-runtime-interface-client
 *   lib/aws_lambda_ric/lambda_logger.rb.
 * - Go: `log.Printf("%s", errorPayload)` of `{"errorMessage","errorType","stackTrace":[{"path",
 *   "line","label"}],"shouldExit"}`; aws-lambda-go lambda/invoke_loop.go (`reportFailure`),
 *   lambda/messages/messages.go.
 */

function goFrame(frame: Record<string, unknown>): string {
  // Go's own traceback layout: the function, then its file and line indented by a tab.
  const label = messageText(frame.label);
  const where = `${messageText(frame.path)}:${messageText(frame.line)}`;
  return `${label}\n\t${where}`;
}

function frameText(frame: unknown): string {
  return isObject(frame) && ('path' in frame || 'label' in frame) ? goFrame(frame) : messageText(frame);
}

function stackLines(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value.replace(/\r\n?/g, '\n');
  if (!Array.isArray(value) || value.length === 0) return undefined;
  return value.map(frameText).join('\n');
}

const STACK_KEYS = ['stack', 'trace', 'stackTrace'];

/**
 * The record for a runtime's error object, or `undefined` when `json` is not one. The headline
 * (`Type: message`) is the message, the stack exc_info; every other key of the error (`code`,
 * `$metadata`, Go's `extra` and `shouldExit`, PHP's `previous`, Node's `reason` and `promise`, a
 * stack that was not the one chosen) stays a field, as it came (SPEC §3: nothing is lost).
 */
export function parseLambdaErrorPayload(json: string, kind: string | undefined): ParsedLine | undefined {
  if (!json.startsWith('{')) return undefined;
  let error: unknown;
  try {
    error = parseJson(json);
  } catch {
    return undefined;
  }
  if (!isObject(error) || (error.errorType === undefined && error.errorMessage === undefined))
    return undefined;
  const errorType = typeof error.errorType === 'string' && error.errorType !== '' ? error.errorType : 'Error';
  const errorMessage = messageText(error.errorMessage);
  const headline = errorMessage === '' ? errorType : `${errorType}: ${errorMessage}`;
  const consumed = ['errorType', 'errorMessage'];
  let stack: string | undefined;
  for (const key of STACK_KEYS) {
    stack = stackLines(error[key]);
    if (stack === undefined) continue;
    consumed.push(key);
    break;
  }
  // Go, Ruby and Java frame lists carry no exception line of their own: it opens the stack.
  if (stack !== undefined && !stack.startsWith(errorType)) stack = `${headline}\n${stack}`;
  // Node's rejection wraps the rejected value: its own stack (which opens with its own
  // `Error: msg` line, not the wrapper's) is the one that helps; the wrapper's stays a field.
  const reason = error.reason;
  if (isObject(reason)) {
    const reasonStack = stackLines(reason.stack) ?? stackLines(reason.stackTrace);
    if (reasonStack !== undefined) {
      stack = reasonStack;
      consumed.length = 2;
    }
  }
  const fields: Record<string, unknown> = { error_type: errorType };
  if (kind !== undefined) fields.lambda_error = kind;
  // A serialized cause's stack and inner errors' (`errors`) join the error's, as Node prints
  // them; the rest of them stays. A rejection's reason stays whole as a field: only exc_info takes
  // its causes' and inner errors' stacks.
  if (stack !== undefined && consumed.length > 2 && hasInnerErrors(error)) {
    const chained = stackWithCauses(error, stack, consumed);
    return {
      message: headline,
      levelname: 'ERROR',
      exc_info: chained.exc_info,
      fields: { ...fields, ...chained.rest },
    };
  }
  if (stack !== undefined && isObject(reason) && hasInnerErrors(reason))
    stack = stackWithCauses(reason, stack, []).exc_info;
  return {
    message: headline,
    levelname: 'ERROR',
    exc_info: stack ?? headline,
    fields: { ...fields, ...without(error, consumed) },
  };
}
