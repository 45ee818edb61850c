import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, createHlcClock, formatHlc, hlcToIso, parseHlc } from '../../db/sync/hlc';

const parts = fc.record({ wall: fc.integer({ min: 0, max: 2 ** 48 - 1 }), counter: fc.integer({ min: 0, max: 0xffff }) });

describe('HLC text', () => {
  it('round-trips and sorts as the clocks compare', () => {
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        expect(parseHlc(formatHlc(a))).toEqual(a);
        const [ta, tb] = [formatHlc(a), formatHlc(b)];
        expect(ta < tb ? -1 : ta > tb ? 1 : 0).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
  });

  it('is 16 hex characters and refuses anything else', () => {
    expect(formatHlc({ wall: 1, counter: 2 })).toBe('0000000000010002');
    for (const bad of ['', '0000000000010002x', 'ZZZZZZZZZZZZZZZZ', '000000000001000']) expect(() => parseHlc(bad)).toThrow('Not an HLC');
    expect(() => formatHlc({ wall: 2 ** 48, counter: 0 })).toThrow(RangeError);
    expect(() => formatHlc({ wall: 0, counter: 0x10000 })).toThrow(RangeError);
  });

  it('refuses one character that is not a lowercase hex digit, anywhere, and reads every other', () => {
    fc.assert(
      fc.property(parts, fc.nat(15), fc.integer({ min: 0, max: 0x2fff }), (p, at, code) => {
        const text = formatHlc(p);
        const changed = text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
        if (/^[0-9a-f]{16}$/.test(changed)) expect(parseHlc(changed)).toEqual({ wall: parseInt(changed.slice(0, 12), 16), counter: parseInt(changed.slice(12), 16) });
        else expect(() => parseHlc(changed)).toThrow('Not an HLC');
      }),
      { numRuns: 2000 },
    );
  });

  it('shows its wall time as ISO text', () => {
    expect(hlcToIso(formatHlc({ wall: Date.UTC(2026, 10, 27), counter: 5 }))).toBe('2026-11-27T00:00:00.000Z');
  });
});

describe('the clock', () => {
  it('only ever moves forward, whatever the wall clock does (jumps back, freezes, leaps ahead)', () => {
    const steps = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('wall' as const), delta: fc.integer({ min: -86_400_000, max: 86_400_000 }) }),
        fc.record({ kind: fc.constant('freeze' as const), delta: fc.constant(0) }),
        fc.record({ kind: fc.constant('receive' as const), delta: fc.integer({ min: -3_600_000, max: 3_600_000 }) }),
      ),
      { maxLength: 200 },
    );
    fc.assert(
      fc.property(steps, (events) => {
        let wall = Date.UTC(2026, 0, 1);
        const clock = createHlcClock(() => wall);
        let previous = clock.tick();
        for (const event of events) {
          if (event.kind === 'wall') wall += event.delta;
          if (event.kind === 'receive') {
            const remote = formatHlc({ wall: Math.max(0, wall + event.delta), counter: 7 });
            clock.receive(remote);
            const next = clock.tick();
            expect(next > remote).toBe(true);
            expect(next > previous).toBe(true);
            previous = next;
            continue;
          }
          const next = clock.tick();
          expect(next > previous).toBe(true);
          previous = next;
        }
      }),
    );
  });

  it('counts within one frozen millisecond and borrows the next when the counter is full', () => {
    const clock = createHlcClock(() => 1000);
    expect(clock.tick()).toBe(formatHlc({ wall: 1000, counter: 0 }));
    expect(clock.tick()).toBe(formatHlc({ wall: 1000, counter: 1 }));
    clock.receive(formatHlc({ wall: 1000, counter: 0xffff }));
    expect(parseHlc(clock.tick())).toEqual({ wall: 1001, counter: 0 });
  });

  it('resumes after a stored value and reports how far the wall clock lags behind it', () => {
    const clock = createHlcClock(() => 5_000, formatHlc({ wall: 90_000, counter: 3 }));
    expect(parseHlc(clock.tick())).toEqual({ wall: 90_000, counter: 4 });
    expect(clock.lagMs()).toBe(85_000);
  });
});
