import { seededRandom } from './seededRandom.js';

/**
 * Failures the local endpoint injects into PutRecord/PutRecordBatch calls. Every field is
 * optional; `{}` means a healthy service. "First N calls" faults count calls from the moment
 * the faults are set (or the endpoint reset), and apply one after the other in this order:
 * dropped connections, then throttles, then 5xx, then bare HTTP statuses, then malformed 200s,
 * then calls whose every record fails. So `{ dropFirst: 1, throttleFirst: 2 }` drops call 1,
 * throttles calls 2 and 3, and answers call 4 normally.
 */
export interface Faults {
  /** Fraction (0 to 1) of the records of each call answered `ServiceUnavailableException` "Slow down." in a 200 response. */
  readonly failRate?: number;
  /** Seed of the per-record draw, for reproducible failures (default 1). */
  readonly seed?: number;
  /** Every record of every call fails (a permanent per-record failure, HTTP 200). */
  readonly failAll?: boolean;
  /** The first N calls are refused with `ServiceUnavailableException` "Slow down.". */
  readonly throttleFirst?: number;
  /** HTTP status of those throttles (default 400, as Firehose is seen to answer them; the model says 503). */
  readonly throttleStatus?: number;
  /** The first N calls (after the throttled ones) get a 5xx. */
  readonly serverErrorFirst?: number;
  /** Status of those: 500 (`InternalFailure`, the default), or 502/503/504 (`ServiceUnavailableException`). */
  readonly serverErrorStatus?: number;
  /** The first N calls have their connection destroyed without any response. */
  readonly dropFirst?: number;
  /**
   * The first N calls (after the 5xx) get {@link httpStatus} with a plain-text body and no AWS
   * error type, as a proxy or load balancer in front of the service answers (the SDK cannot name
   * the error: `Unknown`).
   */
  readonly httpStatusFirst?: number;
  /** Status of those (default 413 Request Entity Too Large). */
  readonly httpStatus?: number;
  /**
   * The first N calls (after those) store their records, then answer HTTP 200 with a body that
   * is not JSON: the records arrived, the client cannot know it (a retry duplicates them).
   */
  readonly malformedFirst?: number;
  /**
   * The first N calls (after those) are answered 200 with every record failed
   * (`ServiceUnavailableException` "Slow down.", `FailedPutCount` = all): a stream shedding load
   * for a while, then recovering.
   */
  readonly failAllFirst?: number;
  /** Milliseconds each call waits before it is answered (after its records are stored). */
  readonly delayMs?: number;
}

/** What one call gets, decided when it arrives. */
export type CallFault =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'throttle'; readonly status: number }
  | { readonly kind: 'serverError'; readonly status: number }
  | { readonly kind: 'httpStatus'; readonly status: number }
  | { readonly kind: 'malformed' }
  | { readonly kind: 'failRecords' };

const DEFAULT_SEED = 1;
const DEFAULT_THROTTLE_STATUS = 400;
const DEFAULT_SERVER_ERROR_STATUS = 500;
const DEFAULT_HTTP_STATUS = 413;
const SERVER_ERROR_STATUSES: ReadonlySet<number> = new Set([500, 502, 503, 504]);

const KEYS: readonly (keyof Faults)[] = [
  'failRate',
  'seed',
  'failAll',
  'throttleFirst',
  'throttleStatus',
  'serverErrorFirst',
  'serverErrorStatus',
  'dropFirst',
  'httpStatusFirst',
  'httpStatus',
  'malformedFirst',
  'failAllFirst',
  'delayMs',
];

