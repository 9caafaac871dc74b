import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * structlog's `StackInfoRenderer` (hynek/structlog src/structlog/processors.py, `_format_stack`):
 * `log.info(…, stack_info=True)` adds `"stack": "Stack (most recent call last):\n…"`, rendered by
 * `JSONRenderer` like any key.
 */
describe('structlog: stack_info (structlog.ts)', () => {
  it('takes the stack as exc_info and keeps the line’s level', () => {
    const { record, missing } = shippedLine(
      '{"event": "cache miss", "level": "info", "logger": "app.cache", "timestamp": "2023-11-01T10:47:57.081234Z", "stack": "Stack (most recent call last):\\n  File \\"/var/task/app.py\\", line 9, in handler\\n    log.info(\\"cache miss\\", stack_info=True)"}\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: 'app.cache',
      message: 'cache miss',
      exc_info:
        'Stack (most recent call last):\n  File "/var/task/app.py", line 9, in handler\n    log.info("cache miss", stack_info=True)',
    });
    expect(record).not.toHaveProperty('stack');
    expect(missing).toEqual([]);
  });

  it('puts the stack after the traceback', () => {
    const { record, missing } = shippedLine(
      '{"event": "failed", "level": "error", "exception": "Traceback (most recent call last):\\n  File \\"/var/task/app.py\\", line 3, in handler\\n    1/0\\nZeroDivisionError: division by zero", "stack": "Stack (most recent call last):\\n  File \\"/var/task/app.py\\", line 5, in handler\\n    log.exception(\\"failed\\", stack_info=True)"}\n',
      'py-fn',
    );
    expect(record.exc_info).toBe(
      'Traceback (most recent call last):\n  File "/var/task/app.py", line 3, in handler\n    1/0\nZeroDivisionError: division by zero\nStack (most recent call last):\n  File "/var/task/app.py", line 5, in handler\n    log.exception("failed", stack_info=True)',
    );
    expect(missing).toEqual([]);
  });

  it('leaves a `stack` field that is no Python stack as a field', () => {
    const { record } = shippedLine('{"event": "deployed", "level": "info", "stack": "prod-eu"}\n', 'py-fn');
    expect(record).toMatchObject({ stack: 'prod-eu' });
    expect(record).not.toHaveProperty('exc_info');
  });
});
