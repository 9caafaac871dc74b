import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * tracing-subscriber's default `fmt` format with its timer and target (`tracing_subscriber::fmt()
 * .with_ansi(false).init()`, what Rust services in containers write): `<RFC 3339 time> <level,
 * right-aligned to 5> <spans>: <target>: <message> <fields>` (tokio-rs/tracing
 * tracing-subscriber/src/fmt/format/mod.rs, `Format<Full, T>::format_event`).
 */
const ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const shipped = (line: string) => shippedLine(line, 'rust-fn');

describe("Rust tracing's default text format with time and target (rustTracing.ts)", () => {
  it('reads the level, the target as the name and the message', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081234Z  INFO my_service::orders: order stored order_id=42\n',
    );
    expect(record).toMatchObject({
      name: 'my_service::orders',
      levelname: 'INFO',
      message: 'order stored order_id=42',
      log_format: 'rust-tracing',
      time: '2023-11-01T10:47:57.081234Z',
    });
    expect(missing).toEqual([]);
  });

  it('keeps the spans and takes the invocation span’s request id', () => {
    const { record, missing } = shipped(
      `2023-11-01T10:47:57.081234Z ERROR Lambda runtime invoke{requestId="${ID}" xrayTraceId="Root=1-6531b558-19be6d894b8d7b025bf628ee"}: my_lambda: handler failed error=boom\n`,
    );
    expect(record).toMatchObject({
      name: 'my_lambda',
      levelname: 'ERROR',
      message: 'handler failed error=boom',
      aws_request_id: ID,
      spans: `Lambda runtime invoke{requestId="${ID}" xrayTraceId="Root=1-6531b558-19be6d894b8d7b025bf628ee"}`,
    });
    expect(missing).toEqual([]);
  });

  it('reads WARN and TRACE', () => {
    expect(shipped('2023-11-01T10:47:57.081234Z  WARN app: retrying\n').record).toMatchObject({
      levelname: 'WARNING',
      name: 'app',
      message: 'retrying',
    });
    expect(shipped('2023-11-01T10:47:57.081234Z TRACE hyper::proto: flushed 1 bytes\n').record).toMatchObject(
      {
        levelname: 'DEBUG',
        name: 'hyper::proto',
        message: 'flushed 1 bytes',
      },
    );
  });

  it('leaves a timed line with another shape to the generic level reader', () => {
    // One space before the level and no target: not tracing's layout (bracketLevel.ts levelWord).
    const { record, missing } = shipped('2023-11-01T10:47:57.081234Z INFO started\n');
    expect(record).toMatchObject({
      log_format: 'level-word',
      levelname: 'INFO',
      message: 'started',
      time: '2023-11-01T10:47:57.081234Z',
    });
    expect(missing).toEqual([]);
  });
  it('reads the spans fmt() writes between the level and the target, keeping them as written', () => {
    // tracing-subscriber fmt/format/mod.rs, `Full`'s documented output.
    const { record, missing } = shipped(
      '2022-02-15T18:44:24.535324Z TRACE shaving_yaks{yaks=3}:shave{yak=1}: fmt::yak_shave: hello! I\'m gonna shave a yak excitement="yay!"\n',
    );
    expect(record).toMatchObject({
      log_format: 'rust-tracing',
      levelname: 'DEBUG',
      name: 'fmt::yak_shave',
      message: 'hello! I\'m gonna shave a yak excitement="yay!"',
      spans: 'shaving_yaks{yaks=3}:shave{yak=1}',
    });
    expect(missing).toEqual([]);
  });

  it('reads a span whose quoted field holds braces and a colon', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081234Z  WARN req{path="/a: b}"}:db: my_svc::http: slow\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'my_svc::http',
      message: 'slow',
      spans: 'req{path="/a: b}"}:db',
    });
    expect(missing).toEqual([]);
  });
});
