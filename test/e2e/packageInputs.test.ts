import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  resourcesOfType,
  serverlessPackage,
  templateOf,
  type CfnTemplate,
  type Packaged,
} from '../helpers/serverlessPackage.js';

/**
 * `serverless package` for each way logs reach the forwarder (SPEC §7): the CloudFormation it
 * writes for input=kinesis, subscribeAccount, sourceAccounts, and the refusal of bad values.
 */

const work = mkdtempSync(join(tmpdir(), 'cwlf-package-inputs-'));
const THREE = '--param=logGroupsFile=test/fixtures/log-groups/three.yml';
const EXISTING_STREAM = 'arn:aws:kinesis:us-east-1:123456789012:stream/central-logs';
const STREAM_KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

type Run =
  'subscription' | 'kinesis' | 'kinesisAccount' | 'subscriptionAccount' | 'sources' | 'encryptedStream';
type Bad =
  | 'badInput'
  | 'badAccountId'
  | 'sourcesWithoutKinesis'
  | 'badBatchSize'
  | 'badStreamArn'
  | 'badKmsKeyArn'
  | 'kmsKeyOfCreatedStream'
  | 'kmsKeyWithoutKinesis';
const runs = {} as Record<Run | Bad, Packaged>;

beforeAll(async () => {
  // One after the other: each run is CPU-bound on a shared machine.
  runs.subscription = await serverlessPackage(work, 'subscription', [THREE]);
  runs.kinesis = await serverlessPackage(work, 'kinesis', [
    THREE,
    '--param=input=kinesis',
    '--param=kinesisBatchSize=500',
  ]);
  runs.kinesisAccount = await serverlessPackage(work, 'kinesis-account', [
    THREE,
    '--param=input=kinesis',
    '--param=subscribeAccount=true',
    '--param=excludeLogGroups=/aws/lambda/noisy, /aws/ecs/chatty',
  ]);
  runs.subscriptionAccount = await serverlessPackage(work, 'subscription-account', [
    THREE,
    '--param=subscribeAccount=true',
    '--param=accountFilterPattern={ $.levelname = "ERROR" }',
  ]);
  runs.sources = await serverlessPackage(work, 'sources', [
    '--param=input=kinesis',
    `--param=kinesisStreamArn=${EXISTING_STREAM}`,
    '--param=sourceAccounts=111111111111,222222222222',
  ]);
  runs.encryptedStream = await serverlessPackage(work, 'encrypted-stream', [
    THREE,
    '--param=input=kinesis',
    `--param=kinesisStreamArn=${EXISTING_STREAM}`,
    `--param=kinesisStreamKmsKeyArn=${STREAM_KEY}`,
  ]);
  runs.badInput = await serverlessPackage(work, 'bad-input', ['--param=input=firehose']);
  runs.badAccountId = await serverlessPackage(work, 'bad-account', [
    '--param=input=kinesis',
    '--param=sourceAccounts=11111111111',
  ]);
  runs.sourcesWithoutKinesis = await serverlessPackage(work, 'bad-sources', [
    '--param=sourceAccounts=111111111111',
  ]);
  runs.badBatchSize = await serverlessPackage(work, 'bad-batch', [
    '--param=input=kinesis',
    '--param=kinesisBatchSize=20000',
  ]);
  runs.badStreamArn = await serverlessPackage(work, 'bad-stream', [
    '--param=input=kinesis',
    '--param=kinesisStreamArn=arn:aws:sqs:us-east-1:123456789012:queue',
  ]);
  runs.badKmsKeyArn = await serverlessPackage(work, 'bad-kms-key', [
    '--param=input=kinesis',
    `--param=kinesisStreamArn=${EXISTING_STREAM}`,
    '--param=kinesisStreamKmsKeyArn=arn:aws:kms:us-east-1:123456789012:alias/logs',
  ]);
  runs.kmsKeyOfCreatedStream = await serverlessPackage(work, 'kms-key-created', [
    '--param=input=kinesis',
    `--param=kinesisStreamKmsKeyArn=${STREAM_KEY}`,
  ]);
  runs.kmsKeyWithoutKinesis = await serverlessPackage(work, 'kms-key-subscription', [
    `--param=kinesisStreamArn=${EXISTING_STREAM}`,
    `--param=kinesisStreamKmsKeyArn=${STREAM_KEY}`,
  ]);
}, 900_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const streamAtt = { 'Fn::GetAtt': ['LogsStream', 'Arn'] };
const logsRoleAtt = { 'Fn::GetAtt': ['LogsToKinesisRole', 'Arn'] };
const bucketAtt = { 'Fn::GetAtt': ['FailedPayloadsBucket', 'Arn'] };
const functionAtt = { 'Fn::GetAtt': ['ForwarderLambdaFunction', 'Arn'] };

function only(template: CfnTemplate, type: string): Record<string, unknown> & { DependsOn?: string[] } {
  const found = resourcesOfType(template, type);
  expect(found.map(([id]) => id)).toHaveLength(1);
  const resource = found[0]?.[1];
  if (resource === undefined) throw new Error(`no ${type} in the template`);
  return { ...resource.Properties, DependsOn: resource.DependsOn };
}

/** A `Fn::Join` of JSON text and intrinsics, read back with each intrinsic as `<GetAtt X>` / `<Sub …>` text. */
function joinedJson(value: unknown): Record<string, unknown> {
  const parts = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const intrinsic = part as { 'Fn::GetAtt'?: string[]; 'Fn::Sub'?: string };
      return intrinsic['Fn::GetAtt'] !== undefined
        ? `<GetAtt ${intrinsic['Fn::GetAtt'].join('.')}>`
        : `<Sub ${intrinsic['Fn::Sub'] ?? ''}>`;
    })
    .join('');
  return JSON.parse(text) as Record<string, unknown>;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
}
const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

