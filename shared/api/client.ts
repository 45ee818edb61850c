// The renderer's typed client: `api.villages.create(...)` sends through a transport and turns
// `{ ok: false }` back into an ApiError, so screens use try/catch like any async call.
import { API_METHODS, type ApiMethod } from './contract';
import { ApiError } from './result';
import type { ApiClient, Transport } from './types';

export function createClient(transport: Transport): ApiClient {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of API_METHODS) {
    const [noun, verb] = splitMethod(method);
    client[noun] ??= {};
    client[noun][verb] = async (input?: unknown) => {
      const result = await transport(method, input);
      if (result.ok) return result.value;
      throw new ApiError(result.error.code, result.error.message, result.error.issues);
    };
  }
  return client as unknown as ApiClient;
}

export function splitMethod(method: ApiMethod): [string, string] {
  const dot = method.indexOf('.');
  return [method.slice(0, dot), method.slice(dot + 1)];
}
