/**
 * Every log format the normalizer understands, in the order they are tried. Adding a format is
 * adding its file (parser, detection, source it was checked against) and one line here.
 */
import { useLoggerRecordFormats } from './loggerRecord.js';
import type { FormatDeclaration, JsonFormat, Placement, TextFormat } from '../logFormat.js';
import { accessLog } from './accessLog.js';
import { activemq } from './activemq.js';
import { airflow } from './airflow.js';
import { apacheError } from './apacheError.js';
import {
  apiGatewayAccessClf,
  apiGatewayAccessCsv,
  apiGatewayAccessJson,
  apiGatewayAccessServerless,
  apiGatewayAccessXml,
} from './apiGatewayAccess.js';
import { apiGatewayExecution } from './apiGatewayExecution.js';
import { bracketLevel, levelWord } from './bracketLevel.js';
import { brefRuntime } from './brefRuntime.js';
import { bunyan } from './bunyan.js';
import { celery } from './celery.js';
import { cloudTrail } from './cloudTrail.js';
import { cloudwatchAgent } from './cloudwatchAgent.js';
import { cppRuntime } from './cppRuntime.js';
import { debugJs } from './debugJs.js';
import { djangoRunserver } from './djangoRunserver.js';
import { djangoVerbose } from './djangoVerbose.js';
import { dotnetConsole } from './dotnetConsole.js';
import { dotnetJsonConsole } from './dotnetJsonConsole.js';
import { dotnetRuntime } from './dotnetRuntime.js';
import { ecs } from './ecs.js';
import { elixirLogger } from './elixirLogger.js';
import { envLogger } from './envLogger.js';
import { envoy, envoyAccess } from './envoy.js';
import { fluentBit } from './fluentBit.js';
import { gelf } from './gelf.js';
import { glog } from './glog.js';
import { genericJson } from './genericJson.js';
import { logrus, zap, zerolog } from './goJson.js';
import { zapDevelopment } from './goJson.js';
import { goRuntime } from './goRuntime.js';
import { goSlog } from './goSlog.js';
import { gunicorn } from './gunicorn.js';
import { hclog, hclogJson } from './hclog.js';
import { javaRuntime } from './javaRuntime.js';
import { julSimpleFormatter } from './julSimpleFormatter.js';
import { kafka } from './kafka.js';
import { lambdaAspNetCore } from './lambdaAspNetCore.js';
import { lambdaExtension, lambdaExtensionJson } from './lambdaExtension.js';
import { lambdaJson, lambdaJsonPlatform } from './lambdaJson.js';
import { lambdaPlatform } from './lambdaPlatform.js';
import { log4j2Json } from './log4j2Json.js';
import { log4j2Text } from './log4j2Text.js';
import { log4jFileLine } from './log4jFileLine.js';
import { quarkus } from './quarkus.js';
import { dropwizard } from './dropwizard.js';
import { jettyStdErr } from './jettyStdErr.js';
import { log4js } from './log4js.js';
import { logbackJsonEncoder } from './logbackJsonEncoder.js';
import { logbackJsonLayout } from './logbackJsonLayout.js';
import { logrusText } from './logrusText.js';
import { logfmt } from './logfmt.js';
import { logstashLogback } from './logstashLogback.js';
import { loguru } from './loguru.js';
import { loguruText } from './loguruText.js';
import { monolog } from './monolog.js';
import { monologLogstash } from './monolog.js';
import { monologText } from './monologText.js';
import { nestjs, nestjsJson } from './nestjs.js';
import { nextjs } from './nextjs.js';
import { nginxError } from './nginxError.js';
import { nlog } from './nlog.js';
import { nodeInspect } from './nodeInspect.js';
import { nodeRuntime } from './nodeRuntime.js';
import { npmLog } from './npmLog.js';
import { openSearch } from './openSearch.js';
import { openSearchAudit } from './openSearchAudit.js';
import { phpError } from './phpError.js';
import { phpFpm, phpFpmAccess } from './phpFpm.js';
import { pino } from './pino.js';
import { pinoPretty } from './pinoPretty.js';
import { powertools } from './powertools.js';
import { powertoolsDotnet } from './powertoolsDotnet.js';
import { powertoolsJava } from './powertoolsJava.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { pythonLoggingText } from './pythonLoggingText.js';
import { pythonRuntime } from './pythonRuntime.js';
import { pythonWarning } from './pythonWarning.js';
import { rdsMysql } from './rdsMysql.js';
import { rdsMysqlAuditLog } from './rdsMysqlAuditLog.js';
import { rdsMysqlGeneralLog } from './rdsMysqlGeneralLog.js';
import { rdsMysqlSlowLog } from './rdsMysqlSlowLog.js';
import { rdsPostgresql } from './rdsPostgresql.js';
import { redis } from './redis.js';
import { rubyRuntime } from './rubyRuntime.js';
import { rubyWarning } from './rubyWarning.js';
import { runtimeCrash } from './runtimeCrash.js';
import { rustTracing } from './rustTracing.js';
import { rustTracingJson } from './rustTracingJson.js';
import { serilogClef } from './serilogClef.js';
import { serilogJson } from './serilogJson.js';
import { serilogText } from './serilogText.js';
import { sidekiq } from './sidekiq.js';
import { sparkLog4j } from './sparkLog4j.js';
import { springBoot } from './springBoot.js';
import { stepFunctions } from './stepFunctions.js';
import { structlog } from './structlog.js';
import { structlogConsole } from './structlogConsole.js';
import { tomcat } from './tomcat.js';
import { typeorm } from './typeorm.js';
import { uvicorn, uvicornAccess } from './uvicorn.js';
import { uwsgi } from './uwsgi.js';
import { vpcFlowLogs } from './vpcFlowLogs.js';
import { werkzeug } from './werkzeug.js';
import { winston, winstonLogstash } from './winston.js';
import { winstonText } from './winstonText.js';
import { zapConsole } from './zapConsole.js';
import { zerologConsole } from './zerologConsole.js';

