import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Serilog's other stock text template, the file sink's
 * `{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}`
 * (serilog/serilog-sinks-file src/Serilog.Sinks.File/FileLoggerConfigurationExtensions.cs
 * `DefaultOutputTemplate`), which configurations reuse for the console sink.
 */
const shipped = (line: string) => shippedLine(line, 'dotnet-fn');

describe("Serilog's file-sink template (serilogText.ts)", () => {
  it('reads the level and the message after the date, time and offset', () => {
    const { record, missing } = shipped('2018-10-04 13:41:15.384 +02:00 [WRN] Disk quota 90% used\n');
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'Disk quota 90% used',
      log_format: 'serilog-text',
      time: '2018-10-04 13:41:15.384 +02:00',
    });
    expect(missing).toEqual([]);
  });

  it('takes the exception on the lines after the message for exc_info', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57.081 +00:00 [ERR] Failed to process 42\n' +
        'System.InvalidOperationException: Boom\n   at App.Handler.Run() in /src/Handler.cs:line 12\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'Failed to process 42',
      exc_info: 'System.InvalidOperationException: Boom\n   at App.Handler.Run() in /src/Handler.cs:line 12',
    });
    expect(missing).toEqual([]);
  });

  it('reads the level written in full (`{Level}`)', () => {
    const { record } = shipped('2023-11-01 10:47:57.081 -05:00 [Fatal] Host terminated unexpectedly\n');
    expect(record).toMatchObject({ levelname: 'CRITICAL', message: 'Host terminated unexpectedly' });
  });

  it('leaves a dated line with another bracketed word as it was', () => {
    const line = '2023-11-01 10:47:57.081 +00:00 [main] started';
    expect(shipped(`${line}\n`).record).toMatchObject({ message: line, levelname: 'INFO' });
  });

  it("reads a dated timestamp inside the console template's bracket, the time kept as written", () => {
    const { record, missing } = shipped('[2023-11-01 10:47:57.081 +00:00 WRN] Disk quota 90% used\n');
    expect(record).toMatchObject({
      log_format: 'serilog-text',
      levelname: 'WARNING',
      message: 'Disk quota 90% used',
      time: '2023-11-01 10:47:57.081 +00:00',
    });
    expect(missing).toEqual([]);
  });
});
