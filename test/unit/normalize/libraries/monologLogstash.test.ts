import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Monolog's `LogstashFormatter` (Seldaek/monolog src/Monolog/Formatter/LogstashFormatter.php,
 * 2.x/3.x `format`): `@timestamp`, `@version`, `host`, `message`, `type`, `channel`, `level` (the
 * level's name), `monolog_level`, `extra`, `context`; Laravel's `logstash` channels write it.
 */
describe('Monolog LogstashFormatter (monolog.ts monologLogstash)', () => {
  it('takes the channel as the name and context.exception as exc_info', () => {
    const { record, missing } = shippedLine(
      '{"@timestamp":"2023-11-01T10:47:57.081234+00:00","@version":1,"host":"169.254.1.1","message":"Payment failed","type":"laravel","channel":"production","level":"ERROR","monolog_level":400,"extra":{"uid":"abc123"},"context":{"exception":{"class":"RuntimeException","message":"boom","code":0,"file":"/var/task/app/Http/Controllers/PayController.php:12","trace":["/var/task/vendor/laravel/framework/src/Illuminate/Routing/Controller.php:54"]}}}\n',
      'php-fn',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'production',
      message: 'Payment failed',
      exc_info:
        'RuntimeException(code: 0): boom at /var/task/app/Http/Controllers/PayController.php:12\n#0 /var/task/vendor/laravel/framework/src/Illuminate/Routing/Controller.php:54',
      log_format: 'monolog-logstash',
      type: 'laravel',
      monolog_level: 400,
      extra: { uid: 'abc123' },
      context: { exception: { class: 'RuntimeException', message: 'boom' } },
    });
    expect(missing).toEqual([]);
  });

  it('maps NOTICE to INFO, its number kept as monolog_level', () => {
    const { record, missing } = shippedLine(
      '{"@timestamp":"2023-11-01T10:47:57.081234+00:00","@version":1,"host":"h","message":"User registered","type":"app","channel":"app","level":"NOTICE","monolog_level":250}\n',
      'php-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'app',
      message: 'User registered',
      monolog_level: 250,
    });
    expect(missing).toEqual([]);
  });
});

describe('a generic JSON record with a Monolog level number (genericJson.ts)', () => {
  it('keeps the number as `level`', () => {
    const { record, missing } = shippedLine('{"level":300,"message":"disk almost full"}\n', 'php-fn');
    expect(record).toMatchObject({ levelname: 'WARNING', message: 'disk almost full', level: 300 });
    expect(missing).toEqual([]);
  });
});
