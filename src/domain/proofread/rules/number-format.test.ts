import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('number-format', () => {
  it('flags 0 inside a Chinese numeral', () => {
    const f = run('number-format', '《第十四个五年规划和二0三五年远景目标》');
    expect(f.map((x) => [x.excerpt, x.suggestion])).toEqual([['二0三五', '二〇三五']]);
    expect(run('number-format', '二O二三年工作要点')[0]?.excerpt).toBe('二O二三');
  });
  it('flags misplaced 余', () => {
    expect(run('number-format', '服务群众3余万人。').map((x) => x.suggestion)).toEqual(['3万余']);
    expect(run('number-format', '测评执法人员1165余人次。')[0]?.severity).toBe('提示');
    expect(run('number-format', '挽回损失50余万元,服务1000余人次,清理370余件。')).toEqual([]);
  });
  it('flags a digit after a percent sign', () => {
    expect(run('number-format', '办结率达95%5,')[0]?.excerpt).toBe('%5');
  });
  it('flags impossible percentages but not growth', () => {
    expect(run('number-format', '案件回访满意度达105%。')).toHaveLength(1);
    expect(run('number-format', '收案数同比增长120%。')).toEqual([]);
  });
  it('flags numbers with no unit', () => {
    expect(run('number-format', '帮助企业梳理法律风险点35,提出意见建议26条。').map((x) => x.excerpt)).toEqual(
      ['35'],
    );
    expect(run('number-format', '纳入12345热线管理,第3,推动“1+1>2”。')).toEqual([]);
  });
});
