import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * A library that writes its logger under a key of its own (structlog's `logger`, from
 * `add_logger_name`; logstash-logback-encoder's `logger_name`) also writes the call's own fields
 * as top-level keys: a field called `name` is the call's, not the logger's.
 */
describe('the library’s own logger key names the record (structlog.ts, logstashLogback.ts)', () => {
  it('structlog: `logger` before a keyword argument `name`', () => {
    const { record, missing } = shippedLine(
      '{"event": "user created", "name": "alice", "level": "info", "logger": "app.users", "timestamp": "2024-05-01T09:30:00Z"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({ name: 'app.users', levelname: 'INFO', message: 'user created' });
    expect(record.original_fields).toEqual({ name: 'alice' });
    expect(missing).toEqual([]);
  });

  it('structlog: `name` still names a record with no `logger`', () => {
    const { record } = shippedLine('{"event": "hello", "name": "app", "level": "info"}\n', 'py-fn');
    expect(record.name).toBe('app');
  });

  it('logstash-logback-encoder: `logger_name` before a StructuredArguments `name`', () => {
    const { record, missing } = shippedLine(
      '{"@timestamp":"2019-11-03T10:15:30.123+01:00","@version":"1","message":"log message name=value","logger_name":"com.example.App","thread_name":"main","level":"INFO","level_value":20000,"name":"value"}\n',
      'java-fn',
    );
    expect(record).toMatchObject({
      name: 'com.example.App',
      levelname: 'INFO',
      message: 'log message name=value',
    });
    expect(record.original_fields).toMatchObject({ name: 'value' });
    expect(missing).toEqual([]);
  });
});
