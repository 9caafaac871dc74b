import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePayload } from '../../../src/decode/decodePayload.js';
import { defaultNameOf } from '../../../src/normalize/defaultName.js';
import { normalizePayload } from '../../../src/normalize/normalizePayload.js';

/**
 * A line with no logger of its own is named after what wrote its log group (SPEC §3): the
 * names below are the ones a reader of the AWS console would use for the same resource.
 */
describe('defaultNameOf', () => {
  it('is the function for a Lambda log group', () => {
    expect(
      defaultNameOf('/aws/lambda/orders-api', '2023/11/01/[$LATEST]0123456789abcdef0123456789abcdef'),
    ).toBe('orders-api');
    expect(defaultNameOf('/aws/lambda/')).toBe('/aws/lambda/');
  });

  it('is the task family, and the container when the awslogs stream names another one', () => {
    expect(defaultNameOf('/ecs/orders-api', 'ecs/orders-api/0123456789abcdef0123456789abcdef')).toBe(
      'orders-api',
    );
    expect(defaultNameOf('/ecs/orders-api', 'ecs/nginx/0123456789abcdef0123456789abcdef')).toBe(
      'orders-api/nginx',
    );
    expect(defaultNameOf('/ecs/orders-api', 'web/app/9f1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d')).toBe(
      'orders-api/app',
    );
    expect(defaultNameOf('/ecs/orders-api', 'some-stream')).toBe('orders-api');
    expect(defaultNameOf('/aws/ecs/prod-cluster/orders', 'orders/app/0123456789abcdef0123456789abcdef')).toBe(
      'prod-cluster/orders/app',
    );
    expect(defaultNameOf('/aws/ecs/containerinsights/prod-cluster/performance', 'x')).toBe('prod-cluster');
  });

  it('is the API id and stage for API Gateway execution logs', () => {
    expect(defaultNameOf('API-Gateway-Execution-Logs_m2t7qi7916/Prod', 'abc')).toBe('m2t7qi7916/Prod');
  });

  it('is the DB instance, cluster or proxy for RDS logs', () => {
    expect(defaultNameOf('/aws/rds/instance/orders-db/postgresql', 'orders-db.0')).toBe('orders-db');
    expect(defaultNameOf('/aws/rds/instance/orders-mysql/error', 'orders-mysql')).toBe('orders-mysql');
    expect(defaultNameOf('/aws/rds/cluster/orders-aurora/postgresql', 'orders-aurora-instance-1')).toBe(
      'orders-aurora',
    );
    expect(defaultNameOf('/aws/rds/proxy/orders-proxy', 'x')).toBe('orders-proxy');
  });

  it('is the state machine for Step Functions logs', () => {
    expect(
      defaultNameOf('/aws/vendedlogs/states/OrderFlow-Logs', 'states/OrderFlow/2024-01-01-00-00/abc'),
    ).toBe('OrderFlow');
    expect(defaultNameOf('/aws/vendedlogs/states/order-flow', 'x')).toBe('order-flow');
  });

  it('is the log group itself for any other group', () => {
    expect(defaultNameOf('vpc-flow-logs', 'eni-1235b8ca123456789-all')).toBe('vpc-flow-logs');
    expect(defaultNameOf('aws-cloudtrail-logs-123456789012-0a1b2c3d', 'x')).toBe(
      'aws-cloudtrail-logs-123456789012-0a1b2c3d',
    );
    expect(defaultNameOf('/aws/rds/instance/')).toBe('/aws/rds/instance/');
    expect(defaultNameOf('/ecs/')).toBe('/ecs/');
  });
});

describe('the replayable samples of non-Lambda log groups', () => {
  // Sample → the name its records carry when the line names no logger, worked out from the
  // sample's log group and stream.
  const NAMES: readonly (readonly [string, string])[] = [
    ['api-gateway-execution', 'm2t7qi7916/Prod'],
    ['api-gateway-access', '/aws/apigateway/orders-api-access'],
    ['rds-postgresql', 'orders-db'],
    ['rds-mysql', 'orders-mysql'],
    ['rds-mysql-general', 'orders-mysql'],
    ['vpc-flow-logs', 'vpc-flow-logs'],
    ['access-log', 'orders-web/nginx'],
    ['nginx-error', 'orders-web/nginx'],
    ['gunicorn', 'orders-api/web'],
    ['uvicorn', 'orders-fastapi'],
    ['elixir-logger', 'orders-phoenix/phoenix'],
  ];

  it.each(NAMES)('events/%s.json names its records %s', (sample, name) => {
    const event: unknown = JSON.parse(
      readFileSync(join(__dirname, '../../../events', `${sample}.json`), 'utf8'),
    );
    const payload = decodePayload(event, { maxPayloadBytes: 32 * 1024 * 1024 });
    if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
    const records = normalizePayload(payload);
    expect(records.length).toBeGreaterThanOrEqual(3);
    for (const record of records) expect(record.name).toBe(name);
  });

  it('names Step Functions records after the state machine and Tomcat records after their source', () => {
    const load = (sample: string) => {
      const event: unknown = JSON.parse(
        readFileSync(join(__dirname, '../../../events', `${sample}.json`), 'utf8'),
      );
      const payload = decodePayload(event, { maxPayloadBytes: 32 * 1024 * 1024 });
      if (payload.messageType !== 'DATA_MESSAGE') throw new Error('expected a DATA_MESSAGE');
      return normalizePayload(payload);
    };
    expect(new Set(load('step-functions').map((record) => record.name))).toEqual(new Set(['OrderFlow']));
    expect(load('tomcat')[0]?.name).toBe('org.apache.catalina.startup.VersionLoggerListener.log');
  });
});
