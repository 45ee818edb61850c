// When to try a WebDAV request again, and after how long: a pure function, so the policy is
// tested on its own and the client only sleeps what it is told. 坚果云 and other hosted servers
// answer 429 or 503 when a client is too quick; they may say how long to wait (Retry-After, in
// seconds or as a date), which is honoured but bounded so a sync never hangs for an hour.

export interface RetryPolicy {
  /** Tries of one request in all, the first included. */
  readonly maxAttempts: number;
  /** The first wait without a Retry-After; it doubles each time. */
  readonly baseDelayMs: number;
  /** No single wait is longer, whatever Retry-After asks. */
  readonly maxDelayMs: number;
  /** Waiting within one request stops here: the run reports BUSY and the scheduler tries later. */
  readonly maxTotalWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxTotalWaitMs: 90_000 };

export type RetryCause =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string | null }
  /** The connection failed or dropped; only an idempotent request may simply be sent again. */
  | { readonly kind: 'network'; readonly code: string; readonly idempotent: boolean };

/** Statuses that mean "later, please": the server is fine, just busy or rate-limiting. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Network failures worth one more try: the connection dropped, not "nobody is there". */
const RETRY_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'INTERRUPTED']);

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month ("Fri, 27 Nov 2026 08:00:30 GMT"); Date.parse alone takes "-5".
  if (!/^[A-Za-z]{3},? /.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * How long to wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed with
 * `cause` and `waitedMs` have been spent waiting already; null means give up now.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, cause: RetryCause, waitedMs: number, now: number): number | null {
  if (attempt >= policy.maxAttempts) return null;
  if (cause.kind === 'status' && !RETRY_STATUSES.has(cause.status)) return null;
  if (cause.kind === 'network' && (!cause.idempotent || !RETRY_NETWORK_CODES.has(cause.code))) return null;
  const asked = cause.kind === 'status' ? parseRetryAfter(cause.retryAfter, now) : null;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  const delay = Math.min(policy.maxDelayMs, asked ?? backoff);
  if (waitedMs + delay > policy.maxTotalWaitMs) return null;
  return delay;
}
