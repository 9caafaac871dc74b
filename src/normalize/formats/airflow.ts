import { stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Apache Airflow's task, scheduler, worker and DAG-processing logs, what Amazon MWAA publishes
 * to CloudWatch Logs: Airflow's `[logging] log_format`, `[%(asctime)s] {%(filename)s:%(lineno)d}
 * %(levelname)s - %(message)s` (apache/airflow airflow/config_templates/config.yml; its
 * `colored_log_format` is the same with colour codes around the parts, read without them) →
 * `[2023-11-01 10:47:57,081] {taskinstance.py:1157} INFO - Dependencies all met …`. The time is
 * Python's default `asctime`, or since Airflow 2.6 its `TimezoneAware` formatter's ISO time with
 * milliseconds and offset (`[2023-11-01T10:47:57.081+0000]`); MWAA's lines show the location in
 * double braces (`{{taskinstance.py:1157}}`, its escaped template) and, in its task logs, the
 * time as `2023-04-07, 21:33:55 UTC`. All are read.
 *
 * Read: the level (Python's names), the file and line as `file` and `line`, the time as `time`,
 * a traceback (a task's `Task failed with exception`) as exc_info. The format names no logger:
 * the record's name is the log group's (`airflow-<env>-Task`).
 */

const NAME = 'airflow';
const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
const HEAD =
  /\[(\d{4}-\d{2}-\d{2}(?:[T ]|, )\d{2}:\d{2}:\d{2}(?:[.,]\d{3,6})?(?:[+-]\d{2}:?\d{2}|Z| [A-Z]{2,5})?)\] ?(\{\{?)([^{}\s:]{1,256}):(\d{1,7})\}(\}?) (DEBUG|INFO|WARNING|ERROR|CRITICAL) - /y;

export const airflow: TextFormat = {
  name: NAME,
  parse(raw): ParsedLine | undefined {
    // `[yyyy-`, or the colour code of the coloured format after the bracket.
    const coloured = raw.charCodeAt(1) === 0x1b;
    if (!coloured && (raw.charCodeAt(5) !== 0x2d || raw.charCodeAt(8) !== 0x2d)) return undefined;
    const line = coloured ? stripAnsi(raw) : raw;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    // The braces pair up: `{…}` or MWAA's `{{…}}`.
    if (head === null || (head[2] as string).length !== (head[5] as string).length + 1) return undefined;
    const { message, exc_info } = splitStack(line.slice(HEAD.lastIndex));
    return {
      message: message.trim(),
      levelname: LEVELS.get(head[6] as string),
      exc_info,
      fields: { time: head[1], file: head[3], line: Number(head[4]) },
    };
  },
};
