import type { TextFormat } from '../logFormat.js';
import { requestParts, statusLevel } from './accessLog.js';
import { isDigit, isMonthAt, matchShape } from './scan.js';

/**
 * Django's development server (`manage.py runserver`, often the command of a container that
 * should have run gunicorn): the `django.server` logger's `[{server_time}] {message}`, the time
 * `BaseHTTPRequestHandler.log_date_time_string`'s `01/Jan/2024 12:00:00`, a request's message
 * `"GET / HTTP/1.1" 200 10629` → the request's parts and status as fields (`request`,
 * `request_method`, `request_uri`, `server_protocol`, `status`, `body_bytes_sent`), the level
 * the one Django logs it at (`WSGIRequestHandler.log_message`: 5xx ERROR, 4xx WARNING, else INFO),
 * the message the line after the time. Other `django.server` lines (`code 400, message Bad
 * request version …`) keep the time and the rest as the message (INFO; Django's ERROR for a TLS
 * handshake, `You're accessing the development server over HTTPS, …`). The time is kept as `time`.
 * Checked against django/django django/core/servers/basehttp.py (`log_message`),
 * django/utils/log.py (`DEFAULT_LOGGING`'s `django.server` formatter) and CPython
 * Lib/http/server.py (`log_date_time_string`, `log_request`).
 */

const NAME = 'django-runserver';
// `[01/Jan/2024 12:00:00] `
const TIME_LENGTH = 22;
// What `log_message` logs at ERROR for a TLS handshake (`\x16\x03`) sent to the plain HTTP server.
const HTTPS_REQUEST = "You're accessing the development server over HTTPS, but it only supports HTTP.";

export const djangoRunserver: TextFormat = {
  name: NAME,
  parse(line) {
    if (!matchShape(line, 0, '[dd/') || !isMonthAt(line, 4) || !matchShape(line, 7, '/dddd dd:dd:dd] '))
      return undefined;
    const message = line.slice(TIME_LENGTH + 1);
    const fields: Record<string, unknown> = { time: line.slice(1, TIME_LENGTH - 1) };
    // `"%s" %s %s`: the request line, the status, the size.
    const quote = message.charCodeAt(0) === 0x22 ? message.lastIndexOf('" ') : -1;
    const status = quote > 0 ? message.slice(quote + 2, quote + 5) : '';
    if (status.length === 3 && [0, 1, 2].every((k) => isDigit(status.charCodeAt(k)))) {
      const code = Number(status);
      fields.request = message.slice(1, quote);
      requestParts(fields.request as string, fields, ['request_method', 'request_uri', 'server_protocol']);
      fields.status = code;
      const size = message.slice(quote + 6).trim();
      if (size === '-') fields.body_bytes_sent = 0;
      else if (/^\d+$/.test(size)) fields.body_bytes_sent = Number(size);
      else if (size !== '') fields.trailing = size;
      return { message, levelname: statusLevel(code), fields };
    }
    return { message, levelname: message === HTTPS_REQUEST ? 'ERROR' : undefined, fields };
  },
};
