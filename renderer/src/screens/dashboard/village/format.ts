// Small readings of the figures the cards share: a ratio as a whole percent, and the period's
// years as plans and commitments are kept (one year, or a span).

/** 0.8234 → 82; null stays null (nothing to divide by is not 0 %). */
export function percentOf(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 100);
}

/** A ledger filter narrowing plans and commitments to the period's year, when it is one year. */
export function yearFilter(from: string, to: string): { year?: number } {
  return from.slice(0, 4) === to.slice(0, 4) ? { year: Number(to.slice(0, 4)) } : {};
}
