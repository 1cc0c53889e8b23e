import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('rate-consistency', () => {
  it('flags a rate that does not match its counts (一般)', () => {
    const f = run('rate-consistency', '调解矛盾纠纷1928件,调解成功1838件,成功率达95.4%。');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: '一般', excerpt: '95.4%', suggestion: '95.3%' });
  });
  it('gives a 提示 when the rate fits an unstated base', () => {
    const f = run('rate-consistency', '2023年,共受理行政复议案件208件,纠错32件,纠错率18.18%。');
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('提示');
    expect(f[0]?.message).toContain('176');
  });
  it('accepts rates matching any stated base at the precision shown', () => {
    expect(run('rate-consistency', '收案 58 件,受理 50 件,审结 43 件,纠错 16 件,纠错率 37%;')).toEqual([]);
    expect(run('rate-consistency', '共排查调解矛盾纠纷1463件,调解成功1463件,成功率100%。')).toEqual([]);
    expect(run('rate-consistency', '调解纠纷3件,调解成功2件,成功率66.6%。')).toEqual([]); // truncation
  });
  it('skips rates without a stated numerator', () => {
    expect(run('rate-consistency', '行政诉讼案件收案 14 件,办结 8 件,胜诉率93%。')).toEqual([]);
  });
});
