// Hybrid logical clock (Kulkarni et al.): 48-bit wall milliseconds + 16-bit counter as 16
// fixed-width hex characters, so HLC text sorts exactly as the clocks compare. A change id is
// the HLC followed by the origin device id: unique, and ordered the same way.
import { isoOfWall } from './civilTime';

export interface HlcParts {
  readonly wall: number;
  readonly counter: number;
}

export const HLC_HEX_LENGTH = 16;
const MAX_WALL = 2 ** 48 - 1;
const MAX_COUNTER = 0xffff;

export function formatHlc({ wall, counter }: HlcParts): string {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_WALL) throw new RangeError(`HLC wall time out of range: ${wall}`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw new RangeError(`HLC counter out of range: ${counter}`);
  return wall.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0');
}

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_DIGIT['0123456789abcdef'.charCodeAt(d)] = d;

/** A lowercase hex digit's value from its character code, -1 for any other character. */
export function hexDigit(code: number): number {
  return HEX_DIGIT[code] ?? -1;
}

export function parseHlc(text: string): HlcParts {
  // Digit by digit: the clock writer parses one for every cell it writes, so no pattern and no slices.
  let wall = 0;
  let counter = 0;
  let ok = text.length === HLC_HEX_LENGTH;
  for (let i = 0; ok && i < HLC_HEX_LENGTH; i++) {
    const digit = hexDigit(text.charCodeAt(i));
    if (digit < 0) ok = false;
    else if (i < 12) wall = wall * 16 + digit;
    else counter = counter * 16 + digit;
  }
  if (!ok) throw new Error(`Not an HLC: ${JSON.stringify(text.slice(0, 40))}`);
  return { wall, counter };
}

export function compareHlc(a: HlcParts, b: HlcParts): number {
  return a.wall - b.wall || a.counter - b.counter;
}

/** The wall-clock part of an HLC or change id as ISO text (what created_at/updated_at show). */
export function hlcToIso(hlcOrChangeId: string): string {
  return isoOfWall(parseHlc(hlcOrChangeId.slice(0, HLC_HEX_LENGTH)).wall);
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
