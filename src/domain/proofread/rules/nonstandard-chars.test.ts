import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('nonstandard-char', () => {
  it('flags Japanese forms and kana', () => {
    const f = run('nonstandard-char', '加强対外宣传,発挥作用,説明情况の');
    expect(f.map((x) => x.suggestion ?? x.excerpt)).toEqual(['对', '发', '说', 'の']);
  });
  it('flags traditional characters in simplified text', () => {
    const f = run('nonstandard-char', '推进法治政府建設工作。');
    expect(f.map((x) => [x.excerpt, x.suggestion])).toEqual([['設', '设']]);
  });
  it('leaves simplified text and forms valid in both alone', () => {
    expect(run('nonstandard-char', '显著成效,乾隆年间,著作权法。')).toEqual([]);
    expect(run('nonstandard-char', '推進法治政府建設，學習習近平法治思想。')).toEqual([]); // a traditional document
  });
});
