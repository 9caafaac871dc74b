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

describe('API Gateway access logs in the console’s other layouts', () => {
  // awsdocs/amazon-api-gateway-developer-guide doc_source/set-up-logging.md and
  // doc_source/http-api-logging.md: the CLF, XML and CSV examples.
  it('reads the XML layout: the line is the message, every element a field, the level from the status', () => {
    const line =
      '<request id="f3a4b5c6-d7e8-4f9a-8b0c-d1e2f3a4b5c6"> <extendedRequestId>NJ1BcDeFgHiJkLm=</extendedRequestId> <ip>198.51.100.23</ip> <caller>-</caller> <user>-</user> <requestTime>12/Mar/2024:08:01:07 +0000</requestTime> <httpMethod>POST</httpMethod> <resourcePath>/pets</resourcePath> <status>502</status> <protocol>HTTP/1.1</protocol> <responseLength>36</responseLength> </request>';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: line,
      log_format: 'api-gateway-access',
      requestId: 'f3a4b5c6-d7e8-4f9a-8b0c-d1e2f3a4b5c6',
      extendedRequestId: 'NJ1BcDeFgHiJkLm=',
      httpMethod: 'POST',
      resourcePath: '/pets',
      status: 502,
      responseLength: 36,
    });
    expect(record.aws_request_id).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it('reads the REST and HTTP CSV layouts under the JSON example’s keys', () => {
    const rest = shipped(
      '198.51.100.23,-,-,12/Mar/2024:08:01:08 +0000,DELETE,/pets/7,HTTP/1.1,403,42,a4b5c6d7-e8f9-4a0b-9c1d-e2f3a4b5c6d7,NJ1CdEfGhIjKlMn=',
    );
    expect(rest.record).toMatchObject({
      levelname: 'WARNING',
      log_format: 'api-gateway-access',
      httpMethod: 'DELETE',
      resourcePath: '/pets/7',
      status: 403,
      requestId: 'a4b5c6d7-e8f9-4a0b-9c1d-e2f3a4b5c6d7',
      extendedRequestId: 'NJ1CdEfGhIjKlMn=',
    });
    expect(rest.missing).toEqual([]);
    const http = shipped(
      '198.51.100.23,12/Mar/2024:08:01:04 +0000,GET,GET /pets,HTTP/1.1,200,35,Ym8Y9jJxIAMEJGw=',
    );
    expect(http.record).toMatchObject({
      levelname: 'INFO',
      routeKey: 'GET /pets',
      status: 200,
      requestId: 'Ym8Y9jJxIAMEJGw=',
    });
  });

  it('reads the HTTP API CLF: the route key inside the quotes, its own request id last', () => {
    const { record, missing } = shipped(
      '198.51.100.23 - - [12/Mar/2024:08:01:04 +0000] "GET GET /pets HTTP/1.1" 500 35 Ym8Y9jJxIAMEJGw=',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      log_format: 'api-gateway-access',
      httpMethod: 'GET',
      routeKey: 'GET /pets',
      protocol: 'HTTP/1.1',
      requestId: 'Ym8Y9jJxIAMEJGw=',
    });
    expect(missing).toEqual([]);
  });

  it('leaves other comma-separated and angle-bracketed text alone', () => {
    expect(shipped('10.0.0.1,10.0.0.2,10.0.0.3').record.log_format).toBe('text');
    expect(shipped('<request id="x"> <ip>1.2.3.4</ip> </request>').record.log_format).toBe('text');
  });
});

describe('uvicorn on a terminal', () => {
  // encode/uvicorn uvicorn/logging.py: `use_colors` is `sys.stdout.isatty()`; the level is
  // `click.style(levelname, fg=…)`, the access line's request bold and its status coloured.
  it('reads a coloured line as the plain one: the level, no prefix in the message', () => {
    const { record, missing } = shipped(
      '\u001b[32mINFO\u001b[0m:     Started server process [\u001b[36m1\u001b[0m]',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'Started server process [1]',
      log_format: 'uvicorn',
    });
    expect(missing).toEqual([]);
  });

  it('reads a coloured access line into its fields and a coloured error with its traceback', () => {
    const access = shipped(
      '\u001b[32mINFO\u001b[0m:     172.17.0.1:51234 - "\u001b[1mGET /items/5 HTTP/1.1\u001b[0m" \u001b[31m404 Not Found\u001b[0m',
    );
    expect(access.record).toMatchObject({
      message: '172.17.0.1:51234 - "GET /items/5 HTTP/1.1" 404 Not Found',
      request_line: 'GET /items/5 HTTP/1.1',
      status_code: 404,
    });
    const error = shipped(
      '\u001b[31mERROR\u001b[0m:    Exception in ASGI application\nTraceback (most recent call last):\n  File "/app/main.py", line 9, in read\n    return 1 / 0\nZeroDivisionError: division by zero',
    );
    expect(error.record).toMatchObject({
      levelname: 'ERROR',
      message: 'Exception in ASGI application',
      exc_info:
        'Traceback (most recent call last):\n  File "/app/main.py", line 9, in read\n    return 1 / 0\nZeroDivisionError: division by zero',
    });
  });
});

