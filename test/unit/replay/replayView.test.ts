import { describe, expect, it } from 'vitest';
import { MARK, outcomeLine, splitInvocations } from '../../../scripts/replay/invocationOutput.js';
import { levelCounts, recordLines } from '../../../scripts/replay/recordLines.js';

/** What `serverless invoke local` prints for a result: the object, indented by 4. */
const printed = (value: unknown): string => JSON.stringify(value, null, 4);

describe('splitInvocations and outcomeLine', () => {
  it('reads each file between its markers: the summary of a success, the whole message of a failure', () => {
    const message = 'payload of /aws/lambda/x: "data" is not base64 (got "\\"quoted\\"")';
    const output = [
      'noise before',
      `${MARK}start events/a.json`,
      '{"level":"INFO","message":"forwarded","messageType":"DATA_MESSAGE","events":3,"delivered":3,"truncated":1}',
      printed({ messageType: 'DATA_MESSAGE', events: 3, delivered: 3, calls: 1 }),
      `${MARK}end 0 events/a.json`,
      `${MARK}start events/b.json`,
      printed({
        errorMessage: message,
        errorType: 'DecodeError',
        stackTrace: ['DecodeError: …', '    at x'],
      }),
      `${MARK}end 1 events/b.json`,
      `${MARK}start events/c.json`,
      '{"level":"INFO","message":"forwarded","messageType":"CONTROL_MESSAGE","events":0,"delivered":0}',
      printed({ messageType: 'CONTROL_MESSAGE', events: 0, delivered: 0, calls: 0 }),
      `${MARK}end 0 events/c.json`,
      `${MARK}start events/k.json`,
      '{"level":"INFO","message":"forwarded","input":"kinesis","kinesisRecords":3,"payloads":2,"controlMessages":1,"events":5,"delivered":5}',
      printed({ batchItemFailures: [] }),
      `${MARK}end 0 events/k.json`,
    ].join('\n');
    const [a, b, c, k] = splitInvocations(`\n${output}`);
    expect(a && outcomeLine(a)).toBe('3 events → 3 records (1 truncated)');
    expect(k && outcomeLine(k)).toBe('Kinesis batch of 3 (2 payloads, 1 control): 5 events → 5 records');
    expect(b?.code).toBe(1);
    expect(b && outcomeLine(b)).toBe(`failed: DecodeError: ${message}`);
    expect(c && outcomeLine(c)).toBe('control message: acknowledged, no records');
  });

  it('says where every event that is not a record of its own went', () => {
    const summary = {
      level: 'INFO',
      message: 'forwarded',
      messageType: 'DATA_MESSAGE',
      events: 20,
      delivered: 9,
      rejoined: 4,
      folded: 2,
      dropped: { level: 3, sampled: 1, platform: 1 },
      redacted: 2,
    };
    const [a] = splitInvocations(
      [
        `\n${MARK}start events/a.json`,
        JSON.stringify(summary),
        printed({ messageType: 'DATA_MESSAGE', events: 20, delivered: 9 }),
        `${MARK}end 0 events/a.json`,
      ].join('\n'),
    );
    // 20 events = 9 records + 4 rejoined + 2 folded + 1 + 3 + 1 dropped.
    expect(a && outcomeLine(a)).toBe(
      '20 events → 9 records (4 rejoined into the line before, 2 folded into their REPORT, ' +
        '1 platform lines dropped, 3 below minLevel dropped, 1 sampled out, 2 values redacted)',
    );
  });

  it('reports the CLI error for a file whose invocation never finished (a bad setting at cold start)', () => {
    const output = [
      `\n${MARK}start events/a.json`,
      '× ConfigError: DELIVERY_CONCURRENCY: expected a whole number from 1 to 64, got "abc"',
      '      at positiveInt (src/config.ts:36:11)',
      'Error:',
      'Exception encountered when loading .esbuild/.build/functions/forwarder',
    ].join('\n');
    const [a] = splitInvocations(output);
    expect(a?.code).toBeUndefined();
    expect(a && outcomeLine(a)).toBe(
      'failed: ConfigError: DELIVERY_CONCURRENCY: expected a whole number from 1 to 64, got "abc"',
    );
  });
});

describe('recordLines and levelCounts', () => {
  it('shows one LEVEL name message line, and the first line of exc_info under an error', () => {
    const lines = recordLines({
      levelname: 'ERROR',
      name: 'orders',
      message: 'charge failed\nsecond line',
      exc_info: 'Traceback (most recent call last):\n  File "app.py", line 1',
    });
    expect(lines).toEqual([
      `  ERROR    ${'orders'.padEnd(28)} charge failed`,
      `  ${' '.repeat(8)} ${' '.repeat(28)} Traceback (most recent call last):`,
    ]);
  });

  it('cuts a long message to fit the width, marking the cut', () => {
    const [line] = recordLines({ levelname: 'INFO', name: 'n', message: 'x'.repeat(500) }, 120);
    expect(line).toHaveLength(2 + 8 + 1 + 28 + 1 + 80);
    expect(line?.endsWith('x…')).toBe(true);
  });

  it('counts records per level in level order', () => {
    const records = ['ERROR', 'INFO', 'INFO', 'DEBUG'].map((levelname) => ({ levelname }));
    expect(levelCounts(records)).toBe('DEBUG 1, INFO 2, ERROR 1');
  });
});
