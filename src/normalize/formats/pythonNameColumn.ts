import { skipSpaces } from './scan.js';

/**
 * Python `logging`'s logger name in a column of its own after a padded level, as the common
 * layouts write it: `%(levelname)-8s %(name)s - %(message)s` (`WARNING  app.db - slow`),
 * `%(levelname)-8s %(name)-12s - %(message)s` (`WARNING  app.db       - slow`) and
 * `%(asctime)s %(levelname)-8s %(name)-20s %(message)s` (the name padded: two spaces or more
 * after it). A name alone before the message, one space after it, is no column: it is the
 * message's first word (`ERROR    payment failed`).
 */

// Longest logger name taken from a line; dotted module paths are well below this.
const MAX_NAME = 200;
const LOGGER_NAME = /^[\w.]+$/;

/** A logger name as `logging.getLogger` users write them: dotted words (`app.db`, `uvicorn.error`). */
export function isLoggerName(word: string): boolean {
  return LOGGER_NAME.test(word);
}

const QUALIFIED_NAME = /^[A-Za-z_]\w*(?:\.\w+)+$/;

/**
 * A logger name that no word of free text looks like: a dotted one (`gunicorn.error`,
 * `app.db`, `__name__` of a package's module), the root logger's `root` or a script's `__main__`.
 * A plain word before a colon (`Error: …`, `status: ok`) is not taken for a name.
 */
export function isQualifiedLoggerName(word: string): boolean {
  return word === 'root' || word === '__main__' || QUALIFIED_NAME.test(word);
}

/**
 * The logger name at `start` and where the message after it starts, when the name stands in a
 * column (` - ` or padding after it) and a message follows; otherwise undefined.
 */
export function nameColumn(line: string, start: number): [name: string, body: number] | undefined {
  const space = line.indexOf(' ', start);
  if (space <= start || space - start > MAX_NAME) return undefined;
  const name = line.slice(start, space);
  if (!isLoggerName(name)) return undefined;
  const pad = skipSpaces(line, space);
  let body: number;
  if (line.startsWith('- ', pad)) body = pad + 2;
  else if (pad - space >= 2) body = pad;
  else return undefined;
  return body < line.length ? [name, body] : undefined;
}
