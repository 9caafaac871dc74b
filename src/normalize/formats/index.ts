/**
 * Every log format the normalizer understands, in the order they are tried. Adding a format is
 * adding its file (parser, detection, source it was checked against) and one line here.
 */
import type { JsonFormat, TextFormat } from '../logFormat.js';
import { accessLog } from './accessLog.js';
import { apiGatewayAccessClf, apiGatewayAccessJson } from './apiGatewayAccess.js';
import { apiGatewayExecution } from './apiGatewayExecution.js';
import { bracketLevel } from './bracketLevel.js';
import { brefRuntime } from './brefRuntime.js';
import { bunyan } from './bunyan.js';
import { cloudTrail } from './cloudTrail.js';
import { dotnetConsole } from './dotnetConsole.js';
import { dotnetRuntime } from './dotnetRuntime.js';
import { elixirLogger } from './elixirLogger.js';
import { genericJson } from './genericJson.js';
import { logrus, zap, zerolog } from './goJson.js';
import { goRuntime } from './goRuntime.js';
import { gunicorn } from './gunicorn.js';
import { javaRuntime } from './javaRuntime.js';
import { lambdaAspNetCore } from './lambdaAspNetCore.js';
import { lambdaExtension } from './lambdaExtension.js';
import { lambdaJson, lambdaJsonPlatform } from './lambdaJson.js';
import { lambdaPlatform } from './lambdaPlatform.js';
import { log4j2Text } from './log4j2Text.js';
import { logfmt } from './logfmt.js';
import { nginxError } from './nginxError.js';
import { nodeRuntime } from './nodeRuntime.js';
import { pino } from './pino.js';
import { powertools } from './powertools.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { pythonLoggingText } from './pythonLoggingText.js';
import { pythonRuntime } from './pythonRuntime.js';
import { rdsMysql } from './rdsMysql.js';
import { rdsMysqlSlowLog } from './rdsMysqlSlowLog.js';
import { rdsPostgresql } from './rdsPostgresql.js';
import { rubyRuntime } from './rubyRuntime.js';
import { runtimeCrash } from './runtimeCrash.js';
import { rustTracing } from './rustTracing.js';
import { sparkLog4j } from './sparkLog4j.js';
import { springBoot } from './springBoot.js';
import { stepFunctions } from './stepFunctions.js';
import { tomcat } from './tomcat.js';
import { uvicorn } from './uvicorn.js';
import { vpcFlowLogs } from './vpcFlowLogs.js';
import { winston } from './winston.js';
import { winstonText } from './winstonText.js';

/**
 * Tried on lines that are a JSON object; the first that returns a result wins. Most specific
 * first: Powertools records also have Lambda's `timestamp`/`level`/`message`; zerolog's `time` +
 * `message` tells it from winston's; API Gateway access, Step Functions and CloudTrail records
 * (no message key of their own) just before the generic JSON format, which takes whatever is left.
 */
export const JSON_FORMATS: readonly JsonFormat[] = [
  lambdaJsonPlatform,
  powertools,
  pythonJsonLogger,
  lambdaJson,
  bunyan,
  pino,
  zap,
  logrus,
  zerolog,
  winston,
  apiGatewayAccessJson,
  stepFunctions,
  cloudTrail,
  genericJson,
];

/**
 * Tried on every other line; a line none claims is plain text. Each format rejects a line on its
 * first characters, so the order costs little; it matters where shapes overlap: Node's upper-case
 * levels before .NET's tab lines (which may have no level), Python's `[LEVEL]\t` before Java's
 * `[LEVEL] `, extensions' `[Name] ` after both, Log4j2 (`date level logger - msg`) before
 * Python logging text (`date name level msg`); a bare `[LEVEL] ` head last, after the
 * runtimes whose prefixes start the same way. AWS services' own lines and container servers'
 * (API Gateway, VPC Flow Logs, RDS, Tomcat, uvicorn, access logs, nginx) come after the Lambda
 * runtimes and before the formats whose heads they share: RDS's `date UTC:` before Log4j2 and
 * Python logging text, uvicorn's padded `LEVEL:` before Python's `LEVEL:name:`, API Gateway's
 * CLF (an access line ending in its request id) before the generic access line, nginx's
 * `YYYY/MM/DD` before Go's `log`.
 */
export const TEXT_FORMATS: readonly TextFormat[] = [
  lambdaPlatform,
  nodeRuntime,
  dotnetRuntime,
  pythonRuntime,
  javaRuntime,
  lambdaExtension,
  lambdaAspNetCore,
  apiGatewayExecution,
  vpcFlowLogs,
  rdsPostgresql,
  rdsMysql,
  rdsMysqlSlowLog,
  springBoot,
  tomcat,
  sparkLog4j,
  log4j2Text,
  elixirLogger,
  uvicorn,
  pythonLoggingText,
  apiGatewayAccessClf,
  accessLog,
  gunicorn,
  nginxError,
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
