// Choosing the household in quick entry: what was typed, the households it matches, the one
// highlighted, and the one chosen. Leaving the field chooses at once when the matches of what was
// typed are in; when they are still on their way, the choice is remembered and made the moment
// they land, so typing on into the next fields never depends on how fast the search answers.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotifyError } from '../errors/useNotifyError';
import { ledgerApi } from '../ledgers/ledgerApi';
import { referenceLabel } from '../ledgers/ReferencePicker';
import type { LedgerRow } from '../ledgers/viewTypes';
import { useAppStore } from '../store/useAppStore';

const MATCHES = 8;

interface Matches {
  query: string;
  rows: LedgerRow[];
}

export interface HouseholdChoice {
  /** The text in the field: what is typed, or the chosen household's label. */
  text: string;
  /** The matches of `text` once they are in (none while it is a chosen household's label). */
  matches: LedgerRow[] | null;
  highlighted: number;
  chosen: LedgerRow | null;
  /** Nothing matched what was typed when the field was left. */
  unmatched: boolean;
  type(text: string): void;
  highlight(step: 1 | -1): void;
  /** Choose the highlighted match of what is typed now, or as soon as its matches are in. */
  choose(row?: LedgerRow): void;
  /** The chosen household, once a choice still waiting for its matches is made. */
  settled(): Promise<LedgerRow | null>;
}

export function useHouseholdChoice(): HouseholdChoice {
  const notifyError = useNotifyError();
  const villageId = useAppStore((s) => s.ledgerVillageId);
  // Refs hold the truth a key handler reads (never a render behind); state only redraws.
  const textRef = useRef('');
  const matchesRef = useRef<Matches | null>(null);
  const highlightedRef = useRef(0);
  const chosenRef = useRef<LedgerRow | null>(null);
  const waitingRef = useRef<{ query: string; settle: (row: LedgerRow | null) => void; done: Promise<LedgerRow | null> } | null>(null);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<Pick<HouseholdChoice, 'text' | 'matches' | 'highlighted' | 'chosen' | 'unmatched'>>({
    text: '', matches: null, highlighted: 0, chosen: null, unmatched: false,
  });
  /** Show what the refs now hold. */
  const refresh = useCallback((unmatched = false) => {
    const matches = matchesRef.current;
    setShown({
      text: textRef.current,
      matches: matches?.query === textRef.current && !chosenRef.current ? matches.rows : null,
      highlighted: highlightedRef.current,
      chosen: chosenRef.current,
      unmatched,
    });
  }, []);

  const settleWith = useCallback(
    (row: LedgerRow | null) => {
      chosenRef.current = row;
      if (row) textRef.current = referenceLabel('households', row);
      const waiting = waitingRef.current;
      waitingRef.current = null;
      waiting?.settle(row);
      refresh(!row);
    },
    [refresh],
  );

  useEffect(() => {
    let live = true;
    ledgerApi('households')
      .list({ ...(villageId ? { villageId } : {}), ...(query.trim() ? { search: query.trim() } : {}), offset: 0, limit: MATCHES })
      .then((page) => {
        if (!live) return;
        matchesRef.current = { query, rows: page.items };
        highlightedRef.current = 0;
        if (waitingRef.current?.query === query) settleWith(page.items[0] ?? null);
        else refresh();
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (waitingRef.current?.query === query) settleWith(null);
        notifyError(error);
      });
    return () => {
      live = false;
    };
  }, [query, villageId, notifyError, refresh, settleWith]);

  return {
    ...shown,
    type(text) {
      textRef.current = text;
      chosenRef.current = null;
      setQuery(text);
      refresh();
    },
    highlight(step) {
      const rows = matchesRef.current?.query === textRef.current ? matchesRef.current.rows : [];
      highlightedRef.current = Math.max(0, Math.min(rows.length - 1, highlightedRef.current + step));
      refresh();
    },
    choose(row) {
      if (row) return settleWith(row);
      const typed = textRef.current;
      // Nothing typed: nobody is chosen (the save then asks for the household).
      if (chosenRef.current || !typed.trim()) return;
      if (matchesRef.current?.query === typed) return settleWith(matchesRef.current.rows[highlightedRef.current] ?? null);
      let settle: (row: LedgerRow | null) => void = () => {};
      const done = new Promise<LedgerRow | null>((resolve) => (settle = resolve));
      waitingRef.current = { query: typed, settle, done };
    },
    settled() {
      return waitingRef.current?.done ?? Promise.resolve(chosenRef.current);
    },
  };
}
