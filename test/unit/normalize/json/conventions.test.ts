import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_CONVENTION_FORMATS } from '../../../helpers/formatNames.js';
import { normalizeEvent, type EventSource } from '../../../../src/normalize/normalizeEvent.js';

/**
 * The JSON conventions of SPEC §3 (formats/serilogClef.ts … powertoolsDotnet.ts): the behaviours a
 * user would notice beyond the fixtures, and the lines of the older formats they must not take.
 */
const source: EventSource = { logGroup: '/aws/lambda/fn', logStream: 's', owner: '1', defaultName: 'fn' };

function line(text: string) {
  return normalizeEvent({ id: '1', timestamp: 0, message: `${text}\n` }, source);
}

function json(object: Record<string, unknown>) {
  return line(JSON.stringify(object));
}

describe('detection leaves the older formats their lines', () => {
  it('tells slog (upper-case level) from logrus (lower case) and zap (ts)', () => {
    expect(json({ time: 't', level: 'WARN', msg: 'm' }).log_format).toBe('go-slog');
    expect(json({ time: 't', level: 'warning', msg: 'm' }).log_format).toBe('logrus');
    expect(json({ ts: 1.5, level: 'INFO', msg: 'm' }).log_format).toBe('zap');
  });

  it('reads `event` as the message only beside a structlog processor key', () => {
    const plain = json({ event: 'order_created', orderId: 1 });
    expect(plain.log_format).toBe('json');
    expect(plain.message).toBe('{"event":"order_created","orderId":1}');
    expect(json({ event: 'order_created', level: 'info' })).toMatchObject({
      log_format: 'structlog',
      message: 'order_created',
    });
  });

  it('keeps Lambda’s own .NET JSON record (requestId, no service) as Lambda JSON', () => {
    const record = json({ timestamp: 't', level: 'Information', requestId: 'r', message: 'm' });
    expect(record.log_format).toBe('lambda-json');
    expect(record.aws_request_id).toBe('r');
  });

  it('keeps Powertools records with no Java or .NET marker as the TypeScript/Python format', () => {
    const record = json({ level: 'INFO', message: 'm', service: 'pay', timestamp: 't', cold_start: true });
    expect(record.log_format).toBe('powertools');
    expect(
      json({ level: 'INFO', message: 'm', service: 'pay', timestamp: 't', function_version: '1' }).log_format,
    ).toBe('powertools-java');
    expect(json({ level: 'Information', message: 'm', service: 'pay' }).log_format).toBe('powertools-dotnet');
  });

  it('tells a flattened Rust tracing record (target) from a Lambda JSON record', () => {
    expect(json({ timestamp: 't', level: 'INFO', message: 'm', target: 'app::db' })).toMatchObject({
      log_format: 'rust-tracing-json',
      name: 'app::db',
    });
    expect(json({ timestamp: 't', level: 'INFO', message: 'm' }).log_format).toBe('lambda-json');
  });

  it('leaves bracketed text that is no Monolog line to the other formats', () => {
    expect(line('[2024-01-01] nothing here').log_format).toBe('text');
    expect(line('[2024-01-01] app.VERBOSE: not a Monolog level').log_format).toBe('text');
    expect(line('[ERROR] boom').levelname).toBe('ERROR');
  });

  it('reads loguru’s `date | LEVEL | name:function:line - ` line as loguru, not as Python logging text', () => {
    const record = line('2024-01-01 00:00:00.000 | INFO     | module:function:42 - message');
    expect(record).toMatchObject({ log_format: 'loguru-text', name: 'module', message: 'message' });
    expect(line('2024-01-01 00:00:00,000 app INFO message').log_format).toBe('python-logging');
  });
});

