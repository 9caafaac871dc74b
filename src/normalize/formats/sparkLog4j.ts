import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit, timeEnd } from './scan.js';
import { PY_TRACEBACK, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Spark's default log4j layout, what AWS Glue Spark jobs write to `/aws-glue/jobs/output` and
 * `/aws-glue/jobs/error` (and EMR steps): `%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n` →
 * `19/02/27 18:59:31 INFO SignalUtils: Registered signal handler for TERM`,
 * `25/01/21 20:21:34 ERROR NoOpCircuitBreaker: OpenLineage callable failed to execute. …`.
 * The logger (the class's simple name) is the record's `name`; a stack trace after the message
 * moves to exc_info (also Glue's `Error from Python:Traceback …`, the traceback glued to the
 * message). log4j levels: TRACE/DEBUG → DEBUG, INFO, WARN, ERROR, FATAL → CRITICAL.
 * Checked against apache/spark core/src/main/resources/org/apache/spark/log4j2-defaults.properties
 * (`%d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex`) and Glue job logs quoted in
 * james-jory/segment-personalize-workshop#2 and awslabs/athena-glue-service-logs#22.
 */

const NAME = 'spark-log4j';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
// Simple class names, `OutputCommitCoordinator$OutputCommitCoordinatorEndpoint` among the longest.
const MAX_LOGGER = 256;

/**
 * {@link splitStack}, and Glue's `ProcessLauncher: Error from Python:Traceback (most recent call
 * last):`, whose traceback starts on the message's own first line.
 */
function splitGlueStack(text: string): MessageAndStack {
  const at = text.indexOf(PY_TRACEBACK);
  const newline = text.indexOf('\n');
  if (at > 0 && (newline < 0 || at < newline)) {
    return {
      message: text.slice(0, at).trimEnd(),
      exc_info: text.slice(at).replace(/\r\n?/g, '\n').trimEnd(),
    };
  }
  return splitStack(text);
}

export const sparkLog4j: TextFormat = {
  name: NAME,
  parse(line) {
    // `yy/MM/dd `
    for (let k = 0; k < 8; k++) {
      const c = line.charCodeAt(k);
      if (k === 2 || k === 5 ? c !== 0x2f : !isDigit(c)) return undefined;
    }
    if (line.charCodeAt(8) !== 0x20) return undefined;
    let i = timeEnd(line, 9);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    i++;
    const levelEnd = line.indexOf(' ', i);
    if (levelEnd < 0 || levelEnd - i > 5) return undefined;
    const levelname = LEVELS.get(line.slice(i, levelEnd));
    if (levelname === undefined) return undefined;
    i = levelEnd + 1;
    const colon = line.indexOf(': ', i);
    if (colon <= i || colon - i > MAX_LOGGER) return undefined;
    const logger = line.slice(i, colon);
    if (logger.includes(' ')) return undefined;
    const { message, exc_info } = splitGlueStack(line.slice(colon + 2));
    return { message, levelname, name: logger, exc_info };
  },
};
