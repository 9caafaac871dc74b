import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { FaultPlan, type CallFault, type Faults, parseFaults } from './faults.js';
import { MAX_REQUEST_BODY_BYTES, STREAM_NAME_PATTERN } from './limits.js';
import { parsePutRequest, type PutOperation } from './parsePutRequest.js';
import { s3ObjectKey } from './s3ObjectKey.js';
import {
  LOCAL_ACCOUNT_ID,
  WireError,
  resourceNotFound,
  serialization,
  serverError,
  slowDown,
} from './wireError.js';

/** How to start the endpoint. */
export interface LocalFirehoseOptions {
  /** TCP port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** Delivery streams that exist; a call to any other gets ResourceNotFoundException. */
  readonly streams?: readonly string[];
  /** Accept any well-formed stream name, as if every stream existed. */
  readonly acceptAnyStream?: boolean;
  /** Where accepted records are written, as Firehose's S3 objects; omitted: memory only. */
  readonly dir?: string;
  /** Faults in force from the start (see {@link Faults}). */
  readonly faults?: Faults;
  /** Region in ARNs (default `us-east-1`). */
  readonly region?: string;
  /** Clock for arrival times and object keys (default: the system clock). */
  readonly now?: () => Date;
  /** Called with one line per call (the CLI prints them); default: silent. */
  readonly log?: (line: string) => void;
}

/** One record the endpoint accepted. */
export interface AcceptedRecord {
  readonly recordId: string;
  /** The record's bytes, decoded from base64, as they would land in S3. */
  readonly data: Buffer;
  readonly receivedAt: Date;
  /** Number of the call (1-based, counting every Put call received) that delivered it. */
  readonly call: number;
  /** Path of the file it was written to, when the endpoint writes files. */
  readonly file: string | undefined;
}

/** Counters since start or the last {@link LocalFirehose.reset}. */
export interface LocalFirehoseStats {
  /** PutRecord and PutRecordBatch requests received, faulted and refused ones included. */
  readonly calls: number;
  /** Records accepted (answered with a RecordId). */
  readonly recordsAccepted: number;
  /** Records answered with a per-record ErrorCode in a 200 response. */
  readonly recordsFailed: number;
  /** Decoded data bytes of the accepted records. */
  readonly bytesAccepted: number;
  /** Calls answered with an error, by `__type` (throttles, 5xx, validation, unknown stream). */
  readonly callErrors: Readonly<Record<string, number>>;
  /** Calls whose connection was destroyed without a response. */
  readonly droppedConnections: number;
  /** Calls whose records were stored but answered with a body that is not JSON. */
  readonly malformedAnswers: number;
}

/** A running local Firehose endpoint. */
export interface LocalFirehose {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `endpoint` or `AWS_ENDPOINT_URL_FIREHOSE`. */
  readonly url: string;
  readonly port: number;
  /** Directory the S3-like objects go to (absolute), or undefined when in memory only. */
  readonly dir: string | undefined;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
  /** Records accepted for `stream`, in the order they were accepted. */
  records(stream: string): readonly AcceptedRecord[];
  /** Files written for `stream`, in order. */
  files(stream: string): readonly string[];
  stats(): LocalFirehoseStats;
  /** The faults in force. */
  faults(): Faults;
  /** Replaces the faults in force (`{}` heals the service) and restarts their counting. */
  setFaults(faults: Faults): void;
  /** Forgets accepted records and counters and restarts the faults' counting; files stay. */
  reset(): void;
  /**
   * Resolves once no request is being handled: a call whose client gave up on it (its deadline
   * passed) is still read, counted and answered after the client has moved on.
   */
  idle(): Promise<void>;
}

/** The operations' `X-Amz-Target` prefix (API version 2015-08-04). */
export const TARGET_PREFIX = 'Firehose_20150804.';
/** The AWS JSON 1.1 content type of requests and responses. */
export const JSON_1_1 = 'application/x-amz-json-1.1';

const STREAM_VERSION = 1;

