import type { ParsedLine } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * The fallback: `print` / `console.log` text and anything no other format claims. The whole line
 * is the message; a stack trace in it moves to `exc_info`, and makes the line an ERROR unless it
 * holds no exception (Python's `stack_info`, or `NoneType: None`).
 */
export function parsePlainText(line: string): ParsedLine {
  const { message, exc_info, noException } = splitStack(line);
  if (exc_info === undefined) return { message };
  return noException === true ? { message, exc_info } : { message, exc_info, levelname: 'ERROR' };
}
