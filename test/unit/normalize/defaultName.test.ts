import { describe, expect, it } from 'vitest';
import { defaultNameOf } from '../../../src/normalize/defaultName.js';

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
