import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

const body = (plan: string, extra = '') =>
  `一、2024年主要举措和成效\n${extra}推进法治建设。\n二、存在的不足\n不足。\n三、${plan}工作计划\n加强学习。`;

describe('date-consistency', () => {
  it('flags a next-year plan naming the wrong year', () => {
    const f = run('date-consistency', body('2024年'), { year: 2024 });
    expect(f).toHaveLength(1);
    expect(f[0]?.suggestion).toBe('2025年');
    expect(run('date-consistency', body('2025年'), { year: 2024 })).toEqual([]);
  });
  it('flags the results heading naming another year', () => {
    expect(run('date-consistency', body('2025年'), { year: 2023 }).map((f) => f.excerpt)).toContain('2024年');
  });
  it('flags events after the signing date', () => {
    const t = body('2025年', '2025年5月召开推进会。');
    const f = run('date-consistency', t, { year: 2024, signedOn: '2025-03-26' });
    expect(f.map((x) => x.excerpt)).toEqual(['2025年5月']);
    expect(
      run('date-consistency', body('2025年', '2024年2月被评为先进。'), { signedOn: '2025-03-26' }),
    ).toEqual([]);
    expect(
      run('date-consistency', body('2025年', '力争2025年6月前完成。'), { signedOn: '2025-03-26' }),
    ).toEqual([]);
  });
});
