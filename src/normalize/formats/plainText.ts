import type { ParsedLine } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * The fallback: `print` / `console.log` text and anything no other format claims. The whole line
 * is the message; a stack trace in it moves to `exc_info`.
 */
export function parsePlainText(line: string): ParsedLine {
  const { message, exc_info } = splitStack(line);
  return exc_info === undefined ? { message } : { message, exc_info, levelname: 'ERROR' };
}
