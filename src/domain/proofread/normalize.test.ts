import { describe, expect, it } from 'vitest';
import { mapRange, normalize } from './normalize.ts';

describe('normalize', () => {
  it('full width, spaces, zero-width, traditional', () => {
    const s = 'ＡＢ 娛\u200b樂１';
    const n = normalize(s);
    expect(n.text).toBe('ab娱乐1');
    const [a, b] = mapRange(n, 2, 4);
    expect(s.slice(a, b)).toBe('娛\u200b樂');
  });
});
