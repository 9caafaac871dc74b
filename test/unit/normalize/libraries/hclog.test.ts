import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * HashiCorp's go-hclog (formats/hclog.ts): Terraform, Vault, Consul and the Lambda extensions built
 * on them. Before, its text lines were `bracket-level` (the name and pairs left in the message)
 * and its JSON lines generic JSON. The expected lines are go-hclog's own (logger_test.go, after
 * the time) and what Vault and Terraform users pasted (hashicorp/vault#29938,
 * hashicorp/terraform-provider-aws#22881).
 */
const shipped = (line: string) => shippedLine(line, 'vault-fn');

describe("go-hclog's text output (hclog)", () => {
  it('reads the level, the name, the message and the pairs', () => {
    const { record, missing } = shipped(
      '2025-03-17T13:49:24.600+1300 [INFO]  core: successfully mounted: type=cubbyhole version="v1.19.0+builtin.vault" path=cubbyhole/ namespace="ID: root. Path: "\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'core',
      message: 'successfully mounted',
      log_format: 'hclog',
      type: 'cubbyhole',
      version: 'v1.19.0+builtin.vault',
      path: 'cubbyhole/',
      namespace: 'ID: root. Path: ',
    });
    expect(missing).toEqual([]);
  });

  it('maps its five levels, the padded [INFO] and [WARN] included', () => {
    const level = (bracket: string) =>
      shipped(`2023-11-01T10:47:57.081Z ${bracket} agent: x\n`).record.levelname;
    expect(level('[TRACE]')).toBe('DEBUG');
    expect(level('[DEBUG]')).toBe('DEBUG');
    expect(level('[INFO] ')).toBe('INFO');
    expect(level('[WARN] ')).toBe('WARNING');
    expect(level('[ERROR]')).toBe('ERROR');
  });

  it('keeps a message that has a colon but no name, and one relayed with its own prefix', () => {
    expect(
      shipped('2021-08-11T09:48:57.902Z [INFO]  proxy environment: http_proxy="" https_proxy=""\n').record,
    ).toMatchObject({
      name: 'vault-fn',
      message: 'proxy environment',
      http_proxy: '',
      https_proxy: '',
    });
    const relayed = shipped(
      '2022-02-01T11:43:22.681-0800 [INFO]  provider.terraform-provider-aws: 2022/02/01 11:43:22 [DEBUG] Reading Caller Identity: timestamp=2022-02-01T11:43:22.681-0800\n',
    );
    expect(relayed.record).toMatchObject({
      name: 'provider.terraform-provider-aws',
      message: '2022/02/01 11:43:22 [DEBUG] Reading Caller Identity',
      timestamp: '2022-02-01T11:43:22.681-0800',
    });
    expect(relayed.missing).toEqual([]);
  });

  it('unquotes values, keeps slices as written and a key written twice as an array', () => {
    const quoted = shipped(
      '2023-11-01T10:47:57.081Z [INFO]  test: this is test: who=programmer why="this is \\"quoted\\""\n',
    );
    expect(quoted.record).toMatchObject({ who: 'programmer', why: 'this is "quoted"' });
    expect(quoted.missing).toEqual([]);
    expect(
      shipped(
        '2023-11-01T10:47:57.081Z [INFO]  test: this is test: who=programmer why=[testing, dev, 1, 5, "[3 4]"]\n',
      ).record.why,
    ).toBe('[testing, dev, 1, 5, "[3 4]"]');
    expect(shipped('2023-11-01T10:47:57.081Z [INFO]  test: t: a=1 a=2\n').record.a).toEqual(['1', '2']);
  });

  it("reads a multi-line value's `  | ` lines as one field", () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081Z [INFO]  test: this is test: who=programmer\n  why=\n  | testing\n  | and other\n  | pretty cool things\n  \n',
    );
    expect(record).toMatchObject({
      message: 'this is test',
      who: 'programmer',
      why: 'testing\nand other\npretty cool things',
    });
    expect(record.exc_info).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it('keeps the location as caller and a captured stack as exc_info', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081Z [ERROR] agent/agent.go:12: agent: failed: error="boom"\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'agent',
      message: 'failed',
      caller: 'agent/agent.go:12',
      error: 'boom',
      exc_info: 'goroutine 1 [running]:\nmain.main()\n\t/app/main.go:12 +0x1d',
    });
    expect(missing).toEqual([]);
  });

  it('reads a coloured line without its codes', () => {
    expect(shipped('\u001b[93m2023-11-01T10:47:57.081Z [WARN]  agent: slow\n\u001b[0m').record).toMatchObject(
      {
        levelname: 'WARNING',
        name: 'agent',
        message: 'slow',
        log_format: 'hclog',
      },
    );
  });

  it('leaves a bracketed level after another time to bracket-level', () => {
    expect(shipped('2023-11-01 10:47:57 [INFO]  agent: x\n').record.log_format).toBe('bracket-level');
  });
});

describe("go-hclog's JSON output (hclog)", () => {
  it('reads @message, @level and @module, and keeps the other keys', () => {
    const { record, missing } = shipped(
      '{"@level":"info","@message":"Terraform 0.15.4","@module":"terraform.ui","@timestamp":"2021-05-25T13:32:41.275359-04:00","terraform":"0.15.4","type":"version","ui":"0.1.0"}\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'terraform.ui',
      message: 'Terraform 0.15.4',
      log_format: 'hclog',
      terraform: '0.15.4',
      type: 'version',
      ui: '0.1.0',
    });
    expect(missing).toEqual([]);
  });

  it('takes a captured stacktrace as exc_info, and keeps `all` as the level it is', () => {
    const { record } = shipped(
      '{"@level":"warn","@message":"x","stacktrace":"goroutine 1 [running]:\\nmain.main()\\n"}\n',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', exc_info: 'goroutine 1 [running]:\nmain.main()' });
    expect(shipped('{"@level":"all","@message":"x"}\n').record).toMatchObject({
      levelname: 'INFO',
      '@level': 'all',
    });
    expect(shipped('{"@level":"notice","@message":"x"}\n').record.log_format).toBe('json');
  });
});
