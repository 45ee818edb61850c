// A village of a township this device does not keep, as sync brings one: written by the store,
// since villages.create refuses a coordinator a village outside her townships.
import type { OpenedApp } from '../../electron/services/app';

export function villageOfAnotherTownship(app: Pick<OpenedApp, 'context'>, name: string, township: string): { id: string; name: string; township: string } {
  const id = app.context.store.create('villages', null, { name, township, code: null, county: null, notes: null });
  return { id, name, township };
}
