import type { ForwarderRecord, LevelName } from '../../src/normalize/record.js';

/** The CloudWatch event id of the `i`-th record of {@link pythonRecord}. */
const FIRST_ID = 35437842364825346230987298137456094732094732094732094732n;

/**
 * A record as the normalizer makes it from a python-json-logger line of a Lambda function (SPEC
 * §3): the five core fields, provenance, the format, then the line's own `fields`.
 */
export function pythonRecord(
  message: string,
  options: {
    readonly index?: number;
    readonly levelname?: LevelName;
    readonly fields?: Record<string, unknown>;
  } = {},
): ForwarderRecord {
  return {
    asctime: '2020-05-11T12:44:44+0000',
    name: 'orders.handler',
    levelname: options.levelname ?? 'INFO',
    message,
    '@timestamp': '2020-05-11T12:44:44.123Z',
    aws_request_id: '6f1f1f3c-58f4-4d0e-9b65-2b5e4f0b8a11',
    cloudwatch: {
      logGroup: '/aws/lambda/orders',
      logStream: '2020/05/11/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0',
      owner: '123456789012',
      id: String(FIRST_ID + BigInt(options.index ?? 0)),
    },
    log_format: 'python-json-logger',
    ...options.fields,
  };
}
