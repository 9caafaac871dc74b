import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_DIR, serverlessPackage } from '../helpers/serverlessPackage.js';

/**
 * `serverless package` on the real serverless.yml, offline, with different stages, params and
 * log group lists; the assertions read the CloudFormation template it writes.
 */

const work = mkdtempSync(join(tmpdir(), 'cwlf-package-'));

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
}
interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}
interface Packaged {
  code: number;
  output: string;
  template: Template | undefined;
  /** The function's package, when one was written. */
  zip: Buffer | undefined;
}

/**
 * A variant of serverless.yml, written beside it for one run (Serverless wants the file in the
 * service folder) and removed after: `edit` changes its text.
 */
function variantConfig(name: string, edit: (yaml: string) => string): { file: string; remove: () => void } {
  const file = `serverless.${name}-${process.pid}.test.yml`;
  const text = edit(readFileSync(join(SERVICE_DIR, 'serverless.yml'), 'utf8'));
  writeFileSync(join(SERVICE_DIR, file), text);
  return {
    file,
    remove: () => {
      rmSync(join(SERVICE_DIR, file), { force: true });
    },
  };
}

/** serverless.yml with the forwarder writing to `logGroup` (Lambda's LoggingConfig), and maybe a second function there too. */
function withForwarderLogGroup(logGroup: string, sharedBy?: string) {
  return (yaml: string): string => {
    const handler = '    handler: functions/forwarder.handler\n';
    if (!yaml.includes(handler)) throw new Error('serverless.yml has no forwarder handler line');
    let edited = yaml.replace(handler, `${handler}    logs:\n      logGroup: ${logGroup}\n`);
    if (sharedBy !== undefined) {
      edited = edited.replace(
        '\nfunctions:\n',
        `\nfunctions:\n  ${sharedBy}:\n    handler: functions/forwarder.handler\n    logs:\n      logGroup: ${logGroup}\n`,
      );
    }
    return edited;
  };
}

function packageWith(name: string, args: string[], shell: Record<string, string> = {}): Promise<Packaged> {
  return serverlessPackage(work, name, args, shell);
}

const runs: Record<
  | 'three'
  | 'stack'
  | 'existing'
  | 'loop'
  | 'invalid'
  | 'empty'
  | 'kinesis'
  | 'stray'
  | 'shared'
  | 'customLoop',
  Packaged
> = {} as never;
const EXAMPLE_LIST = '--param=logGroupsFile=config/log-groups.example.yml';

