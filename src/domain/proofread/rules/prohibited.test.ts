import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('prohibited', () => {
  it('flags an injected gambling phrase as 严重', () => {
    const t = '开展律师服务活动,娱乐老虎机帮助审查企业用工合同1600余份。';
    const f = run('prohibited', t);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: '严重', excerpt: '娱乐老虎机' });
  });
  it('matches after normalisation: full width, spaces, zero-width, traditional', () => {
    const t = '帮助审查,娛樂老\u200b虎 機帮助。ＢＥＴ３６５';
    const f = run('prohibited', t);
    expect(f.map((x) => x.excerpt)).toEqual(['娛樂老\u200b虎 機', 'ＢＥＴ３６５']);
  });
  it('does not flag words in a combat context', () => {
    expect(run('prohibited', '依法打击六合彩等赌博违法犯罪活动。严厉打击网上赌场。')).toEqual([]);
    expect(run('prohibited', '开展防范裸聊敲诈宣传。')).toEqual([]);
  });
  it('flags other categories', () => {
    expect(run('prohibited', '网站出现代开发票广告。')[0]?.message).toContain('诈骗');
    expect(run('prohibited', '页面被插入约炮链接。')[0]?.message).toContain('色情');
  });
});

describe('administrator word-list changes', () => {
  it('adds a word an administrator listed and drops one they removed', async () => {
    const { check } = await import('../index.ts');
    const text = '本网站提供开心彩票网下载，另有百家乐。';
    const base = check(text, { rules: ['prohibited'] }).map((f) => f.excerpt);
    expect(base).not.toContain('开心彩票网');
    const changed = check(text, {
      rules: ['prohibited'],
      wordLists: {
        prohibited: { add: [{ word: '开心彩票网', category: 'gambling', always: true }], remove: ['百家乐'] },
      },
    }).map((f) => f.excerpt);
    expect(changed).toContain('开心彩票网');
    expect(changed).not.toContain('百家乐');
  });
});
