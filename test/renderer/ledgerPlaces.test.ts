// Every ledger in the registry has a screen and a way to reach it: a view with exactly its
// fields, and the place its definition declares — a menu group with a drawn icon, or the ledger
// it is part of, which must be in the menu and be pointed at by one of its fields (the rows open
// from there, and go with the parent's row).
import { describe, expect, it } from 'vitest';
import { LEDGER_DEFINITIONS } from '../../shared/domain/ledgers/index';
import { partsOf, REFERENCES } from '../../shared/domain/ledgers/references';
import { LEDGER_VIEWS } from '../../renderer/src/ledgers/views/index';
import { NAV_GROUPS } from '../../renderer/src/shell/navItems';

const NOUNS = Object.keys(LEDGER_DEFINITIONS) as (keyof typeof LEDGER_DEFINITIONS)[];
const inMenu = (noun: string) => NAV_GROUPS.some((g) => g.items.some((item) => item.noun === noun && item.icon));

describe('every ledger can be reached and edited', () => {
  it.each(NOUNS)('%s: has a view with exactly its fields, and its place: in the menu, or opened from the ledger it is part of', (noun) => {
    const view = LEDGER_VIEWS[noun];
    expect(view, `${noun}: no view in renderer/src/ledgers/views/index.ts`).toBeDefined();
    expect(view.fields.map((f) => f.name).sort(), `${noun}: the view's fields are not its fields`).toEqual(Object.keys(LEDGER_DEFINITIONS[noun].fields).sort());
    const place = LEDGER_DEFINITIONS[noun].place as { group?: string; partOf?: string };
    if (place.partOf !== undefined) {
      expect(inMenu(place.partOf), `${noun} is part of ${place.partOf}, which is not in the menu`).toBe(true);
      const pointing = Object.keys(LEDGER_DEFINITIONS[noun].fields).filter((f) => REFERENCES[f] === place.partOf);
      expect(pointing, `${noun} is part of ${place.partOf}, but no field of it points there`).toHaveLength(1);
      expect(inMenu(noun), `${noun} is part of ${place.partOf} and in the menu too`).toBe(false);
      expect(partsOf(place.partOf as keyof typeof LEDGER_DEFINITIONS).map((c) => c.noun), `${noun}: not among the parts of ${place.partOf}`).toContain(noun);
    } else {
      expect(inMenu(noun), `${noun}: not in a menu group with an icon`).toBe(true);
    }
  });
});
