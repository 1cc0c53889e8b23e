import { describe, expect, it } from 'vitest';
import { extractFacts } from './index.ts';

describe('extractFacts', () => {
  it('labels, units and metrics', () => {
    const t = '贯彻落实新《行政复议法》,办理行政复议案件收案 58 件,受理 50 件,纠错率 37%;';
    const f = extractFacts(t);
    expect(f[0]).toMatchObject({
      label: '办理行政复议案件收案',
      value: 58,
      unit: '件',
      metric: 'reconsideration.received',
    });
    expect(f[2]).toMatchObject({
      value: 37,
      unit: '%',
      metric: 'reconsideration.correctionRate',
      decimals: 0,
    });
    expect(t.slice(f[0]?.start, f[0]?.end)).toBe('58 件');
  });
  it('Chinese numerals, 两, 余 and 万', () => {
    const f = extractFacts(
      '召开座谈会两次,培训一百二十人,挽回损失50余万元,涉及金额6480万元,服务1000余人次。',
    );
    expect(f.map((x) => [x.value, x.unit])).toEqual([
      [2, '次'],
      [120, '人'],
      [500000, '元'],
      [64800000, '元'],
      [1000, '人次'],
    ]);
  });
  it('skips ordinals, years, dates, quoted slogans and codes', () => {
    expect(
      extractFacts('第八次会议于2023年6月14日召开,落实“三项制度”“最多跑一次”,索引号2024-0000017。'),
    ).toEqual([]);
  });
  it('litigation and legal aid metrics from the sentence topic', () => {
    const f = extractFacts(
      '行政诉讼案件收案 14 件,办结 8 件,行政负责人出庭应诉率100%。全年共办理法律援助案件414件,其中民事229件。',
    );
    expect(f.map((x) => x.metric)).toEqual([
      'litigation.received',
      'litigation.concluded',
      'litigation.headAppearanceRate',
      'legalAid.cases',
      'legalAid.civilCases',
    ]);
  });
  it('empty input', () => {
    expect(extractFacts('')).toEqual([]);
  });
});
