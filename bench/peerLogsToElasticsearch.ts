import { gunzipSync } from 'node:zlib';

/**
 * The peer a user of CloudWatch Logs starts from: AWS's LogsToElasticsearch blueprint (the Lambda
 * the CloudWatch console creates for "Subscription filters → Create Amazon OpenSearch Service
 * subscription filter", `LogsToElasticsearch_<domain>`, v1.1.2), its transform rewritten here
 * from its documented behaviour so `npm run bench` can time it beside the pipeline on the same
 * payload. Per log event it builds one document: the fields of the JSON object that starts at the
 * message's first `{` (when that substring parses), then `@id`, `@timestamp` (ISO, from the
 * event), `@message`, `@owner`, `@log_group`, `@log_stream`; each document goes into the `_bulk`
 * body after its action line `{"index":{"_index":"cwl-YYYY.MM.DD","_type":<log group>,"_id":<id>}}`.
 * No signing, no network: the body is made and turned into bytes, what a request would send.
 * The original parses the JSON substring twice (a validity check, then the parse); this rewrite
 * parses it once, so the peer is, if anything, faster than the original.
 */

interface LogEvent {
  id: string;
  timestamp: number;
  message: string;
}

interface Payload {
  messageType: string;
  owner: string;
  logGroup: string;
  logStream: string;
  logEvents: LogEvent[];
}

function jsonFields(message: string): Record<string, unknown> {
  const start = message.indexOf('{');
  if (start < 0) return {};
  try {
    const value: unknown = JSON.parse(message.substring(start));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const two = (n: number): string => `0${n}`.slice(-2);

/** The blueprint's transform of one subscription payload (`awslogs.data`): the `_bulk` body's bytes. */
export function logsToElasticsearch(data: string): Buffer {
  const payload = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as Payload;
  if (payload.messageType === 'CONTROL_MESSAGE') return Buffer.alloc(0);
  let body = '';
  for (const event of payload.logEvents) {
    const time = new Date(event.timestamp);
    const index = `cwl-${time.getUTCFullYear()}.${two(time.getUTCMonth() + 1)}.${two(time.getUTCDate())}`;
    const source = jsonFields(event.message);
    source['@id'] = event.id;
    source['@timestamp'] = time.toISOString();
    source['@message'] = event.message;
    source['@owner'] = payload.owner;
    source['@log_group'] = payload.logGroup;
    source['@log_stream'] = payload.logStream;
    const action = { index: { _index: index, _type: payload.logGroup, _id: event.id } };
    body += `${JSON.stringify(action)}\n${JSON.stringify(source)}\n`;
  }
  return Buffer.from(body);
}
