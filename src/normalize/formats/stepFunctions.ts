import { parseJson } from '../../json.js';
import { isLambdaError, isObject, lambdaErrorStack } from '../fields.js';
import type { LevelName } from '../record.js';
import type { JsonFormat } from '../logFormat.js';
import { parseLambdaErrorPayload } from './lambdaErrorPayload.js';

/**
 * Step Functions execution history events, as a state machine's logging configuration writes
 * them to CloudWatch Logs (`/aws/vendedlogs/states/<name>-Logs` by the console's default):
 * `{"id":"5","type":"TaskFailed","details":{"error":"…","cause":"…",…},"previous_event_id":"4",
 * "event_timestamp":"1592931586623","execution_arn":"arn:aws:states:…:execution:<machine>:<run>",
 * "redrive_count":"0"}`.
 * The state machine (from `execution_arn`) is the record's `name`; the message is the event type
 * and, for a failure, its `error`; `*Failed` and `*TimedOut` events are ERROR, `*Aborted` WARNING.
 * A failure's `cause` is its exc_info: a Lambda task's cause is the function's error object, whose
 * stack is written as its language prints it (a Python `stackTrace` of `traceback.format_list`
 * entries as a `Traceback (most recent call last):`, Java frames after `\tat `; see
 * `lambdaErrorStack`), any other cause as it came. Every key is kept as it came.
 * Checked against https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html (log level
 * and the example event) and the HistoryEvent types of the Step Functions API reference.
 */

const NAME = 'step-functions';

function levelOf(type: string): LevelName | undefined {
  if (type.endsWith('Failed') || type.endsWith('TimedOut')) return 'ERROR';
  if (type.endsWith('Aborted')) return 'WARNING';
  return undefined;
}

/** `arn:aws:states:<region>:<account>:execution:<machine>:<run>` (`express:` alike) → `<machine>`. */
function machineName(arn: string): string | undefined {
  const parts = arn.split(':', 8);
  if (parts[2] !== 'states' || (parts[5] !== 'execution' && parts[5] !== 'express')) return undefined;
  return parts[6] === '' ? undefined : parts[6];
}

function causeStack(cause: string): string {
  const text = cause.trim();
  // A task's error object may come from any runtime: its `stackTrace` (Python's
  // `traceback.format_list` entries, Java's frames) is written as that language prints it; an
  // object without one (Node's `trace`) is read as the runtimes' text payloads are.
  if (text.startsWith('{')) {
    let error: unknown;
    try {
      error = parseJson(text);
    } catch {
      error = undefined;
    }
    if (isLambdaError(error) && Array.isArray(error.stackTrace)) {
      const stack = lambdaErrorStack(error);
      if (stack !== undefined) return stack;
    }
  }
  return parseLambdaErrorPayload(text, undefined)?.exc_info ?? cause;
}

export const stepFunctions: JsonFormat = {
  name: NAME,
  parse(object) {
    const { type, execution_arn: arn } = object;
    if (typeof type !== 'string' || typeof arn !== 'string' || !('event_timestamp' in object))
      return undefined;
    const levelname = levelOf(type);
    const details = isObject(object.details) ? object.details : undefined;
    const error = typeof details?.error === 'string' && details.error !== '' ? details.error : undefined;
    const cause = typeof details?.cause === 'string' && details.cause !== '' ? details.cause : undefined;
    return {
      message: error === undefined ? type : `${type}: ${error}`,
      levelname,
      name: machineName(arn),
      exc_info: levelname === 'ERROR' && cause !== undefined ? causeStack(cause) : undefined,
      fields: { ...object },
    };
  },
};
