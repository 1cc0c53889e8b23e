import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

const filler = '推进法治政府建设各项工作取得成效。'.repeat(15);

describe('completeness', () => {
  it('reports missing required parts', () => {
    const t = `一、主要举措和成效\n${filler}\n二、下一步工作计划\n加强学习。`;
    const f = run('completeness', t);
    expect(f.map((x) => x.message).join()).toContain('存在的不足和原因');
    expect(f.map((x) => x.message).join()).toContain('第一责任人');
  });
  it('accepts a complete report and honours a custom outline', () => {
    const t = `一、主要举措和成效\n${filler}履行推进法治建设第一责任人职责。\n二、存在的不足\n不足。\n三、2025年工作计划\n加强。`;
    expect(run('completeness', t)).toEqual([]);
    expect(
      run('completeness', t, { expectedOutline: [{ name: '其他需要报告的情况', keywords: ['其他'] }] }),
    ).toHaveLength(1);
  });
  it('does not judge short fragments', () => {
    expect(run('completeness', '加强学习。')).toEqual([]);
  });
});
