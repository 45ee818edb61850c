// How a call reaches the handlers: the preload's bridge inside Electron, HTTP POST to the
// browser host everywhere else. Both answer `{ ok, value } | { ok, error }`.
import type { ApiMethod } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { ApiOutput, Bridge, Transport } from '../../shared/api/types';

/** Calls the preload's bridge; a missing method or a rejected IPC call becomes an error result. */
export function bridgeTransport(bridge: Bridge): Transport {
  return async <M extends ApiMethod>(method: M, input: unknown): Promise<ApiResult<ApiOutput<M>>> => {
    const call = bridge[method] as ((input: unknown) => Promise<ApiResult<ApiOutput<M>>>) | undefined;
    if (typeof call !== 'function') return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `The bridge has no ${method}` } };
    try {
      return await call(input);
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: `IPC call ${method} failed: ${String(error)}` } };
    }
  };
}

/** POST /api/<method> with `{ input }`; a failure to reach the host becomes an INTERNAL error. */
export function httpTransport(fetchFn: typeof fetch = (...args) => fetch(...args)): Transport {
  return async <M extends ApiMethod>(method: M, input: unknown): Promise<ApiResult<ApiOutput<M>>> => {
    let response: Response;
    try {
      response = await fetchFn(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
      });
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: `Cannot reach the Cunji host: ${String(error)}` } };
    }
    const text = await response.text();
    try {
      const body = JSON.parse(text) as unknown;
      if (body && typeof body === 'object' && 'ok' in body) return body as ApiResult<ApiOutput<M>>;
    } catch {
      // not JSON: fall through to the plain-text answer below
    }
    return { ok: false, error: { code: 'INTERNAL', message: `HTTP ${response.status}: ${text.slice(0, 200)}` } };
  };
}

/** The bridge when the preload exposed one (Electron), HTTP otherwise (browser host). */
export function pickTransport(bridge: Bridge | undefined, fetchFn?: typeof fetch): Transport {
  return bridge ? bridgeTransport(bridge) : httpTransport(fetchFn);
}
