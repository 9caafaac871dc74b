/**
 * Every log format the normalizer understands, in the order they are tried. Adding a format is
 * adding its file (parser, detection, source it was checked against) and one line here.
 */
import type { JsonFormat, TextFormat } from '../logFormat.js';
import { genericJson } from './genericJson.js';
import { lambdaPlatform } from './lambdaPlatform.js';
import { nodeRuntime } from './nodeRuntime.js';
import { pythonJsonLogger } from './pythonJsonLogger.js';
import { pythonRuntime } from './pythonRuntime.js';

/** Tried on lines that are a JSON object; the first that returns a result wins. */
export const JSON_FORMATS: readonly JsonFormat[] = [pythonJsonLogger, genericJson];

/** Tried on every other line; a line none claims is plain text. */
export const TEXT_FORMATS: readonly TextFormat[] = [nodeRuntime, pythonRuntime, lambdaPlatform];