describe('the MariaDB Audit Plugin log (RDS for MySQL and MariaDB `audit`)', () => {
  // MariaDB/server plugin/server_audit/server_audit.c and aws/audit-plugin-for-mysql
  // plugin/server_audit/server_audit.cc: `time,serverhost,user,host,connid,queryid,op,db,object,retcode`.
  it('reads a statement whose quoted text holds commas, and keeps the record as the message', () => {
    const line =
      "20230501 10:02:19,ip-10-1-0-50,app,10.0.1.23,12,585281,QUERY,orders,'SELECT a, b FROM t WHERE c = \\'x\\'',0,,";
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: line,
      log_format: 'rds-mysql-audit',
      user: 'app',
      host: '10.0.1.23',
      thread: 12,
      query_id: 585281,
      operation: 'QUERY',
      database: 'orders',
      object: "SELECT a, b FROM t WHERE c = \\'x\\'",
      retcode: 0,
    });
    expect(record.trailing).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it('makes a failed connection WARNING and keeps its connection type', () => {
    const { record } = shipped(
      '20221201 14:12:20,ip-10-22-1-51,app,10.22.3.4,822,0,FAILED_CONNECT,,,1045,TCP/IP',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', retcode: 1045, connection_type: 'TCP/IP' });
  });

  it('leaves a line with a date and commas that is no audit record as text', () => {
    expect(shipped('20221201 14:07:05,started, ok').record.log_format).toBe('text');
  });
});

describe('API Gateway execution logs: the gateway’s own responses', () => {
  // `(<id>) Gateway response type: <type> with status code: <code>`, as quoted from REST and
  // WebSocket execution logs; the types and codes of supported-gateway-response-types.html.
  it('takes the level from the status code of a gateway response', () => {
    expect(
      shipped(
        '(PDS1PEC4oAMFpyA=) Gateway response type: AUTHORIZER_CONFIGURATION_ERROR with status code: 500',
      ).record,
    ).toMatchObject({
      levelname: 'ERROR',
      requestId: 'PDS1PEC4oAMFpyA=',
      log_format: 'api-gateway-execution',
    });
    expect(
      shipped(
        '(7735a87a-73d3-439b-8079-2f731fec9980) Gateway response type: UNAUTHORIZED with status code: 401',
      ).record.levelname,
    ).toBe('WARNING');
  });
});

describe('MySQL / MariaDB error log: fatal errors and crash reports', () => {
  it("reads InnoDB's `[FATAL]` after `[ERROR]` as CRITICAL, without it in the message", () => {
    const mysql8 = shipped(
      '2024-05-27T16:11:39.571043Z 0 [ERROR] [MY-012872] [InnoDB] [FATAL] Semaphore wait has lasted > 600 seconds. We intentionally crash the server because it appears to be hung.',
    );
    expect(mysql8.record).toMatchObject({
      levelname: 'CRITICAL',
      message:
        'Semaphore wait has lasted > 600 seconds. We intentionally crash the server because it appears to be hung.',
      error_code: 'MY-012872',
      subsystem: 'InnoDB',
      severity: 'ERROR',
    });
    expect(mysql8.missing).toEqual([]);
    const mariadb = shipped(
      '2023-08-18  6:46:53 0 [ERROR] [FATAL] InnoDB: innodb_fatal_semaphore_wait_threshold was exceeded for dict_sys.latch.',
    );
    expect(mariadb.record).toMatchObject({
      levelname: 'CRITICAL',
      message: 'InnoDB: innodb_fatal_semaphore_wait_threshold was exceeded for dict_sys.latch.',
    });
  });

  it("reads MariaDB's crash report line (short date, no thread) at its level", () => {
    const { record, missing } = shipped('230818  6:46:54 [ERROR] mysqld got signal 6 ;');
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'mysqld got signal 6 ;',
      log_format: 'rds-mysql',
    });
    expect(missing).toEqual([]);
  });
});