describe('serverless package: input=subscription (the default)', () => {
  it('adds no stream, mapping, account policy or destination', () => {
    const template = templateOf(runs.subscription);
    for (const type of [
      'AWS::Kinesis::Stream',
      'AWS::Lambda::EventSourceMapping',
      'AWS::Logs::AccountPolicy',
      'AWS::Logs::Destination',
    ]) {
      expect(resourcesOfType(template, type)).toEqual([]);
    }
    for (const [, filter] of resourcesOfType(template, 'AWS::Logs::SubscriptionFilter')) {
      expect(filter.Properties.DestinationArn).toEqual(functionAtt);
    }
  });
});

describe('serverless package: input=kinesis', () => {
  it('creates an on-demand, encrypted stream', () => {
    expect(only(templateOf(runs.kinesis), 'AWS::Kinesis::Stream')).toMatchObject({
      Name: 'cwl-forwarder-kinesis-logs',
      RetentionPeriodHours: 24,
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('subscribes each listed log group to the stream, with the role, and the function to none', () => {
    const filters = resourcesOfType(templateOf(runs.kinesis), 'AWS::Logs::SubscriptionFilter').map(
      ([, f]) => f.Properties,
    );
    expect(filters.map((f) => [f.LogGroupName, f.FilterPattern])).toEqual([
      ['/aws/lambda/orders-api', ''],
      ['/aws/lambda/billing-worker', '{ $.levelname = "ERROR" }'],
      ['/aws/lambda/inventory-sync', ''],
    ]);
    for (const filter of filters) {
      expect(filter).toMatchObject({ DestinationArn: streamAtt, RoleArn: logsRoleAtt });
    }
    const invokes = resourcesOfType(templateOf(runs.kinesis), 'AWS::Lambda::Permission').filter(
      ([, p]) => p.Properties.Principal === 'logs.amazonaws.com',
    );
    expect(invokes).toEqual([]);
  });

  it('reads the stream with per-record failure reports, bisection, bounded retries and the failure bucket', () => {
    const mapping = only(templateOf(runs.kinesis), 'AWS::Lambda::EventSourceMapping');
    expect(mapping).toMatchObject({
      FunctionName: { Ref: 'ForwarderLambdaFunction' },
      EventSourceArn: streamAtt,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 500,
      MaximumBatchingWindowInSeconds: 1,
      ParallelizationFactor: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 10,
      MaximumRecordAgeInSeconds: 86400,
      DestinationConfig: { OnFailure: { Destination: bucketAtt } },
    });
    expect(mapping.DependsOn).toContain('ForwarderKinesisReadPolicy');
  });

  it("gives the function's role only the stream reads the mapping needs, on this stream, and the bucket", () => {
    const template = templateOf(runs.kinesis);
    const policy = only(template, 'AWS::IAM::Policy') as {
      Roles: unknown;
      PolicyDocument: { Statement: Statement[] };
    };
    expect(policy.Roles).toEqual([{ Ref: 'IamRoleLambdaExecution' }]);
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
        ],
        Resource: streamAtt,
      },
    ]);
    // The mapping's on-failure destination needs s3:PutObject and s3:ListBucket on the bucket:
    // the function's role has them, on that bucket only.
    const role = template.Resources.IamRoleLambdaExecution?.Properties as {
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    const statements = role.Policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements).toContainEqual({ Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketAtt });
    expect(statements).toContainEqual({
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: { 'Fn::Sub': '${FailedPayloadsBucket.Arn}/*' },
    });
    for (const statement of [...statements, ...policy.PolicyDocument.Statement]) {
      expect(statement.Resource).not.toBe('*');
    }
  });

  it('lets CloudWatch Logs of this account only put records on the stream, nothing else', () => {
    const role = resourcesOfType(templateOf(runs.kinesis), 'AWS::IAM::Role').find(
      ([id]) => id === 'LogsToKinesisRole',
    );
    const properties = role?.[1].Properties as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    expect(properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringLike: {
            'aws:SourceArn': [{ 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' }],
          },
        },
      },
    ]);
    const statements = properties.Policies.flatMap((p) => p.PolicyDocument.Statement);
    expect(statements.flatMap(actionsOf)).toEqual(['kinesis:PutRecord']);
    expect(statements.map((s) => s.Resource)).toEqual([streamAtt]);
  });

  it('outputs the stream ARN', () => {
    expect(templateOf(runs.kinesis).Outputs.LogsStreamArn?.Value).toEqual(streamAtt);
  });
});

