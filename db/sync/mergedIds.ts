// The ids a merge has taken from one stored segment so far: a segment could name an id twice,
// and the second is then known, as a row's key made it. The applier adds ids one at a time; the
// bulk merger adds what it took of a batch whose ids increase, all after every id taken before
// it, as one run kept as its array, so a segment's ids are not hashed one by one.
export class MergedIds {
  private readonly singles = new Set<string>();
  private readonly runs: (readonly string[])[] = [];
  private greatest = '';

  has(id: string): boolean {
    if (this.singles.has(id)) return true;
    for (const run of this.runs) if (id >= run[0]! && id <= run[run.length - 1]! && includesSorted(run, id)) return true;
    return false;
  }

  add(id: string): void {
    this.singles.add(id);
    if (id > this.greatest) this.greatest = id;
  }

  /** Whether every id taken so far sorts before `id` (then a batch from `id` up can name none of them). */
  allBefore(id: string): boolean {
    return this.greatest < id;
  }

  /** Ids in increasing order, none taken before (the bulk merger checks so with `allBefore`). */
  addRun(ids: readonly string[]): void {
    if (!ids.length) return;
    this.runs.push(ids);
    const last = ids[ids.length - 1]!;
    if (last > this.greatest) this.greatest = last;
  }
}

function includesSorted(sorted: readonly string[], id: string): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const at = sorted[middle]!;
    if (at === id) return true;
    if (at < id) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
