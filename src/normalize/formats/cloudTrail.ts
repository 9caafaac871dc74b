import type { LevelName } from '../record.js';
import type { JsonFormat } from '../logFormat.js';

/**
 * CloudTrail events, as a trail delivers them to CloudWatch Logs (one event per log event):
 * `{"eventVersion":"1.08","userIdentity":{…},"eventTime":"…","eventSource":"s3.amazonaws.com",
 * "eventName":"CreateBucket","awsRegion":…,"sourceIPAddress":…,"errorCode":…,"errorMessage":…,…}`.
 * The event source is the record's `name` (the service: what a Kibana user groups by); the
 * message is the API call, and for a failed call `<eventName> failed: <errorCode>: <errorMessage>`
 * (either part may be missing: a failed `ConsoleLogin` has only its `errorMessage`).
 * Level: a call that failed is WARNING, not ERROR: almost every `errorCode` is the caller's
 * (`AccessDenied`, `ValidationException`, `ResourceNotFoundException`, `Client.*`), the service
 * itself worked, and alerts on ERROR would fire on every denied probe; a server-side failure
 * (`InternalError`, `InternalFailure`, `ServiceUnavailable*`, `Server.*`) is ERROR. Every key is
 * kept as it came.
 * Checked against https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 * and the example events of cloudtrail-log-file-examples.html.
 */

const NAME = 'cloudtrail';
const SERVER_ERRORS = [
  'InternalError',
  'InternalFailure',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceFailure',
];

function levelOf(errorCode: string): LevelName {
  if (errorCode.startsWith('Server.')) return 'ERROR';
  for (const code of SERVER_ERRORS) if (errorCode.startsWith(code)) return 'ERROR';
  return 'WARNING';
}

export const cloudTrail: JsonFormat = {
  name: NAME,
  parse(object) {
    const { eventVersion, eventSource, eventName, errorCode, errorMessage } = object;
    if (typeof eventVersion !== 'string' || typeof eventSource !== 'string' || typeof eventName !== 'string')
      return undefined;
    const code = typeof errorCode === 'string' && errorCode !== '' ? errorCode : undefined;
    const reason = typeof errorMessage === 'string' && errorMessage !== '' ? errorMessage : undefined;
    // A failed console sign-in states only `errorMessage` ("Failed authentication").
    const failed = code !== undefined || reason !== undefined;
    const why = [code, reason].filter((part) => part !== undefined).join(': ');
    return {
      message: failed ? `${eventName} failed: ${why}` : eventName,
      levelname: failed ? levelOf(code ?? '') : undefined,
      name: eventSource === '' ? undefined : eventSource,
      fields: { ...object },
    };
  },
};
