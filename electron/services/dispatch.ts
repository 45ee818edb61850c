// The single entry point for a call from any side (IPC or HTTP): look the method up in the
// contract, parse the input with its schema before touching anything, run the handler, and
// return `{ ok, value } | { ok, error }`. Nothing thrown crosses the boundary.
import { contract, isApiMethod } from '../../shared/api/contract';
import { ApiError, type ApiIssue, type ApiResult } from '../../shared/api/result';
import type { Handlers } from '../../shared/api/types';
import { StoreError } from '../../db/store';
import { V } from '../../shared/domain/validation';
import { diskFullError, isDiskFull } from './diskFull';
import type { z } from 'zod';

export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

export interface DispatchOptions {
  /** Where unexpected errors go (the log file in the app, stderr in the host). */
  onUnexpected?: (method: string, error: unknown) => void;
}

export function createDispatch(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (method, input) => {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `No such method: ${String(method).slice(0, 80)}` } };
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Invalid input for ${method}`, issues: toIssues(parsed.error) } };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value: unknown = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toShape() };
      if (error instanceof StoreError && error.code === 'NOT_FOUND') return { ok: false, error: { code: 'NOT_FOUND', message: error.message } };
      // SQLite rolled the transaction back (or the file was never renamed into place): say so plainly.
      if (isDiskFull(error)) return { ok: false, error: diskFullError().toShape() };
      options.onUnexpected?.(method, error);
      return { ok: false, error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}

export function toIssues(error: z.ZodError): ApiIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is named as its own field, so a screen (or a log) can say which one.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: V.unknownField }));
    return [{ path, message: issue.message }];
  });
}