class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BODY_BYTES) {
        reject(new BodyTooLarge(`request body over ${MAX_REQUEST_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      resolveBody(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
  });
}

const wait = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': JSON_1_1,
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}

/** An answer that is not the protocol's: a proxy's status page, an unreadable 200. */
function sendRaw(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: WireError): void {
  send(res, error.status, { __type: error.type, message: error.message }, { 'x-amzn-ErrorType': error.type });
}

/** An opaque id per record, like the service's (which are long base64-ish strings). */
const newRecordId = (): string => randomBytes(42).toString('base64url');

/**
 * Starts a local endpoint that speaks Firehose's AWS JSON 1.1 wire protocol well enough for the
 * real `@aws-sdk/client-firehose` to use it: PutRecordBatch, PutRecord, and minimal
 * DescribeDeliveryStream / ListDeliveryStreams. It enforces the service's limits with its
 * errors, writes accepted records as Firehose's S3 objects (data bytes concatenated as-is), and
 * injects faults on demand. Listens on 127.0.0.1 only.
 *
 * Control endpoints, for a process that is not the test: `GET /_stats`, `GET /_faults`,
 * `POST /_faults` (JSON {@link Faults}, replaces them), `POST /_reset`.
 */
export async function startLocalFirehose(options: LocalFirehoseOptions = {}): Promise<LocalFirehose> {
  const streams = new Set(options.streams ?? []);
  for (const stream of streams) {
    if (!STREAM_NAME_PATTERN.test(stream)) {
      throw new TypeError(
        `streams: ${JSON.stringify(stream)} is not a Firehose stream name (1-64 of [a-zA-Z0-9_.-])`,
      );
    }
  }
  const acceptAny = options.acceptAnyStream ?? false;
  if (streams.size === 0 && !acceptAny) {
    throw new TypeError('startLocalFirehose: give the known `streams`, or `acceptAnyStream: true`');
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TypeError(`port: expected 0-65535, got ${port}`);
  }
  const dir = options.dir === undefined || options.dir === '' ? undefined : resolve(options.dir);
  const region = options.region ?? 'us-east-1';
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);

  let plan = new FaultPlan(parseFaults(options.faults ?? {}, 'options.faults'));
  let accepted = new Map<string, AcceptedRecord[]>();
  let written = new Map<string, string[]>();
  const seen = new Set<string>();
  const fresh = () => ({
    calls: 0,
    recordsAccepted: 0,
    recordsFailed: 0,
    bytesAccepted: 0,
    callErrors: {} as Record<string, number>,
    droppedConnections: 0,
    malformedAnswers: 0,
  });
  let counters = fresh();

  const knows = (stream: string): boolean => acceptAny || streams.has(stream);
  const arn = (stream: string): string =>
    `arn:aws:firehose:${region}:${LOCAL_ACCOUNT_ID}:deliverystream/${stream}`;

  async function store(stream: string, call: number, records: readonly Buffer[], fault: CallFault) {
    const receivedAt = now();
    const fails = records.map(() => plan.recordFails(fault));
    const kept = records.filter((_, i) => !fails[i]);
    let file: string | undefined;
    if (dir !== undefined && kept.length > 0) {
      file = join(dir, stream, s3ObjectKey(stream, receivedAt, STREAM_VERSION));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, Buffer.concat(kept));
      const files = written.get(stream) ?? [];
      files.push(file);
      written.set(stream, files);
    }
    const list = accepted.get(stream) ?? [];
    accepted.set(stream, list);
    seen.add(stream);
    return records.map((data, i) => {
      if (fails[i]) {
        counters.recordsFailed++;
        return { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' };
      }
      const recordId = newRecordId();
      list.push({ recordId, data, receivedAt, call, file });
      counters.recordsAccepted++;
      counters.bytesAccepted += data.length;
      return { RecordId: recordId };
    });
  }

  function callFaultError(fault: CallFault): WireError | undefined {
    if (fault.kind === 'throttle') return slowDown(fault.status);
    if (fault.kind === 'serverError') return serverError(fault.status);
    return undefined;
  }

  async function put(operation: PutOperation, body: unknown, res: ServerResponse): Promise<void> {
    const call = ++counters.calls;
    const fault = plan.nextCall();
    const delay = plan.delayMs;
    if (fault.kind === 'drop') {
      counters.droppedConnections++;
      log(`#${call} ${operation}: connection dropped (fault)`);
      res.socket?.destroy();
      return;
    }
    if (fault.kind === 'httpStatus') {
      counters.callErrors[`HTTP ${fault.status}`] = (counters.callErrors[`HTTP ${fault.status}`] ?? 0) + 1;
      log(`#${call} ${operation}: ${fault.status} with a plain-text body (fault)`);
      if (delay > 0) await wait(delay);
      sendRaw(res, fault.status, 'text/html', `<html><body>${fault.status}</body></html>`);
      return;
    }
    let status = 200;
    let answer: unknown;
    try {
      const faultError = callFaultError(fault);
      if (faultError !== undefined) throw faultError;
      const request = parsePutRequest(operation, body);
      if (!knows(request.stream)) throw resourceNotFound(request.stream);
      const responses = await store(request.stream, call, request.records, fault);
      const failed = responses.filter((r) => 'ErrorCode' in r).length;
      log(`#${call} ${operation} ${request.stream}: ${responses.length - failed} accepted, ${failed} failed`);
      if (operation === 'PutRecord') {
        // PutRecord has no per-record answer: a record that "fails" fails the call.
        const only = responses[0];
        if (only === undefined || !('RecordId' in only)) throw slowDown(plan.throttleStatus);
        answer = { RecordId: only.RecordId, Encrypted: false };
      } else {
        answer = { FailedPutCount: failed, Encrypted: false, RequestResponses: responses };
      }
    } catch (error) {
      const wire = error instanceof WireError ? error : serverError(500);
      if (!(error instanceof WireError)) log(`#${call} ${operation}: internal error: ${String(error)}`);
      else log(`#${call} ${operation}: ${wire.status} ${wire.type}: ${wire.message}`);
      counters.callErrors[wire.type] = (counters.callErrors[wire.type] ?? 0) + 1;
      status = wire.status;
      answer = wire;
    }
    // The delay comes after the records are stored: a client that gives up waiting has still
    // delivered them, which is how duplicates arise in the real service.
    if (delay > 0) await wait(delay);
    if (answer instanceof WireError) sendError(res, answer);
    else if (fault.kind === 'malformed') {
      counters.malformedAnswers++;
      log(`#${call} ${operation}: records stored, answered 200 with a body that is not JSON (fault)`);
      sendRaw(res, 200, JSON_1_1, '<html><body>OK</body></html>');
    } else send(res, status, answer);
  }

