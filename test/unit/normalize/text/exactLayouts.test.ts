import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../../src/normalize/normalizeEvent.js';
import type { ForwarderRecord } from '../../../../src/normalize/record.js';
import { checkConservation } from '../../../helpers/conservation.js';
import { lambdaEventSource } from '../../../helpers/eventSource.js';

/**
 * Formats read from a layout with no header or key names (VPC Flow Logs' custom formats,
 * the MySQL general query log) claim a line only in the
 * exact layout their source documents; a line that is nearly one of them stays text, whole. The
 * documented lines themselves are in test/fixtures (formats and corpus).
 */
const source = lambdaEventSource('layouts-fn');

function normalize(line: string): ForwarderRecord {
  return normalizeEvent(
    { id: 'e1', timestamp: Date.UTC(2023, 10, 1, 10, 47, 57, 81), message: line },
    source,
  );
}

function missing(line: string): string[] {
  return checkConservation(line, encodeRecord(normalize(line)).data.toString('utf8')).missing;
}

function expectText(line: string): void {
  const record = normalize(line);
  expect(record.log_format, line).toBe('text');
  expect(record.message).toBe(line.replace(/\n$/, ''));
}

const TCP_FLAGS =
  '3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 123456789010 IPv4 ' +
  '52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 1566848875 1566848933 ACCEPT 2 OK';
const DEFAULT_FIELDS =
  '123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK';

describe('VPC Flow Logs custom formats (vpcFlowLogs.ts)', () => {
  it('reads a documented layout under the fields’ names, numbers as numbers, `-` left out', () => {
    const record = normalize(`${TCP_FLAGS}\n`);
    expect(record).toMatchObject({
      log_format: 'vpc-flow-logs',
      levelname: 'INFO',
      message: TCP_FLAGS,
      version: 3,
      vpc_id: 'vpc-abcdefab012345678',
      pkt_srcaddr: '52.213.180.42',
      tcp_flags: 2,
      bytes: 568,
    });
    const noInstance = normalize(
      `3 ${DEFAULT_FIELDS} vpc-abcdefab012345678 subnet-aaaaaaaa012345678 - 2 IPv4 - -\n`,
    );
    expect(noInstance.log_format).toBe('vpc-flow-logs');
    expect(noInstance).not.toHaveProperty('instance_id');
    expect(noInstance).not.toHaveProperty('pkt_srcaddr');
  });

  it('leaves text a record whose count of fields matches no documented layout of its version', () => {
    // Version 3 is never written for the version 2 fields alone; the NAT gateway example has no version.
    expectText(`3 ${DEFAULT_FIELDS}\n`);
    expectText(`3 ${DEFAULT_FIELDS} vpc-abcdefab012345678\n`);
    expectText('- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5\n');
  });

  it('leaves text a record whose version is not the layout’s, or not one of 2 to 5', () => {
    expectText(`${TCP_FLAGS.replace(/^3/, '4')}\n`);
    expectText(
      `5 ${DEFAULT_FIELDS} vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 2 IPv4 - -\n`,
    );
    expectText(`7 ${DEFAULT_FIELDS}\n`);
  });

  it('leaves text a record with a value its field cannot hold', () => {
    expectText(`${TCP_FLAGS.replace(' IPv4 ', ' IPv5 ')}\n`);
    expectText(`${TCP_FLAGS.replace('vpc-abcdefab012345678', 'vpc-orders')}\n`);
    expectText(`${TCP_FLAGS.replace(' ACCEPT ', ' ALLOW ')}\n`);
    expectText(`${TCP_FLAGS.replace(/ OK$/, ' DONE')}\n`);
    // An empty field (two spaces in a row): VPC Flow Logs writes one space between fields.
    expectText(`${TCP_FLAGS.replace(' 5001 ', ' 5001  ')}\n`);
  });

  it('keeps every token of the records it reads', () => {
    expect(missing(`${TCP_FLAGS}\n`)).toEqual([]);
  });
});

describe('the MySQL general query log (rdsMysqlGeneralLog.ts)', () => {
  it('reads the thread, the command and the statement; the log states no level: INFO', () => {
    expect(normalize('2024-01-01T00:00:00.123456Z\t   12 Query\tSELECT 1\n')).toMatchObject({
      log_format: 'rds-mysql-general',
      levelname: 'INFO',
      message: 'SELECT 1',
      thread: 12,
      command: 'Query',
    });
  });

  it('keeps a statement of several lines whole', () => {
    expect(
      normalize('2024-01-01T00:00:00.123456Z\t   12 Query\tSELECT *\nFROM orders\nWHERE id = 1\n').message,
    ).toBe('SELECT *\nFROM orders\nWHERE id = 1');
  });

  it('reads a Quit whose trailing tab was trimmed, and keeps an id past 2^53 as written', () => {
    expect(normalize('2024-01-01T00:00:00.123456Z\t   12 Quit\n')).toMatchObject({
      message: 'Quit',
      command: 'Quit',
    });
    expect(normalize('2024-01-01T00:00:00.123456Z\t90071992547409931 Query\tSELECT 1\n')).toMatchObject({
      thread: '90071992547409931',
    });
  });

  it('leaves text an entry with a command the servers do not write, or a thread id not in its column', () => {
    expectText('2024-01-01T00:00:00.123456Z\t   12 Select\tSELECT 1\n');
    expectText('2024-01-01T00:00:00.123456Z\t    12 Query\tSELECT 1\n');
    expectText('2024-01-01T00:00:00.123456Z\t12 Query\tSELECT 1\n');
    expectText('2024-01-01 00:00:00\t   12 Query\tSELECT 1\n');
    expectText('\t   12 Query\tSELECT 1\n');
    // MySQL 5.0's layout (the command padded, no tab) and the header of a new log file.
    expectText('051007 21:55:24\t     42 Connect     root@localhost on db1\n');
    expectText('Time                 Id Command    Argument\n');
  });

  it('leaves the error log’s lines to the rds-mysql format', () => {
    expect(normalize('2024-01-01T00:00:00.123456Z 12 [Note] Aborted connection 12 to db\n').log_format).toBe(
      'rds-mysql',
    );
  });

  it('keeps every token but the time', () => {
    expect(missing('231101  9:47:57\t   12 Init DB\torders\n')).toEqual([]);
    expect(missing('2024-01-01T00:00:00.123456Z\t   12 Quit\t\n')).toEqual([]);
  });
});
