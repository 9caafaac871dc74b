import type { TextFormat } from '../logFormat.js';
import { isWordChar, sourceLocationEnd } from './scan.js';

/**
 * What Python's `warnings` module writes to stderr, which the Python runtime passes on unprefixed:
 * `/var/task/app.py:12: UserWarning: pool size 0 is deprecated`, then (on the same write, so in
 * the same event when it is not split) the source line, `  warnings.warn("…")`. The category is
 * the level's conventional place: WARNING; the line stays the message whole.
 * Checked against CPython Lib/warnings.py (`_formatwarnmsg_impl`: `"%s:%s: %s: %s\n" % (filename,
 * lineno, category.__name__, message)`, then `"  %s\n" % line.strip()`) and awslambdaric
 * bootstrap.py (`sys.stderr = Unbuffered(sys.stderr)`: stderr is written as it comes).
 */

const NAME = 'python-warning';
const SOURCE_SUFFIX = '.py';
const CATEGORY_SUFFIX = 'Warning';
// Paths and category names end well within this many characters.
const MAX_PATH = 1024;
const MAX_CATEGORY = 80;

export const pythonWarning: TextFormat = {
  name: NAME,
  parse(line) {
    // An absolute path: /var/task, /opt, /var/lang/lib/python3.x.
    const i = sourceLocationEnd(line, SOURCE_SUFFIX, MAX_PATH);
    if (i < 0 || !line.startsWith(': ', i)) return undefined;
    const categoryStart = i + 2;
    let end = categoryStart;
    while (end - categoryStart <= MAX_CATEGORY && isWordChar(line.charCodeAt(end))) end++;
    if (!line.startsWith(': ', end) || !line.endsWith(CATEGORY_SUFFIX, end)) return undefined;
    return { message: line, levelname: 'WARNING' };
  },
};
