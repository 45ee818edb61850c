// Every ledger in the registry has a screen and a way to reach it: a view with exactly its
// fields, and a place in the menu (or the ledger whose rows open it). The menu's record is keyed
// by every noun, so tsc refuses a missing one; this names the ledger when the place is wrong.
import { describe, expect, it } from 'vitest';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { LEDGER_VIEWS } from '../../renderer/src/ledgers/views/index';
import { NAV_GROUPS, NAV_PLACES } from '../../renderer/src/shell/navItems';

const NOUNS = Object.keys(LEDGER_DEFINITIONS) as (keyof typeof LEDGER_DEFINITIONS)[];

describe('every ledger can be reached and edited', () => {
  it.each(NOUNS)('%s: has a view with exactly its fields, and a place in the menu', (noun) => {
    const view = LEDGER_VIEWS[noun];
    expect(view, `${noun}: no view in renderer/src/ledgers/views/index.ts`).toBeDefined();
    expect(view.fields.map((f) => f.name).sort(), `${noun}: the view's fields are not its fields`).toEqual(Object.keys(LEDGER_DEFINITIONS[noun].fields).sort());
    const place = NAV_PLACES[noun];
    expect(place, `${noun}: no place in NAV_PLACES (renderer/src/shell/navItems.tsx)`).toBeDefined();
    if ('openedFrom' in place) expect('group' in NAV_PLACES[place.openedFrom], `${noun} opens from ${place.openedFrom}, which is not in the menu`).toBe(true);
    else expect(NAV_GROUPS.some((g) => g.items.some((item) => item.noun === noun)), `${noun}: not in a menu group`).toBe(true);
  });
});
