/**
 * Splitting a multi-line text message into the message and its stack (SPEC §3: `message`
 * never carries the stack). Line-by-line scans, no backtracking regular expressions.
 */

export interface MessageAndStack {
  message: string;
  exc_info?: string | undefined;
}

const PY_TRACEBACK = 'Traceback (most recent call last):';

/** Lines of a message; Lambda's runtimes use `\r` as well as `\n` between them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function isJavaFrame(line: string): boolean {
  return line.startsWith('\tat ') || line.startsWith('    at ') || line.startsWith('\t... ');
}

function isNodeFrame(line: string): boolean {
  return line.startsWith('    at ');
}

/**
 * Finds a Python traceback, a Node `Error` stack or a Java stack trace in `text`: the lines
 * before it are the message, the stack (with its exception line) is `exc_info`.
 */
export function splitStack(text: string): MessageAndStack {
  if (!text.includes('\n') && !text.includes('\r')) return { message: text };
  const lines = splitLines(text);
  const traceback = lines.indexOf(PY_TRACEBACK);
  if (traceback >= 0) {
    const message = lines.slice(0, traceback).join('\n').trimEnd();
    const stack = lines.slice(traceback).join('\n').trimEnd();
    // A bare `raise` logged with no message of its own: the exception's last line says it all.
    return { message: message === '' ? lastNonEmpty(lines) : message, exc_info: stack };
  }
  const firstFrame = lines.findIndex((line) => isNodeFrame(line) || isJavaFrame(line));
  if (firstFrame > 0) {
    // The line before the first frame is the exception's own line (`Error: boom`,
    // `java.lang.IllegalStateException: boom`): it opens the stack; text above it is the message.
    const head = firstFrame - 1;
    const stack = lines.slice(head).join('\n').trimEnd();
    const message = lines.slice(0, head).join('\n').trimEnd();
    return { message: message === '' ? (lines[head] ?? '') : message, exc_info: stack };
  }
  return { message: text };
}

function lastNonEmpty(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]?.trim();
    if (line !== undefined && line !== '') return line;
  }
  return '';
}
