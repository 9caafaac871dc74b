/**
 * Every log format the normalizer understands, in the order they are tried. Adding a format is
 * adding its file (parser, detection, source it was checked against) and one line here.
 */
import type { JsonFormat, TextFormat } from '../logFormat.js';
import { bracketLevel } from './bracketLevel.js';
import { brefRuntime } from './brefRuntime.js';
import { bunyan } from './bunyan.js';
import { dotnetConsole } from './dotnetConsole.js';
import { dotnetRuntime } from './dotnetRuntime.js';
import { ecs } from './ecs.js';
import { genericJson } from './genericJson.js';
import { logrus, zap, zerolog } from './goJson.js';
import { goRuntime } from './goRuntime.js';
import { goSlog } from './goSlog.js';
import { javaRuntime } from './javaRuntime.js';
import { lambdaAspNetCore } from './lambdaAspNetCore.js';
import { lambdaExtension } from './lambdaExtension.js';
import { lambdaJson, lambdaJsonPlatform } from './lambdaJson.js';
import { lambdaPlatform } from './lambdaPlatform.js';
import { log4j2Text } from './log4j2Text.js';
import { logfmt } from './logfmt.js';
import { logstashLogback } from './logstashLogback.js';
import { loguru } from './loguru.js';
import { loguruText } from './loguruText.js';
import { monolog } from './monolog.js';
import { monologText } from './monologText.js';
import { nodeRuntime } from './nodeRuntime.js';
import { pino } from './pino.js';
import { powertools } from './powertools.js';
import { powertoolsDotnet } from './powertoolsDotnet.js';
import { powertoolsJava } from './powertoolsJava.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { pythonLoggingText } from './pythonLoggingText.js';
import { pythonRuntime } from './pythonRuntime.js';
import { rubyRuntime } from './rubyRuntime.js';
import { runtimeCrash } from './runtimeCrash.js';
import { rustTracing } from './rustTracing.js';
import { rustTracingJson } from './rustTracingJson.js';
import { serilogClef } from './serilogClef.js';
import { springBoot } from './springBoot.js';
import { structlog } from './structlog.js';
import { winston } from './winston.js';
import { winstonText } from './winstonText.js';

/**
 * Tried on lines that are a JSON object; the first that returns a result wins. Most specific
 * first: Powertools for .NET (its level spelling) and Java (its own keys) before the other
 * Powertools, which also have Lambda's `timestamp`/`level`/`message`, as do flattened Rust
 * `tracing` records (told by `target`); slog's upper-case level beside `msg` before logrus;
 * zerolog's `time` + `message` tells it from winston's. The conventions with keys of their own
 * (CLEF's `@t`, loguru's `record`, `ecs.version`, logstash's `@version`, Monolog's `level_name` +
 * `channel`, structlog's `event`) come after the common Lambda formats, which none of their lines
 * match, so those lines pay for no extra checks; the generic JSON format takes whatever is left.
 */
export const JSON_FORMATS: readonly JsonFormat[] = [
  lambdaJsonPlatform,
  powertoolsDotnet,
  powertoolsJava,
  powertools,
  pythonJsonLogger,
  rustTracingJson,
  lambdaJson,
  bunyan,
  pino,
  zap,
  goSlog,
  logrus,
  zerolog,
  winston,
  serilogClef,
  loguru,
  ecs,
  logstashLogback,
  monolog,
  structlog,
  genericJson,
];

/**
 * Tried on every other line; a line none claims is plain text. Each format rejects a line on its
 * first characters, so the order costs little; it matters where shapes overlap: Node's upper-case
 * levels before .NET's tab lines (which may have no level), Python's `[LEVEL]\t` before Java's
 * `[LEVEL] `, extensions' `[Name] ` after both, Log4j2 (`date level logger - msg`) before
 * Python logging text (`date name level msg`), loguru's `date | LEVEL | ` before both; a bare
 * `[LEVEL] ` head last, after the
 * runtimes whose prefixes start the same way.
 */
export const TEXT_FORMATS: readonly TextFormat[] = [
  lambdaPlatform,
  nodeRuntime,
  dotnetRuntime,
  pythonRuntime,
  javaRuntime,
  lambdaExtension,
  lambdaAspNetCore,
  monologText,
  loguruText,
  springBoot,
  log4j2Text,
  pythonLoggingText,
  logfmt,
  goRuntime,
  rubyRuntime,
  brefRuntime,
  dotnetConsole,
  runtimeCrash,
  rustTracing,
  winstonText,
  bracketLevel,
];