beforeAll(async () => {
  // One after the other: each run is CPU-bound and they share .serverless/ in the checkout.
  runs.three = await packageWith('three', ['--param=logGroupsFile=test/fixtures/log-groups/three.yml']);
  runs.stack = await packageWith('stack', [
    EXAMPLE_LIST,
    '--param=openSearchAllowedCidrs=203.0.113.0/24, 2001:db8::/32',
    '--param=reservedConcurrency=5',
    '--param=logRetentionDays=14',
    '--param=createDeliveryStream=true',
    '--param=createOpenSearchDomain=true',
    '--param=deliveryStreamName=app-stream',
    '--param=indexName=app-logs',
    '--param=memorySize=512',
    '--param=rejoinMultiline=true',
  ]);
  runs.existing = await packageWith('existing', [
    EXAMPLE_LIST,
    '--param=createDeliveryStream=true',
    '--param=openSearchDomainArn=arn:aws:es:us-east-1:123456789012:domain/team-logs',
  ]);
  runs.loop = await packageWith('loop', ['--param=logGroupsFile=test/fixtures/log-groups/own-log-group.yml']);
  runs.invalid = await packageWith('invalid', [
    '--param=logGroupsFile=test/fixtures/log-groups/invalid.yml',
    '--param=createDeliveryStream=true',
  ]);
  // A fresh clone: no config/log-groups.yml, nothing else to subscribe.
  runs.empty = await packageWith('empty', []);
  // No list either, but a Kinesis input covers it; and the created domain with no allowed networks.
  runs.kinesis = await packageWith('kinesis', [
    '--param=input=kinesis',
    '--param=createOpenSearchDomain=true',
  ]);
  // A variable left in the shell by a local run must not reach the deployed template.
  runs.stray = await packageWith('prod', [EXAMPLE_LIST], { DELIVERY_STREAM_NAME: 'my-local-test' });
  const shared = variantConfig('shared', withForwarderLogGroup('/shared/app-logs', 'worker'));
  const customLoop = variantConfig('custom-loop', withForwarderLogGroup('/aws/lambda/inventory-sync'));
  try {
    runs.shared = await packageWith('shared', [`--config=${shared.file}`, EXAMPLE_LIST]);
    runs.customLoop = await packageWith('customloop', [
      `--config=${customLoop.file}`,
      '--param=logGroupsFile=test/fixtures/log-groups/three.yml',
    ]);
  } finally {
    shared.remove();
    customLoop.remove();
  }
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function templateOf(packaged: Packaged): Template {
  if (packaged.template === undefined) throw new Error(`serverless package failed:\n${packaged.output}`);
  return packaged.template;
}

function resourcesOfType(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function resource(template: Template, logicalId: string): Resource {
  const found = template.Resources[logicalId];
  if (found === undefined) throw new Error(`no ${logicalId} in the template`);
  return found;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
function forwarderStatements(template: Template): Statement[] {
  const role = resource(template, 'IamRoleLambdaExecution');
  const policies = role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}
function actions(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}
function forwarderEnv(template: Template): Record<string, string> {
  const environment = resource(template, 'ForwarderLambdaFunction').Properties.Environment as {
    Variables: Record<string, string>;
  };
  return environment.Variables;
}

describe('serverless package: log groups from configuration', () => {
  it('creates one subscription filter per listed log group, with its filter pattern', () => {
    const filters = resourcesOfType(templateOf(runs.three), 'AWS::Logs::SubscriptionFilter').map(
      ([, filter]) => filter.Properties,
    );
    expect(filters).toEqual([
      expect.objectContaining({ LogGroupName: '/aws/lambda/orders-api', FilterPattern: '' }),
      expect.objectContaining({
        LogGroupName: '/aws/lambda/billing-worker',
        FilterPattern: '{ $.levelname = "ERROR" }',
      }),
      expect.objectContaining({ LogGroupName: '/aws/lambda/inventory-sync', FilterPattern: '' }),
    ]);
    for (const filter of filters) {
      expect(filter.DestinationArn).toEqual({ 'Fn::GetAtt': ['ForwarderLambdaFunction', 'Arn'] });
    }
  });

  it('lets CloudWatch Logs invoke the forwarder', () => {
    const permissions = resourcesOfType(templateOf(runs.three), 'AWS::Lambda::Permission').map(
      ([, permission]) => permission.Properties,
    );
    expect(permissions).toContainEqual(
      expect.objectContaining({
        Action: 'lambda:InvokeFunction',
        Principal: { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
      }),
    );
  });

  it('refuses to package a stage with no log group to subscribe, saying what to put where', () => {
    expect(runs.empty.code).not.toBe(0);
    expect(runs.empty.template).toBeUndefined();
    expect(runs.empty.output).toContain(
      'no log groups to subscribe: config/log-groups.yml is missing or empty.',
    );
    expect(runs.empty.output).toContain('Copy config/log-groups.example.yml to config/log-groups.yml');
    expect(runs.empty.output).toContain('--param="subscribeAccount=true"');
  });

  it('packages with no list when a Kinesis input feeds the forwarder, with no subscription filter', () => {
    const template = templateOf(runs.kinesis);
    expect(resourcesOfType(template, 'AWS::Logs::SubscriptionFilter')).toEqual([]);
  });

  it('reads the list given by logGroupsFile', () => {
    const groups = resourcesOfType(templateOf(runs.existing), 'AWS::Logs::SubscriptionFilter').map(
      ([, filter]) => filter.Properties.LogGroupName,
    );
    expect(groups).toEqual(['/aws/lambda/orders-api', '/aws/lambda/billing-worker']);
  });

  it("fails, saying why, when the list names the forwarder's own log group", () => {
    expect(runs.loop.code).not.toBe(0);
    expect(runs.loop.output).toContain(
      "/aws/lambda/cwl-forwarder-loop-forwarder is the forwarder's own log group; subscribing it would feed",
    );
    expect(runs.loop.template).toBeUndefined();
  });

  it('refuses a custom log group of the forwarder that another function shares, naming both', () => {
    expect(runs.shared.code).not.toBe(0);
    expect(runs.shared.output).toContain(
      "the forwarder's log group /shared/app-logs is shared with functions.worker",
    );
    expect(runs.shared.template).toBeUndefined();
  });

  it('refuses a custom log group of the forwarder that the subscription list names', () => {
    expect(runs.customLoop.code).not.toBe(0);
    expect(runs.customLoop.output).toContain(
      "the log group list names the forwarder's own log group /aws/lambda/inventory-sync",
    );
    expect(runs.customLoop.template).toBeUndefined();
  });

  it('fails listing every problem of a malformed list: bad names, duplicates, a third filter', () => {
    expect(runs.invalid.code).not.toBe(0);
    expect(runs.invalid.output).toContain('test/fixtures/log-groups/invalid.yml: invalid log group list');
    expect(runs.invalid.output).toContain('entry 1: "/aws/lambda/has spaces" is not a log group name');
    expect(runs.invalid.output).toContain('entry 3: duplicate of an earlier entry');
    expect(runs.invalid.output).toContain('entry 6: /aws/lambda/billing-worker has more than 2 filters');
  });
});

describe('serverless package: the forwarder', () => {
  it('may call PutRecordBatch on the configured stream only, and no other Firehose action', () => {
    const firehose = forwarderStatements(templateOf(runs.three)).filter((statement) =>
      actions(statement).some((action) => action.startsWith('firehose:')),
    );
    expect(firehose).toEqual([
      {
        Effect: 'Allow',
        Action: ['firehose:PutRecordBatch'],
        Resource: {
          'Fn::Sub':
            'arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/logging-test',
        },
      },
    ]);
  });

  it('has no statement on every resource', () => {
    const statements = forwarderStatements(templateOf(runs.stack));
    expect(statements.filter((statement) => JSON.stringify(statement.Resource) === '"*"')).toEqual([]);
  });

  it('writes to the stream named by the deliveryStreamName param', () => {
    const template = templateOf(runs.stack);
    expect(forwarderEnv(template).DELIVERY_STREAM_NAME).toBe('app-stream');
    const firehose = forwarderStatements(template).find(
      (statement) => actions(statement)[0] === 'firehose:PutRecordBatch',
    );
    expect(JSON.stringify(firehose?.Resource)).toMatch(/deliverystream\/app-stream"/);
  });

  it('ignores a DELIVERY_STREAM_NAME left in the shell: environment and IAM name the param stream', () => {
    const template = templateOf(runs.stray);
    expect(forwarderEnv(template).DELIVERY_STREAM_NAME).toBe('logging-test');
    expect(JSON.stringify(template)).not.toContain('my-local-test');
  });

  it('takes memory and settings from params, with defaults', () => {
    const defaults = templateOf(runs.three);
    const tuned = templateOf(runs.stack);
    expect(resource(defaults, 'ForwarderLambdaFunction').Properties).toMatchObject({
      MemorySize: 256,
      Timeout: 60,
    });
    expect(forwarderEnv(defaults)).toMatchObject({
      DELIVERY_STREAM_NAME: 'logging-test',
      REJOIN_MULTILINE: 'false',
      DELIVERY_CONCURRENCY: '4',
      MAX_PAYLOAD_BYTES: '33554432',
      FAILED_PAYLOADS_BUCKET: { Ref: 'FailedPayloadsBucket' },
    });
    expect(resource(tuned, 'ForwarderLambdaFunction').Properties.MemorySize).toBe(512);
    expect(forwarderEnv(tuned).REJOIN_MULTILINE).toBe('true');
  });

  it('retries a failed payload twice, then writes it to the on-failure S3 bucket', () => {
    const template = templateOf(runs.three);
    expect(resource(template, 'ForwarderLambdaEvConf')).toEqual({
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'ForwarderLambdaFunction' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedPayloadsBucket', 'Arn'] } } },
      },
    });
    expect(forwarderEnv(template).FAILED_PAYLOADS_BUCKET).toEqual({ Ref: 'FailedPayloadsBucket' });
  });

  it('makes the bucket encrypted, private, TLS-only, expiring after failedPayloadsRetentionDays, kept with the stack', () => {
    const template = templateOf(runs.three);
    const bucket = resource(template, 'FailedPayloadsBucket') as Resource & { DeletionPolicy?: string };
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 90 })],
      },
    });
    const policy = resource(template, 'FailedPayloadsBucketPolicy').Properties as {
      Bucket: unknown;
      PolicyDocument: { Statement: unknown[] };
    };
    expect(policy.Bucket).toEqual({ Ref: 'FailedPayloadsBucket' });
    expect(policy.PolicyDocument.Statement).toEqual([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [
          { 'Fn::GetAtt': ['FailedPayloadsBucket', 'Arn'] },
          { 'Fn::Sub': '${FailedPayloadsBucket.Arn}/*' },
        ],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]);
  });

  it('lets the forwarder write objects to that bucket and list it, nothing else in S3', () => {
    const s3 = forwarderStatements(templateOf(runs.three)).filter((statement) =>
      actions(statement).some((action) => action.startsWith('s3:')),
    );
    expect(s3).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject'], Resource: { 'Fn::Sub': '${FailedPayloadsBucket.Arn}/*' } },
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket'],
        Resource: { 'Fn::GetAtt': ['FailedPayloadsBucket', 'Arn'] },
      },
    ]);
    // The former queue is no destination any more: nothing may send to it.
    expect(forwarderStatements(templateOf(runs.three)).flatMap(actions)).not.toContain('sqs:SendMessage');
  });

  it('exposes the bucket name and ARN as stack outputs, and keeps the former queue for what it still holds', () => {
    const template = templateOf(runs.three);
    expect(template.Outputs.FailedPayloadsBucketName?.Value).toEqual({ Ref: 'FailedPayloadsBucket' });
    expect(template.Outputs.FailedPayloadsBucketArn?.Value).toEqual({
      'Fn::GetAtt': ['FailedPayloadsBucket', 'Arn'],
    });
    expect(resource(template, 'FailedPayloadsQueue')).toMatchObject({
      Type: 'AWS::SQS::Queue',
      DeletionPolicy: 'Retain',
    });
    expect(template.Outputs.FailedPayloadsQueueUrl?.Value).toEqual({ Ref: 'FailedPayloadsQueue' });
  });
});

describe('serverless package: the optional log stack', () => {
  it('adds no delivery stream, bucket, role or domain by default', () => {
    const types = Object.values(templateOf(runs.three).Resources).map((r) => r.Type);
    expect(types).not.toContain('AWS::KinesisFirehose::DeliveryStream');
    expect(types).not.toContain('AWS::OpenSearchService::Domain');
    expect(types.filter((type) => type === 'AWS::IAM::Role')).toEqual(['AWS::IAM::Role']); // the forwarder's
    // The deployment bucket and the on-failure bucket.
    expect(types.filter((type) => type === 'AWS::S3::Bucket')).toHaveLength(2);
  });

  it('creates the delivery stream to OpenSearch with daily indices and every document backed up to S3', () => {
    const template = templateOf(runs.stack);
    const stream = resource(template, 'DeliveryStream');
    expect(stream.Properties.DeliveryStreamName).toBe('app-stream');
    expect(stream.Properties.AmazonopensearchserviceDestinationConfiguration).toMatchObject({
      DomainARN: { 'Fn::GetAtt': ['OpenSearchDomain', 'Arn'] },
      IndexName: 'app-logs',
      IndexRotationPeriod: 'OneDay',
      RoleARN: { 'Fn::GetAtt': ['FirehoseDeliveryRole', 'Arn'] },
      RetryOptions: { DurationInSeconds: 300 },
      BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 5 },
      S3BackupMode: 'AllDocuments',
      S3Configuration: {
        BucketARN: { 'Fn::GetAtt': ['BackupBucket', 'Arn'] },
        RoleARN: { 'Fn::GetAtt': ['FirehoseDeliveryRole', 'Arn'] },
      },
      CloudWatchLoggingOptions: {
        Enabled: true,
        LogGroupName: { Ref: 'FirehoseLogGroup' },
        LogStreamName: { Ref: 'FirehoseDestinationLogStream' },
      },
    });
  });

  it('expires backups with a lifecycle rule', () => {
    const bucket = resource(templateOf(runs.stack), 'BackupBucket');
    expect(bucket.Properties.LifecycleConfiguration).toEqual({
      Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 90 })],
    });
  });

  it("scopes Firehose's role to the stack's bucket, domain and error log", () => {
    const template = templateOf(runs.stack);
    const trust = JSON.stringify(
      resource(template, 'FirehoseDeliveryRole').Properties.AssumeRolePolicyDocument,
    );
    expect(trust).toContain('firehose.amazonaws.com');
    const policy = resource(template, 'FirehoseDeliveryPolicy').Properties.PolicyDocument as {
      Statement: Statement[];
    };
    const resources = policy.Statement.flatMap((statement) =>
      Array.isArray(statement.Resource) ? (statement.Resource as unknown[]) : [statement.Resource],
    );
    const unscoped = resources.filter(
      (arn) => !/BackupBucket|OpenSearchDomain|FirehoseLogGroup/.test(JSON.stringify(arn)),
    );
    expect(unscoped).toEqual([]);
    expect(resource(template, 'DeliveryStream').DependsOn).toContain('FirehoseDeliveryPolicy');
  });

  it('creates the domain with fine-grained access control and a generated master password', () => {
    const template = templateOf(runs.stack);
    const security = resource(template, 'OpenSearchDomain').Properties.AdvancedSecurityOptions as {
      Enabled: boolean;
      MasterUserOptions: { MasterUserPassword: unknown };
    };
    expect(security.Enabled).toBe(true);
    expect(JSON.stringify(security.MasterUserOptions.MasterUserPassword)).toContain(
      '{{resolve:secretsmanager:${OpenSearchMasterUserSecret}',
    );
    expect(template.Outputs.OpenSearchDashboardsUrl).toBeDefined();
  });

  it('delivers to an existing domain given by ARN, without creating one', () => {
    const template = templateOf(runs.existing);
    const destination = resource(template, 'DeliveryStream').Properties
      .AmazonopensearchserviceDestinationConfiguration as { DomainARN: unknown };
    expect(destination.DomainARN).toBe('arn:aws:es:us-east-1:123456789012:domain/team-logs');
    expect(resourcesOfType(template, 'AWS::OpenSearchService::Domain')).toEqual([]);
  });

  it('fails, saying what to set, when the stream is switched on with no domain', () => {
    expect(runs.invalid.code).not.toBe(0);
    expect(runs.invalid.output).toContain(
      'createDeliveryStream=true needs a domain: set param openSearchDomainArn',
    );
  });
});

describe('serverless package: locked down', () => {
  it("keeps the forwarder's own log 30 days by default, logRetentionDays otherwise", () => {
    expect(resource(templateOf(runs.three), 'ForwarderLogGroup').Properties.RetentionInDays).toBe(30);
    expect(resource(templateOf(runs.stack), 'ForwarderLogGroup').Properties.RetentionInDays).toBe(14);
  });

  it('reserves no concurrency by default, and reservedConcurrency when set', () => {
    expect(
      resource(templateOf(runs.three), 'ForwarderLambdaFunction').Properties.ReservedConcurrentExecutions,
    ).toEqual({
      Ref: 'AWS::NoValue',
    });
    expect(
      resource(templateOf(runs.stack), 'ForwarderLambdaFunction').Properties.ReservedConcurrentExecutions,
    ).toBe(5);
  });

  it('gives every bucket of the stack a policy refusing requests without TLS', () => {
    const template = templateOf(runs.stack);
    const buckets = resourcesOfType(template, 'AWS::S3::Bucket').map(([id]) => id);
    expect(buckets).toContain('BackupBucket');
    const policies = resourcesOfType(template, 'AWS::S3::BucketPolicy').map(
      ([, policy]) => policy.Properties,
    );
    for (const bucket of buckets) {
      const policy = policies.find((p) => JSON.stringify(p.Bucket) === JSON.stringify({ Ref: bucket }));
      expect(policy, `${bucket} has no bucket policy`).toBeDefined();
      const statements = (policy?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
      const tlsOnly = statements.filter(
        (statement) =>
          statement.Effect === 'Deny' &&
          statement.Principal === '*' &&
          statement.Action === 's3:*' &&
          // Serverless writes the boolean false for its deployment bucket, the stack's files 'false'.
          String(
            (statement.Condition as { Bool?: Record<string, unknown> } | undefined)?.Bool?.[
              'aws:SecureTransport'
            ],
          ) === 'false',
      );
      expect(tlsOnly, `${bucket} accepts plain HTTP`).toHaveLength(1);
    }
  });

  it("lets only this account's IAM principals reach the domain when no network is allowed", () => {
    const policy = resource(templateOf(runs.kinesis), 'OpenSearchDomain').Properties.AccessPolicies as {
      Statement: { Principal: unknown; Condition?: unknown }[];
    };
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
        Action: 'es:ESHttp*',
      }),
    ]);
  });

  it('opens the domain to anyone only from the allowed networks, never unconditionally', () => {
    const policy = resource(templateOf(runs.stack), 'OpenSearchDomain').Properties.AccessPolicies as {
      Statement: { Principal: unknown; Condition?: unknown }[];
    };
    const open = policy.Statement.filter(
      (statement) => JSON.stringify(statement.Principal) === '{"AWS":"*"}',
    );
    expect(open).toEqual([
      expect.objectContaining({
        Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } },
      }),
    ]);
  });

  it('publishes the domain audit log, with fine-grained access control on', () => {
    const template = templateOf(runs.stack);
    const domain = resource(template, 'OpenSearchDomain');
    expect(domain.Properties.LogPublishingOptions).toEqual({
      AUDIT_LOGS: {
        Enabled: true,
        CloudWatchLogsLogGroupArn: { 'Fn::GetAtt': ['OpenSearchAuditLogGroup', 'Arn'] },
      },
    });
    expect(domain.Properties.AdvancedSecurityOptions).toMatchObject({ Enabled: true });
    expect(domain.DependsOn).toContain('OpenSearchLogsResourcePolicy');
    expect(JSON.stringify(resource(template, 'OpenSearchLogsResourcePolicy').Properties)).toContain(
      'es.amazonaws.com',
    );
  });

  it('ships the bundle without a source map', () => {
    const zip = runs.three.zip;
    expect(zip).toBeDefined();
    // Zip entry names are stored as plain bytes in the archive's headers.
    expect(zip?.includes('functions/forwarder.js')).toBe(true);
    expect(zip?.includes('functions/forwarder.js.map')).toBe(false);
  });
});
