import { gunzipSync } from 'node:zlib';

/**
 * The lightest peer: the Firehose "Process CloudWatch logs sent to Kinesis Firehose" blueprint
 * (kinesis-firehose-cloudwatch-logs-processor), whose transform turns each log event into its
 * message plus `\n`, with no parsing of the line. Rewritten here from its documented behaviour
 * for `npm run bench`: decode the subscription payload, one record (bytes) per event's message
 * and `\n`.
 */
export function firehoseProcessor(data: string): Buffer[] {
  const payload = JSON.parse(gunzipSync(Buffer.from(data, 'base64')).toString('utf8')) as {
    messageType: string;
    logEvents: { message: string }[];
  };
  if (payload.messageType === 'CONTROL_MESSAGE') return [];
  return payload.logEvents.map((event) => Buffer.from(`${event.message}\n`));
}
