import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('total-consistency', () => {
  it('accepts parts that add up', () => {
    expect(run('total-consistency', '共17项,已完成12项,正在推进5项。')).toEqual([]);
    expect(
      run('total-consistency', '审查政府文件及合同共95件,其中会议纪要64件、一般性文件19件、政府合同12件。'),
    ).toEqual([]);
    expect(
      run('total-consistency', '人民调解员1054名,其中专职人民调解员392人,兼职人民调解员662人。'),
    ).toEqual([]);
  });
  it('flags parts exceeding the total', () => {
    const f = run('total-consistency', '共17项,已完成12项,正在推进6项。');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toContain('18');
    expect(run('total-consistency', '办理法律援助案件1731件,其中民事229件,刑事1600件。')).toHaveLength(1);
  });
  it('flags complementary parts falling short', () => {
    expect(run('total-consistency', '共17项,已完成12项,正在推进4项。')).toHaveLength(1);
  });
  it('ignores unrelated counts after a total', () => {
    expect(run('total-consistency', '共审查重大行政决策3件,出具法律意见105份,参与处理矛盾纠纷8件。')).toEqual(
      [],
    );
    expect(run('total-consistency', '审查各类文件370余件,其中村级重大事项201件。')).toEqual([]);
  });
});