/**
 * Tried on lines that are a JSON object; the first that returns a result wins. Most specific
 * first: Powertools for .NET (its level spelling) and Java (its own keys) before the other
 * Powertools, which also have Lambda's `timestamp`/`level`/`message`, as do flattened Rust
 * `tracing` records (told by `target`); slog's upper-case level beside `msg` before logrus;
 * logback-contrib's JsonLayout (`thread` beside `logger`) before Lambda's Java records, which have
 * `logger` too; zerolog's `time` + `message` tells it from winston's; the Datadog extension's JSON
 * line (a `message` starting `DD_EXTENSION | `) before the loggers whose `level` + `message` it
 * has; Serilog's CLEF (`@t` with `@mt`/`@m`, one property read on other lines) before the Node and
 * Go loggers, whose keys its template properties may be named like (`{level}`, `{msg}`, `{time}`,
 * `{message}`: a property is a top-level key). The other conventions with keys of their own
 * (.NET ILogger's `LogLevel` + `Category`, loguru's `record`, `ecs.version`, logstash's
 * `@version`, Monolog's `level_name` + `channel`,
 * structlog's `event`) come after the common Lambda formats, which none of their lines
 * match, so those lines pay for no extra checks; then API Gateway access,
 * Step Functions, CloudTrail and OpenSearch Service audit records (no message key of their
 * own), winston's logstash format (`@message`, `@fields`), Log4j 2's JsonLayout (`loggerFqcn`),
 * logback's JsonEncoder (`loggerName` + `threadName`), go-hclog's JSON (`@level` + `@message`,
 * after CloudTrail), GELF (`version` +
 * `short_message`: Spring Boot's structured console format); the generic JSON format takes
 * whatever is left. NestJS' `json: true` records (Nest's six keys only, a numeric `pid` and
 * `timestamp`) before winston's, whose `level` + `message` they have.
 */
