import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * zerolog's `Send()` (`Msg("")`: rs/zerolog event.go writes no `message` key for an empty message):
 * `{"level":"debug","Name":"Tom","time":1562212768}` (its README), the level first
 * (`Logger.newEvent`), the fields, the `With().Timestamp()` hook's time, `Caller()`'s `caller`.
 */
const shipped = (line: string) => shippedLine(line, 'go-fn');

describe('zerolog records sent without a message (goJson.ts)', () => {
  it('reads the README’s Send() line as zerolog: its level, an empty message, the fields kept', () => {
    const { record, missing } = shipped('{"level":"debug","Name":"Tom","time":1562212768}\n');
    expect(record).toMatchObject({
      log_format: 'zerolog',
      levelname: 'DEBUG',
      name: 'go-fn',
      message: '',
      Name: 'Tom',
      time: 1562212768,
    });
    expect(record).not.toHaveProperty('exc_info');
    expect(missing).toEqual([]);
  });

  it('keeps `caller` and reads an RFC 3339 time wherever it is written', () => {
    const a = shipped('{"level":"info","time":"2023-11-01T10:47:57Z","user":"bob"}\n');
    expect(a.record).toMatchObject({ log_format: 'zerolog', levelname: 'INFO', message: '', user: 'bob' });
    expect(a.missing).toEqual([]);
    const b = shipped(
      '{"level":"warn","user":"bob","time":"2023-11-01T10:47:57Z","caller":"/go/src/app/main.go:21"}\n',
    );
    expect(b.record).toMatchObject({
      log_format: 'zerolog',
      levelname: 'WARNING',
      message: '',
      caller: '/go/src/app/main.go:21',
    });
    expect(b.missing).toEqual([]);
  });

  it('takes the error of an Err(err).Stack().Send() line as its message, the stack as exc_info', () => {
    const { record, missing } = shipped(
      '{"level":"error","stack":[{"func":"query","line":"42","source":"db.go"}],"error":"connection refused","time":1609085256}\n',
    );
    expect(record).toMatchObject({
      log_format: 'zerolog',
      levelname: 'ERROR',
      message: 'connection refused',
      exc_info: 'connection refused\nquery\n\tdb.go:42',
      error: 'connection refused',
    });
    expect(missing).toEqual([]);
  });

  it('leaves JSON with a level that is not zerolog’s first key, or not one of its names, to generic JSON', () => {
    expect(shipped('{"user":"bob","level":"info","time":"2023-11-01T10:47:57Z"}\n').record.log_format).toBe(
      'json',
    );
    expect(shipped('{"level":"INFO","time":"2023-11-01T10:47:57Z","user":"bob"}\n').record.log_format).toBe(
      'json',
    );
    // pino with level labels and no message stays pino.
    expect(
      shipped('{"level":"info","time":1700000000000,"pid":1,"hostname":"h","user":"bob"}\n').record
        .log_format,
    ).toBe('pino');
  });
});
