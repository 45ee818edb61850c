import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCheckChar, idNumberProblem, maskIdNumber, maskPhone } from '../../shared/domain/idNumber';
import { formatFenAsWanYuan, formatFenAsYuan, parseYuanToFen } from '../../shared/domain/money';

/** A valid ID number from a region, a birth date and a sequence. */
function makeId(region: string, date: string, seq: string): string {
  const first17 = `${region}${date}${seq}`;
  return first17 + idCheckChar(first17);
}

describe('ID numbers (GB 11643)', () => {
  it('accepts published examples and any number built with the right check character', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }), (date, seq) => {
        const id = makeId('370402', date.toISOString().slice(0, 10).replace(/-/g, ''), String(seq).padStart(3, '0'));
        expect(idNumberProblem(id)).toBeNull();
      }),
    );
  });

  it('names what is wrong: the format, the birth date, or the check character', () => {
    expect(idNumberProblem('3704021990010112')).toBe('format');
    expect(idNumberProblem('37040219900101123A')).toBe('format');
    expect(idNumberProblem('370402199002301234')).toBe('birthDate');
    expect(idNumberProblem('11010519491231002Y')).toBe('format');
    expect(idNumberProblem('110105194912310021')).toBe('checkDigit');
  });

  it('catches every single-digit slip in the first 17 digits', () => {
    const id = '11010519491231002X';
    for (let i = 0; i < 17; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === id[i]) continue;
        const slipped = id.slice(0, i) + d + id.slice(i + 1);
        expect(idNumberProblem(slipped)).not.toBeNull();
      }
    }
  });

  it('masks all but the region prefix and the last four, and phones to 3 + 4', () => {
    expect(maskIdNumber('370402199001011234')).toBe('3704**********1234');
    expect(maskIdNumber(null)).toBe('');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('')).toBe('');
  });
});

describe('money in fen', () => {
  it('parses 元 text exactly, without floating point', () => {
    expect(parseYuanToFen('0.1')).toBe(10);
    expect(parseYuanToFen('1,234.5')).toBe(123450);
    expect(parseYuanToFen('￥50000')).toBe(5000000);
    expect(parseYuanToFen('-3.07')).toBe(-307);
    for (const bad of ['', '1.234', 'abc', '1..2', '12e3', '--1']) expect(parseYuanToFen(bad)).toBeNull();
  });

  it('round-trips every amount through the 元 text a person reads', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (fen) => {
        expect(parseYuanToFen(formatFenAsYuan(fen))).toBe(fen);
      }),
    );
  });

  it('shows 万元 with two decimals, rounded half up', () => {
    expect(formatFenAsWanYuan(5000000)).toBe('5.00');
    expect(formatFenAsWanYuan(123456789)).toBe('123.46');
    expect(formatFenAsWanYuan(4999)).toBe('0.00');
    expect(formatFenAsWanYuan(5000)).toBe('0.01');
    expect(formatFenAsWanYuan(-5000000)).toBe('-5.00');
  });
});