describe("Spring Boot's GELF console format", () => {
  // spring-boot logback/GraylogExtendedLogFormatStructuredLogFormatter.java (Boot 3.4+).
  it('reads short_message, _level_name, _log_logger and the stack; full_message is not repeated', () => {
    const stack = 'java.lang.IllegalStateException: boom\n\tat com.example.A.b(A.java:1)\n';
    const { record, missing } = shipped(
      JSON.stringify({
        version: '1.1',
        short_message: 'Request failed',
        timestamp: 1730000401.512,
        level: 3,
        _level_name: 'ERROR',
        _process_pid: 1,
        _process_thread_name: 'main',
        host: 'orders',
        _log_logger: 'com.example.A',
        full_message: `Request failed\n\n${stack}`,
        _error_type: 'java.lang.IllegalStateException',
        _error_stack_trace: stack,
        _error_message: 'boom',
      }),
    );
    expect(record).toMatchObject({
      name: 'com.example.A',
      levelname: 'ERROR',
      message: 'Request failed',
      exc_info: 'java.lang.IllegalStateException: boom\n\tat com.example.A.b(A.java:1)',
      log_format: 'gelf',
      _process_thread_name: 'main',
    });
    expect(record.full_message).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it('reads the syslog severity when no level name is written (6 is INFO, not pino’s DEBUG)', () => {
    const line = (level: number) => JSON.stringify({ version: '1.1', host: 'h', short_message: 'm', level });
    expect(shipped(line(6)).record.levelname).toBe('INFO');
    expect(shipped(line(4)).record.levelname).toBe('WARNING');
    expect(shipped(line(2)).record.levelname).toBe('CRITICAL');
  });
});

describe("Spring Boot's failure analysis report", () => {
  // spring-boot diagnostics/LoggingFailureAnalysisReporter.java: the report starts with `%n%n`.
  it('leaves the blank lines before the report out of the message', () => {
    const { record } = shipped(
      '2024-05-07T10:15:29.001Z ERROR 1 --- [orders] [           main] o.s.b.d.LoggingFailureAnalysisReporter   : \n\n***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nWeb server failed to start. Port 8080 was already in use.\n',
    );
    expect(record.message).toBe(
      '***************************\nAPPLICATION FAILED TO START\n***************************\n\nDescription:\n\nWeb server failed to start. Port 8080 was already in use.',
    );
  });
});

describe("nginx's start-up errors on stderr", () => {
  // nginx src/core/ngx_log.c ngx_log_error_core: `nginx: [%V] ` while `ngx_use_stderr`.
  it('reads `nginx: [emerg] …` at its level, the message after the bracket', () => {
    const { record, missing } = shipped(
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
    );
    expect(record).toMatchObject({
      levelname: 'CRITICAL',
      message: 'bind() to 0.0.0.0:80 failed (98: Address already in use)',
      log_format: 'nginx-error',
      program: 'nginx',
    });
    expect(missing).toEqual([]);
  });

  it('leaves its level-less `nginx: ` lines as text', () => {
    expect(
      shipped('nginx: configuration file /etc/nginx/nginx.conf test is successful').record.log_format,
    ).toBe('text');
  });
});

describe('API Gateway execution logs: a refused API key', () => {
  it('makes `API Key <key> not authorized because …` WARNING, and leaves an authorized key INFO', () => {
    const refused = shipped(
      "(3c6a1e2b-4d5f-4a6b-8c7d-9e0f1a2b3c4d) API Key **********************************abcd1 not authorized because method 'GET /' requires API Key and API Key is not associated with a Usage Plan for API Stage zsuvlqr7nb/prod: No Usage Plan found for key and API Stage",
    );
    expect(refused.record.levelname).toBe('WARNING');
    expect(refused.missing).toEqual([]);
    const authorized = shipped(
      "(3c6a1e2b-4d5f-4a6b-8c7d-9e0f1a2b3c4d) API Key **********************************abcd1 authorized because method 'GET /' requires API Key. Request will contribute to throttle and quota limits of Usage Plan.",
    );
    expect(authorized.record.levelname).toBe('INFO');
  });
});

describe('Spring Boot lines written before the pid is known', () => {
  it('reads Log4j2’s `????` and an empty `${PID}` as no pid', () => {
    // spring-projects/spring-boot#8865 (Log4j2 `????`); an empty `${PID:-}` in Boot 3's pattern.
    const log4j2 = shipped(
      '2017-04-07 14:37:36.443  INFO ???? --- [           main] s.a.l.SampleActuatorLog4J2Application    : No active profile set, falling back to default profiles: default',
    );
    expect(log4j2.record).toMatchObject({
      name: 's.a.l.SampleActuatorLog4J2Application',
      message: 'No active profile set, falling back to default profiles: default',
      log_format: 'spring-boot',
      thread: 'main',
    });
    expect(log4j2.record.pid).toBeUndefined();
    const empty = shipped(
      '2024-05-07T10:15:27.900Z  INFO  --- [           main] c.e.orders.OrderApplication              : Starting',
    );
    expect(empty.record).toMatchObject({
      name: 'c.e.orders.OrderApplication',
      message: 'Starting',
      log_format: 'spring-boot',
    });
  });
});

describe("the Serverless Framework's default REST API access log format", () => {
  // serverless/serverless docs/providers/aws/events/apigateway.md: `requestId: $context.requestId, ip: …`.
  it('reads each `key: value` under its key, the level from the status, the line as the message', () => {
    const line =
      'requestId: 3c6a1e2b-4d5f-4a6b-8c7d-9e0f1a2b3c4d, ip: 198.51.100.23, caller: -, user: -, requestTime: 12/Mar/2024:08:01:07 +0000, httpMethod: POST, resourcePath: /orders, status: 502, protocol: HTTP/1.1, responseLength: 36';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: line,
      log_format: 'api-gateway-access',
      requestId: '3c6a1e2b-4d5f-4a6b-8c7d-9e0f1a2b3c4d',
      httpMethod: 'POST',
      resourcePath: '/orders',
      status: 502,
      responseLength: 36,
    });
    expect(record.aws_request_id).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it('leaves a line that only starts like it as text', () => {
    expect(shipped('requestId: abc, something else').record.log_format).toBe('text');
  });
});

describe('pgAudit entries in the RDS PostgreSQL log', () => {
  // pgaudit/pgaudit pgaudit.c log_audit_event: `AUDIT: %s,<id>,<id>,%s,%s` of the type, ids, class
  // and the CSV columns (append_valid_csv); pgaudit.log_rows adds `,<rows>`.
  const PREFIX = '2024-01-01 00:00:00 UTC:10.0.0.1(5432):app@orders:[123]:LOG:  ';

  it('keeps the entry whole as the message and its columns in pgaudit, the statement not copied', () => {
    const entry =
      'AUDIT: SESSION,7,2,READ,SELECT,VIEW,public.order_totals,"select * from order_totals where id = $1",<not logged>';
    const { record, missing } = shipped(`${PREFIX}${entry}\n`);
    expect(record).toMatchObject({ message: entry, levelname: 'INFO', log_format: 'rds-postgresql' });
    expect(record.pgaudit).toEqual({
      audit_type: 'SESSION',
      statement_id: 7,
      substatement_id: 2,
      class: 'READ',
      command: 'SELECT',
      object_type: 'VIEW',
      object_name: 'public.order_totals',
      parameter: '<not logged>',
    });
    expect(missing).toEqual([]);
  });

  it('reads no pgaudit object from an AUDIT: message of another shape, and loses none of it', () => {
    for (const entry of [
      'AUDIT: user 42 signed in', // not pgAudit's columns
      'AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.t,"select 1', // a quoted value never closed
      'AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.t,select 1', // a column short
      'AUDIT: OTHER,1,1,READ,SELECT,TABLE,public.t,select 1,<not logged>', // no such audit type
      'AUDIT: SESSION,x,1,READ,SELECT,TABLE,public.t,select 1,<not logged>', // an id not a number
    ]) {
      const { record, missing } = shipped(`${PREFIX}${entry}\n`);
      expect(record.message, entry).toBe(entry);
      expect(record.pgaudit, entry).toBeUndefined();
      expect(missing, entry).toEqual([]);
    }
  });
});
