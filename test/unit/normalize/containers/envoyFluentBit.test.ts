import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * The sidecars of ECS and EKS tasks, through the `awslogs` driver: Envoy's own log and access log
 * (formats/envoy.ts) and Fluent Bit's own log (formats/fluentBit.ts). All three were text before.
 */
const shipped = (line: string) => shippedLine(line, 'mesh-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("Envoy's own log (envoy.ts)", () => {
  it('reads the level, the component as the name, the thread and the source location', () => {
    const { record, missing } = shipped(
      '[2020-07-27 14:51:32.484][7][warning][runtime] [source/common/runtime/runtime_features.cc:20] Unable to use runtime singleton\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'runtime',
      message: 'Unable to use runtime singleton',
      log_format: 'envoy',
      time: '2020-07-27 14:51:32.484',
      thread: 7,
      file: 'source/common/runtime/runtime_features.cc',
      line: 20,
    });
    expect(missing).toEqual([]);
  });

  it('maps trace, error and critical, and reads a custom format without the location', () => {
    expect(shipped('[2023-11-01 10:47:57.081][1][trace][http] [a.cc:1] x\n').record.levelname).toBe('DEBUG');
    expect(shipped('[2023-11-01 10:47:57.081][1][error][config] [a.cc:1] x\n').record.levelname).toBe(
      'ERROR',
    );
    const custom = shipped('[2023-11-01 10:47:57.081][12][critical][assert] panic: out of memory\n');
    expect(custom.record).toMatchObject({
      levelname: 'CRITICAL',
      name: 'assert',
      message: 'panic: out of memory',
    });
    expect(custom.record.file).toBeUndefined();
    expect(custom.missing).toEqual([]);
  });

  it('is read only as a whole event, and not from another bracketed head', () => {
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[2023-11-01 10:47:57.081][1][info][main] [a.cc:1] x\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
    expect(shipped('[2023-11-01 10:47:57.081] [info] started\n').record.log_format).not.toBe('envoy');
  });
});

describe("Envoy's access log (envoy-access)", () => {
  const line = (status: string) =>
    `[2023-11-01T10:47:57.081Z] "GET /orders HTTP/1.1" ${status} UF 0 91 1 - "-" "curl/7.79.1" "5f0c6f62" "orders.local:8080" "10.0.1.12:8080"\n`;

  it('keeps the line as the message, the operators as fields, the level from the status', () => {
    const { record, missing } = shipped(line('503'));
    expect(record).toMatchObject({
      levelname: 'ERROR',
      log_format: 'envoy-access',
      message: line('503').trimEnd(),
      method: 'GET',
      path: '/orders',
      protocol: 'HTTP/1.1',
      response_code: 503,
      response_flags: 'UF',
      bytes_received: 0,
      bytes_sent: 91,
      duration: 1,
      upstream_service_time: '-',
      x_forwarded_for: '-',
      user_agent: 'curl/7.79.1',
      request_id: '5f0c6f62',
      authority: 'orders.local:8080',
      upstream_host: '10.0.1.12:8080',
    });
    expect(missing).toEqual([]);
    expect(shipped(line('404')).record.levelname).toBe('WARNING');
    expect(shipped(line('200')).record.levelname).toBe('INFO');
  });

  it('leaves a line that is not the default format to the others', () => {
    expect(shipped('[2023-11-01T10:47:57.081Z] "GET / HTTP/1.1" 200\n').record.log_format).not.toBe(
      'envoy-access',
    );
  });
});

describe("Fluent Bit's own log (fluent-bit)", () => {
  it("reads the level, the plugin's name and keeps the time", () => {
    const { record, missing } = shipped(
      '[2023/11/01 10:47:57] [error] [output:cloudwatch_logs:cloudwatch_logs.0] PutLogEvents API responded with error=InvalidParameterException\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'output:cloudwatch_logs:cloudwatch_logs.0',
      message: 'PutLogEvents API responded with error=InvalidParameterException',
      log_format: 'fluent-bit',
      time: '2023/11/01 10:47:57',
    });
    expect(missing).toEqual([]);
  });

  it('maps the padded titles, keeps help as written, and takes a line without a component', () => {
    expect(shipped('[2023/11/01 10:47:57] [ warn] [engine] failed to flush chunk\n').record.levelname).toBe(
      'WARNING',
    );
    expect(shipped('[2023/11/01 10:47:57] [trace] [io] x\n').record.levelname).toBe('DEBUG');
    expect(shipped('[2023/11/01 10:47:57] [ help] try -h\n').record).toMatchObject({
      levelname: 'INFO',
      level: 'help',
      name: 'mesh-fn',
    });
  });
});
