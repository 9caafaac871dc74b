import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** Amazon MWAA's Airflow logs, `[time] {file:line} LEVEL - msg` (formats/airflow.ts); text before. */
const shipped = (line: string) => shippedLine(line, 'mwaa-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("Airflow's log format (airflow)", () => {
  it('reads the level and keeps the file, the line and the time', () => {
    const { record, missing } = shipped(
      '[2023-11-01 10:47:57,081] {taskinstance.py:1157} WARNING - Dependencies not met for <TaskInstance: etl.load [queued]>\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'mwaa-fn',
      message: 'Dependencies not met for <TaskInstance: etl.load [queued]>',
      log_format: 'airflow',
      file: 'taskinstance.py',
      line: 1157,
      time: '2023-11-01 10:47:57,081',
    });
    expect(missing).toEqual([]);
  });

  it("reads Airflow 2.6+'s ISO time, MWAA's double braces and its task logs' time", () => {
    expect(shipped('[2023-11-01T10:47:57.081+0000] {scheduler_job.py:42} ERROR - x\n').record).toMatchObject({
      levelname: 'ERROR',
      file: 'scheduler_job.py',
      line: 42,
    });
    const mwaa = shipped('[2023-04-07, 21:33:55 UTC] {{taskinstance.py:1851}} CRITICAL - boom\n');
    expect(mwaa.record).toMatchObject({
      levelname: 'CRITICAL',
      message: 'boom',
      time: '2023-04-07, 21:33:55 UTC',
    });
    expect(mwaa.missing).toEqual([]);
    expect(shipped('[2023-11-01 10:47:57,081] {x.py:1}} INFO - unpaired\n').record.log_format).toBe('text');
  });

  it('moves a task failure traceback to exc_info', () => {
    const traceback =
      'Traceback (most recent call last):\n  File "/usr/local/airflow/dags/etl.py", line 12, in load\n    raise ValueError("bad row")\nValueError: bad row';
    const { record, missing } = shipped(
      `[2023-11-01T10:47:57.081+0000] {taskinstance.py:2905} ERROR - Task failed with exception\n${traceback}\n`,
    );
    expect(record).toMatchObject({ message: 'Task failed with exception', exc_info: traceback });
    expect(missing).toEqual([]);
  });

  it('reads the coloured format without its colour codes', () => {
    const { record, missing } = shipped(
      '[\u001b[34m2023-11-01T10:47:57.081+0000\u001b[0m] {\u001b[34mtaskinstance.py:\u001b[0m1157} \u001b[32mINFO\u001b[0m - \u001b[32mDependencies all met\u001b[0m\n',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'Dependencies all met',
      file: 'taskinstance.py',
      time: '2023-11-01T10:47:57.081+0000',
    });
    expect(missing).toEqual([]);
  });

  it('is read only as a whole event', () => {
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[2023-11-01 10:47:57,081] {a.py:1} ERROR - x\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
  });
});
