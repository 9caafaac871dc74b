import { describe, expect, it } from 'vitest';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';
import { checkConservation } from '../../../helpers/conservation.js';

/**
 * C++ functions on a custom runtime: the C++ runtime's own lines and the AWS SDK for C++'s, which
 * start like the Java runtime's `[LEVEL] ` and were once read as Java lines with their time and
 * tag left in the message. Each line is also in test/fixtures/corpus/lambda-custom.json.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };

function normalize(line: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: line }, source);
}

function missing(line: string): string[] {
  return checkConservation(line, JSON.stringify(normalize(line))).missing;
}

describe('the C++ runtime’s lines (cppRuntime.ts)', () => {
  it('reads `[ERROR] [<epoch ms>] <tag> <message>`: the tag is the name, the time kept', () => {
    const line =
      '[ERROR] [1546927863202] LAMBDA_RUNTIME Failed to get next invocation. No Response from endpoint\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'lambda-cpp',
      levelname: 'ERROR',
      name: 'LAMBDA_RUNTIME',
      message: 'Failed to get next invocation. No Response from endpoint',
      time: '1546927863202',
    });
    expect(missing(line)).toEqual([]);
  });

  it('reads the AWS SDK for C++’s `[LEVEL] <time> <tag> [<thread>] <message>`', () => {
    const line =
      '[WARN] 2021-04-21 10:31:29.859 FileSystemUtils [140060645824192] Home dir not stored in environment\n';
    expect(normalize(line)).toMatchObject({
      log_format: 'aws-sdk-cpp',
      levelname: 'WARNING',
      name: 'FileSystemUtils',
      message: 'Home dir not stored in environment',
      time: '2021-04-21 10:31:29.859',
      thread: '140060645824192',
    });
    expect(missing(line)).toEqual([]);
  });

  it('leaves the Java runtime’s `[LEVEL] ` lines to it', () => {
    expect(normalize('[INFO] 2021 plans [draft] ready\n')).toMatchObject({
      log_format: 'lambda-java',
      message: '2021 plans [draft] ready',
    });
    expect(normalize('[ERROR] [x] y\n')).toMatchObject({ log_format: 'lambda-java', message: '[x] y' });
  });
});
