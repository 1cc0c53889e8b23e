import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('list-sequence', () => {
  it('flags a broken marker after 一是, 二是', () => {
    const f = run('list-sequence', '一是统筹部署。二是责任压实。三法治督察抓实抓细。');
    expect(f).toHaveLength(1);
    expect(f[0]?.excerpt.startsWith('三')).toBe(true);
  });
  it('flags a gap and a repeat', () => {
    expect(run('list-sequence', '一是加强学习。二是完善制度。四是强化督察。')[0]?.message).toContain('三是');
    expect(run('list-sequence', '一是加强学习。二是完善制度。二是强化督察。')).toHaveLength(1);
  });
  it('accepts a sequence and quantities after it', () => {
    expect(run('list-sequence', '一是加强学习。二是完善制度。三是强化督察。')).toEqual([]);
    expect(run('list-sequence', '一是加强学习。二是完善制度。三年来成效明显。')).toEqual([]);
  });
});
