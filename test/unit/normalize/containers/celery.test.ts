import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * A Celery worker's lines (formats/celery.ts): `worker_log_format`'s default
 * `[%(asctime)s: %(levelname)s/%(processName)s] %(message)s` (celery/celery
 * celery/app/defaults.py `DEFAULT_PROCESS_LOG_FMT`, `DEFAULT_TASK_LOG_FMT`). Before, every one was
 * plain INFO text with its prefix in the message.
 */
const shipped = (line: string) => shippedLine(line, 'worker-fn');

describe('Celery worker lines (celery.ts)', () => {
  it("takes the bracket's level and keeps the process name", () => {
    const { record, missing } = shipped(
      '[2024-01-01 00:00:00,123: WARNING/MainProcess] celery@7f3c2a1b9d0e ready.\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'celery@7f3c2a1b9d0e ready.',
      name: 'worker-fn',
      process_name: 'MainProcess',
      log_format: 'celery',
    });
    expect(missing).toEqual([]);
  });

  it("moves a failed task's traceback to exc_info", () => {
    const line =
      "[2024-01-01 00:00:00,123: ERROR/ForkPoolWorker-1] Task tasks.fail[2d5b7a6c-1f0e-4c3b-9a8d-0123456789ab] raised unexpected: ZeroDivisionError('division by zero')\n" +
      'Traceback (most recent call last):\n' +
      '  File "/usr/local/lib/python3.11/site-packages/celery/app/trace.py", line 477, in trace_task\n' +
      '    R = retval = fun(*args, **kwargs)\n' +
      '  File "/app/tasks.py", line 9, in fail\n' +
      '    return 1 / 0\n' +
      'ZeroDivisionError: division by zero\n';
    const { record, missing } = shipped(line);
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message:
        "Task tasks.fail[2d5b7a6c-1f0e-4c3b-9a8d-0123456789ab] raised unexpected: ZeroDivisionError('division by zero')",
      process_name: 'ForkPoolWorker-1',
    });
    expect(record.exc_info).toMatch(
      /^Traceback \(most recent call last\):\n[\s\S]*ZeroDivisionError: division by zero$/,
    );
    expect(missing).toEqual([]);
  });

  it('reads CRITICAL and DEBUG, and the task logger’s `name[id]: ` stays in the message', () => {
    const cases: [string, string, string][] = [
      [
        "[2024-01-01 00:00:00,123: CRITICAL/MainProcess] Unrecoverable error: OperationalError('Error 111 connecting to redis:6379. Connection refused.')\n",
        'CRITICAL',
        "Unrecoverable error: OperationalError('Error 111 connecting to redis:6379. Connection refused.')",
      ],
      [
        '[2024-01-01 00:00:00,123: DEBUG/MainProcess] | Worker: Preparing bootsteps.\n',
        'DEBUG',
        '| Worker: Preparing bootsteps.',
      ],
      [
        '[2024-01-01 00:00:00,123: INFO/ForkPoolWorker-2] tasks.add[2d5b7a6c-1f0e-4c3b-9a8d-0123456789ab]: adding 2 + 3\n',
        'INFO',
        'tasks.add[2d5b7a6c-1f0e-4c3b-9a8d-0123456789ab]: adding 2 + 3',
      ],
    ];
    for (const [line, levelname, message] of cases) {
      const { record, missing } = shipped(line);
      expect(record).toMatchObject({ levelname, message, log_format: 'celery' });
      expect(missing).toEqual([]);
    }
  });

  it('leaves gunicorn’s `[time] [pid] [LEVEL]` and Flask’s `[time] LEVEL in` lines to their formats', () => {
    expect(
      shipped('[2024-01-09 13:24:39 +0000] [1637] [CRITICAL] WORKER TIMEOUT (pid:7214)\n').record,
    ).toMatchObject({
      log_format: 'gunicorn',
    });
    expect(shipped('[2024-01-01 12:00:00,123] ERROR in app: Exception on /x [GET]\n').record).toMatchObject({
      log_format: 'python-logging',
    });
  });
});
