import type { TextFormat } from '../logFormat.js';
import { sourceLocationEnd } from './scan.js';

/**
 * What Ruby's interpreter writes to stderr for a warning (`rb_warn`, `Kernel#warn` with
 * `uplevel:`), which the Ruby runtime passes on unprefixed: `<file>.rb:<line>: warning: <message>`,
 * e.g. Ruby 3.4's notice at every cold start of the runtime itself,
 * `/var/runtime/gems/aws_lambda_ric-3.1.3/lib/aws_lambda_ric/lambda_log_formatter.rb:3: warning:
 * logger was loaded from the standard library, but will no longer be part of the default gems
 * starting from Ruby 3.5.0.` WARNING; the line stays the message whole.
 * Checked against ruby/ruby error.c (`warn_vsprintf`: `"%s:%d: warning: "`) and
 * https://github.com/aws/aws-lambda-ruby-runtime-interface-client/issues/51.
 */

const NAME = 'ruby-warning';
const SOURCE_SUFFIX = '.rb';
const WARNING = ': warning: ';
// Paths end well within this many characters.
const MAX_PATH = 1024;

export const rubyWarning: TextFormat = {
  name: NAME,
  parse(line) {
    // An absolute path: /var/task, /var/runtime, /opt/ruby/gems.
    const end = sourceLocationEnd(line, SOURCE_SUFFIX, MAX_PATH);
    if (end < 0 || !line.startsWith(WARNING, end)) return undefined;
    return { message: line, levelname: 'WARNING' };
  },
};
