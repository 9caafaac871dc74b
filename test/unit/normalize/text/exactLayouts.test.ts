import { describe, expect, it } from 'vitest';
import { encodeRecord } from '../../../../src/batch/encodeRecord.js';
import { normalizeEvent } from '../../../../src/normalize/normalizeEvent.js';
import type { ForwarderRecord } from '../../../../src/normalize/record.js';
import { checkConservation } from '../../../helpers/conservation.js';
import { lambdaEventSource } from '../../../helpers/eventSource.js';

/**
 * Formats read from a layout with no header or key names (VPC Flow Logs' custom formats,
 * java.util.logging's SimpleFormatter, the MySQL general query log) claim a line only in the
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
    expectText('- eni-1235b8ca123456789 10.0.1.5 10.0.0.220 10.0.1.5 203.0.113.5\n');
  });

  it('leaves text a record whose version is not the layout’s, or not one of 2 to 8', () => {
    expectText(`${TCP_FLAGS.replace(/^3/, '4')}\n`);
    expectText(`7 ${DEFAULT_FIELDS}\n`);
    expectText(`9 ${DEFAULT_FIELDS} vpc-abcdefab012345678\n`);
  });

  it('reads the default fields of a custom format that adds fields after them, naming only the values whose shape tells their field', () => {
    const record = normalize(
      `8 ${DEFAULT_FIELDS.replace('ACCEPT', 'REJECT')} vpc-abcdefab012345678 ingress 2 BPA\n`,
    );
    expect(record).toMatchObject({
      log_format: 'vpc-flow-logs',
      levelname: 'INFO',
      version: 8,
      account_id: '123456789010',
      dstport: 22,
      action: 'REJECT',
      log_status: 'OK',
      vpc_id: 'vpc-abcdefab012345678',
      flow_direction: 'ingress',
      reject_reason: 'BPA',
    });
    // `2` could be tcp-flags or traffic-path: only the message keeps it.
    expect(record).not.toHaveProperty('tcp_flags');
    expect(record).not.toHaveProperty('traffic_path');
    expect(missing(`8 ${DEFAULT_FIELDS} vpc-abcdefab012345678 ingress 2 BPA\n`)).toEqual([]);
  });

  it('names neither of two later values of one shape', () => {
    const record = normalize(`5 ${DEFAULT_FIELDS} ingress egress\n`);
    expect(record.log_format).toBe('vpc-flow-logs');
    expect(record).not.toHaveProperty('flow_direction');
  });

  it('leaves text a default-format head with a field its value cannot hold', () => {
    expectText(`5 ${DEFAULT_FIELDS.replace(' 22 ', ' ssh ')} ingress\n`);
    expectText(`5 ${DEFAULT_FIELDS.replace(' OK', ' DONE')} ingress\n`);
    expectText(`5 ${DEFAULT_FIELDS} ingress  egress\n`);
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

const CATALINA = 'Nov 01, 2023 10:47:57 AM org.apache.catalina.startup.Catalina start';

describe('java.util.logging SimpleFormatter records (julSimpleFormatter.ts)', () => {
  it('reads the two lines of a record: the source class as name, the method as a field', () => {
    expect(normalize(`${CATALINA}\nINFO: Server startup in 1234 ms\n`)).toMatchObject({
      log_format: 'jul-simple',
      levelname: 'INFO',
      name: 'org.apache.catalina.startup.Catalina',
      method: 'start',
      message: 'Server startup in 1234 ms',
    });
  });

  it('keeps a message of several lines whole and a stack after it as exc_info', () => {
    const record = normalize(
      `${CATALINA}\nWARNING: two problems:\n- port 8080 in use\n- port 8443 in use\n` +
        'java.net.BindException: Address already in use\n\tat sun.nio.ch.Net.bind0(Native Method)\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'two problems:\n- port 8080 in use\n- port 8443 in use',
      exc_info: 'java.net.BindException: Address already in use\n\tat sun.nio.ch.Net.bind0(Native Method)',
    });
  });

  it('leaves the date line alone text: the awslogs driver split the record in two events', () => {
    expectText(`${CATALINA}\n`);
  });

  it('leaves text what is not the default format in an English locale', () => {
    // A custom level, an unpadded day, a lower-case or 24-hour clock, a source of three words.
    expectText(`${CATALINA}\nNOTICE: Server startup in 1234 ms\n`);
    expectText(`${CATALINA.replace('Nov 01', 'Nov 1')}\nINFO: Server startup in 1234 ms\n`);
    expectText(`${CATALINA.replace(' AM ', ' am ')}\nINFO: Server startup in 1234 ms\n`);
    expectText(`${CATALINA.replace('10:47:57 AM', '13:47:57 PM')}\nINFO: Server startup in 1234 ms\n`);
    expectText(`${CATALINA} now\nINFO: Server startup in 1234 ms\n`);
    expectText('Nov 01, 2023 10:47:57 AM\nINFO: Server startup in 1234 ms\n');
    expectText(
      '四月 03, 2018 2:43:22 下午 org.apache.catalina.startup.ContextConfig parseWebXml\n严重: Occurred at line 115\n',
    );
  });

  it('leaves Tomcat’s one-line layout to the tomcat format', () => {
    const line =
      '01-Nov-2023 10:47:57.081 INFO [main] org.apache.catalina.startup.Catalina.start Server startup in 1234 ms\n';
    expect(normalize(line).log_format).toBe('tomcat');
  });

  it('keeps every token but the time and the level word', () => {
    expect(
      missing(`${CATALINA}\nSEVERE: failed\njava.lang.IllegalStateException: x\n\tat a.B.c(B.java:1)\n`),
    ).toEqual([]);
    expect(missing('Feb 06, 2015 5:33:10.279216000 PM example.Main main\nFINEST: detail\n')).toEqual([]);
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
