// Where a ledger is reached, declared with it: a group of the left menu and the icon beside its
// title, or the ledger it is part of (its rows open from a row there and go with it when that row
// is deleted, as a household's members do).
export const MENU_GROUPS = ['households', 'visits', 'work', 'party', 'posting'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** The icons a ledger may take; the renderer draws each (renderer/src/shell/navItems.tsx). */
export const MENU_ICONS = ['home', 'alert', 'solution', 'message', 'flag', 'project', 'carryOut', 'barChart', 'userAdd', 'team', 'book', 'calendar', 'idcard'] as const;
export type MenuIcon = (typeof MENU_ICONS)[number];

export type LedgerPlace = { readonly group: MenuGroup; readonly icon: MenuIcon } | { readonly partOf: string };

/** The ledger whose rows this one's rows belong to, or null for a ledger of the menu. */
export function parentOf(place: LedgerPlace): string | null {
  return 'partOf' in place ? place.partOf : null;
}
