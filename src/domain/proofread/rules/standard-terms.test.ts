import { describe, expect, it } from 'vitest';
import data from '../data/standard-terms.json' with { type: 'json' };
import { run } from '../test/helpers.ts';

describe('standard-term', () => {
  it('ships several hundred entries with a version', () => {
    expect(data.version).toBeTruthy();
    expect(data.terms.length + data.corruptions.length).toBeGreaterThan(500);
  });
  it('flags known corruptions', () => {
    expect(run('standard-term', '推进行政决策科学化等措施立面,方法不多。')[0]?.suggestion).toBe('措施方面');
    expect(run('standard-term', '相关案列被市级媒体采用。')[0]?.suggestion).toBe('案例');
    expect(run('standard-term', '深入学习习近平法制思想。')[0]).toMatchObject({
      severity: '严重',
      suggestion: '习近平法治思想',
    });
  });
  it('respects word boundaries of corruptions', () => {
    expect(run('standard-term', '将实施方案列入年度计划。')).toEqual([]);
  });
  it('flags near misses of strict terms', () => {
    const f = run('standard-term', '坚持以习近平新时代中国特色社会注义思想为指导。');
    expect(f[0]?.suggestion).toBe('习近平新时代中国特色社会主义思想');
    expect(run('standard-term', '贯彻《中华人民共和国行政许科法》。')[0]?.suggestion).toBe(
      '中华人民共和国行政许可法',
    );
    expect(run('standard-term', '贯彻《中华人民共和国行政复义法》。')[0]?.suggestion).toBe('行政复议');
  });
  it('does not flag canonical and legitimately varied forms', () => {
    for (const t of [
      '坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻习近平法治思想。',
      '县委全面依法治县委员会办公室。全面依法治国。全面依法治市。',
      '严格履行推进法治建设第一责任人的职责。',
      '关于2023年度法治政府建设情况的报告',
    ]) {
      expect(run('standard-term', t), t).toEqual([]);
    }
  });
});
