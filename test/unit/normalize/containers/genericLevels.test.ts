import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Generic level layouts of container programs (SPEC §3: a level in a conventional place is the
 * line's level; a logger's name is the record's name).
 */
const shipped = (line: string) => shippedLine(line, 'app-fn');

describe('generic level layouts', () => {
  it('reads `LEVEL - msg` as the level word, not as a Rust `tracing` line (was `- failed`)', () => {
    const { record, missing } = shipped('ERROR - payment 17 failed\n');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'payment 17 failed',
      log_format: 'level-word',
    });
    expect(missing).toEqual([]);
    // tracing's own lines stay tracing's.
    expect(shipped('DEBUG resolving host="example.com"\n').record.log_format).toBe('rust-tracing');
  });

  it('reads `time | LEVEL | msg`, the level column padded or not (was INFO text)', () => {
    for (const line of [
      '2024-01-01 12:00:00.123 | ERROR | db down\n',
      '2024-01-01 12:00:00.123 | ERROR   | db down\n',
    ]) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({
        levelname: 'ERROR',
        message: 'db down',
        time: '2024-01-01 12:00:00.123',
        log_format: 'level-word',
      });
      expect(missing).toEqual([]);
    }
    // loguru's own layout stays loguru's.
    expect(
      shipped('2024-01-01 12:00:00.123 | INFO     | __main__:<module>:3 - hello\n').record.log_format,
    ).toBe('loguru-text');
  });

  it("takes Python's `%(asctime)s %(levelname)s [%(name)s] %(message)s` name (was left in the message)", () => {
    const { record, missing } = shipped(
      '2024-01-01 12:00:00,123 ERROR [app.tasks] boom\nTraceback (most recent call last):\n  File "/app/tasks.py", line 1, in f\nKeyError: \'x\'\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'app.tasks',
      message: 'boom',
      exc_info: 'Traceback (most recent call last):\n  File "/app/tasks.py", line 1, in f\nKeyError: \'x\'',
      log_format: 'python-logging',
    });
    expect(missing).toEqual([]);
    expect(
      shipped('2024-01-01 12:00:00,123 WARNING  [urllib3.connectionpool] Retrying\n').record,
    ).toMatchObject({
      name: 'urllib3.connectionpool',
      message: 'Retrying',
    });
    // Brackets holding no logger name stay in the message.
    expect(shipped('2024-01-01 12:00:00,123 INFO [not a name] x\n').record).toMatchObject({
      name: 'app-fn',
      message: '[not a name] x',
    });
  });
});
