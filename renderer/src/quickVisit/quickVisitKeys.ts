// The keys of quick visit entry: the shortcut that opens it anywhere, 1/2/3 for the mode,
// Ctrl+Enter (or Enter at the end of the form) to save.

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
