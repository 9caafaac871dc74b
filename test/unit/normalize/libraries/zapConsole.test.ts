import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * zap's console encoder with the development config (`zap.NewDevelopment()`): tab-separated time
 * (ISO 8601 with milliseconds), capital level, logger name when named, short caller, message, then
 * the fields as JSON; a stack (from Warn up in development) on the lines after
 * (uber-go/zap config.go `NewDevelopmentEncoderConfig`, zapcore/console_encoder.go `EncodeEntry`,
 * `writeContext`).
 */
const shipped = (line: string) => shippedLine(line, 'go-fn');

describe("zap's console encoder (zapConsole.ts)", () => {
  it('reads the level, caller, message and fields', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081Z\tINFO\tapp/main.go:20\tfailed to fetch URL\t{"url": "http://example.com", "attempt": 3}\n',
    );
    expect(record).toMatchObject({
      name: 'go-fn',
      levelname: 'INFO',
      message: 'failed to fetch URL',
      log_format: 'zap-console',
      caller: 'app/main.go:20',
      url: 'http://example.com',
      attempt: 3,
    });
    expect(missing).toEqual([]);
  });

  it("names the record by the logger's name and takes the stack for exc_info", () => {
    const { record, missing } = shipped(
      '2023-11-01T11:47:57.081+0100\tERROR\tpayments\tpay/pay.go:41\tcharge failed\t{"error": "card declined"}\n' +
        'main.charge\n\t/app/pay/pay.go:41\nmain.main\n\t/app/main.go:12\n',
    );
    expect(record).toMatchObject({
      name: 'payments',
      levelname: 'ERROR',
      message: 'charge failed',
      exc_info: 'main.charge\n\t/app/pay/pay.go:41\nmain.main\n\t/app/main.go:12',
      caller: 'pay/pay.go:41',
      error: 'card declined',
    });
    expect(missing).toEqual([]);
  });

  it('reads WARN and DPANIC, and a line without fields', () => {
    expect(shipped('2023-11-01T10:47:57.081Z\tWARN\tapp/main.go:9\tslow\n').record).toMatchObject({
      levelname: 'WARNING',
      message: 'slow',
    });
    expect(
      shipped('2023-11-01T10:47:57.081Z\tDPANIC\tapp/main.go:9\tinvariant broken\n').record,
    ).toMatchObject({
      levelname: 'CRITICAL',
      message: 'invariant broken',
    });
  });

  it('leaves tab-separated lines of other shapes alone', () => {
    const line = '2023-11-01T10:47:57.081Z\tINFO\tno caller here';
    expect(shipped(`${line}\n`).record.message).toBe(line);
  });
});

describe("zap's console encoder: fields before a stack (zapConsole.ts)", () => {
  it('keeps fields JSON that zap would not have written as it came, so no spelling is lost', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57.081Z\tERROR\tapp/main.go:30\tfailed\t{"amount":12.50}\nmain.main\n\t/app/main.go:12\n',
    );
    expect(record).toMatchObject({ message: 'failed', context: '{"amount":12.50}' });
    expect(missing).toEqual([]);
  });
});
