// Types derived from the contract for each side: services implement `Handlers`, the preload
// exposes a `Bridge`, the renderer calls an `ApiClient`. Leaving out a method breaks tsc.
import type { z } from 'zod';
import type { ApiMethod, Contract } from './contract';
import type { ApiResult } from './result';

/** What a caller may pass (before defaults and trimming). */
export type ApiInput<M extends ApiMethod> = z.input<Contract[M]['input']>;
/** What a handler receives: the input after the schema parsed it. */
export type ApiParsedInput<M extends ApiMethod> = z.output<Contract[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<Contract[M]['output']>;

export type Handlers = {
  [M in ApiMethod]: (input: ApiParsedInput<M>) => Promise<ApiOutput<M>> | ApiOutput<M>;
};

/** The flat bridge the preload exposes: one function per method, nothing else. */
export type Bridge = {
  [M in ApiMethod]: (input: unknown) => Promise<ApiResult<ApiOutput<M>>>;
};

/** How a renderer reaches the handlers: IPC in Electron, HTTP in the browser host. */
export type Transport = <M extends ApiMethod>(method: M, input: unknown) => Promise<ApiResult<ApiOutput<M>>>;

type Noun<M> = M extends `${infer N}.${string}` ? N : never;
type ClientFn<M extends ApiMethod> =
  undefined extends ApiInput<M>
    ? (input?: ApiInput<M>) => Promise<ApiOutput<M>>
    : (input: ApiInput<M>) => Promise<ApiOutput<M>>;

/** `api.villages.create(input)`: grouped by noun, as a person reads the contract. */
export type ApiClient = {
  [N in Noun<ApiMethod>]: {
    [M in ApiMethod as M extends `${N}.${infer Verb}` ? Verb : never]: ClientFn<M>;
  };
};