describe('serverless package: subscribeAccount=true', () => {
  it('with input=kinesis: one account policy to the stream, every log group but the own, Firehose errors and the excluded', () => {
    const template = templateOf(runs.kinesisAccount);
    const policy = only(template, 'AWS::Logs::AccountPolicy');
    expect(policy).toMatchObject({ PolicyType: 'SUBSCRIPTION_FILTER_POLICY', Scope: 'ALL' });
    expect(policy.SelectionCriteria).toBe(
      'LogGroupName NOT IN ["/aws/lambda/cwl-forwarder-kinesis-account-forwarder", ' +
        '"/aws/kinesisfirehose/logging-test", "/aws/lambda/noisy", "/aws/ecs/chatty"]',
    );
    expect(joinedJson(policy.PolicyDocument)).toEqual({
      DestinationArn: '<GetAtt LogsStream.Arn>',
      RoleArn: '<GetAtt LogsToKinesisRole.Arn>',
      FilterPattern: '',
      Distribution: 'Random',
    });
    // The log group list is not used: no per-group filters beside the policy.
    expect(resourcesOfType(template, 'AWS::Logs::SubscriptionFilter')).toEqual([]);
  });

  it("with input=subscription: one account policy invoking the function, allowed for the account's log groups", () => {
    const template = templateOf(runs.subscriptionAccount);
    const policy = only(template, 'AWS::Logs::AccountPolicy');
    expect(policy.SelectionCriteria).toBe(
      'LogGroupName NOT IN ["/aws/lambda/cwl-forwarder-subscription-account-forwarder", "/aws/kinesisfirehose/logging-test"]',
    );
    expect(joinedJson(policy.PolicyDocument)).toEqual({
      DestinationArn: '<GetAtt ForwarderLambdaFunction.Arn>',
      FilterPattern: '{ $.levelname = "ERROR" }',
    });
    expect(policy.DependsOn).toEqual(['AccountSubscriptionInvokePermission']);
    expect(template.Resources.AccountSubscriptionInvokePermission?.Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: functionAtt,
      Principal: 'logs.amazonaws.com',
      SourceArn: { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*' },
      SourceAccount: { 'Fn::Sub': '${AWS::AccountId}' },
    });
    expect(resourcesOfType(template, 'AWS::Logs::SubscriptionFilter')).toEqual([]);
    expect(resourcesOfType(template, 'AWS::Kinesis::Stream')).toEqual([]);
  });
});

