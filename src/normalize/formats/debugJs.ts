import { stripAnsi } from '../fields.js';
import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * The `debug` package (debug-js/debug src/node.js `formatArgs`, `getDate`, `useColors`), which
 * Express, Koa, Socket.IO, knex, TypeORM's `debug` logger and many more write through. Off a
 * terminal (CloudWatch, a container's awslogs driver) it writes `<time> <namespace> <message>`:
 * debug ≥ 3 `new Date().toISOString()` (`2023-11-01T10:47:57.081Z express:router dispatching GET /`),
 * debug 2.x (Express 4's) `toUTCString()` (`Wed, 01 Nov 2023 10:47:57 GMT express:router …`);
 * on a terminal, or with `DEBUG_COLORS`, `  <namespace> <message> +0ms` coloured, no time, the
 * diff since the namespace's last line (humanized by `ms`: `+5ms`, `+2s`, `+1m`, `+3h`, `+2d`) at
 * the end. `@prisma/debug` (Prisma's own copy) writes `<namespace> <message> +5ms` through
 * `console.warn`, and Prisma Client's `log` option writes `prisma:query <sql>`, `prisma:info`,
 * `prisma:warn`, `prisma:error` (packages/client logger.ts `tags`, through `console.log`).
 *
 * The namespace is the name. A debug namespace is `a:b` (`express:router`, `socket.io:client`,
 * `knex:query`); a token without a colon after a time (`… Server started`) is any program's text,
 * so a colon is required, and the namespace must start with a letter, `_` or `@` (no `10:47:57`),
 * no segment empty or starting with `/` (no `http://…`). The level is INFO unless the
 * namespace's last segment is a level word (`prisma:error` ERROR, `typeorm:query:error`,
 * `prisma:warn` WARNING); inside a runtime's prefix that prefix's level stands otherwise. The
 * time is kept as written (`time`), the diff as `timestamp_diff`. `DEBUG_HIDE_DATE`'s bare
 * `<namespace> <message>` names no time and no diff: only Prisma's four tags are read without one.
 */

const NAMESPACE = String.raw`([A-Za-z_@][\w$@.-]*(?:\/[\w$@.-]+)*(?::[A-Za-z_$@][\w$@./-]*)+)`;
// `2023-11-01T10:47:57.081Z ns ` (debug ≥ 3) or `Wed, 01 Nov 2023 10:47:57 GMT ns ` (debug 2).
const DATED = new RegExp(
  String.raw`(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z|[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT) ${NAMESPACE}(?: |$)`,
  'y',
);
// The coloured layout's two spaces (colour codes stripped), or @prisma/debug's none.
const UNDATED = new RegExp(String.raw`(?: {2})?${NAMESPACE}(?: |$)`, 'y');
const PRISMA_TAG = /(prisma:(?:query|info|warn|error))(?: |$)/y;
const DIFF = / \+(-?\d{1,12}(?:ms|s|m|h|d))$/;

function namespaceLevel(namespace: string): LevelName | undefined {
  const last = namespace.slice(namespace.lastIndexOf(':') + 1);
  const code = last.charCodeAt(0);
  // Letters only: `ns:40` is no pino level.
  return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a ? toLevelName(last) : undefined;
}

/** The text with the ` +5ms` diff the undated layouts end with lifted, or `undefined` without one. */
function liftDiff(text: string): { text: string; diff: string } | undefined {
  // Only the end is looked at (no copy of the line): a diff is `+`, at most 12 digits and a unit.
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) <= 0x20) end--;
  const from = Math.max(0, end - 18);
  const diff = DIFF.exec(text.slice(from, end));
  if (diff === null) return undefined;
  return { text: text.slice(0, from + diff.index), diff: `+${diff[1]}` };
}

function read(namespace: string, rest: string, time: string | undefined): ParsedLine {
  const fields: Record<string, unknown> = {};
  if (time !== undefined) fields.time = time;
  const { message, exc_info } = splitStack(rest.trimEnd());
  return { message, name: namespace, levelname: namespaceLevel(namespace), exc_info, fields };
}

export const debugJs: TextFormat = {
  name: 'debug',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    const coloured = first === 0x1b || (first === 0x20 && line.charCodeAt(2) === 0x1b);
    const text = coloured ? stripAnsi(line) : line;
    const head = text.charCodeAt(0);
    if (head >= 0x30 && head <= 0x39) {
      DATED.lastIndex = 0;
      const dated = DATED.exec(text);
      if (dated === null) return undefined;
      return read(dated[2] as string, text.slice(DATED.lastIndex), dated[1]);
    }
    if (head >= 0x41 && head <= 0x5a && text.charCodeAt(3) === 0x2c /* , */) {
      DATED.lastIndex = 0;
      const dated = DATED.exec(text);
      if (dated !== null) return read(dated[2] as string, text.slice(DATED.lastIndex), dated[1]);
    }
    if (head === 0x70 /* p */) {
      PRISMA_TAG.lastIndex = 0;
      const tag = PRISMA_TAG.exec(text);
      // Prisma Client's `log` option: no time, no diff (its debug lines, `prisma:client:… +2ms`, below).
      if (tag !== null) return read(tag[1] as string, text.slice(PRISMA_TAG.lastIndex), undefined);
    }
    // The undated layouts end in the diff (after the last line: debug prefixes every line of a
    // multi-line message with the namespace and appends the diff once).
    const lifted = liftDiff(text);
    if (lifted === undefined) return undefined;
    UNDATED.lastIndex = 0;
    const undated = UNDATED.exec(lifted.text);
    if (undated === null) return undefined;
    const parsed = read(undated[1] as string, lifted.text.slice(UNDATED.lastIndex), undefined);
    (parsed.fields as Record<string, unknown>).timestamp_diff = lifted.diff;
    return parsed;
  },
};
