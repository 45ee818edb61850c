// The contract's derived types refuse a missing or stray method (checked by `tsc -p
// tsconfig.node.json`: each `@ts-expect-error` fails the type check the day the mistake stops
// being an error), and the runtime client maps the table and the results faithfully.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, splitMethod } from '../../shared/api/client';
import { API_CHANNEL_PREFIX, API_METHODS, channelOf, contract, isApiMethod, type ApiMethod } from '../../shared/api/contract';
import { ApiError, type ApiResult } from '../../shared/api/result';
import type { LedgerNoun } from '../../shared/api/methods';
import type { ApiClient, ApiInput, ApiOutput, ApiParsedInput, Bridge, Handlers, Transport } from '../../shared/api/types';
import type { DeviceProfile, DeviceSetupInput, DeviceStatus } from '../../shared/domain/device';
import type { Village, VillageInput } from '../../shared/domain/village';

describe('the derived types', () => {
  it('Handlers requires every method and the right output for each', () => {
    const withoutDelete = {} as Omit<Handlers, 'villages.delete'>;
    expectTypeOf(withoutDelete).not.toExtend<Handlers>();
    // @ts-expect-error a handler map missing 'villages.delete' is not Handlers
    const _missing: Handlers = withoutDelete;

    const all = {} as Handlers;
    // @ts-expect-error villages.get must return a Village, not a number
    const _wrongOutput: Handlers = { ...all, 'villages.get': () => 42 };

    expectTypeOf<keyof Handlers>().toEqualTypeOf<ApiMethod>();
    expectTypeOf<Parameters<Handlers['villages.create']>[0]>().toEqualTypeOf<ApiParsedInput<'villages.create'>>();
    // A handler is given the parsed input: defaults applied, so `villages` is always an array.
    expectTypeOf<ApiParsedInput<'device.setup'>['villages']>().toExtend<unknown[]>();
    expectTypeOf<ApiParsedInput<'villages.list'>>().not.toBeUndefined();
  });

  it('ApiClient takes the caller-side input and resolves to the output of each method', () => {
    expectTypeOf<ApiClient['villages']['create']>().parameters.toEqualTypeOf<[VillageInput]>();
    expectTypeOf<ApiClient['villages']['create']>().returns.toEqualTypeOf<Promise<Village>>();
    expectTypeOf<ApiClient['device']['setup']>().parameters.toEqualTypeOf<[DeviceSetupInput]>();
    expectTypeOf<ApiClient['device']['status']>().returns.toEqualTypeOf<Promise<DeviceStatus>>();
    expectTypeOf<ApiClient['demo']['load']>().returns.toEqualTypeOf<Promise<DeviceProfile>>();
    expectTypeOf<ApiClient['villages']['delete']>().returns.toEqualTypeOf<Promise<{ id: string }>>();

    // Methods whose input is optional may be called with nothing; the others may not.
    expectTypeOf<ApiClient['app']['info']>().toBeCallableWith();
    expectTypeOf<ApiClient['device']['status']>().toBeCallableWith();
    expectTypeOf<ApiClient['villages']['list']>().toBeCallableWith();
    expectTypeOf<ApiClient['villages']['list']>().toBeCallableWith({ search: '李' });
    expectTypeOf<ApiClient['demo']['load']>().toBeCallableWith();

    expectTypeOf<keyof ApiClient>().toEqualTypeOf<'app' | 'device' | 'villages' | 'demo' | 'dashboard' | 'reports' | 'settings' | 'sync' | 'devices' | 'conflicts' | 'dialogs' | 'imports' | 'records' | 'money' | 'backups' | 'attachments' | 'party' | LedgerNoun>();
    expectTypeOf<keyof ApiClient['households']>().toEqualTypeOf<'list' | 'get' | 'create' | 'update' | 'delete'>();
    expectTypeOf<keyof ApiClient['villages']>().toEqualTypeOf<'list' | 'get' | 'create' | 'update' | 'delete' | 'moves' | 'decideMove'>();
  });

  it('Bridge has exactly one function per method and nothing else', () => {
    expectTypeOf<keyof Bridge>().toEqualTypeOf<ApiMethod>();
    expectTypeOf<Bridge['villages.get']>().parameters.toEqualTypeOf<[unknown]>();
    expectTypeOf<Bridge['villages.get']>().returns.toEqualTypeOf<Promise<ApiResult<Village>>>();
    expectTypeOf<Bridge['app.info']>().returns.toEqualTypeOf<Promise<ApiResult<ApiOutput<'app.info'>>>>();
  });

  it('a stray or misspelt method name, or a wrong input, is a type error on every side', () => {
    // Never run: only its types matter.
    function _neverCalled(api: ApiClient, bridge: Bridge, transport: Transport) {
      // @ts-expect-error no such verb
      void api.villages.destroy({ id: 'x' });
      // @ts-expect-error no such noun
      void api.farms.list();
      // @ts-expect-error villages.create needs its input
      void api.villages.create();
      // @ts-expect-error villages.get takes { id }, not a bare string
      void api.villages.get('0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b');
      // @ts-expect-error a village input has no `bogus` field
      void api.villages.create({ name: '李家村', township: '青石镇', bogus: 1 });
      // @ts-expect-error the bridge has no such key
      void bridge['villages.destroy'];
      // @ts-expect-error the transport takes only contract methods
      void transport('villages.destroy', {});
    }
    expectTypeOf(_neverCalled).toBeFunction();
    expectTypeOf<ApiInput<'villages.create'>>().toEqualTypeOf<VillageInput>();
  });
});