describe('Powertools for .NET in each LoggerOutputCase (powertoolsDotnet.ts)', () => {
  const pascal = {
    ColdStart: true,
    FunctionName: 'test',
    FunctionRequestId: 'r-1',
    Timestamp: 't',
    Level: 'Information',
    Service: 'payment',
    Name: 'Payments.Charger',
    Message: 'm',
  };

  it('reads a PascalCase record’s Level, Message, Name and FunctionRequestId, keeping every other key once', () => {
    const record = json(pascal);
    expect(record).toMatchObject({
      log_format: 'powertools-dotnet',
      levelname: 'INFO',
      name: 'Payments.Charger',
      message: 'm',
      aws_request_id: 'r-1',
      ColdStart: true,
      FunctionName: 'test',
      Timestamp: 't',
      Service: 'payment',
    });
    for (const key of ['Level', 'Message', 'Name', 'FunctionRequestId'])
      expect(record, key).not.toHaveProperty(key);
  });

  it('names a PascalCase record without Name by its Service', () => {
    const { Name: _name, ...rest } = pascal;
    expect(json(rest).name).toBe('payment');
  });

  it('reads the LogLevel key PascalCase output has under Lambda’s advanced logging controls', () => {
    const { Level: _level, ...rest } = pascal;
    const record = json({ ...rest, LogLevel: 'Critical' });
    expect(record).toMatchObject({ log_format: 'powertools-dotnet', levelname: 'CRITICAL' });
    expect(record).not.toHaveProperty('LogLevel');
  });

  it('maps every .NET LogLevel name in every casing', () => {
    const want = {
      Trace: 'DEBUG',
      Debug: 'DEBUG',
      Information: 'INFO',
      Warning: 'WARNING',
      Error: 'ERROR',
      Critical: 'CRITICAL',
    };
    for (const [level, levelname] of Object.entries(want)) {
      expect(json({ level, message: 'm', service: 's', cold_start: true }).levelname, level).toBe(levelname);
      expect(json({ level, message: 'm', service: 's', coldStart: true }).levelname, level).toBe(levelname);
      expect(json({ Level: level, Message: 'm', Service: 's' }).levelname, level).toBe(levelname);
    }
  });

  it('reads a PascalCase record inside the .NET runtime’s prefix', () => {
    const record = line(
      `2025-02-24T13:36:06.483Z\t8f507cfc-3e64-4d5b-a5d6-7e2c1c9a3b01\tinfo\t${JSON.stringify({ ...pascal, Level: 'Error' })}`,
    );
    expect(record).toMatchObject({
      log_format: 'lambda-dotnet/powertools-dotnet',
      levelname: 'ERROR',
      message: 'm',
    });
  });

  it('leaves .NET’s other PascalCase JSON (no Service) to the other formats', () => {
    // Microsoft.Extensions.Logging's JSON console formatter.
    const console = json({
      Timestamp: 't',
      EventId: 0,
      LogLevel: 'Information',
      Category: 'App',
      Message: 'm',
      State: {},
    });
    expect(console.log_format).not.toBe('powertools-dotnet');
    // Serilog's JsonFormatter.
    const serilog = json({
      Timestamp: 't',
      Level: 'Information',
      MessageTemplate: 'm {A}',
      Properties: { A: 1 },
    });
    expect(serilog.log_format).not.toBe('powertools-dotnet');
  });
});

describe('Serilog CLEF templates (serilogClef.ts)', () => {
  it('writes escaped braces once and leaves a token without its property as written', () => {
    const record = json({ '@t': 't', '@mt': '{{literal}} {Missing} {Count,5}', Count: 3 });
    // Serilog pads an aligned token to its width (Rendering/Padding.cs): `{Count,5}` is four spaces and 3.
    expect(record.message).toBe('{literal} {Missing}     3');
    expect(record['@mt']).toBe('{{literal}} {Missing} {Count,5}');
  });

  it('renders booleans, nulls and a structure’s type tag as Serilog does', () => {
    const record = json({
      '@t': 't',
      '@mt': '{Ok} {Nothing} {@Order}',
      Ok: true,
      Nothing: null,
      Order: { $type: 'Order', Id: 7 },
    });
    expect(record.message).toBe('True null Order { Id: 7 }');
  });

  it('prefers the rendered message @m over the template', () => {
    expect(json({ '@t': 't', '@m': 'rendered', '@mt': 'template {X}', X: 1 }).message).toBe('rendered');
  });
});

