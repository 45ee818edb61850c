// Hybrid logical clock (Kulkarni et al.): 48-bit wall milliseconds + 16-bit counter as 16
// fixed-width hex characters, so HLC text sorts exactly as the clocks compare. A change id is
// the HLC followed by the origin device id: unique, and ordered the same way.

export interface HlcParts {
  readonly wall: number;
  readonly counter: number;
}

export const HLC_HEX_LENGTH = 16;
const MAX_WALL = 2 ** 48 - 1;
const MAX_COUNTER = 0xffff;
const HLC_PATTERN = /^[0-9a-f]{16}$/;

export function formatHlc({ wall, counter }: HlcParts): string {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL) throw new RangeError(`HLC wall time out of range: ${wall}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new RangeError(`HLC counter out of range: ${counter}`);
  return wall.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0');
}

export function parseHlc(text: string): HlcParts {
  if (!HLC_PATTERN.test(text)) throw new Error(`Not an HLC: ${JSON.stringify(text.slice(0, 40))}`);
  return { wall: parseInt(text.slice(0, 12), 16), counter: parseInt(text.slice(12), 16) };
}

export function compareHlc(a: HlcParts, b: HlcParts): number {
  return a.wall - b.wall || a.counter - b.counter;
}

/** The wall-clock part of an HLC or change id as ISO text (what created_at/updated_at show). */
export function hlcToIso(hlcOrChangeId: string): string {
  return isoOfWall(parseHlc(hlcOrChangeId.slice(0, HLC_HEX_LENGTH)).wall);
}

/** The first millisecond of the year 10000: from there `toISOString` writes a six-digit year. */
const YEAR_10000 = 253_402_300_800_000;
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/**
 * `new Date(ms).toISOString()` for a wall time of an HLC (never negative), without the Date: a merge
 * writes two a record, and the Date's own formatting was most of that cost.
 */
export function isoOfWall(ms: number): string {
  if (ms >= YEAR_10000) return new Date(ms).toISOString();
  const days = Math.floor(ms / 86_400_000);
  const inDay = ms - days * 86_400_000;
  // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(inDay / 3_600_000);
  const minutes = Math.floor((inDay % 3_600_000) / 60_000);
  const seconds = Math.floor((inDay % 60_000) / 1000);
  const millis = inDay % 1000;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${String(millis).padStart(3, '0')}Z`;
}

export function changeIdOf(hlc: string, origin: string): string {
  return hlc + origin;
}

export interface HlcClock {
  /** A new timestamp for a local event, greater than every timestamp seen so far. */
  tick(): string;
  /** Take in a remote timestamp so that later local ticks are greater than it. */
  receive(remote: string): void;
  /** The greatest timestamp seen so far. */
  last(): string;
  /** How far (ms) the wall clock runs behind the clock's own last value; > 0 means it went back. */
  lagMs(): number;
}

export function createHlcClock(now: () => number, start: string | null = null): HlcClock {
  let state: HlcParts = start ? parseHlc(start) : { wall: 0, counter: 0 };

  function advance(candidates: HlcParts[]): HlcParts {
    const physical = Math.floor(now());
    const wall = Math.max(physical, ...candidates.map((c) => c.wall));
    // The counter orders events within one millisecond of the greatest clock seen.
    const counter = Math.max(-1, ...candidates.filter((c) => c.wall === wall).map((c) => c.counter)) + 1;
    // A counter overflow (65,536 events in one ms) borrows the next millisecond.
    return counter > MAX_COUNTER ? { wall: wall + 1, counter: 0 } : { wall, counter };
  }

  return {
    tick() {
      state = advance([state]);
      return formatHlc(state);
    },
    receive(remote) {
      const parts = parseHlc(remote);
      if (compareHlc(parts, state) > 0) state = parts;
    },
    last: () => formatHlc(state),
    lagMs: () => state.wall - Math.floor(now()),
  };
}