export const JSON_FORMATS: readonly JsonFormat[] = [
  lambdaJsonPlatform,
  powertoolsDotnet,
  powertoolsJava,
  powertools,
  pythonJsonLogger,
  rustTracingJson,
  logbackJsonLayout,
  lambdaJson,
  lambdaExtensionJson,
  serilogClef,
  bunyan,
  pino,
  zap,
  zapDevelopment,
  goSlog,
  logrus,
  zerolog,
  nestjsJson,
  winston,
  dotnetJsonConsole,
  serilogJson,
  loguru,
  ecs,
  monologLogstash,
  logstashLogback,
  monolog,
  structlog,
  apiGatewayAccessJson,
  stepFunctions,
  cloudTrail,
  openSearchAudit,
  hclogJson,
  winstonLogstash,
  log4j2Json,
  logbackJsonEncoder,
  gelf,
  genericJson,
];

/** Lambda's own records, the Datadog extension's line, AWS services' records and generic JSON. */
const NOT_LOGGER_RECORDS: ReadonlySet<JsonFormat> = new Set([
  lambdaJsonPlatform,
  lambdaJson,
  lambdaExtensionJson,
  apiGatewayAccessJson,
  stepFunctions,
  cloudTrail,
  openSearchAudit,
  genericJson,
]);

/**
 * The JSON formats that are a logging library's record, in `JSON_FORMATS` order: what a Lambda
 * JSON record's message may hold (loggerRecord.ts, lambdaJson.ts).
 */
export const LOGGER_RECORD_FORMATS: readonly JsonFormat[] = JSON_FORMATS.filter(
  (format) => !NOT_LOGGER_RECORDS.has(format),
);
useLoggerRecordFormats(LOGGER_RECORD_FORMATS);

/**
 * Tried on every other line; a line none claims is plain text. Each format rejects a line on its
 * first characters, so the order costs little; it matters where shapes overlap: Node's upper-case
 * levels before .NET's tab lines (which may have no level), Python's `[LEVEL]\t` and C++'s
 * `[LEVEL] [<epoch ms>] ` / `[LEVEL] <date> ` before Java's `[LEVEL] `, extensions' `[Name] `
 * after them, Log4j2 (`date level logger - msg`) before Python logging text (`date name level
 * msg`); a bare `[LEVEL] ` head last, after the runtimes whose prefixes start the same way. AWS
 * services' own lines and container servers' (API Gateway, VPC Flow Logs, RDS, Tomcat, uvicorn,
 * access logs, nginx) come after the Lambda runtimes and before the formats whose heads they
 * share: RDS's `date UTC:` before Log4j2 and Python logging text, uvicorn's padded `LEVEL:` before Python's `LEVEL:name:`, API Gateway's
 * CLF (an access line ending in its request id) before the generic access line, nginx's
 * `YYYY/MM/DD` before Go's `log`, PHP-FPM's `[dd-Mon-yyyy HH:MM:SS] LEVEL: ` beside it; Monolog's `[date] channel.LEVEL:` and loguru's
 * `date | LEVEL | ` before Log4j2 and Python logging text. The formats added since claim only
 * lines no format before them did (each was text before): the MySQL general and audit logs beside
 * the other RDS logs, API Gateway's CSV, XML and Serverless Framework access layouts after its
 * CLF, java.util.logging's two-line record after Tomcat's one-line layout, Serilog's console
 * `[HH:mm:ss LVL] ` (and its file template's `yyyy-MM-dd HH:mm:ss.fff zzz [LVL] `) and structlog's
 * console `[level    ]` before the bare `[LEVEL] ` head, pino-pretty's `[time] LEVEL (…): ` after
 * Serilog's console head and log4js' `[time] [LEVEL]`, util.inspect's `{ level: 'warn', … }` (a
 * `{` line that is no JSON) after them; Werkzeug's `addr - - [time] code 400, message …` after the access line.
 * Quarkus' `date LEVEL [category] (thread) msg` after Log4j2 (whose `%d %-5p [%t] %c - %m` it starts like),
 * Dropwizard's `LEVEL [date] logger: msg` and Django's `verbose` `LEVEL asctime module pid tid msg`
 * before Rust `tracing`'s `LEVEL target: msg`; glog's `I1101 10:47:57.081234 1 file:line] ` beside
 * the other Go consoles, NestJS' `[Nest] pid  - time LEVEL [context] ` before log4js' `[time]`;
 * Envoy's `[time][thread][level][component] ` and access line and Fluent Bit's `[time] [ info] `
 * after Apache's error log, OpenSearch's (and Elasticsearch's) `[time,ms][LEVEL][logger] [node] ` after
 * them, and Kafka's (Amazon MSK's) `[time,ms] LEVEL msg (logger)` there too, after Flask's
 * `[time,ms] LEVEL in module: ` (Python logging text), which it starts like; Airflow's (Amazon MWAA's)
 * `[time] {file:line} LEVEL - `, the Redis / Valkey engine's `pid:R date * ` and the CloudWatch agent's
 * `time I! [plugin] ` beside them (before Go's `log`, whose `yyyy/mm/dd hh:mm:ss ` its translator uses);
 * ActiveMQ's (Amazon MQ's) `time | LEVEL | msg | logger | thread` (its level padded to five, the line
 * closed by a dotted logger and a thread) before Python logging text, whose `|` variant claimed its
 * lines of several lines (the generic `level-word` its others); Rust env_logger's `[time LEVEL target] ` before the extensions'
 * `[Name] ` (which `[WARN  target] ` would pass for), NLog's `yyyy-MM-dd HH:mm:ss.ffff|LEVEL|logger|`
 * beside Serilog's templates; the `debug` package's `<time> <namespace> ` and TypeORM's
 * `query failed: ` (and its file logger's `[time][LABEL]: `), npm's `npm ERR! ` and Next.js' ` ⨯ ` /
 * `error - ` before the bare `[LEVEL] ` head and the level word; go-hclog's
 * `time [LEVEL] name: msg: k=v` (a `bracket-level` line after a time before) ahead of logfmt,
 * whose pairs it ends with.
 */
