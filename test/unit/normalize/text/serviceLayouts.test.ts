import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Layouts of AWS services' and container servers' logs that their own sources write and that an
 * earlier reading missed: each test is one line as the named source writes it.
 */
const shipped = (line: string) => shippedLine(line, 'services-fn');

describe('Spring Boot 3.2+ console layout', () => {
  // spring-boot core/spring-boot/src/main/resources/org/springframework/boot/logging/logback/defaults.xml:
  // `--- %esb(){APPLICATION_NAME}%esb{APPLICATION_GROUP}[%15.15t] ${LOG_CORRELATION_PATTERN:-}`.
  const ID = '[803B448A0489F84084905D3093480352-3425F23BB2432450]';

  it('reads the correlation id after the thread (Micrometer Tracing) into trace_id and span_id', () => {
    const { record, missing } = shipped(
      `2024-05-07T10:15:30.123Z  INFO 1 --- [orders] [nio-8080-exec-1] ${ID} c.e.orders.web.OrderController           : Placing order 42`,
    );
    expect(record).toMatchObject({
      name: 'c.e.orders.web.OrderController',
      levelname: 'INFO',
      message: 'Placing order 42',
      log_format: 'spring-boot',
      thread: 'nio-8080-exec-1',
      application: 'orders',
      trace_id: '803B448A0489F84084905D3093480352',
      span_id: '3425F23BB2432450',
    });
    expect(missing).toEqual([]);
  });

  it('takes the blank correlation id written before a span exists for no thread', () => {
    const blank = `[${' '.repeat(32)} ${' '.repeat(16)}]`;
    const { record } = shipped(
      `2024-05-07T10:15:28.001Z  INFO 1 --- [orders] [           main] ${blank} c.e.orders.OrderApplication              : Started OrderApplication in 2.9 seconds`,
    );
    expect(record).toMatchObject({
      name: 'c.e.orders.OrderApplication',
      thread: 'main',
      application: 'orders',
    });
    expect(record.message).toBe('Started OrderApplication in 2.9 seconds');
  });

  it('reads a correlation id with no application name as the correlation, not the thread', () => {
    const { record } = shipped(
      `2024-05-07T10:15:30.123Z  WARN 1 --- [nio-8080-exec-1] ${ID} c.e.orders.web.OrderController           : Stock low`,
    );
    expect(record).toMatchObject({ thread: 'nio-8080-exec-1', trace_id: '803B448A0489F84084905D3093480352' });
    expect(record.application).toBeUndefined();
  });

  it('reads the application group (Boot 3.4+) between the application name and the thread', () => {
    const { record, missing } = shipped(
      '2025-01-10T08:00:00.000Z ERROR 1 --- [orders] [shop] [           main] o.s.boot.SpringApplication               : Application run failed',
    );
    expect(record).toMatchObject({
      name: 'o.s.boot.SpringApplication',
      levelname: 'ERROR',
      message: 'Application run failed',
      thread: 'main',
      application: 'orders',
      application_group: 'shop',
    });
    expect(missing).toEqual([]);
  });
});
