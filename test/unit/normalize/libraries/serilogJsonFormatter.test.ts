import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Serilog's own `JsonFormatter` (serilog/serilog src/Serilog/Formatting/Json/JsonFormatter.cs):
 * `Timestamp`, `Level` (always, Information too), `MessageTemplate`, `RenderedMessage` (with
 * `renderMessage: true`), `Exception`, the properties under `Properties`.
 */
describe('Serilog JsonFormatter (serilogJson.ts)', () => {
  it('renders the template with the properties, the category as the name', () => {
    const { record, missing } = shippedLine(
      '{"Timestamp":"2023-11-01T10:47:57.0812345+00:00","Level":"Warning","MessageTemplate":"Payment {PaymentId} took {Elapsed} ms","Properties":{"PaymentId":1,"Elapsed":34,"SourceContext":"Payments.Worker"}}\n',
      'dotnet-fn',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'Payments.Worker',
      message: 'Payment 1 took 34 ms',
      log_format: 'serilog-json',
      Timestamp: '2023-11-01T10:47:57.0812345+00:00',
      MessageTemplate: 'Payment {PaymentId} took {Elapsed} ms',
      Properties: { PaymentId: 1, Elapsed: 34 },
    });
    expect(record).not.toHaveProperty('exc_info');
    expect(missing).toEqual([]);
  });

  it('takes RenderedMessage as the message and Exception as exc_info', () => {
    const { record, missing } = shippedLine(
      '{"Timestamp":"2023-11-01T10:47:57.0812345+00:00","Level":"Error","MessageTemplate":"Failed to process {OrderId}","RenderedMessage":"Failed to process \\"o-42\\"","Exception":"System.InvalidOperationException: boom\\n   at Orders.Handler.Handle() in /src/Handler.cs:line 12","Properties":{"OrderId":"o-42"}}\n',
      'dotnet-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'dotnet-fn',
      message: 'Failed to process "o-42"',
      exc_info:
        'System.InvalidOperationException: boom\n   at Orders.Handler.Handle() in /src/Handler.cs:line 12',
      Properties: { OrderId: 'o-42' },
    });
    expect(missing).toEqual([]);
  });

  it('maps Verbose to DEBUG and Fatal to CRITICAL', () => {
    const line = (level: string): string =>
      `{"Timestamp":"2023-11-01T10:47:57.0812345+00:00","Level":"${level}","MessageTemplate":"x"}\n`;
    expect(shippedLine(line('Verbose'), 'dotnet-fn').record.levelname).toBe('DEBUG');
    expect(shippedLine(line('Fatal'), 'dotnet-fn').record.levelname).toBe('CRITICAL');
    expect(shippedLine(line('Information'), 'dotnet-fn').record.levelname).toBe('INFO');
  });
});
