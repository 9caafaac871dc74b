import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { isWordChar } from './scan.js';

/**
 * API Gateway execution logs (REST and WebSocket APIs, log group
 * `API-Gateway-Execution-Logs_<apiId>/<stage>`): every line is `(<request id>) <text>`, the id a
 * UUID for REST APIs and API Gateway's base64-like id for WebSocket APIs:
 * `(914bad5e-…) Extended Request Id: TgwN2EJqCYcFnFQ=`, `(…) Method request body before
 * transformations: {…}`, `(…) Execution failed due to configuration error: Invalid endpoint
 * address`, `(…) Method completed with status: 502`.
 * The id becomes `requestId` (API Gateway's, not Lambda's); the text is the message. The lines
 * state no level: failures (`Execution failed…`, `Lambda execution failed…`, `Endpoint request
 * timed out`, a completed status of 5xx, a gateway response of 5xx: `Gateway response type:
 * AUTHORIZER_CONFIGURATION_ERROR with status code: 500`) are ERROR, a 4xx status (of the method
 * or of a gateway response), a failed authorization or an API key over its usage plan's throttle
 * or quota limit (the client gets 429) WARNING, everything else INFO.
 * Checked against https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * and execution logs quoted in brefphp/bref#162 and elastic/integrations#4266; the gateway
 * response types and their status codes of supported-gateway-response-types.html; the throttle and
 * quota lines of https://repost.aws/knowledge-center/api-gateway-429-limit.
 */

const NAME = 'api-gateway-execution';
// REST ids are 36 characters, WebSocket ids 16: nothing longer is an id.
const MIN_ID = 8;
const MAX_ID = 64;

function isIdChar(code: number): boolean {
  return (
    isWordChar(code) ||
    code === 0x2d /* - */ ||
    code === 0x3d /* = */ ||
    code === 0x2b /* + */ ||
    code === 0x2f /* / */ ||
    code === 0x5f /* _ */
  );
}

const FAILURES = [
  'Execution failed',
  'Lambda execution failed',
  'Lambda invocation failed',
  'Endpoint request timed out',
];
const STATUS_PREFIXES = ['Method completed with status: ', 'Endpoint response status: '];
const WARNINGS = ['Unauthorized request', 'Authorizer error', 'API Key not authorized', 'Forbidden'];
const API_KEY = 'API Key ';
const NOT_AUTHORIZED = ' not authorized because ';
// A usage plan's limits (the client gets 429): `API Key **…F0yrv6 exceeded throttle limit for API
// Stage <api>/<stage>: Key throttle limit exceeded for Usage Plan ID …`, `… exceeded quota limit …`.
const KEY_REFUSALS = [
  NOT_AUTHORIZED,
  ' exceeded throttle limit for API Stage ',
  ' exceeded quota limit for API Stage ',
];
// API keys are 20 to 128 characters (masked in the log), with room to spare.
const MAX_API_KEY = 160;

// `Gateway response type: DEFAULT_5XX with status code: 500`: the response API Gateway itself sent.
const GATEWAY_RESPONSE = 'Gateway response type: ';
const WITH_STATUS = ' with status code: ';
// The longest response type (`AUTHORIZER_CONFIGURATION_ERROR`) with room to spare.
const MAX_RESPONSE_TYPE = 64;

function statusLevel(text: string, at: number): LevelName | undefined {
  const status = Number(text.slice(at, at + 3));
  if (status >= 500) return 'ERROR';
  if (status >= 400) return 'WARNING';
  return undefined;
}

function levelOf(text: string): LevelName | undefined {
  for (const prefix of FAILURES) if (text.startsWith(prefix)) return 'ERROR';
  for (const prefix of STATUS_PREFIXES) if (text.startsWith(prefix)) return statusLevel(text, prefix.length);
  if (text.startsWith(GATEWAY_RESPONSE)) {
    const at = text.indexOf(WITH_STATUS, GATEWAY_RESPONSE.length);
    if (at < 0 || at - GATEWAY_RESPONSE.length > MAX_RESPONSE_TYPE) return undefined;
    return statusLevel(text, at + WITH_STATUS.length);
  }
  for (const prefix of WARNINGS) if (text.startsWith(prefix)) return 'WARNING';
  // `API Key <masked key> not authorized because method 'GET /' requires API Key and …`.
  if (text.startsWith(API_KEY)) {
    for (const refusal of KEY_REFUSALS) {
      const at = text.indexOf(refusal, API_KEY.length);
      if (at >= 0 && at - API_KEY.length <= MAX_API_KEY) return 'WARNING';
    }
  }
  return undefined;
}

export const apiGatewayExecution: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x28 /* ( */) return undefined;
    let i = 1;
    while (i <= MAX_ID && isIdChar(line.charCodeAt(i))) i++;
    if (i - 1 < MIN_ID || line.charCodeAt(i) !== 0x29 /* ) */ || line.charCodeAt(i + 1) !== 0x20)
      return undefined;
    const text = line.slice(i + 2);
    return { message: text, levelname: levelOf(text), fields: { requestId: line.slice(1, i) } };
  },
};
