import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * PostgreSQL lines with another `log_line_prefix` than RDS's `%t:%r:%u@%d:[%p]:` (a custom
 * parameter group on RDS or Aurora, a postgres container): read from `%t`/`%m` at the start and
 * the severity's `:  ` (postgres/postgres src/backend/utils/error/elog.c), the prefix between
 * kept whole (rdsPostgresql.ts).
 */
const shipped = (line: string) => shippedLine(line, 'db-fn');

describe('PostgreSQL lines with a custom log_line_prefix (rdsPostgresql.ts)', () => {
  it('reads the severity as the level and the prefix’s pid, user, database, application and client', () => {
    const line =
      '2023-11-01 10:47:57 UTC [4121]: user=app,db=orders,app=psql,client=10.0.1.23 ERROR:  ' +
      'duplicate key value violates unique constraint "orders_pkey"';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      log_format: 'rds-postgresql',
      levelname: 'ERROR',
      message: 'duplicate key value violates unique constraint "orders_pkey"',
      line_prefix: '[4121]: user=app,db=orders,app=psql,client=10.0.1.23',
      pid: 4121,
      user: 'app',
      database: 'orders',
      application_name: 'psql',
      client_addr: '10.0.1.23',
    });
    expect(missing).toEqual([]);
  });

  it('reads PostgreSQL’s own default `%m [%p] ` and `%u@%d` after it', () => {
    const { record } = shipped('2023-11-01 10:47:57.081 UTC [77] app@orders FATAL:  terminating connection');
    expect(record).toMatchObject({
      log_format: 'rds-postgresql',
      levelname: 'CRITICAL',
      severity: 'FATAL',
      message: 'terminating connection',
      pid: 77,
      user: 'app',
      database: 'orders',
    });
  });

  it('keeps what it cannot name in the prefix: the RDS prefix with `%e:` appended', () => {
    const line =
      '2023-11-01 10:47:57 UTC:10.0.1.23(51234):app@orders:[4121]:42P01:ERROR:  relation "x" does not exist';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'relation "x" does not exist',
      client_addr: '10.0.1.23',
      client_port: 51234,
      pid: 4121,
    });
    expect(record.line_prefix).toContain('42P01');
    expect(missing).toEqual([]);
  });

  it('keeps a log_timezone other than UTC as time_zone (the record’s times are UTC)', () => {
    const pacific = shipped('2026-02-07 09:45:34.310 PST [3035361] LOG:  database system is ready\n');
    expect(pacific.record).toMatchObject({ levelname: 'INFO', time_zone: 'PST', pid: 3035361 });
    expect(pacific.missing).toEqual([]);
    expect(shipped('2026-02-07 09:45:34 +03 [35] LOG:  checkpoint starting\n').record.time_zone).toBe('+03');
    expect(
      shipped('2026-02-07 09:45:34 UTC [35] LOG:  checkpoint starting\n').record.time_zone,
    ).toBeUndefined();
  });

  it('leaves to other formats the lines whose time or severity is not PostgreSQL’s', () => {
    // Python logging and Log4j 2 write a comma before the milliseconds; ISO times have a `T`.
    expect(shipped('2023-11-01 10:47:57,081 ERROR app - LOG:  retrying').record.log_format).not.toBe(
      'rds-postgresql',
    );
    expect(shipped('2023-11-01T10:47:57Z UTC [1] LOG:  ready').record.log_format).not.toBe('rds-postgresql');
    // No severity word before the `:  `, or a single space after it.
    expect(shipped('2023-11-01 10:47:57 UTC [1] NOTE:  ready').record.log_format).toBe('text');
    expect(shipped('2023-11-01 10:47:57 UTC [1] LOG: ready').record.log_format).toBe('text');
  });
});
