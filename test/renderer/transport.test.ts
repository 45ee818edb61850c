import { describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/api/types';
import { bridgeTransport, httpTransport, pickTransport } from '../../renderer/src/transport';

function fakeFetch(status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(body, { status });
  }) as typeof fetch;
}

describe('httpTransport', () => {
  it('POSTs {input} as JSON to /api/<method> and returns the host answer as is', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const result = await httpTransport(fakeFetch(200, '{"ok":true,"value":{"setUp":false}}', seen))('device.status', { a: 1 });
    expect(result).toEqual({ ok: true, value: { setUp: false } });
    expect(seen.url).toBe('/api/device.status');
    expect(seen.init?.method).toBe('POST');
    expect((seen.init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(seen.init?.body))).toEqual({ input: { a: 1 } });
  });

  it('turns a non-JSON answer and an unreachable host into INTERNAL errors', async () => {
    const text = await httpTransport(fakeFetch(415, 'Send application/json'))('app.info', undefined);
    expect(text).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const down = await httpTransport((async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch)('app.info', undefined);
    expect(down).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('bridgeTransport', () => {
  it('uses the preload bridge when there is one, and reports a rejected IPC call as an error', async () => {
    const bridge = {
      'app.info': async () => ({ ok: true, value: { version: '1', schemaVersion: 1, dataDir: '/d', databaseFile: '/d/db' } }),
      'device.status': async () => {
        throw new Error('No handler registered');
      },
    } as unknown as Bridge;
    const transport = pickTransport(bridge);
    expect(await transport('app.info', undefined)).toMatchObject({ ok: true });
    expect(await transport('device.status', undefined)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await bridgeTransport(bridge)('demo.load', undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });
});
