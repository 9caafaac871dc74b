import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodeSubscriptionEvent,
  type SubscriptionEvent,
} from '../../tools/subscription-event/encodeSubscriptionEvent.js';
import { byLogStream, lineTimestamp, readLogLines } from '../../tools/subscription-event/readLogLines.js';

describe('lineTimestamp', () => {
  it.each([
    ['2020-05-11T12:44:44.123Z INFO hello', Date.UTC(2020, 4, 11, 12, 44, 44, 123)],
    ['[ERROR]\t2020-05-11T12:44:44.123Z\t6f7c…\tboom', Date.UTC(2020, 4, 11, 12, 44, 44, 123)],
    ['2020-05-11 14:44:44,5 +0200 app WARNING slow', Date.UTC(2020, 4, 11, 12, 44, 44, 500)],
    ['2020-05-11 12:44:44 no zone is UTC', Date.UTC(2020, 4, 11, 12, 44, 44)],
  ])('reads the time a line starts with: %s', (line, expected) => {
    expect(lineTimestamp(line)).toBe(expected);
  });

  it('finds none in a line without one, or with a date deep in its message', () => {
    expect(lineTimestamp('hello world')).toBeUndefined();
    expect(lineTimestamp(`${'x'.repeat(60)} 2020-05-11T12:44:44Z`)).toBeUndefined();
  });
});

describe('readLogLines', () => {
  it("keeps each filter-log-events entry's time, id and log stream", () => {
    const lines = readLogLines(
      JSON.stringify({
        events: [
          { logStreamName: 'a', timestamp: 1, message: 'one', eventId: '11' },
          { logStreamName: 'b', timestamp: 2, message: 'two\nlines', eventId: '22' },
        ],
      }),
    );
    expect(lines).toEqual([
      { message: 'one', timestamp: 1, id: '11', logStream: 'a' },
      { message: 'two\nlines', timestamp: 2, id: '22', logStream: 'b' },
    ]);
  });

  it('times a text line by its own timestamp, and a line without one not at all (the one before + 1 ms)', () => {
    expect(readLogLines('2020-05-11T12:44:44.000Z first\ncontinued\n')).toEqual([
      { message: '2020-05-11T12:44:44.000Z first', timestamp: Date.UTC(2020, 4, 11, 12, 44, 44) },
      { message: 'continued' },
    ]);
  });

  it('groups events by stream in order of first appearance, the rest under the default stream', () => {
    const groups = byLogStream(
      [{ message: '1', logStream: 'b' }, { message: '2' }, { message: '3', logStream: 'b' }],
      'default',
    );
    expect(groups).toEqual([
      { logStream: 'b', events: [{ message: '1' }, { message: '3' }] },
      { logStream: 'default', events: [{ message: '2' }] },
    ]);
  });
});

function linesToEvent(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', 'scripts/lines-to-event.ts', ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
    });
  });
}

describe('npm run event:from-lines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cwlf-lines-'));

  it('requires --log-group instead of inventing one', async () => {
    const file = join(dir, 'plain.log');
    writeFileSync(file, 'hello\n');
    const { code, stderr, stdout } = await linesToEvent([file]);
    expect(code).toBe(2);
    expect(stderr).toContain('--log-group is required');
    expect(stdout).toBe('');
  }, 60_000);

  it('writes one event file per log stream of filter-log-events output, each event at its own time', async () => {
    const file = join(dir, 'filtered.json');
    writeFileSync(
      file,
      JSON.stringify({
        events: [
          { logStreamName: 's1', timestamp: 1000, message: 'a', eventId: '1' },
          { logStreamName: 's2', timestamp: 2000, message: 'b', eventId: '2' },
          { logStreamName: 's1', timestamp: 3000, message: 'c', eventId: '3' },
        ],
      }),
    );
    const out = join(dir, 'mine.json');
    const { code, stderr } = await linesToEvent([file, '--log-group', '/aws/lambda/fn', '--out', out]);
    expect(code, stderr).toBe(0);
    const payload = (path: string) =>
      decodeSubscriptionEvent(JSON.parse(readFileSync(path, 'utf8')) as SubscriptionEvent) as {
        logGroup: string;
        logStream: string;
        logEvents: { id: string; timestamp: number; message: string }[];
      };
    expect(payload(join(dir, 'mine-1.json'))).toMatchObject({
      logGroup: '/aws/lambda/fn',
      logStream: 's1',
      logEvents: [
        { id: '1', timestamp: 1000, message: 'a' },
        { id: '3', timestamp: 3000, message: 'c' },
      ],
    });
    expect(payload(join(dir, 'mine-2.json'))).toMatchObject({
      logStream: 's2',
      logEvents: [{ id: '2', timestamp: 2000, message: 'b' }],
    });
    expect(stderr).toContain('mine-1.json: 2 event(s) of /aws/lambda/fn, stream s1');
  }, 60_000);
});