describe('the method table at run time', () => {
  it('lists exactly the contract keys, in order, each named noun.verb', () => {
    expect([...API_METHODS]).toEqual(Object.keys(contract));
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    for (const method of API_METHODS) {
      expect(method).toMatch(/^[a-z]+\.[a-z][a-zA-Z]*$/);
      expect(isApiMethod(method)).toBe(true);
    }
  });

  it('puts each method on its own api: channel', () => {
    expect(API_CHANNEL_PREFIX).toBe('api:');
    for (const method of API_METHODS) expect(channelOf(method)).toBe(`api:${method}`);
    expect(channelOf('villages.create')).toBe('api:villages.create');
  });

  it('does not take inherited object keys for methods', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '', 'villages', 'villages.', '.list']) {
      expect(isApiMethod(name)).toBe(false);
    }
  });
});

describe('createClient', () => {
  type Call = { method: string; input: unknown };

  /** A transport that records each call and answers with what `answer` says. */
  function recordingTransport(answer: (method: string, input: unknown) => ApiResult<unknown>): { calls: Call[]; transport: Transport } {
    const calls: Call[] = [];
    const transport = (async (method: string, input: unknown) => {
      calls.push({ method, input });
      return answer(method, input);
    }) as Transport;
    return { calls, transport };
  }

  it('groups the methods by noun and sends each under its full name with its input', async () => {
    const { calls, transport } = recordingTransport((method, input) => ({ ok: true, value: { echoed: method, input } }));
    const client = createClient(transport) as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;

    const nouns = [...new Set(API_METHODS.map((m) => splitMethod(m)[0]))].sort();
    expect(Object.keys(client).sort()).toEqual(nouns);
    for (const noun of nouns) {
      expect(Object.keys(client[noun]!).sort()).toEqual(API_METHODS.filter((m) => m.startsWith(`${noun}.`)).map((m) => splitMethod(m)[1]).sort());
    }

    for (const method of API_METHODS) {
      const [noun, verb] = splitMethod(method);
      const input = { probe: method };
      await expect(client[noun]![verb]!(input)).resolves.toEqual({ echoed: method, input });
    }
    expect(calls.map((c) => c.method)).toEqual([...API_METHODS]);
  });

  it('sends undefined when a method with optional input is called with nothing', async () => {
    const { calls, transport } = recordingTransport(() => ({ ok: true, value: { setUp: false } }));
    const api = createClient(transport);
    await expect(api.device.status()).resolves.toEqual({ setUp: false });
    expect(calls).toEqual([{ method: 'device.status', input: undefined }]);
  });

  it('turns { ok: false } into a thrown ApiError carrying the code, message and issues', async () => {
    const issues = [{ path: ['name'], message: 'validation.required' }];
    const { calls, transport } = recordingTransport(() => ({ ok: false, error: { code: 'INVALID_INPUT', message: 'Invalid input for villages.create', issues } }));
    const api = createClient(transport);
    const error: unknown = await api.villages.create({ name: '', township: '青石镇' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'ApiError', code: 'INVALID_INPUT', message: 'Invalid input for villages.create', issues });
    expect(calls).toEqual([{ method: 'villages.create', input: { name: '', township: '青石镇' } }]);
  });

  it('gives an ApiError without issues when the error has none', async () => {
    const { transport } = recordingTransport(() => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Village x does not exist' } }));
    const error = await createClient(transport).villages.get({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('NOT_FOUND');
    expect((error as ApiError).issues).toBeUndefined();
    expect((error as ApiError).toShape()).toEqual({ code: 'NOT_FOUND', message: 'Village x does not exist' });
  });

  it('passes a transport failure through unchanged', async () => {
    const broken = new Error('the channel closed');
    const transport = (async () => {
      throw broken;
    }) as Transport;
    await expect(createClient(transport).app.info()).rejects.toBe(broken);
  });
});
