// What crosses the process boundary: a value or a named error, never a thrown object,
// so the renderer can tell a refused input from a broken store.
import { z } from 'zod';

export const ERROR_CODES = [
  'INVALID_INPUT', // the input did not match the contract; `issues` say which field and why
  'NOT_FOUND', // the row does not exist (or is deleted)
  'NEEDS_CONFIRMATION', // a soft rule: `issues` name what to confirm; send again with `confirm`
  'NOT_SET_UP', // the device has not been set up yet
  'ALREADY_SET_UP', // first-run setup may happen only once
  'UNKNOWN_METHOD', // a method name that is not in the contract
  'UNSUPPORTED', // this side cannot do it (no native dialogs in the browser host): offer the fallback
  'DISK_FULL', // no room left on the disk: nothing was written, nothing stored changed
  'INTERNAL', // anything else; the message says what, the log has the stack
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssue>;

export const apiErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  issues: z.array(apiIssue).optional(),
});
export type ApiErrorShape = z.infer<typeof apiErrorShape>;

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

/** Thrown on the renderer side when a call comes back `{ ok: false }`, and by services. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly issues: ApiIssue[] | undefined;
  constructor(code: ErrorCode, message: string, issues?: ApiIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }
  toShape(): ApiErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}
