import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * An upper-case level word at the head of a line, or after its time, is the line's level (SPEC §3,
 * a conventional place): what `console.log('ERROR: …')` and Go's `log.Printf("ERROR: %v", err)`
 * write without a logger, and `%d %-5level %msg` layouts no specific format claims
 * (bracketLevel.ts `levelWord`); a Python `datefmt` with the cookbook's ` - ` separators
 * (pythonLoggingText.ts).
 */
const REQUEST_ID = '8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01';
const shipped = (line: string) => shippedLine(line, 'app-fn');

describe('an upper-case level word at the head of a line (bracketLevel.ts levelWord)', () => {
  it("reads `console.log('ERROR: …')` inside Node.js's prefix, the runtime's INFO giving way", () => {
    const { record, missing } = shipped(
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tERROR: payment 17 failed: card declined\n`,
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'payment 17 failed: card declined',
      aws_request_id: REQUEST_ID,
      log_format: 'lambda-nodejs/level-word',
    });
    expect(missing).toEqual([]);
  });

  it('reads WARN and WARNING with a colon or a dash, in any runtime body', () => {
    const cases: [string, string, string][] = [
      [
        `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tWARN: retrying in 2 s\n`,
        'WARNING',
        'retrying in 2 s',
      ],
      [`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tWARNING - cache cold\n`, 'WARNING', 'cache cold'],
      [
        `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tFATAL: out of retries\n`,
        'CRITICAL',
        'out of retries',
      ],
    ];
    for (const [line, levelname, message] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({ levelname, message });
      expect(missing).toEqual([]);
    }
  });

  it('reads Go’s `log.Printf("ERROR: %v", err)`, the caller kept', () => {
    const { record, missing } = shipped(
      '2023/11/01 10:47:57 handler.go:42: ERROR: dial tcp 10.0.0.5:5432: timeout\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'dial tcp 10.0.0.5:5432: timeout',
      caller: 'handler.go:42',
      log_format: 'go-log/level-word',
    });
    expect(missing).toEqual([]);
  });

  it('reads `<time> LEVEL message` in the time spellings loggers write, padded, the time kept', () => {
    const cases: [line: string, time: string, levelname: string, message: string][] = [
      ['2023-11-01 10:47:57.081 ERROR payment failed', '2023-11-01 10:47:57.081', 'ERROR', 'payment failed'],
      ['2023-11-01T10:47:57Z WARN  disk at 91 %', '2023-11-01T10:47:57Z', 'WARNING', 'disk at 91 %'],
      [
        '2023-11-01T10:47:57.081+02:00 DEBUG cache hit ratio 0.93',
        '2023-11-01T10:47:57.081+02:00',
        'DEBUG',
        'cache hit ratio 0.93',
      ],
      ['2023-11-01 10:47:57 - ERROR - payment failed', '2023-11-01 10:47:57', 'ERROR', 'payment failed'],
    ];
    for (const [line, time, levelname, message] of cases) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname, message, time, log_format: 'level-word' });
      expect(missing).toEqual([]);
    }
  });

  it('moves a stack after the message to exc_info', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57.081 ERROR charge failed\nError: card declined\n    at charge (/var/task/pay.js:12:9)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'charge failed',
      exc_info: 'Error: card declined\n    at charge (/var/task/pay.js:12:9)',
    });
    expect(missing).toEqual([]);
  });

  it('takes no lower-case or unknown word, and a bare word only with its colon or dash', () => {
    for (const line of [
      'Debug: x=1',
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tDEBUG mode is on`,
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\tINFORMATION: read the docs`,
      '2023-11-01 10:47:57.081 NOTICE maintenance at noon',
      '2023-11-01 10:47:57.081 Error budget at 3 %',
    ]) {
      const { record } = shipped(`${line}\n`);
      expect(record.levelname).toBe('INFO');
      expect(String(record.log_format)).not.toContain('level-word');
    }
  });
});

describe('Python logging with a custom datefmt and the cookbook’s separators (pythonLoggingText.ts)', () => {
  it('reads `%(asctime)s - %(name)s - %(levelname)s - %(message)s` without milliseconds', () => {
    for (const separator of [' - ', ' | ']) {
      const line = ['2023-11-01 10:47:57', 'app.db', 'ERROR', 'query failed'].join(separator);
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({
        name: 'app.db',
        levelname: 'ERROR',
        message: 'query failed',
        log_format: 'python-logging',
      });
      expect(missing).toEqual([]);
    }
  });
});

describe('a level padded inside its brackets (bracketLevel.ts)', () => {
  it('reads `[%-5p]` and `[%5p]` without a time, in a runtime body too', () => {
    for (const line of [
      '[WARN ] disk almost full',
      '[ WARN] disk almost full',
      `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[WARN ] disk almost full`,
    ]) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname: 'WARNING', message: 'disk almost full' });
      expect(missing).toEqual([]);
    }
  });
});

describe('a padded level column with no time (bracketLevel.ts levelWord, rustTracing.ts)', () => {
  it("reads Python's `%(levelname)-8s %(message)s`, which is no tracing line (tracing pads to five)", () => {
    const { record, missing } = shipped('ERROR    payment failed\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'payment failed',
      name: 'app-fn',
      log_format: 'level-word',
    });
    expect(missing).toEqual([]);
  });

  it('takes the logger name of `%(levelname)-8s %(name)s - %(message)s` as the name, not the message', () => {
    const cases: [line: string, levelname: string, name: string, message: string][] = [
      ['WARNING  app.db - slow query', 'WARNING', 'app.db', 'slow query'],
      ['WARNING  app.db       - slow query', 'WARNING', 'app.db', 'slow query'],
      ['INFO     root         - started', 'INFO', 'root', 'started'],
      ['ERROR    app.db               connection refused', 'ERROR', 'app.db', 'connection refused'],
      ['12:00:00 WARNING  app.db - slow query', 'WARNING', 'app.db', 'slow query'],
    ];
    for (const [line, levelname, name, message] of cases) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname, name, message, log_format: 'level-word' });
      expect(missing).toEqual([]);
    }
  });

  it("reads a `datefmt='%H:%M:%S'` time alone before the level, the time kept as `time`", () => {
    for (const [line, levelname, message, time] of [
      ['12:00:00 ERROR x', 'ERROR', 'x', '12:00:00'],
      ['10:47:57.081 WARN  retrying', 'WARNING', 'retrying', '10:47:57.081'],
      ['10:47:57,081 - INFO - started', 'INFO', 'started', '10:47:57,081'],
    ] as const) {
      const { record, missing } = shipped(`${line}\n`);
      expect(record).toMatchObject({ levelname, message, time, log_format: 'level-word' });
      expect(missing).toEqual([]);
    }
  });

  it('leaves a time alone before a word that is no level as text', () => {
    expect(shipped('12:00:00 Error budget at 3 %\n').record).toMatchObject({
      levelname: 'INFO',
      log_format: 'text',
    });
  });

  it('leaves tracing its own five-wide column', () => {
    expect(shipped('WARN retrying\n').record).toMatchObject({
      log_format: 'rust-tracing',
      levelname: 'WARNING',
    });
    expect(shipped(' INFO app: ready\n').record).toMatchObject({
      log_format: 'rust-tracing',
      levelname: 'INFO',
    });
  });
});