  function describe(body: unknown, res: ServerResponse): void {
    const name =
      typeof body === 'object' && body !== null
        ? (body as Record<string, unknown>).DeliveryStreamName
        : undefined;
    if (typeof name !== 'string' || !knows(name)) {
      sendError(res, resourceNotFound(typeof name === 'string' ? name : 'null'));
      return;
    }
    send(res, 200, {
      DeliveryStreamDescription: {
        DeliveryStreamName: name,
        DeliveryStreamARN: arn(name),
        DeliveryStreamStatus: 'ACTIVE',
        DeliveryStreamType: 'DirectPut',
        VersionId: String(STREAM_VERSION),
        Destinations: [],
        HasMoreDestinations: false,
      },
    });
  }

  function list(res: ServerResponse): void {
    const names = [...new Set([...streams, ...seen])].sort();
    send(res, 200, { DeliveryStreamNames: names, HasMoreDeliveryStreams: false });
  }

  function control(req: IncomingMessage, path: string, raw: Buffer, res: ServerResponse): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/_stats') {
      json(200, snapshot());
      return;
    }
    if (req.method === 'GET' && path === '/_faults') {
      json(200, plan.faults);
      return;
    }
    if (req.method === 'POST' && path === '/_reset') {
      reset();
      json(200, snapshot());
      return;
    }
    if (req.method === 'POST' && path === '/_faults') {
      try {
        setFaults(parseFaults(JSON.parse(raw.toString('utf8') || '{}'), 'POST /_faults'));
      } catch (error) {
        json(400, { message: (error as Error).message });
        return;
      }
      log(`faults set: ${JSON.stringify(plan.faults)}`);
      json(200, plan.faults);
      return;
    }
    json(404, { message: `no control endpoint ${req.method ?? ''} ${path}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        res.writeHead(413, { Connection: 'close' }).end();
      }
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/_')) {
      control(req, path, raw, res);
      return;
    }
    const target = req.headers['x-amz-target'];
    if (
      req.method !== 'POST' ||
      path !== '/' ||
      typeof target !== 'string' ||
      !target.startsWith(TARGET_PREFIX)
    ) {
      sendError(res, new WireError('UnknownOperationException', 400, `Unknown operation ${String(target)}`));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (cause) {
      sendError(res, serialization(`The request body is not JSON: ${(cause as Error).message}`));
      return;
    }
    const operation = target.slice(TARGET_PREFIX.length);
    switch (operation) {
      case 'PutRecordBatch':
      case 'PutRecord':
        return put(operation, body, res);
      case 'DescribeDeliveryStream': {
        describe(body, res);
        return;
      }
      case 'ListDeliveryStreams': {
        list(res);
        return;
      }
      default:
        sendError(res, new WireError('UnknownOperationException', 400, `Unknown operation ${target}`));
    }
  }

  function snapshot(): LocalFirehoseStats {
    return { ...counters, callErrors: { ...counters.callErrors } };
  }
  function setFaults(faults: Faults): void {
    plan = new FaultPlan(parseFaults(faults, 'setFaults'));
  }
  function reset(): void {
    accepted = new Map();
    written = new Map();
    counters = fresh();
    plan = new FaultPlan(plan.faults);
  }

  let open = 0;
  let idleWaiters: (() => void)[] = [];
  const settled = (): void => {
    open--;
    if (open > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const done of waiters) done();
  };
  const server = createServer((req, res) => {
    // Open until its handler is done: a call whose client went away is still read and counted.
    open++;
    handle(req, res)
      .catch((error: unknown) => {
        log(`internal error: ${String(error)}`);
        sendError(res, serverError(500));
      })
      .finally(settled);
  });
  await new Promise<void>((ready, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      ready();
    });
  });
  const bound = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    dir,
    idle: () =>
      open === 0
        ? Promise.resolve()
        : new Promise<void>((done) => {
            idleWaiters.push(done);
          }),
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => {
          if (error) fail(error);
          else done();
        });
        // The SDK keeps connections alive; without this close() would wait for them to idle out.
        server.closeAllConnections();
      }),
    records: (stream) => [...(accepted.get(stream) ?? [])],
    files: (stream) => [...(written.get(stream) ?? [])],
    stats: snapshot,
    faults: () => plan.faults,
    setFaults,
    reset,
  };
}
