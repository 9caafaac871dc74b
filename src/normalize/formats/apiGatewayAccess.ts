import type { JsonFormat, TextFormat } from '../logFormat.js';
import { commonLogParts, requestParts, statusLevel } from './accessLog.js';
import { isUuidAt } from './scan.js';

/**
 * API Gateway access logs, in the formats the console offers and the developer guide shows:
 * - JSON: `{ "requestId":"$context.requestId", "extendedRequestId":…, "ip":
 *   "$context.identity.sourceIp", "caller", "user", "requestTime", "httpMethod", "resourcePath",
 *   "status", "protocol", "responseLength" }` (HTTP APIs: `routeKey`; custom formats often
 *   `method` / `path`). Every key is kept as it came; the message is the request and its status
 *   (`GET /pets 200`), the level follows the status (5xx → ERROR, 4xx → WARNING).
 * - CLF: `$context.identity.sourceIp $context.identity.caller $context.identity.user
 *   [$context.requestTime]"$context.httpMethod $context.resourcePath $context.protocol"
 *   $context.status $context.responseLength $context.requestId $context.extendedRequestId`; the
 *   message is the line, its parts are fields under the JSON example's keys.
 * The request id is API Gateway's, not a Lambda request id: it stays `requestId`, not
 * `aws_request_id`.
 * Checked against https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * (access log formats) and the HTTP API example in http-api-logging.html.
 */

const NAME = 'api-gateway-access';

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export const apiGatewayAccessJson: JsonFormat = {
  name: NAME,
  parse(object) {
    if (typeof object.requestId !== 'string' || 'message' in object || 'msg' in object) return undefined;
    const status = text(object.status);
    const method = text(object.httpMethod) ?? text(object.method);
    const route = text(object.routeKey);
    if (status === undefined || (method === undefined && route === undefined)) return undefined;
    // One of the caller's or the request's own variables besides: a line no application writes.
    if (
      object.requestTime === undefined &&
      object.requestTimeEpoch === undefined &&
      object.ip === undefined &&
      object.sourceIp === undefined
    )
      return undefined;
    const path = text(object.resourcePath) ?? text(object.path);
    // HTTP APIs' `routeKey` is `GET /pets` already (or `$default`): the request when no path is logged.
    const target = method !== undefined && path !== undefined ? `${method} ${path}` : (route ?? method);
    const code = Number(status);
    return {
      message: `${target ?? ''} ${status}`.trim(),
      levelname: Number.isInteger(code) ? statusLevel(code) : undefined,
      fields: { ...object },
    };
  },
};

export const apiGatewayAccessClf: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x3a || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)))
      return undefined;
    const parts = commonLogParts(line);
    // The request id follows the length: a UUID, then the extended request id when present.
    if (parts === undefined || line.charCodeAt(parts.rest) !== 0x20 || !isUuidAt(line, parts.rest + 1))
      return undefined;
    const idEnd = parts.rest + 37;
    const after = line.slice(idEnd).trim();
    if (after.includes(' ') || after.includes('"')) return undefined;
    const fields: Record<string, unknown> = { ip: parts.host, caller: parts.ident, user: parts.user };
    fields.requestTime = parts.time;
    requestParts(parts.request, fields, ['httpMethod', 'resourcePath', 'protocol']);
    fields.status = parts.status;
    fields.responseLength = parts.bytes === '-' ? 0 : Number(parts.bytes);
    fields.requestId = line.slice(parts.rest + 1, idEnd);
    if (after !== '') fields.extendedRequestId = after;
    return { message: line, levelname: statusLevel(parts.status), fields };
  },
};
