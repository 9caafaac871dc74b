/**
 * Every log format the normalizer understands, in the order they are tried. Adding a format is
 * adding its file (parser, detection, source it was checked against) and one line here.
 */
import type { JsonFormat, TextFormat } from '../logFormat.js';
import { bunyan } from './bunyan.js';
import { genericJson } from './genericJson.js';
import { logrus, zap, zerolog } from './goJson.js';
import { lambdaJson, lambdaJsonPlatform } from './lambdaJson.js';
import { lambdaPlatform } from './lambdaPlatform.js';
import { nodeRuntime } from './nodeRuntime.js';
import { pino } from './pino.js';
import { powertools } from './powertools.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { pythonRuntime } from './pythonRuntime.js';
import { winston } from './winston.js';

/**
 * Tried on lines that are a JSON object; the first that returns a result wins. Most specific
 * first: Powertools records also have Lambda's `timestamp`/`level`/`message`; zerolog's `time` +
 * `message` tells it from winston's; the generic JSON format takes whatever is left.
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
  genericJson,
];

/** Tried on every other line; a line none claims is plain text. */
export const TEXT_FORMATS: readonly TextFormat[] = [nodeRuntime, pythonRuntime, lambdaPlatform];