describe('ECS fields written dotted or nested (ecs.ts)', () => {
  it('reads a nested log object’s level and logger, keeping the level’s spelling and its other keys', () => {
    const record = json({
      '@timestamp': 't',
      message: 'm',
      ecs: { version: '8.0.0' },
      log: { level: 'warn', logger: 'app', origin: { function: 'f' } },
    });
    expect(record).toMatchObject({ levelname: 'WARNING', name: 'app' });
    expect(record.log).toEqual({ level: 'warn', origin: { function: 'f' } });
  });

  it('keeps the log object when it held only the level and logger (Kibana’s JSON layout)', () => {
    const record = json({
      ecs: { version: '8.6.1' },
      '@timestamp': '2023-11-10T03:53:06.163+00:00',
      message: 'm',
      log: { level: 'ERROR', logger: 'plugins.security' },
      process: { pid: 7 },
    });
    expect(record).toMatchObject({ log_format: 'ecs', levelname: 'ERROR', name: 'plugins.security' });
    expect(record.log).toEqual({ level: 'ERROR' });
  });

  it('reads a nested log.level beside @timestamp as ECS without ecs.version', () => {
    const record = json({ '@timestamp': 't', log: { level: 'error', logger: 'app' }, message: 'boom' });
    expect(record).toMatchObject({ log_format: 'ecs', levelname: 'ERROR', name: 'app', message: 'boom' });
  });

  it('takes a nested error’s stack_trace as exc_info, its type and message staying under error', () => {
    const record = json({
      '@timestamp': 't',
      log: { level: 'ERROR', logger: 'app' },
      message: 'failed',
      error: {
        type: 'java.lang.IllegalStateException',
        message: 'boom',
        stack_trace: '\tat a.B.c(B.java:1)',
      },
      ecs: { version: '8.11' },
    });
    expect(record.exc_info).toBe('java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)');
    expect(record.error).toEqual({ type: 'java.lang.IllegalStateException', message: 'boom' });
  });

  it('heads .NET frames with the error’s type and message', () => {
    const record = json({
      '@timestamp': 't',
      'ecs.version': '8.6.0',
      'log.level': 'Error',
      message: 'failed',
      'error.type': 'System.IO.IOException',
      'error.message': 'disk',
      'error.stack_trace': '   at App.Save() in /src/App.cs:line 3',
    });
    expect(record.exc_info).toBe('System.IO.IOException: disk\n   at App.Save() in /src/App.cs:line 3');
  });
});

describe('levels stated in a conventional place', () => {
  it('maps slog levels with offsets by their number and keeps the spelling', () => {
    const levels = ['DEBUG-4', 'DEBUG+3', 'INFO+3', 'WARN', 'WARN+3', 'ERROR', 'ERROR+3', 'ERROR+4'].map(
      (level) => json({ time: 't', level, msg: 'm' }).levelname,
    );
    expect(levels).toEqual(['DEBUG', 'DEBUG', 'INFO', 'WARNING', 'WARNING', 'ERROR', 'ERROR', 'CRITICAL']);
    expect(line('time=t level=ERROR+4 msg=m')).toMatchObject({ levelname: 'CRITICAL', level: 'ERROR+4' });
  });

  it('reads a Monolog level number when level_name is not one', () => {
    const record = json({ message: 'm', level: 400, level_name: 'Custom', channel: 'app' });
    expect(record.levelname).toBe('ERROR');
    expect(record.level_name).toBe('Custom');
  });

  it('reads a custom loguru level by its number', () => {
    const record = json({ text: 'x', record: { level: { name: 'AUDIT', no: 35 }, message: 'm' } });
    expect(record.levelname).toBe('WARNING');
  });
});

describe('an error attr of slog’s TextHandler (logfmt.ts)', () => {
  const STACK = String.raw`open /etc/app.yaml: no such file or directory\nmain.loadConfig\n\t/src/app/main.go:21\nmain.main\n\t/src/app/main.go:12`;

  it('keeps a plain error’s text as the err field: no stack, so no exc_info', () => {
    const record = line(
      'time=2023-08-04T16:09:20.000Z level=ERROR msg="request failed" err="connection refused"',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'request failed',
      err: 'connection refused',
    });
    expect(record.exc_info).toBeUndefined();
  });

  it('takes an error printed with its stack (%+v, pkg/errors) as exc_info', () => {
    const record = line(`time=2023-08-04T16:09:20.000Z level=ERROR msg="load failed" err="${STACK}"`);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'load failed',
      exc_info:
        'open /etc/app.yaml: no such file or directory\nmain.loadConfig\n\t/src/app/main.go:21\nmain.main\n\t/src/app/main.go:12',
    });
    expect(record.err).toBeUndefined();
  });

  it('keeps errors.Join’s lines (no frames) as the field', () => {
    const record = line(String.raw`time=t level=ERROR msg=m err="first\nsecond"`);
    expect(record.err).toBe('first\nsecond');
    expect(record.exc_info).toBeUndefined();
  });

  it('leaves the error a field when the line has a stack of its own', () => {
    const record = line(`time=t level=ERROR msg=m err="${STACK}" stack="goroutine 1 [running]:"`);
    expect(record.exc_info).toBe('goroutine 1 [running]:');
    expect(record.err).toContain('main.loadConfig');
  });
});

