import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('duplicate', () => {
  it('flags doubled characters', () => {
    const f = run('duplicate', '推进法治治建设取得成效。');
    expect(f.map((x) => x.excerpt)).toEqual(['治治']);
  });
  it('flags repeated words and phrases', () => {
    expect(run('duplicate', '认真做好工作工作。').map((x) => x.excerpt)).toEqual(['工作工作']);
    expect(run('duplicate', '专设农民工维权接待窗口维权窗口,优先受理。').map((x) => x.excerpt)).toEqual([
      '维权接待窗口维权窗口',
    ]);
  });
  it('does not flag legitimate forms', () => {
    for (const t of [
      '推动学习党的二十大精神与学习习近平法治思想有机结合。',
      '县委书记一一进行点评,效果突出。',
      '基本实现了市场主体“一处违法、处处受限”。',
      '推行行政复议简案速决机制。',
      '严格执行行政机关负责人出庭应诉规定。',
      '每年定期召开全面依法治县委员会会议。',
      '《怀化市城市市容和环境卫生管理条例》',
      '乡镇执法大队执法人员普遍不足。',
      '12个乡镇续签乡镇经济社会管理权委托书。',
      '理论学习中心组学习常态化机制。',
    ]) {
      expect(run('duplicate', t), t).toEqual([]);
    }
  });
});
