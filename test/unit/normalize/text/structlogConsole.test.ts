import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

const shipped = (line: string) => shippedLine(line, 'structlog-fn');

describe("structlog's ConsoleRenderer", () => {
  it('reads the level, the logger and the pairs; the time and padding leave the message', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57 [warning  ] disk almost full               [app.disk] free=12 mount=/var/lib\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'app.disk',
      message: 'disk almost full',
      free: '12',
      mount: '/var/lib',
    });
    expect(missing).toEqual([]);
  });

  it('reads a coloured line without its codes', () => {
    const { record, missing } = shipped(
      '\u001b[2m2023-11-01 10:47:57\u001b[0m [\u001b[31m\u001b[1merror    \u001b[0m] \u001b[1mboom' +
        '                          \u001b[0m [\u001b[0m\u001b[1m\u001b[34mapp\u001b[0m]\u001b[0m',
    );
    expect(record).toMatchObject({ levelname: 'ERROR', name: 'app', message: 'boom' });
    expect(missing).toEqual([]);
  });

  it('moves the exception rendered after the line to exc_info', () => {
    const traceback =
      'Traceback (most recent call last):\n  File "/app/x.py", line 1, in f\nKeyError: \'id\'';
    const { record, missing } = shipped(
      `2024-07-14T20:57:42.670018Z [error    ] lookup failed  key=id\n${traceback}\n`,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'lookup failed',
      key: 'id',
      exc_info: traceback,
    });
    expect(record.name).toBe('structlog-fn');
    expect(missing).toEqual([]);
  });

  it('keeps a value with spaces whole, and an event longer than the padding', () => {
    const { record, missing } = shipped(
      '2024-04-16T10:30:45.123456Z [info     ] repository indexed for the nightly job [indexer] app_name=Codebase RAG Assistant chunk_count=1523',
    );
    expect(record).toMatchObject({
      name: 'indexer',
      message: 'repository indexed for the nightly job',
      app_name: 'Codebase RAG Assistant',
      chunk_count: '1523',
    });
    expect(missing).toEqual([]);
  });

  it('leaves a bracketed word inside the event in the message', () => {
    const { record } = shipped('2023-11-01 10:47:57 [info     ] loaded library [1.2.12] using APR [1.5.2]');
    expect(record).toMatchObject({ levelname: 'INFO', message: 'loaded library [1.2.12] using APR [1.5.2]' });
    expect(record.name).toBe('structlog-fn');
  });
});
