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

  it('flags a gap in the section headings 一、→三、 and （一）→（三）, with the missing number as the fix', () => {
    const text = [
      '一、主要举措和成效',
      '（一）加强组织领导。全年召开会议4次。',
      '（三）严格规范执法。全年开展培训2期。',
      '三、存在的不足',
      '四、下一年度安排',
    ].join('\n');
    const f = run('list-sequence', text);
    expect(f.map((x) => [x.excerpt, x.suggestion])).toEqual([
      ['（三）', '（二）'],
      ['三、', '二、'],
    ]);
    expect(f[0]?.message).toBe('标题序号不连续：「（一）」之后是「（三）」，缺少「（二）」');
    expect(f[1]?.message).toBe('标题序号不连续：「一、」之后是「三、」，缺少「二、」');
    expect(f[0]?.severity).toBe('一般');
  });
  it('flags arabic headings, repeats, and keeps the author’s brackets', () => {
    const text = [
      '一、总体情况',
      '1.完善制度',
      '3.强化督察',
      '二、不足',
      '(一)意识不强',
      '(一)能力不足',
    ].join('\n');
    expect(run('list-sequence', text).map((x) => [x.excerpt, x.suggestion, x.message])).toEqual([
      ['3.', '2.', '标题序号不连续：「1.」之后是「3.」，缺少「2.」'],
      ['(一)', '(二)', '标题序号重复或倒序：「(一)」之后应为「(二)」'],
    ]);
  });
  it('restarts sub-headings under each section, and takes the first heading of a run as written', () => {
    const text = [
      '二、存在的不足',
      '（一）意识不强',
      '（二）能力不足',
      '\u2002\u2002 三、下一年度安排', // indented with en spaces, as in the 辰溪 report
      '（一）加强学习',
      '（二）完善制度',
      '十、其他',
    ].join('\n');
    expect(run('list-sequence', text).map((x) => x.excerpt)).toEqual(['十、']);
    expect(run('list-sequence', ['九、甲', '十、乙', '十一、丙', '十二、丁'].join('\n'))).toEqual([]);
    expect(
      run('list-sequence', ['（五）甲', '（六）乙', '2024年，全县收案5件。', '1.5万人参加'].join('\n')),
    ).toEqual([]);
  });
});