export const TEXT_FORMATS: readonly TextFormat[] = [
  lambdaPlatform,
  nodeRuntime,
  dotnetRuntime,
  pythonRuntime,
  pythonWarning,
  rubyWarning,
  cppRuntime,
  javaRuntime,
  envLogger,
  lambdaExtension,
  lambdaAspNetCore,
  apiGatewayExecution,
  vpcFlowLogs,
  rdsPostgresql,
  rdsMysql,
  rdsMysqlSlowLog,
  rdsMysqlGeneralLog,
  rdsMysqlAuditLog,
  monologText,
  loguruText,
  springBoot,
  tomcat,
  julSimpleFormatter,
  sparkLog4j,
  log4j2Text,
  log4jFileLine,
  quarkus,
  dropwizard,
  jettyStdErr,
  elixirLogger,
  uvicorn,
  activemq,
  pythonLoggingText,
  apiGatewayAccessClf,
  apiGatewayAccessCsv,
  apiGatewayAccessXml,
  apiGatewayAccessServerless,
  accessLog,
  werkzeug,
  uvicornAccess,
  phpFpmAccess,
  djangoRunserver,
  uwsgi,
  celery,
  gunicorn,
  nginxError,
  apacheError,
  envoy,
  envoyAccess,
  fluentBit,
  openSearch,
  kafka,
  airflow,
  redis,
  cloudwatchAgent,
  phpFpm,
  phpError,
  sidekiq,
  hclog,
  logfmt,
  goRuntime,
  logrusText,
  glog,
  zapConsole,
  zerologConsole,
  rubyRuntime,
  brefRuntime,
  dotnetConsole,
  serilogText,
  nlog,
  runtimeCrash,
  djangoVerbose,
  rustTracing,
  winstonText,
  nestjs,
  log4js,
  pinoPretty,
  nodeInspect,
  structlogConsole,
  debugJs,
  typeorm,
  npmLog,
  nextjs,
  bracketLevel,
  levelWord,
];

const TOP: readonly Placement[] = ['top'];
const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Where each format's lines can appear and what they start with (see `FormatDeclaration`), kept
 * here beside the registration. A format not listed is tried everywhere, on any line, so a new
 * format works before it is declared; declaring it only narrows where it is tried. The runtime
 * prefixes and Lambda's own lines stand only at the top of an event; inside a runtime's prefix
 * only what that runtime's programs print is tried (a Node.js function prints no Rust `tracing`,
 * Python `logging` or Ruby `Logger` lines). Formats any program may print (logfmt, a bare
 * `[LEVEL] `, generic JSON) declare nothing. `firstChars` is read off each parser's own first
 * test of the line.
 */
