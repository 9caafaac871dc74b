import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { statusLevel } from './accessLog.js';

/**
 * Envoy, the proxy of App Mesh, ECS Service Connect, Istio on EKS and ELB for Envoy, as its
 * container writes to CloudWatch Logs through the `awslogs` driver.
 *
 * Its own log (`envoy`): the default `--log-format` `[%Y-%m-%d %T.%e][%t][%l][%n] [%g:%#] %v`,
 * "the timestamp, thread ID, severity, component name, source file and line, and message" (AWS,
 * ELB for Envoy: Application log format; Envoy's command line options): `[2021-05-02
 * 03:07:30.458][13820][info][main] [source/server/server.cc:251] initializing epoch 0`. Before
 * Envoy 1.9 the location had no opening bracket (`source/server/server.cc:183] …`). Read: the
 * level (`trace` and `debug` DEBUG, `warning`, `error`, `critical`), the component as the name,
 * `time`, `thread`, `file` and `line` as fields.
 *
 * Its access log (`envoy-access`): the default format string, `[%START_TIME%]
 * "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION%
 * %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%"
 * "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"` (Envoy's access logging
 * documentation, "Default format string"). As for the other access logs (accessLog.ts), the
 * message is the line as written, its parts are fields named after the operators, and the level
 * follows the status (5xx ERROR, 4xx WARNING; `0`, a request that got no response, INFO).
 */

const LEVELS: Readonly<Record<string, LevelName>> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warning: 'WARNING',
  error: 'ERROR',
  critical: 'CRITICAL',
};
const APPLICATION =
  /\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3})\]\[(\d{1,10})\]\[(trace|debug|info|warning|error|critical)\]\[([^\]\s]{1,64})\] (?:\[?([^\s\]:]{1,512}):(\d{1,9})\] ?)?/y;

export const envoy: TextFormat = {
  name: 'envoy',
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(24) !== 0x5d /* ] after the milliseconds */) return undefined;
    APPLICATION.lastIndex = 0;
    const head = APPLICATION.exec(line);
    if (head === null) return undefined;
    const fields: Record<string, unknown> = { time: head[1], thread: Number(head[2]) };
    if (head[5] !== undefined) {
      fields.file = head[5];
      fields.line = Number(head[6]);
    }
    return {
      message: line.slice(APPLICATION.lastIndex).trim(),
      levelname: LEVELS[head[3] as string],
      name: head[4],
      fields,
    };
  },
};

const QUOTED = '"([^"\\n]*)"';
const ACCESS = new RegExp(
  `\\[(\\d{4}-\\d{2}-\\d{2}T[\\d:.]{8,15}Z)\\] "(\\S+) (\\S+) ([^"\\s]+)" (\\d{1,3}) (\\S+) (\\d+|-) (\\d+|-) (\\d+|-) (\\S+) ${QUOTED} ${QUOTED} ${QUOTED} ${QUOTED} ${QUOTED}\\s*$`,
  'y',
);
const ACCESS_FIELDS = [
  'start_time',
  'method',
  'path',
  'protocol',
  'response_code',
  'response_flags',
  'bytes_received',
  'bytes_sent',
  'duration',
  'upstream_service_time',
  'x_forwarded_for',
  'user_agent',
  'request_id',
  'authority',
  'upstream_host',
] as const;
const NUMERIC: ReadonlySet<string> = new Set(['response_code', 'bytes_received', 'bytes_sent', 'duration']);

export const envoyAccess: TextFormat = {
  name: 'envoy-access',
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(1) !== 0x32 /* 2: the year */ || line.charCodeAt(11) !== 0x54 /* T */)
      return undefined;
    ACCESS.lastIndex = 0;
    const parts = ACCESS.exec(line);
    if (parts === null) return undefined;
    const fields: Record<string, unknown> = {};
    ACCESS_FIELDS.forEach((key, i) => {
      const value = parts[i + 1] as string;
      fields[key] = NUMERIC.has(key) && value !== '-' ? Number(value) : value;
    });
    return {
      message: line.trimEnd(),
      levelname: statusLevel(fields.response_code as number),
      fields,
    };
  },
};
