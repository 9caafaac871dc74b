/**
 * Errors of `npm run search:apply`, one per way it can fail, each saying which endpoint and step
 * failed and what to do about it.
 */

/** Base class of every error the apply command raises on purpose. */
export class SearchApplyError extends Error {
  override name = 'SearchApplyError';
}

/** The command line or environment is unusable. */
export class UsageError extends SearchApplyError {
  override name = 'UsageError';
}

/** The endpoint answered 401 (no or wrong credentials) or 403 (the user lacks the permission). */
export class SearchAuthError extends SearchApplyError {
  override name = 'SearchAuthError';
  constructor(
    readonly step: string,
    readonly url: string,
    readonly status: 401 | 403,
  ) {
    super(
      status === 401
        ? `${step}: ${url} answered 401 Unauthorized: the credentials are missing or wrong ` +
            '(pass --user/--password or set SEARCH_USER/SEARCH_PASSWORD)'
        : `${step}: ${url} answered 403 Forbidden: the user is authenticated but may not do this ` +
            '(use a user with the all_access or security_manager role, or a domain access policy that allows it)',
    );
  }
}

/** The endpoint could not be reached at all (refused, unknown host, TLS, timeout). */
export class SearchConnectionError extends SearchApplyError {
  override name = 'SearchConnectionError';
  constructor(
    readonly step: string,
    readonly url: string,
    options: { cause: unknown },
  ) {
    const cause = options.cause;
    const reason =
      cause instanceof Error
        ? [cause.message, cause.cause instanceof Error ? cause.cause.message : undefined]
            .filter((part) => part !== undefined)
            .join(': ')
        : String(cause);
    super(
      `${step}: cannot connect to ${url} (${reason}); check the URL and that the endpoint is reachable`,
      options,
    );
  }
}

/** The endpoint answered, but refused the request (any other non-2xx, or an import with errors). */
export class SearchResponseError extends SearchApplyError {
  override name = 'SearchResponseError';
  constructor(
    readonly step: string,
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${step}: ${url} answered ${status}: ${body.slice(0, 500)}`);
  }
}
