// The keys of quick visit entry: the shortcut that opens it anywhere, and what every key does in
// the form — decided here, at once, from the key and the field it was pressed in, so the result
// of a typed sequence never depends on how fast it was typed (no timer moves focus).

/** Alt+N or Ctrl+Shift+V (by physical key, so any keyboard layout or IME state works). */
export function isQuickVisitShortcut(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'shiftKey' | 'metaKey' | 'code'>): boolean {
  return (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') || (e.ctrlKey && e.shiftKey && e.code === 'KeyV');
}

/** The mode a digit key picks, when it is one of the first few. */
export function modeForDigit(key: string, modes: readonly string[]): string | null {
  const index = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  return index >= 0 && index < modes.length ? modes[index]! : null;
}

/** Ctrl+Enter saves from anywhere; plain Enter only where it does nothing else (a checkbox, a radio). */
export function isSaveKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>, target: { tagName?: string; type?: string } | null): boolean {
  if (e.key !== 'Enter') return false;
  if (e.ctrlKey || e.metaKey) return true;
  return target?.tagName === 'INPUT' && (target.type === 'checkbox' || target.type === 'radio');
}

/** The fields in the order the keyboard walks them. */
export const QUICK_VISIT_STOPS = ['household', 'date', 'mode', 'situation', 'need', 'confirmed'] as const;
export type QuickVisitStop = (typeof QUICK_VISIT_STOPS)[number];

export type QuickVisitKeyAction =
  | { kind: 'save' }
  /** Focus another field; leaving the household field first chooses the household typed. */
  | { kind: 'move'; to: QuickVisitStop }
  | { kind: 'mode'; mode: string }
  /** Move the highlight in the household list. */
  | { kind: 'highlight'; step: 1 | -1 };

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** An IME is composing (pinyin): Enter and digits belong to it. */
  isComposing: boolean;
}

/**
 * What a key pressed in `stop` does, or null to leave it to the field (typing, Space on the
 * checkbox, arrows in the mode). Enter and Tab go to the next field, Shift+Tab back; Shift+Enter
 * is a new line in a text box; Enter on the last field and Ctrl+Enter anywhere save.
 */
export function quickVisitKeyAction(e: KeyPress, stop: QuickVisitStop, modes: readonly string[]): QuickVisitKeyAction | null {
  if (e.isComposing || e.altKey) return null;
  const at = QUICK_VISIT_STOPS.indexOf(stop);
  const next = QUICK_VISIT_STOPS[at + 1];
  const previous = QUICK_VISIT_STOPS[at - 1];
  if (e.key === 'Enter') {
    if (e.ctrlKey || e.metaKey || !next) return { kind: 'save' };
    if (e.shiftKey) return stop === 'situation' || stop === 'need' ? null : { kind: 'move', to: next };
    return { kind: 'move', to: next };
  }
  if (e.key === 'Tab' && !e.ctrlKey && !e.metaKey) {
    const to = e.shiftKey ? previous : next;
    return to ? { kind: 'move', to } : null;
  }
  if (e.ctrlKey || e.metaKey) return null;
  if (stop === 'mode') {
    const mode = modeForDigit(e.key, modes);
    return mode ? { kind: 'mode', mode } : null;
  }
  if (stop === 'household' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) return { kind: 'highlight', step: e.key === 'ArrowDown' ? 1 : -1 };
  return null;
}