export const DECLARATIONS: ReadonlyMap<TextFormat | JsonFormat, FormatDeclaration> = new Map<
  TextFormat | JsonFormat,
  FormatDeclaration
>([
  [lambdaJsonPlatform, { appearsIn: TOP }],
  [powertools, { appearsIn: ['top', 'nodejs', 'python', 'java', 'dotnet'] }],
  [pythonJsonLogger, { appearsIn: ['top', 'python'] }],
  [lambdaJson, { appearsIn: TOP }],
  [bunyan, { appearsIn: ['top', 'nodejs'] }],
  [pino, { appearsIn: ['top', 'nodejs'] }],
  [zap, { appearsIn: ['top', 'go', 'custom'] }],
  [zapDevelopment, { appearsIn: ['top', 'go', 'custom'] }],
  [logrus, { appearsIn: ['top', 'go', 'custom'] }],
  [zerolog, { appearsIn: ['top', 'go', 'custom'] }],
  // Single-language loggers' JSON: a Node.js program's hand-rolled `{"level":"INFO","msg":…}` or
  // `{"event":…,"level":"info"}` is generic JSON, not Go's slog or Python's structlog.
  [goSlog, { appearsIn: ['top', 'go', 'custom'] }],
  [rustTracingJson, { appearsIn: ['top', 'custom'] }],
  [structlog, { appearsIn: ['top', 'python'] }],
  [loguru, { appearsIn: ['top', 'python'] }],
  [serilogClef, { appearsIn: ['top', 'dotnet'] }],
  [logstashLogback, { appearsIn: ['top', 'java'] }],
  [winston, { appearsIn: ['top', 'nodejs'] }],
  [winstonLogstash, { appearsIn: ['top', 'nodejs'] }],
  [dotnetJsonConsole, { appearsIn: ['top', 'dotnet'] }],
  [serilogJson, { appearsIn: ['top', 'dotnet'] }],
  [log4j2Json, { appearsIn: ['top', 'java'] }],
  [logbackJsonLayout, { appearsIn: ['top', 'java'] }],
  [logbackJsonEncoder, { appearsIn: ['top', 'java'] }],
  // Spring Boot's structured console format: a Java program's line.
  [gelf, { appearsIn: ['top', 'java'] }],
  // NestJS' `json: true` records: a Node.js program's line.
  [nestjsJson, { appearsIn: ['top', 'nodejs'] }],
  // go-hclog's JSON (`@level`, `@message`, `@module`): a Go program's line.
  [hclogJson, { appearsIn: ['top', 'go', 'custom'] }],

  [lambdaPlatform, { appearsIn: TOP, firstChars: UPPER + DIGITS }],
  [nodeRuntime, { appearsIn: TOP, wraps: 'nodejs', firstChars: DIGITS }],
  [dotnetRuntime, { appearsIn: TOP, wraps: 'dotnet', firstChars: DIGITS }],
  [pythonRuntime, { appearsIn: TOP, wraps: 'python', firstChars: '[' }],
  // Python's stderr, unprefixed: only at the top (behind the runtime's prefix, through
  // logging.captureWarnings, the prefix says WARNING already).
  [pythonWarning, { appearsIn: TOP, firstChars: '/' }],
  // Ruby's stderr, unprefixed, the same way.
  [rubyWarning, { appearsIn: TOP, firstChars: '/' }],
  // C++ programs' `[LEVEL] [<epoch ms>] ` and the AWS SDK for C++'s `[LEVEL] <date> `, unprefixed:
  // tried before the Java runtime's `[LEVEL] `, which they start like.
  [cppRuntime, { appearsIn: TOP, firstChars: '[' }],
  // Its uncaught-exception lines start with the exception's message: any character.
  [javaRuntime, { appearsIn: TOP, wraps: 'java' }],
  // Rust's env_logger: `[<time> LEVEL target] `, coloured or not, 0.5's ` INFO <time>: module: `,
  // pretty_env_logger's ` INFO  target > `, ≤ 0.4's `INFO:module::path: `.
  // Before the extensions' `[Name] `, which `[WARN  my_crate] ` would pass for, and Python's
  // `LEVEL:name:msg`, which would take `INFO:my_crate::db: msg`'s crate for a logger.
  [envLogger, { appearsIn: ['top', 'custom'], firstChars: '[\u001b EDTIW' }],
  // Extensions are written in any language: what they print is tried with every format.
  // The name in brackets, a date, or the Datadog extension's `DD_EXTENSION | `.
  [lambdaExtension, { appearsIn: TOP, firstChars: `[D${DIGITS}` }],
  [lambdaExtensionJson, { appearsIn: TOP }],
  [lambdaAspNetCore, { appearsIn: ['top', 'dotnet'], firstChars: '[' }],
  // ESC: the colour code a coloured line starts with.
  [springBoot, { appearsIn: ['top', 'java'], firstChars: `\u001b${DIGITS}` }],
  // `log4j:WARN`, `ERROR StatusLogger`, `SLF4J(W):` (D…W), SLF4J's `[main]`, a date, or the colour code before it.
  [log4j2Text, { appearsIn: ['top', 'java'], firstChars: `lDEFGHIJKLMNOPQRSTUVW[${DIGITS}\u001b` }],
  [log4jFileLine, { appearsIn: ['top', 'java'], firstChars: ' DEFITW' }],
  // Quarkus' `date LEVEL [category] (thread) msg`: the date, or the dev guide's time, or the
  // colour code before it (`quarkus.console.color`).
  [quarkus, { appearsIn: ['top', 'java'], firstChars: `${DIGITS}\u001b` }],
  // Dropwizard's `%-5p [date] logger: msg`: the level first.
  [dropwizard, { appearsIn: ['top', 'java'], firstChars: 'TDIWE' }],
  [jettyStdErr, { appearsIn: ['top', 'java'], firstChars: DIGITS }],
  // Flask's default starts with `[` and its time; `%(name)s - %(levelname)s - …` with the
  // logger's name (any identifier character).
  [
    pythonLoggingText,
    { appearsIn: ['top', 'python'], firstChars: `[_${UPPER}${UPPER.toLowerCase()}${DIGITS}` },
  ],
  [goRuntime, { appearsIn: TOP, wraps: 'go', firstChars: `pf${DIGITS}` }],
  // `WARN[0000] `, or the colour code before the level.
  [logrusText, { appearsIn: ['top', 'go', 'custom'], firstChars: '\u001bTDIWEFP' }],
  // The severity's initial: `I1101 10:47:57.081234`.
  [glog, { appearsIn: ['top', 'go', 'custom'], firstChars: 'IWEF' }],
  [zapConsole, { appearsIn: ['top', 'go', 'custom'], firstChars: DIGITS }],
  // go-hclog's `2006-01-02T15:04:05.000Z0700 [LEVEL] `, or the colour code a coloured line starts with.
  [hclog, { appearsIn: ['top', 'go', 'custom'], firstChars: `${DIGITS}\u001b` }],
  // The time, or the colour code before it.
  [zerologConsole, { appearsIn: ['top', 'go', 'custom'], firstChars: `\u001b${DIGITS}` }],
  [rubyRuntime, { appearsIn: ['top', 'ruby'], firstChars: 'DIWEFAC' }],
  [brefRuntime, { appearsIn: TOP, firstChars: `abcdefABCDEF${DIGITS}` }],
  [dotnetConsole, { appearsIn: ['top', 'dotnet'], firstChars: `tdiwfc[${DIGITS}` }],
  // The console template's `[HH:mm:ss`, the file template's date.
  [serilogText, { appearsIn: ['top', 'dotnet'], firstChars: `[${DIGITS}` }],
  // NLog's `${longdate}`.
  [nlog, { appearsIn: ['top', 'dotnet'], firstChars: DIGITS }],
  [runtimeCrash, { appearsIn: TOP, firstChars: 'FE<jt' }],
  // Django's `verbose` formatter: the level first.
  [djangoVerbose, { appearsIn: ['top', 'python'], firstChars: 'DIWEC' }],
  // Lambda's subscriber starts with the level; `fmt()`'s defaults with the time; `ansi` with a colour code.
  [rustTracing, { appearsIn: ['top', 'custom'], firstChars: ` TDIWE${DIGITS}\u001b` }],
  [winstonText, { appearsIn: ['top', 'nodejs'], firstChars: `\u001bewihvds[${DIGITS}` }],
  // `[Nest] `, or the colour code before it; `{ level: ` of its `json: true` object, inspected.
  [nestjs, { appearsIn: ['top', 'nodejs'], firstChars: '[{\u001b' }],
  // The basic layout's `[`, the coloured layout's colour code.
  [log4js, { appearsIn: ['top', 'nodejs'], firstChars: '[\u001b' }],
  // Its time is never coloured: the line starts with `[` even with `colorize`.
  [pinoPretty, { appearsIn: ['top', 'nodejs'], firstChars: '[' }],
  // console.log(object): util.inspect's `{ ` or `{\n`.
  [nodeInspect, { appearsIn: ['top', 'nodejs'], firstChars: '{' }],
  // A time, the bare level column, or a colour code.
  [structlogConsole, { appearsIn: ['top', 'python'], firstChars: `\u001b[${DIGITS}` }],
  // The `debug` package writes to stderr itself (the top of an event), or through `console` when
  // a program sets `debug.log`: its time, the day of `toUTCString()`, the namespace (undated
  // layouts), the coloured layout's two spaces or its colour code.
  [debugJs, { appearsIn: ['top', 'nodejs'], firstChars: `${DIGITS}${UPPER}${UPPER.toLowerCase()}_@ \u001b` }],
  // TypeORM's console loggers (`query: `, `query failed: `, …, maybe coloured) and its file logger's `[time][LABEL]: `.
  [typeorm, { appearsIn: ['top', 'nodejs'], firstChars: 'qe[\u001b' }],
  // npm's own stderr (a container's `npm start`): a whole event, no program prints it through console.
  [npmLog, { appearsIn: TOP, firstChars: 'n\u001b' }],
  // Next.js 13.5+'s ` ⨯ `, ` ⚠ ` (a space, the symbol), ≤ 13.4's `error - `, `warn  - `, …, 13.4's
  // later `- ready `, `- event `, …, or a colour code.
  [nextjs, { appearsIn: ['top', 'nodejs'], firstChars: ' \u001berwiant-' }],
  [levelWord, { firstChars: `${UPPER}${DIGITS}` }],

  // AWS services' own records and container servers' lines are whole log events: no Lambda
  // runtime's prefix wraps an API Gateway, RDS, nginx or gunicorn line.
  [apiGatewayAccessJson, { appearsIn: TOP }],
  [stepFunctions, { appearsIn: TOP }],
  [cloudTrail, { appearsIn: TOP }],
  [openSearchAudit, { appearsIn: TOP }],
  [apiGatewayExecution, { appearsIn: TOP, firstChars: '(' }],
  // `${version} `: the default format's 2, a custom format's 3 to 8 (6: Transit Gateway's).
  [vpcFlowLogs, { appearsIn: TOP, firstChars: '2345678' }],
  [rdsPostgresql, { appearsIn: TOP, firstChars: DIGITS }],
  [rdsMysql, { appearsIn: TOP, firstChars: DIGITS }],
  [rdsMysqlSlowLog, { appearsIn: TOP, firstChars: '#' }],
  // MariaDB writes `\t\t` for the time of an entry in the same second as the one before.
  [rdsMysqlGeneralLog, { appearsIn: TOP, firstChars: `${DIGITS}\t` }],
  [rdsMysqlAuditLog, { appearsIn: TOP, firstChars: DIGITS }],
  [tomcat, { appearsIn: TOP, firstChars: DIGITS }],
  // The English month abbreviations' initials; any Java program may log through JUL.
  [julSimpleFormatter, { appearsIn: ['top', 'java'], firstChars: 'JFMASOND' }],
  [sparkLog4j, { appearsIn: TOP, firstChars: DIGITS }],
  [elixirLogger, { appearsIn: TOP, firstChars: DIGITS }],
  // ESC: the colour code a line written to a terminal starts with.
  [uvicorn, { appearsIn: TOP, firstChars: `\u001b${UPPER}` }],
  [apiGatewayAccessClf, { appearsIn: TOP, firstChars: `${DIGITS}abcdefABCDEF:` }],
  // The source address: IPv4 or IPv6.
  [apiGatewayAccessCsv, { appearsIn: TOP, firstChars: `${DIGITS}abcdefABCDEF:` }],
  [apiGatewayAccessXml, { appearsIn: TOP, firstChars: '<' }],
  [apiGatewayAccessServerless, { appearsIn: TOP, firstChars: 'r' }],
  [accessLog, { appearsIn: TOP, firstChars: `${DIGITS}${UPPER}${UPPER.toLowerCase()}:` }],
  // The client's address (IPv4 or IPv6, no brackets), or `<local>` for a Unix socket.
  [werkzeug, { appearsIn: TOP, firstChars: `${DIGITS}abcdefABCDEF:<` }],
  // The client's address (IPv4 or IPv6, uvicorn writes no brackets).
  [uvicornAccess, { appearsIn: TOP, firstChars: `${DIGITS}abcdefABCDEF:` }],
  // `%R`: the client's address, or `-`.
  [phpFpmAccess, { appearsIn: TOP, firstChars: `${DIGITS}abcdefABCDEF:-` }],
  [djangoRunserver, { appearsIn: TOP, firstChars: '[' }],
  [uwsgi, { appearsIn: TOP, firstChars: '[' }],
  [celery, { appearsIn: TOP, firstChars: '[' }],
  // `[time] [pid] [LEVEL] `, and gunicorn ≤ 0.14's unbracketed time.
  [gunicorn, { appearsIn: TOP, firstChars: `[${DIGITS}` }],
  // `n`: the `nginx: [emerg] …` copy of a start-up error on stderr.
  [nginxError, { appearsIn: TOP, firstChars: `${DIGITS}n` }],
  [apacheError, { appearsIn: TOP, firstChars: '[' }],
  // Envoy's `[date time][thread][level][component]` and its access log's `[start time] "`.
  [envoy, { appearsIn: TOP, firstChars: '[' }],
  [envoyAccess, { appearsIn: TOP, firstChars: '[' }],
  // Fluent Bit's `[yyyy/mm/dd hh:mm:ss] [ info] `.
  [fluentBit, { appearsIn: TOP, firstChars: '[' }],
  // OpenSearch Service's error and slow logs: `[yyyy-MM-ddTHH:mm:ss,SSS][LEVEL][logger] `.
  [openSearch, { appearsIn: TOP, firstChars: '[' }],
  // Amazon MSK's broker logs: Kafka's `[yyyy-MM-dd HH:mm:ss,SSS] LEVEL `.
  [kafka, { appearsIn: TOP, firstChars: '[' }],
  // Amazon MWAA's Airflow logs: `[time] {file:line} LEVEL - `.
  [airflow, { appearsIn: TOP, firstChars: '[' }],
  // Amazon MQ for ActiveMQ's general log: `yyyy-MM-dd HH:mm:ss,SSS | LEVEL | `.
  [activemq, { appearsIn: TOP, firstChars: DIGITS }],
  // The Redis / Valkey engine's `pid:role `, or Redis < 3.0's `[pid] `.
  [redis, { appearsIn: TOP, firstChars: `[${DIGITS}` }],
  // The CloudWatch agent's own log: `yyyy-mm-ddThh:mm:ssZ I! `, or `yyyy/mm/dd hh:mm:ss I! `.
  [cloudwatchAgent, { appearsIn: TOP, firstChars: DIGITS }],
  // Bref's FPM runtimes: FPM's own log on stderr, a whole event.
  [phpFpm, { appearsIn: TOP, firstChars: '[' }],
  // The error_log's `[date`, the CLI's `PHP `, FPM's undecorated `NOTICE: PHP message: `.
  [phpError, { appearsIn: TOP, firstChars: '[PN' }],
  // The time, or `pid=` without it.
  [sidekiq, { appearsIn: TOP, firstChars: `p${DIGITS}` }],
]);