describe('serverless package: sourceAccounts', () => {
  it('puts a destination in front of the existing stream, open to those accounts only', () => {
    const template = templateOf(runs.sources);
    expect(resourcesOfType(template, 'AWS::Kinesis::Stream')).toEqual([]);
    const destination = only(template, 'AWS::Logs::Destination');
    expect(destination).toMatchObject({
      DestinationName: 'cwl-forwarder-sources-logs',
      TargetArn: EXISTING_STREAM,
      RoleArn: logsRoleAtt,
    });
    expect(joinedJson(destination.DestinationPolicy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['111111111111', '222222222222'] },
          Action: ['logs:PutSubscriptionFilter', 'logs:PutAccountPolicy'],
          Resource:
            '<Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:destination:cwl-forwarder-sources-logs>',
        },
      ],
    });
    expect(template.Outputs.LogsDestinationArn?.Value).toEqual({ 'Fn::GetAtt': ['LogsDestination', 'Arn'] });
  });

  it("lets CloudWatch Logs assume the stream role for this account's and the source accounts' logs", () => {
    const role = templateOf(runs.sources).Resources.LogsToKinesisRole?.Properties as {
      AssumeRolePolicyDocument: { Statement: { Condition: { StringLike: { 'aws:SourceArn': unknown } } }[] };
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    expect(role.AssumeRolePolicyDocument.Statement[0]?.Condition.StringLike['aws:SourceArn']).toEqual([
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:111111111111:*' },
      { 'Fn::Sub': 'arn:${AWS::Partition}:logs:${AWS::Region}:222222222222:*' },
    ]);
    expect(role.Policies[0]?.PolicyDocument.Statement[0]?.Resource).toBe(EXISTING_STREAM);
    const mapping = only(templateOf(runs.sources), 'AWS::Lambda::EventSourceMapping');
    expect(mapping.EventSourceArn).toBe(EXISTING_STREAM);
  });
});

describe('serverless package: an existing stream encrypted with a customer managed key', () => {
  const scoped = {
    StringEquals: {
      'kms:EncryptionContext:aws:kinesis:arn': EXISTING_STREAM,
    },
  };

  it("lets the function's role decrypt the records with that key, for that stream only", () => {
    const policy = templateOf(runs.encryptedStream).Resources.ForwarderKinesisReadPolicy?.Properties as {
      PolicyDocument: { Statement: Statement[] };
    };
    const statements = policy.PolicyDocument.Statement;
    expect(statements[0]?.Resource).toBe(EXISTING_STREAM);
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('kms:')))).toEqual([
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: STREAM_KEY, Condition: scoped },
    ]);
    // The mapping waits for the grant, as it waits for the stream reads.
    expect(only(templateOf(runs.encryptedStream), 'AWS::Lambda::EventSourceMapping').DependsOn).toContain(
      'ForwarderKinesisReadPolicy',
    );
  });

  it("lets CloudWatch Logs' role make the data keys it encrypts with, scoped the same way", () => {
    const role = templateOf(runs.encryptedStream).Resources.LogsToKinesisRole?.Properties as {
      Policies: { PolicyDocument: { Statement: Statement[] } }[];
    };
    expect(role.Policies.flatMap((p) => p.PolicyDocument.Statement)).toEqual([
      { Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: EXISTING_STREAM },
      { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: STREAM_KEY, Condition: scoped },
    ]);
  });

  it('grants no KMS use without the param: neither for an existing stream nor for the created one', () => {
    for (const run of [runs.sources, runs.kinesis]) {
      const text = JSON.stringify(templateOf(run).Resources);
      expect(text).not.toMatch(/"kms:/);
    }
  });
});

describe('serverless package: bad input params are refused, naming the param', () => {
  it.each([
    ['badInput', /param input: expected subscription or kinesis, got "firehose"/],
    ['badAccountId', /param sourceAccounts: expected AWS account ids of 12 digits.*"11111111111"/],
    ['sourcesWithoutKinesis', /param sourceAccounts: expected to be used with input=kinesis/],
    ['badBatchSize', /param kinesisBatchSize: expected a whole number from 1 to 10000/],
    ['badStreamArn', /param kinesisStreamArn: expected arn:aws:kinesis:/],
    [
      'badKmsKeyArn',
      /param kinesisStreamKmsKeyArn: expected arn:aws:kms:<region>:<account>:key\/<key id> \(a key ARN, not an alias\)/,
    ],
    [
      'kmsKeyOfCreatedStream',
      /param kinesisStreamKmsKeyArn: expected to be used with input=kinesis and kinesisStreamArn/,
    ],
    [
      'kmsKeyWithoutKinesis',
      /param kinesisStreamKmsKeyArn: expected to be used with input=kinesis and kinesisStreamArn/,
    ],
  ] as const)('%s', (name, message) => {
    const packaged = runs[name];
    expect(packaged.code).not.toBe(0);
    expect(packaged.template).toBeUndefined();
    expect(packaged.output).toMatch(message);
  });
});
