import type { TextFormat } from '../logFormat.js';
import { parseLambdaErrorPayload } from './lambdaErrorPayload.js';
import { isUuidAt } from './scan.js';

/**
 * PHP on Lambda's custom runtime (Bref): a handler's uncaught error is logged the way the Node.js
 * runtime logs it, without the time: `<request id>\tInvoke Error\t{"errorType","errorMessage",
 * "stack":["#0 /var/task/index.php(5): f()","#1 {main}"],"previous"?:[…]}` → ERROR, the message
 * `Type: message`, exc_info the headline and PHP's trace lines.
 * Checked against brefphp/bref src/Runtime/LambdaRuntime.php (`failInvocation`, "We aim to use the
 * same log format as … the NodeJS runtime", brefphp/bref#579).
 */

const NAME = 'lambda-php';
const INVOKE_ERROR = '\tInvoke Error\t';

export const brefRuntime: TextFormat = {
  name: NAME,
  parse(line) {
    if (!isUuidAt(line, 0) || !line.startsWith(INVOKE_ERROR, 36)) return undefined;
    const parsed = parseLambdaErrorPayload(line.slice(36 + INVOKE_ERROR.length).trimEnd(), 'Invoke Error');
    if (parsed === undefined) return undefined;
    parsed.aws_request_id = line.slice(0, 36);
    return parsed;
  },
};