function count(raw: Record<string, unknown>, key: keyof Faults, where: string): number | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`${where}.${key}: expected a whole number ≥ 0, got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Validates faults coming from outside (the control endpoint, the CLI, `LOCAL_FIREHOSE_FAULTS`).
 * Throws a `TypeError` naming the field and what was expected; unknown fields are refused so a
 * typo does not silently leave the service healthy.
 */
export function parseFaults(value: unknown, where = 'faults'): Faults {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${where}: expected a JSON object of faults, got ${JSON.stringify(value)}`);
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`${where}: unknown fault "${key}"; known: ${KEYS.join(', ')}`);
    }
  }
  const failRate = raw.failRate;
  if (failRate !== undefined && (typeof failRate !== 'number' || !(failRate >= 0 && failRate <= 1))) {
    throw new TypeError(`${where}.failRate: expected a number from 0 to 1, got ${JSON.stringify(failRate)}`);
  }
  const seed = raw.seed;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed))) {
    throw new TypeError(`${where}.seed: expected an integer, got ${JSON.stringify(seed)}`);
  }
  const failAll = raw.failAll;
  if (failAll !== undefined && typeof failAll !== 'boolean') {
    throw new TypeError(`${where}.failAll: expected true or false, got ${JSON.stringify(failAll)}`);
  }
  const throttleStatus = count(raw, 'throttleStatus', where);
  if (throttleStatus !== undefined && (throttleStatus < 400 || throttleStatus > 599)) {
    throw new TypeError(
      `${where}.throttleStatus: expected an HTTP error status (400-599), got ${throttleStatus}`,
    );
  }
  const serverErrorStatus = count(raw, 'serverErrorStatus', where);
  if (serverErrorStatus !== undefined && !SERVER_ERROR_STATUSES.has(serverErrorStatus)) {
    throw new TypeError(
      `${where}.serverErrorStatus: expected 500, 502, 503 or 504, got ${serverErrorStatus}`,
    );
  }
  const httpStatus = count(raw, 'httpStatus', where);
  if (httpStatus !== undefined && (httpStatus < 400 || httpStatus > 599)) {
    throw new TypeError(`${where}.httpStatus: expected an HTTP error status (400-599), got ${httpStatus}`);
  }
  const faults: Faults = {
    failRate,
    seed,
    failAll,
    throttleFirst: count(raw, 'throttleFirst', where),
    throttleStatus,
    serverErrorFirst: count(raw, 'serverErrorFirst', where),
    serverErrorStatus,
    dropFirst: count(raw, 'dropFirst', where),
    httpStatusFirst: count(raw, 'httpStatusFirst', where),
    httpStatus,
    malformedFirst: count(raw, 'malformedFirst', where),
    failAllFirst: count(raw, 'failAllFirst', where),
    delayMs: count(raw, 'delayMs', where),
  };
  // Absent fields stay absent, so the faults read back (GET /_faults, the CLI banner) show only what is set.
  return Object.freeze(
    Object.fromEntries(Object.entries(faults).filter(([, v]) => v !== undefined)) as Faults,
  );
}

/**
 * The running state of a {@link Faults} setting: how many "first N" calls are left and the
 * seeded draw of per-record failures. Decisions are taken synchronously when a call arrives, so
 * concurrent calls are counted in arrival order.
 */
export class FaultPlan {
  private drops: number;
  private throttles: number;
  private serverErrors: number;
  private httpStatuses: number;
  private malformed: number;
  private failAlls: number;
  private readonly random: () => number;

  constructor(readonly faults: Faults) {
    this.drops = faults.dropFirst ?? 0;
    this.throttles = faults.throttleFirst ?? 0;
    this.serverErrors = faults.serverErrorFirst ?? 0;
    this.httpStatuses = faults.httpStatusFirst ?? 0;
    this.malformed = faults.malformedFirst ?? 0;
    this.failAlls = faults.failAllFirst ?? 0;
    this.random = seededRandom(faults.seed ?? DEFAULT_SEED);
  }

  /** The call-level fault of the next call, consuming one of the "first N". */
  nextCall(): CallFault {
    if (this.drops > 0) {
      this.drops--;
      return { kind: 'drop' };
    }
    if (this.throttles > 0) {
      this.throttles--;
      return { kind: 'throttle', status: this.throttleStatus };
    }
    if (this.serverErrors > 0) {
      this.serverErrors--;
      return { kind: 'serverError', status: this.faults.serverErrorStatus ?? DEFAULT_SERVER_ERROR_STATUS };
    }
    if (this.httpStatuses > 0) {
      this.httpStatuses--;
      return { kind: 'httpStatus', status: this.faults.httpStatus ?? DEFAULT_HTTP_STATUS };
    }
    if (this.malformed > 0) {
      this.malformed--;
      return { kind: 'malformed' };
    }
    if (this.failAlls > 0) {
      this.failAlls--;
      return { kind: 'failRecords' };
    }
    return { kind: 'none' };
  }

  /** Whether the next record of an accepted call fails (drawn in request order). */
  recordFails(fault: CallFault = { kind: 'none' }): boolean {
    if (this.faults.failAll === true || fault.kind === 'failRecords') return true;
    const rate = this.faults.failRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  /** Status of a throttle, also used when PutRecord's single record draws a failure. */
  get throttleStatus(): number {
    return this.faults.throttleStatus ?? DEFAULT_THROTTLE_STATUS;
  }

  get delayMs(): number {
    return this.faults.delayMs ?? 0;
  }
}
