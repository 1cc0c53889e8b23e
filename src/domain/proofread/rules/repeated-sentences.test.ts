import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

describe('repeated-sentence', () => {
  it('flags a sentence repeated in the document', () => {
    const s = '全面落实行政执法三项制度,规范执法行为。';
    const t = `${s}加强队伍建设。\n${s}`;
    const f = run('repeated-sentence', t);
    expect(f).toHaveLength(1);
    expect(f[0]?.start).toBe(t.lastIndexOf(s));
  });
  it('ignores short and distinct sentences', () => {
    expect(
      run('repeated-sentence', '一是加强学习。二是加强学习。全面落实普法责任制。全面落实普法责任清单制度。'),
    ).toEqual([]);
  });
});
