import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('punctuation', () => {
  it('flags doubled and conflicting marks', () => {
    expect(run('punctuation', '加强领导，，推进工作。').map((f) => f.excerpt)).toEqual(['，，']);
    expect(run('punctuation', '加强领导，。推进工作').map((f) => f.excerpt)).toEqual(['，。']);
  });
  it('flags unmatched brackets and quotes', () => {
    expect(run('punctuation', '印发《实施方案,推进工作。').map((f) => f.excerpt)).toEqual(['《']);
    expect(run('punctuation', '落实“谁执法谁普法责任制。').map((f) => f.excerpt)).toEqual(['“']);
    expect(run('punctuation', '建立制度)。').map((f) => f.excerpt)).toEqual([')']);
  });
  it('flags a heading run into the sentence', () => {
    const t = '二是落实好法律援助权益保障作用严格贯彻落实《法律援助法》,切实保障弱势群体合法权益。';
    const f = run('punctuation', t);
    expect(f).toHaveLength(1);
    expect(f[0]?.suggestion).toBe('落实好法律援助权益保障作用。');
  });
  it('flags a half-width full stop between Chinese characters', () => {
    expect(
      run('punctuation', '开展“营造法治化营商环境.保护民营企业发展”行动。').map((f) => f.excerpt),
    ).toEqual(['.']);
  });
  it('half-width style: consistent by default, flag or allow on request', () => {
    const mixed = '加强领导，推进工作，完善制度，健全机制,落实责任。';
    expect(run('punctuation', mixed).map((f) => f.excerpt)).toEqual([',']);
    const half = '加强领导,推进工作,完善制度。';
    expect(run('punctuation', half)).toEqual([]);
    expect(run('punctuation', half, { houseStyle: { halfWidthPunctuation: 'flag' } })).toHaveLength(2);
    expect(run('punctuation', mixed, { houseStyle: { halfWidthPunctuation: 'allow' } })).toEqual([]);
  });
  it('accepts well-formed text', () => {
    expect(
      run('punctuation', '一是统筹部署法治建设抓而有方。县委常委会多次听取“法治建设”汇报(见附件)。'),
    ).toEqual([]);
  });
});
