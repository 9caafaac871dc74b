import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Werkzeug's development server in a container (formats/werkzeug.ts): a request it could not
 * read is logged through `WSGIRequestHandler.log_error` at error level,
 * `addr - - [time] code 400, message …` (pallets/werkzeug src/werkzeug/serving.py). Before, it
 * was an INFO line of text.
 */
const shipped = (line: string) => shippedLine(line, 'web-fn');

describe("Werkzeug's refused requests (werkzeug.ts)", () => {
  it('is ERROR, the address, time and status as fields, the refusal as the message', () => {
    const { record, missing } = shipped(
      "127.0.0.1 - - [01/Jan/2024 12:00:00] code 400, message Bad request version ('RTSP/1.0')\n",
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: "code 400, message Bad request version ('RTSP/1.0')",
      name: 'web-fn',
      remote_addr: '127.0.0.1',
      time_local: '01/Jan/2024 12:00:00',
      status: 400,
      log_format: 'werkzeug',
    });
    expect(missing).toEqual([]);
  });

  it("leaves Werkzeug's request lines to the access log", () => {
    expect(shipped('127.0.0.1 - - [01/Jan/2024 12:00:00] "GET / HTTP/1.1" 200 -\n').record).toMatchObject({
      levelname: 'INFO',
      log_format: 'access-log',
      status: 200,
    });
  });

  it('is read only as a whole event, not inside a runtime prefix', () => {
    const line =
      "[ERROR]\t2023-11-01T10:47:57.081Z\t3f6f7b4c-1111-2222-3333-444455556666\t127.0.0.1 - - [01/Jan/2024 12:00:00] code 400, message Bad request syntax ('x')\n";
    expect(shipped(line).record.log_format).toBe('lambda-python');
  });
});
