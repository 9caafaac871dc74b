import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Microsoft.Extensions.Logging's JSON console formatter (`AddJsonConsole()`, `FormatterName: json`):
 * `{"Timestamp"?,"EventId","LogLevel","Category","Message","Exception"?,"State"?,"Scopes"?}`
 * (dotnet/runtime src/libraries/Microsoft.Extensions.Logging.Console/src/JsonConsoleFormatter.cs;
 * learn.microsoft.com "Console log formatting", the Json example; astorDev/Astor.Logging
 * comparison.md for the exception line).
 */
const shipped = (line: string) => shippedLine(line, 'dotnet-fn');

describe("Microsoft.Extensions.Logging's JSON console formatter (dotnetJsonConsole.ts)", () => {
  it('reads LogLevel, Category as the name and Message; State and EventId stay', () => {
    const { record, missing } = shipped(
      '{"EventId":14,"LogLevel":"Information","Category":"Microsoft.Hosting.Lifetime","Message":"Now listening on: http://localhost:5113","State":{"Message":"Now listening on: http://localhost:5113","address":"http://localhost:5113","{OriginalFormat}":"Now listening on: {address}"}}\n',
    );
    expect(record).toMatchObject({
      name: 'Microsoft.Hosting.Lifetime',
      levelname: 'INFO',
      message: 'Now listening on: http://localhost:5113',
      log_format: 'dotnet-json-console',
      EventId: 14,
      State: { address: 'http://localhost:5113', '{OriginalFormat}': 'Now listening on: {address}' },
    });
    expect(missing).toEqual([]);
  });

  it('takes the exception for exc_info and reads Error', () => {
    const { record, missing } = shipped(
      JSON.stringify({
        Timestamp: '2023-11-01T10:47:57.081Z',
        EventId: 0,
        LogLevel: 'Error',
        Category: 'App.Worker',
        Message: 'Failed to process 42',
        Exception:
          'System.InvalidOperationException: boom\n   at App.Worker.ExecuteAsync(CancellationToken stoppingToken) in /src/Worker.cs:line 20',
        State: {
          Message: 'Failed to process 42',
          OrderId: 42,
          '{OriginalFormat}': 'Failed to process {OrderId}',
        },
      }) + '\n',
    );
    expect(record).toMatchObject({
      name: 'App.Worker',
      levelname: 'ERROR',
      message: 'Failed to process 42',
      exc_info:
        'System.InvalidOperationException: boom\n   at App.Worker.ExecuteAsync(CancellationToken stoppingToken) in /src/Worker.cs:line 20',
      Timestamp: '2023-11-01T10:47:57.081Z',
    });
    expect(record).not.toHaveProperty('Exception');
    expect(missing).toEqual([]);
  });

  it.each([
    ['Trace', 'DEBUG'],
    ['Debug', 'DEBUG'],
    ['Warning', 'WARNING'],
    ['Critical', 'CRITICAL'],
  ])('maps LogLevel %s to %s', (logLevel, levelname) => {
    const line = JSON.stringify({ EventId: 0, LogLevel: logLevel, Category: 'App', Message: 'm' });
    expect(shipped(`${line}\n`).record).toMatchObject({ levelname, name: 'App', message: 'm' });
  });
});
