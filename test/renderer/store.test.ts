import { describe, expect, it } from 'vitest';
import { createClient } from '../../shared/api/client';
import type { ApiMethod } from '../../shared/api/contract';
import type { Village } from '../../shared/domain/village';
import { PERIOD_STORAGE_KEY } from '../../renderer/src/store/periodSlice';
import { LANGUAGE_STORAGE_KEY } from '../../renderer/src/i18n/language';
import { createAppStore } from '../../renderer/src/store/createAppStore';

/** An in-memory stand-in for the main process: enough of villages.* to watch the store. */
function fakeBackend() {
  const rows: Village[] = [];
  const calls: string[] = [];
  let n = 0;
  const handlers: Partial<Record<ApiMethod, (input: any) => unknown>> = {
    'villages.list': (input: { search?: string } | undefined) => {
      const items = rows.filter((v) => !input?.search || v.name.includes(input.search));
      return { items, total: items.length };
    },
    'villages.create': (input: { name: string; township: string }) => {
      const row: Village = { id: `01900000-0000-7000-8000-00000000000${++n}`, name: input.name, code: null, township: input.township, county: null, notes: null, createdAt: 'x', updatedAt: 'x' };
      rows.push(row);
      return row;
    },
    'villages.delete': ({ id }: { id: string }) => {
      rows.splice(rows.findIndex((v) => v.id === id), 1);
      return { id };
    },
  };
  const api = createClient(async (method, input) => {
    calls.push(method);
    return { ok: true, value: handlers[method]!(input) } as never;
  });
  return { api, rows, calls };
}

function memoryStorage() {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}

describe('app store', () => {
  it('reads the list again from the api after a write instead of patching it in place', async () => {
    const { api, calls } = fakeBackend();
    const store = createAppStore({ api, storage: null, applyLanguage: () => {} });
    await store.getState().createVillage({ name: '李家村', township: '青石镇' });
    expect(calls).toEqual(['villages.create', 'villages.list', 'villages.list']);
    expect(store.getState().villages.map((v) => v.name)).toEqual(['李家村']);
    expect(store.getState().villageCount).toBe(1);
    await store.getState().removeVillage(store.getState().villages[0]!.id);
    expect(store.getState().villages).toEqual([]);
    expect(store.getState().villageCount).toBe(0);
  });

  it('keeps the search for the next reload, and counts all villages whatever the search', async () => {
    const { api } = fakeBackend();
    const store = createAppStore({ api, storage: null, applyLanguage: () => {} });
    await store.getState().createVillage({ name: '李家村', township: '青石镇' });
    await store.getState().createVillage({ name: '王庄村', township: '青石镇' });
    await store.getState().loadVillages('王');
    expect(store.getState().villages.map((v) => v.name)).toEqual(['王庄村']);
    await store.getState().createVillage({ name: '王家湾村', township: '青石镇' });
    expect(store.getState().villages.map((v) => v.name)).toEqual(['王庄村', '王家湾村']);
    expect(store.getState().villageCount).toBe(3);
  });

  it('only the latest of overlapping searches lands', async () => {
    const rows = ['a', 'b'];
    const pending: ((value: unknown) => void)[] = [];
    const api = createClient(async (_method, input) => {
      await new Promise((resolve) => pending.push(resolve));
      const search = (input as { search?: string }).search;
      return { ok: true, value: { items: rows.filter((r) => r === search).map((name) => ({ name })), total: 1 } } as never;
    });
    const store = createAppStore({ api, storage: null, applyLanguage: () => {} });
    const first = store.getState().loadVillages('a');
    const second = store.getState().loadVillages('b');
    pending[1]!(undefined); // the later search answers first
    await second;
    pending[0]!(undefined);
    await first;
    expect(store.getState().villages.map((v) => v.name)).toEqual(['b']);
    expect(store.getState().villagesLoading).toBe(false);
  });

  it('remembers the language and applies it', () => {
    const storage = memoryStorage();
    const applied: string[] = [];
    const store = createAppStore({ api: fakeBackend().api, storage, applyLanguage: (l) => applied.push(l) });
    expect(store.getState().language).toBe('zh-CN');
    store.getState().setLanguage('en');
    expect(storage.map.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(applied).toEqual(['en']);
    expect(createAppStore({ api: fakeBackend().api, storage, applyLanguage: () => {} }).getState().language).toBe('en');
  });

  it('keeps the period chosen for the dashboards between runs, and reads anything else as this month', () => {
    const storage = memoryStorage();
    const store = createAppStore({ api: fakeBackend().api, storage, applyLanguage: () => {} });
    expect(store.getState().periodChoice).toEqual({ kind: 'month' });
    store.getState().setPeriodChoice({ kind: 'custom', from: '2026-03-01', to: '2026-05-31' });
    expect(createAppStore({ api: fakeBackend().api, storage, applyLanguage: () => {} }).getState().periodChoice).toEqual({ kind: 'custom', from: '2026-03-01', to: '2026-05-31' });
    for (const kept of ['{"kind":"decade"}', '{"kind":"custom","from":"2026-05-31","to":"2026-03-01"}', '{"kind":"custom","from":"x","to":"y"}', 'not json', '[]']) {
      storage.map.set(PERIOD_STORAGE_KEY, kept);
      expect(createAppStore({ api: fakeBackend().api, storage, applyLanguage: () => {} }).getState().periodChoice, kept).toEqual({ kind: 'month' });
    }
  });
});
