import { describe, expect, it } from 'vitest';
import { excludedLogGroups, inputResources, selectionCriteria } from '../../../config/inputResources.js';
import { InputParamError, readInputSettings } from '../../../config/inputSettings.js';

const context = {
  service: 'cwl-forwarder',
  stage: 'prod',
  ownLogGroup: '/aws/lambda/cwl-forwarder-prod-forwarder',
  deliveryStreamName: 'app-logs',
  subscriptions: [
    { logGroup: '/aws/lambda/orders-api', filter: '', controls: {} },
    { logGroup: '/aws/lambda/billing-worker', filter: '?ERROR', controls: {} },
  ],
};

const STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/central-logs';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

function refusal(params: Record<string, unknown>): InputParamError {
  try {
    readInputSettings(params);
  } catch (error) {
    expect(error).toBeInstanceOf(InputParamError);
    return error as InputParamError;
  }
  throw new Error('expected the params to be refused');
}

describe('readInputSettings', () => {
  it('defaults to the subscription input, and to a mapping that retries 10 times for at most a day', () => {
    const settings = readInputSettings({});
    expect(settings.input).toBe('subscription');
    expect(settings.subscribeAccount).toBe(false);
    expect(settings.mapping).toEqual({
      batchSize: 100,
      batchWindowSeconds: 1,
      parallelizationFactor: 1,
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: 10,
      maximumRecordAgeSeconds: 86400,
    });
  });

  it('reads YAML scalars and --param strings alike', () => {
    const settings = readInputSettings({ input: 'kinesis', subscribeAccount: true, kinesisBatchSize: '250' });
    expect(settings).toMatchObject({ input: 'kinesis', subscribeAccount: true, mapping: { batchSize: 250 } });
  });

  it.each([
    [{ kinesisParallelization: '11' }, 'kinesisParallelization', /1 to 10/],
    // -1 (forever) would let one poison record block its shard until it expires.
    [{ kinesisMaxRetryAttempts: '-1' }, 'kinesisMaxRetryAttempts', /0 to 10000/],
    [{ kinesisMaxRecordAgeSeconds: '30' }, 'kinesisMaxRecordAgeSeconds', /60 to 604800/],
    [{ kinesisStartingPosition: 'AT_TIMESTAMP' }, 'kinesisStartingPosition', /TRIM_HORIZON or LATEST/],
    [{ subscribeAccount: 'maybe' }, 'subscribeAccount', /true or false/],
    [{ excludeLogGroups: '/aws/lambda/ok, bad name!' }, 'excludeLogGroups', /"bad"|"name!"/],
    [{ input: 'kinesis', sourceAccounts: '1234567890123' }, 'sourceAccounts', /12 digits/],
  ])('refuses %j naming %s', (params, param, expected) => {
    const error = refusal(params);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(new RegExp(`^param ${param}: `));
    expect(error.message).toMatch(expected);
  });

  it.each([
    [
      { input: 'kinesis', kinesisStreamArn: STREAM, kinesisStreamKmsKeyArn: 'alias/logs' },
      /a key ARN, not an alias/,
    ],
    [
      {
        input: 'kinesis',
        kinesisStreamArn: STREAM,
        kinesisStreamKmsKeyArn: KEY.replace(/key\/.*/, 'alias/logs'),
      },
      /a key ARN, not an alias/,
    ],
    [{ kinesisStreamKmsKeyArn: KEY }, /to be used with input=kinesis and kinesisStreamArn/],
    [{ input: 'kinesis', kinesisStreamKmsKeyArn: KEY }, /to be used with input=kinesis and kinesisStreamArn/],
    [
      {
        input: 'kinesis',
        kinesisStreamArn: STREAM,
        kinesisStreamKmsKeyArn: KEY.replace('us-east-1', 'eu-west-1'),
      },
      /a key of the stream's partition and Region \(arn:aws:kms:us-east-1:/,
    ],
  ])('refuses kinesisStreamKmsKeyArn in %j', (params, expected) => {
    const error = refusal(params);
    expect(error.param).toBe('kinesisStreamKmsKeyArn');
    expect(error.message).toMatch(/^param kinesisStreamKmsKeyArn: /);
    expect(error.message).toMatch(expected);
  });

  it("takes a multi-Region key of the stream's Region", () => {
    const arn = 'arn:aws:kms:us-east-1:210987654321:key/mrk-1234abcd12ab34cd56ef1234567890ab';
    expect(
      readInputSettings({ input: 'kinesis', kinesisStreamArn: STREAM, kinesisStreamKmsKeyArn: arn })
        .kinesisStreamKmsKeyArn,
    ).toEqual({ arn, partition: 'aws', region: 'us-east-1' });
  });

  it('takes source accounts comma- or space-separated, each once', () => {
    expect(
      readInputSettings({ input: 'kinesis', sourceAccounts: '111111111111, 222222222222 111111111111' })
        .sourceAccounts,
    ).toEqual(['111111111111', '222222222222']);
  });
});

describe('inputResources', () => {
  it('keeps a filter where it is when an entry is added before it (no replacement, no third filter)', () => {
    const settings = readInputSettings({ input: 'kinesis' });
    const before = Object.keys(inputResources(settings, context).Resources);
    const after = Object.keys(
      inputResources(settings, {
        ...context,
        subscriptions: [
          { logGroup: '/aws/ecs/new-service', filter: '', controls: {} },
          ...context.subscriptions,
        ],
      }).Resources,
    );
    for (const id of before) expect(after).toContain(id);
    expect(after).toHaveLength(before.length + 1);
  });

  it('keeps a filter pattern literal in the account policy document, ${…} and quotes included', () => {
    const pattern = '{ $.message = "${not a variable}" }';
    const settings = readInputSettings({ subscribeAccount: 'true', accountFilterPattern: pattern });
    const policy = inputResources(settings, context).Resources.AccountSubscriptionFilterPolicy;
    const join = policy?.Properties.PolicyDocument as { 'Fn::Join': [string, unknown[]] };
    const text = join['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : '"ARN"'))
      .join('')
      .replace('""ARN""', '"ARN"');
    expect(JSON.parse(text)).toEqual({ DestinationArn: 'ARN', FilterPattern: pattern });
    expect(JSON.stringify(policy)).not.toContain('Fn::Sub":"{');
  });

  it('leaves out the own log group and the Firehose error log, then the excluded ones', () => {
    const settings = readInputSettings({ subscribeAccount: 'true', excludeLogGroups: '/aws/lambda/noisy' });
    expect(excludedLogGroups(settings, context)).toEqual([
      '/aws/lambda/cwl-forwarder-prod-forwarder',
      '/aws/kinesisfirehose/app-logs',
      '/aws/lambda/noisy',
    ]);
  });

  it('refuses an exclusion list the 25 KB selection criteria cannot hold, naming excludeLogGroups', () => {
    const names = Array.from({ length: 60 }, (_, i) => `/aws/lambda/${'x'.repeat(480)}${i}`);
    expect(() => selectionCriteria(names)).toThrow(/^param excludeLogGroups: .*25600 bytes/);
  });
});
