import { describe, expect, it } from 'vitest';
import {
  decimalsOf,
  formatRate,
  impliedDenominators,
  parseAmount,
  parseArabic,
  parseChineseNumeral,
  rateMatches,
  toChineseDigits,
} from './index.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十五', 15],
    ['二十', 20],
    ['一百二十三', 123],
    ['两千零五', 2005],
    ['三万五千', 35000],
    ['一亿二千万', 120_000_000],
    ['二〇三五', 2035],
    ['两', 2],
  ])('%s → %d', (s, v) => {
    expect(parseChineseNumeral(s)).toBe(v);
  });
  it('rejects non-numerals', () => {
    expect(parseChineseNumeral('法治')).toBeUndefined();
    expect(parseChineseNumeral('')).toBeUndefined();
    expect(parseChineseNumeral('十百')).toBeUndefined();
  });
});

describe('parseAmount', () => {
  it('50余万元', () => {
    expect(parseAmount('50余万元')).toMatchObject({ value: 500000, approx: true, unit: '元' });
  });
  it('1000余人次', () => {
    expect(parseAmount('1000余人次')).toMatchObject({ value: 1000, approx: true, unit: '人次' });
  });
  it('6480万元 and 11.7万元', () => {
    expect(parseAmount('6480万元')).toMatchObject({ value: 64_800_000, approx: false, unit: '元' });
    expect(parseAmount('11.7万元')?.value).toBe(117000);
  });
  it('3万余人 and 两千人', () => {
    expect(parseAmount('3万余人')).toMatchObject({ value: 30000, approx: true, unit: '人' });
    expect(parseAmount('两千人')).toMatchObject({ value: 2000, unit: '人' });
  });
  it('percent with decimals', () => {
    expect(parseAmount('18.18%')).toMatchObject({ value: 18.18, decimals: 2, unit: '%' });
  });
  it('full-width digits and separators', () => {
    expect(parseArabic('１２３')).toBe(123);
    expect(parseArabic('1,234')).toBe(1234);
    expect(parseAmount('abc')).toBeUndefined();
  });
});

describe('rates', () => {
  it('formats and matches with precision tolerance', () => {
    expect(formatRate(1838, 1928, 1)).toBe('95.3');
    expect(rateMatches(1838, 1928, 95.3, 1)).toBe(true);
    expect(rateMatches(1838, 1928, 95.4, 1)).toBe(false);
    expect(rateMatches(16, 43, 37, 0)).toBe(true);
    expect(rateMatches(32, 208, 18.18, 2)).toBe(false);
    expect(rateMatches(2, 3, 66.6, 1)).toBe(true); // truncation accepted
    expect(rateMatches(1, 0, 0, 0)).toBe(false);
  });
  it('implied denominators', () => {
    expect(impliedDenominators(32, 18.18, 2, 32, 208)).toEqual([176]);
    expect(impliedDenominators(32, 18.18, 2, 32, 100)).toEqual([]);
  });
  it('decimalsOf and toChineseDigits', () => {
    expect(decimalsOf('95.40')).toBe(2);
    expect(decimalsOf('37')).toBe(0);
    expect(toChineseDigits(2035)).toBe('二〇三五');
  });
});