describe('older logrus text (its README sample): values with spaces unquoted (logfmt.ts)', () => {
  it('reads the line, the unquoted value whole under its key', () => {
    const record = line(
      `time="2015-03-26T01:27:38-04:00" level=fatal msg="The ice breaks!" err=&{0x2082280c0 map[animal:orca size:9009] 2015-03-26 01:27:38.441574009 -0400 EDT panic It's over 9000!} number=100 omg=true`,
    );
    expect(record).toMatchObject({
      log_format: 'logfmt',
      levelname: 'CRITICAL',
      message: 'The ice breaks!',
      err: "&{0x2082280c0 map[animal:orca size:9009] 2015-03-26 01:27:38.441574009 -0400 EDT panic It's over 9000!}",
      number: '100',
    });
  });

  it('leaves prose and a level followed by words as text', () => {
    expect(line('user=bob logged in at noon').log_format).toBe('text');
    expect(line('level=ERROR something failed msg=x').log_format).toBe('text');
    expect(line('msg=started the server level=info').log_format).toBe('text');
  });
});

describe('what the line carries survives', () => {
  it('keeps a Monolog message that ends in braces which are no JSON', () => {
    const record = line('[2024-01-01T00:00:00+00:00] app.INFO: set {a} to {b}');
    expect(record).toMatchObject({ levelname: 'INFO', name: 'app', message: 'set {a} to {b}' });
  });

  it('keeps an ECS line’s own `name` field under original_fields, the logger naming the record', () => {
    const record = json({
      '@timestamp': 't',
      'ecs.version': '1',
      'log.logger': 'app',
      message: 'm',
      name: 'x',
    });
    expect(record.name).toBe('app');
    expect(record.original_fields).toEqual({ '@timestamp': 't', name: 'x' });
  });

  it('keeps a Rust tracing event’s fields beside the lifted message', () => {
    const record = json({ timestamp: 't', level: 'INFO', fields: { message: 'm', k: 1 }, target: 'a' });
    expect(record.fields).toEqual({ k: 1 });
  });
});

describe('every value of a JSON conventions line survives in its record (SPEC §3)', () => {
  const FILES = JSON_CONVENTION_FORMATS;
  // Level spellings become `levelname`, the one re-expression SPEC §3 allows a structured line.
  const LEVEL =
    /^(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|CRITICAL|FATAL|NOTICE|ALERT|EMERGENCY|SUCCESS|Verbose|Debug|Information|Warning|Error|Fatal|Critical|Trace|debug|info|warn|warning|error|critical)$/;

  function words(value: unknown, out: string[]): string[] {
    if (typeof value === 'string') out.push(...value.split(/[\s[\](),]+/));
    else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
    else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) words(v, out);
    return out;
  }

  const lines = FILES.flatMap((file) =>
    ['formats', 'corpus'].flatMap((dir) =>
      (
        JSON.parse(readFileSync(join(__dirname, `../../../fixtures/${dir}/${file}.json`), 'utf8')) as {
          line: string;
        }[]
      )
        .map((entry) => entry.line.trim())
        .filter((text) => text.startsWith('{'))
        .map((text) => [`${dir}/${file}`, text] as const),
    ),
  );

  it.each(lines)('%s: %s', (_file, text) => {
    const record = line(text);
    const kept = `${JSON.stringify(record)}\n${record.message}\n${record.exc_info ?? ''}`;
    const lost = words(JSON.parse(text), []).filter(
      (word) =>
        word !== '' &&
        !LEVEL.test(word) &&
        !kept.includes(word) &&
        !kept.includes(JSON.stringify(word).slice(1, -1)),
    );
    expect(lost).toEqual([]);
  });
});
