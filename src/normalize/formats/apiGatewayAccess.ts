import type { JsonFormat, ParsedLine, TextFormat } from '../logFormat.js';
import { commonLogParts, requestParts, statusLevel } from './accessLog.js';
import { isAsciiLetter, isDigit, isMonthAt, isUuidAt, isWordChar, matchShape } from './scan.js';

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
 *   HTTP APIs' CLF has `$context.httpMethod $context.routeKey $context.protocol` in the quotes
 *   and ends in their 16-character request id: `… "GET GET /pets HTTP/1.1" 200 35
 *   Ym8Y9jJxIAMEJGw=` gives `httpMethod`, `routeKey`, `protocol`.
 * - XML: `<request id="$context.requestId"> <ip>…</ip> … <status>…</status> … </request>`; the
 *   message is the line, the id is `requestId`, every element a field under its tag.
 * - CSV: REST `ip,caller,user,requestTime,httpMethod,resourcePath,protocol,status,responseLength,
 *   requestId[,extendedRequestId]`, HTTP `ip,requestTime,httpMethod,routeKey,protocol,status,
 *   responseLength,requestId`, WebSocket `ip,caller,user,requestTime,eventType,routeKey,
 *   connectionId,status,requestId`: read only in those layouts (a value count and a
 *   `requestTime` where the layout has them); the message is the line.
 * - The Serverless Framework's default for REST APIs (`provider.logs.restApi`): `requestId:
 *   $context.requestId, ip: $context.identity.sourceIp, caller: …, user: …, requestTime: …,
 *   httpMethod: …, resourcePath: …, status: …, protocol: …, responseLength: …`; the message is
 *   the line, each value a field under its key.
 * In the text formats `status` and `responseLength` are numbers (`-` is a length of 0); the level
 * follows the status as for JSON.
 * The request id is API Gateway's, not a Lambda request id: it stays `requestId`, not
 * `aws_request_id`.
 * Checked against https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
 * (access log formats, as in awsdocs/amazon-api-gateway-developer-guide
 * doc_source/set-up-logging.md), the HTTP API examples of http-api-logging.html
 * (doc_source/http-api-logging.md), the WebSocket ones of websocket-api-logging.html, and
 * serverless/serverless docs/providers/aws/events/apigateway.md (the default access log format).
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

/** API Gateway's own 16-character ids (HTTP and WebSocket APIs' `requestId`, `extendedRequestId`). */
function isGatewayIdAt(line: string, start: number): boolean {
  if (start + 16 !== line.length || line.charCodeAt(start + 15) !== 0x3d /* = */) return false;
  for (let i = start; i < start + 15; i++) {
    const c = line.charCodeAt(i);
    if (!isAsciiLetter(c) && !isDigit(c) && c !== 0x2b /* + */ && c !== 0x2f /* / */) return false;
  }
  return true;
}

/** `GET GET /pets HTTP/1.1` (`$context.httpMethod $context.routeKey $context.protocol`) → fields. */
function routeParts(request: string, fields: Record<string, unknown>): void {
  const first = request.indexOf(' ');
  const last = request.lastIndexOf(' ');
  if (first < 0 || last <= first) {
    requestParts(request, fields, ['httpMethod', 'routeKey', 'protocol']);
    return;
  }
  fields.httpMethod = request.slice(0, first);
  fields.routeKey = request.slice(first + 1, last);
  fields.protocol = request.slice(last + 1);
}

function isHexOrColon(c: number): boolean {
  return isDigit(c) || c === 0x3a || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

export const apiGatewayAccessClf: TextFormat = {
  name: NAME,
  parse(line) {
    if (!isHexOrColon(line.charCodeAt(0))) return undefined;
    const parts = commonLogParts(line);
    if (parts === undefined || line.charCodeAt(parts.rest) !== 0x20) return undefined;
    const idStart = parts.rest + 1;
    // A REST API's request id is a UUID, then the extended request id when present; an HTTP
    // API's is its own 16-character id, last on the line.
    const rest = isUuidAt(line, idStart);
    if (!rest && !isGatewayIdAt(line, idStart)) return undefined;
    const idEnd = rest ? idStart + 36 : line.length;
    const after = line.slice(idEnd).trim();
    if (after.includes(' ') || after.includes('"')) return undefined;
    const fields: Record<string, unknown> = { ip: parts.host, caller: parts.ident, user: parts.user };
    fields.requestTime = parts.time;
    if (rest) requestParts(parts.request, fields, ['httpMethod', 'resourcePath', 'protocol']);
    else routeParts(parts.request, fields);
    fields.status = parts.status;
    fields.responseLength = parts.bytes === '-' ? 0 : Number(parts.bytes);
    fields.requestId = line.slice(idStart, idEnd);
    if (after !== '') fields.extendedRequestId = after;
    return { message: line, levelname: statusLevel(parts.status), fields };
  },
};

/** `status` and `responseLength` of a text line: numbers (`-`, no body: 0), else as written. */
function numberOrText(key: string, value: string): unknown {
  if (key === 'responseLength' && value === '-') return 0;
  if ((key === 'status' || key === 'responseLength') && /^\d{1,12}$/.test(value)) return Number(value);
  return value;
}

/** The line with its fields, the level from the status; `undefined` without a status. */
function accessLine(line: string, fields: Record<string, unknown>): ParsedLine | undefined {
  const status = fields.status;
  if (typeof status !== 'number') return undefined;
  return { message: line, levelname: statusLevel(status), fields };
}

const XML_HEAD = '<request id="';
const XML_TAIL = '</request>';
// An element longer than this is no access log variable's value.
const MAX_ELEMENT = 4096;

function isTagChar(c: number): boolean {
  return isWordChar(c) || c === 0x2e /* . */ || c === 0x2d; /* - */
}

export const apiGatewayAccessXml: TextFormat = {
  name: NAME,
  parse(line) {
    if (!line.startsWith(XML_HEAD)) return undefined;
    const idEnd = line.indexOf('">', XML_HEAD.length);
    if (idEnd < 0 || idEnd - XML_HEAD.length > 128) return undefined;
    const fields: Record<string, unknown> = { requestId: line.slice(XML_HEAD.length, idEnd) };
    let i = idEnd + 2;
    for (;;) {
      while (line.charCodeAt(i) === 0x20) i++;
      if (line.startsWith(XML_TAIL, i)) break;
      // `<tag>value</tag>`: each element is read once, from where the last one ended.
      if (line.charCodeAt(i) !== 0x3c /* < */) return undefined;
      let tagEnd = i + 1;
      while (tagEnd - i < 64 && isTagChar(line.charCodeAt(tagEnd))) tagEnd++;
      if (tagEnd === i + 1 || line.charCodeAt(tagEnd) !== 0x3e /* > */) return undefined;
      const tag = line.slice(i + 1, tagEnd);
      // No `$context` variable is named so; as a key it would set the object's prototype.
      if (tag === '__proto__') return undefined;
      const close = line.indexOf(`</${tag}>`, tagEnd + 1);
      if (close < 0 || close - tagEnd > MAX_ELEMENT) return undefined;
      fields[tag] = numberOrText(tag, line.slice(tagEnd + 1, close));
      i = close + tag.length + 3;
    }
    if (line.slice(i + XML_TAIL.length).trim() !== '') return undefined;
    return accessLine(line, fields);
  },
};

/** The console's CSV examples, by their number of values (see the module comment). */
const CSV_LAYOUTS: ReadonlyMap<number, readonly string[]> = new Map([
  [8, ['ip', 'requestTime', 'httpMethod', 'routeKey', 'protocol', 'status', 'responseLength', 'requestId']],
  [
    9,
    ['ip', 'caller', 'user', 'requestTime', 'eventType', 'routeKey', 'connectionId', 'status', 'requestId'],
  ],
  [
    10,
    [
      'ip',
      'caller',
      'user',
      'requestTime',
      'httpMethod',
      'resourcePath',
      'protocol',
      'status',
      'responseLength',
      'requestId',
    ],
  ],
  [
    11,
    [
      'ip',
      'caller',
      'user',
      'requestTime',
      'httpMethod',
      'resourcePath',
      'protocol',
      'status',
      'responseLength',
      'requestId',
      'extendedRequestId',
    ],
  ],
]);
// An IPv6 address is at most 45 characters; a CSV line longer than this is no console example's.
const MAX_IP = 45;
const MAX_CSV = 4096;

/** `$context.requestTime`: `12/Mar/2024:08:01:07 +0000`. */
function isRequestTime(value: string): boolean {
  return (
    value.length === 26 &&
    matchShape(value, 0, 'dd/') &&
    isMonthAt(value, 3) &&
    matchShape(value, 6, '/dddd:dd:dd:dd ') &&
    (value.charCodeAt(21) === 0x2b || value.charCodeAt(21) === 0x2d) &&
    matchShape(value, 22, 'dddd')
  );
}

export const apiGatewayAccessCsv: TextFormat = {
  name: NAME,
  parse(line) {
    // The source address, then a comma: most lines are turned away within its few characters.
    let comma = 0;
    for (; comma <= MAX_IP; comma++) {
      const c = line.charCodeAt(comma);
      if (!isHexOrColon(c) && c !== 0x2e /* . */) break;
    }
    if (comma === 0 || comma > MAX_IP || line.charCodeAt(comma) !== 0x2c || line.length > MAX_CSV)
      return undefined;
    const values = line.split(',');
    const keys = CSV_LAYOUTS.get(values.length);
    if (keys === undefined || !isRequestTime(values[keys.indexOf('requestTime')] ?? '')) return undefined;
    const fields: Record<string, unknown> = {};
    keys.forEach((key, k) => {
      fields[key] = numberOrText(key, values[k] ?? '');
    });
    return accessLine(line, fields);
  },
};

/** The Serverless Framework's default REST API access log format, its keys in order. */
const SERVERLESS_KEYS = [
  'requestId',
  'ip',
  'caller',
  'user',
  'requestTime',
  'httpMethod',
  'resourcePath',
  'status',
  'protocol',
  'responseLength',
] as const;
const SERVERLESS_HEAD = `${SERVERLESS_KEYS[0]}: `;

export const apiGatewayAccessServerless: TextFormat = {
  name: NAME,
  parse(line) {
    if (!line.startsWith(SERVERLESS_HEAD) || line.length > MAX_CSV) return undefined;
    const fields: Record<string, unknown> = {};
    let start = SERVERLESS_HEAD.length;
    // Each value runs to `, <next key>: `: a value holding `, ` (a path) stays whole.
    for (let k = 0; k < SERVERLESS_KEYS.length; k++) {
      const key = SERVERLESS_KEYS[k] ?? '';
      const next = SERVERLESS_KEYS[k + 1];
      const end = next === undefined ? line.length : line.indexOf(`, ${next}: `, start);
      if (end < 0) return undefined;
      fields[key] = numberOrText(key, line.slice(start, end));
      if (next !== undefined) start = end + next.length + 4;
    }
    return accessLine(line, fields);
  },
};
