import type { ParsedLine } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * The fallback: `print` / `console.log` text and anything no other format claims. The whole line
 * is the message; a stack trace in it moves to `exc_info`, and makes the line an ERROR unless it
 * is only where the line was logged from (Python's `stack_info`).
 */
export function parsePlainText(line: string): ParsedLine {
  const { message, exc_info, callStackOnly } = splitStack(line);
  if (exc_info === undefined) return { message };
  return callStackOnly === true ? { message, exc_info } : { message, exc_info, levelname: 'ERROR' };
}
