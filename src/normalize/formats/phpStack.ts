import type { MessageAndStack } from './stacks.js';
import { splitLines, splitStack } from './stacks.js';

/**
 * PHP's report of an uncaught exception, as its error handler writes it into a log line
 * (`log_errors`: Apache's error log, FPM's stderr, `error_log`):
 * `PHP Fatal error:  Uncaught Exception: boom in /var/www/html/index.php:3`, `Stack trace:`,
 * `#0 {main}`, `  thrown in /var/www/html/index.php on line 3`. The first line is the message; the
 * report whole (that line, the frames, the `thrown in` line) is exc_info, as a Python traceback
 * keeps its exception's line. Other text is split as any stack is.
 * Checked against php-src Zend/zend_exceptions.c (`zend_exception_error`: `Uncaught %s\n  thrown`)
 * and main/main.c (`php_error_cb`: `PHP %s:  %s in %s on line %d`).
 */
export function splitPhpStack(text: string): MessageAndStack {
  const nl = text.indexOf('\n');
  if (nl < 0 || !text.startsWith('Stack trace:', nl + 1)) return splitStack(text);
  const lines = splitLines(text.trimEnd());
  if (!(lines[2] ?? '').startsWith('#0 ')) return splitStack(text);
  return { message: lines[0] ?? '', exc_info: lines.join('\n') };
}
