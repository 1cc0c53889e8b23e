import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, extractFacts } from './index.ts';
import { normalize } from './normalize.ts';
import { seed } from './test/helpers.ts';

function assertWellFormed(text: string): void {
  for (const f of check(text)) {
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(f.start).toBeLessThanOrEqual(f.end);
    expect(f.excerpt).toBe(text.slice(f.start, f.end));
  }
  for (const x of extractFacts(text)) {
    expect(x.start).toBeGreaterThanOrEqual(0);
    expect(x.end).toBeLessThanOrEqual(text.length);
    expect(Number.isFinite(x.value)).toBe(true);
  }
}

describe('property: offsets stay within the text and excerpt equals the slice', () => {
  it('random Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => assertWellFormed(s)),
      { numRuns: 150 },
    );
  });
  it('random mixes of report vocabulary', () => {
    const pieces = [
      '法治',
      '娱乐老虎机',
      '，',
      ',',
      '。',
      '一是',
      '三',
      '余',
      '万元',
      '58',
      '件',
      '%',
      '“',
      '》',
      '\n',
      '二0三五',
      '率',
      '共',
      '其中',
      '行行',
      '13812341234',
      '\u200b',
      '設',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), (a) =>
        assertWellFormed(a.join('')),
      ),
      { numRuns: 150 },
    );
  });
  it('normalisation map points back into the original', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const n = normalize(s);
        expect(n.map).toHaveLength(n.text.length + 1);
        for (const i of n.map) expect(i >= 0 && i <= s.length).toBe(true);
      }),
    );
  });
});

describe('bad input', () => {
  it('empty and whitespace', () => {
    expect(check('')).toEqual([]);
    expect(check('   \n\n ')).toEqual([]);
  });
  it('binary-looking data and lone surrogates', () => {
    const bin = String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 65536));
    assertWellFormed(bin);
    assertWellFormed('\ud800法治\udfff');
  });
  it('HTML with scripts and unbalanced markup as text', () => {
    assertWellFormed('<html><script>alert("娱乐老虎机")</script><p>法治<b>政府</p>');
  });
  it('a very large text does not crash', () => {
    const big = seed('hengshan-2024.txt').repeat(30); // ~430,000 characters
    const fs = check(big);
    expect(fs.length).toBeGreaterThan(0);
  });
  it('non-string input is treated as empty', () => {
    expect(check(undefined as unknown as string)).toEqual([]);
  });
});
