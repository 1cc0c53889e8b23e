import { describe, expect, it } from 'vitest';
import { check, extractFacts } from './index.ts';
import { seed } from './test/helpers.ts';
import type { Fact, Finding } from './types.ts';

const chenxi = seed('chenxi-2022.txt');
const hengshan = seed('hengshan-2024.txt');
const tancheng = seed('tancheng-2023.txt');

function has(fs: Finding[], rule: string, excerptPart: string, severity?: string): Finding {
  const f = fs.find(
    (x) => x.rule === rule && x.excerpt.includes(excerptPart) && (!severity || x.severity === severity),
  );
  expect(f, `${rule} 「${excerptPart}」`).toBeDefined();
  return f as Finding;
}

function fact(
  facts: Fact[],
  raw: string,
  value: number,
  unit: string,
  metric?: string,
  label?: string,
): void {
  const f = facts.find(
    (x) =>
      x.value === value &&
      x.unit === unit &&
      (!label || x.label.includes(label)) &&
      (metric === undefined || x.metric === metric),
  );
  expect(f, `${raw} → ${value}${unit} ${metric ?? ''} ${label ?? ''}`).toBeDefined();
}

describe('seed chenxi-2022', () => {
  const fs = check(chenxi, { year: 2022, signedOn: '2023-01-04' });
  it('finds the four injected gambling phrases (严重)', () => {
    const g = fs.filter((f) => f.rule === 'prohibited');
    expect(g).toHaveLength(4);
    for (const f of g) expect(f).toMatchObject({ severity: '严重', excerpt: '娱乐老虎机' });
  });
  it('finds 措施立面 and 二0三五', () => {
    expect(has(fs, 'standard-term', '措施立面').suggestion).toBe('措施方面');
    expect(has(fs, 'number-format', '二0三五').suggestion).toBe('二〇三五');
  });
  it('offsets are exact', () => {
    for (const f of fs) expect(chenxi.slice(f.start, f.end)).toBe(f.excerpt);
    const first = fs.find((f) => f.rule === 'prohibited');
    expect(first?.start).toBe(chenxi.indexOf('娱乐老虎机'));
  });
  it('no false alarm on 处处受限 and the other legitimate text', () => {
    expect(fs.filter((f) => f.excerpt.includes('处处'))).toEqual([]);
    const known = ['prohibited', 'standard-term', 'number-format', 'punctuation'];
    expect(fs.filter((f) => !known.includes(f.rule))).toEqual([]);
    expect(fs).toHaveLength(7); // 4 gambling + 措施立面 + 二0三五 + half-width full stop in 环境.保护
  });
});

describe('seed hengshan-2024', () => {
  const fs = check(hengshan, { year: 2024, signedOn: '2025-03-26' });
  it('finds the rate mismatch 95.4% (should be 95.3%)', () => {
    expect(has(fs, 'rate-consistency', '95.4%', '一般').suggestion).toBe('95.3%');
  });
  it('finds 窗口维权窗口, 案列 and the broken list marker', () => {
    has(fs, 'duplicate', '窗口维权窗口');
    expect(has(fs, 'standard-term', '案列').suggestion).toBe('案例');
    has(fs, 'list-sequence', '三法治');
  });
  it('no false alarm on 学习习近平, 一一进行 and 委员会会议', () => {
    for (const w of ['习习', '一一', '会会', '行行'])
      expect(fs.filter((f) => f.excerpt.includes(w))).toEqual([]);
    expect(fs.filter((f) => f.rule === 'date-consistency' || f.rule === 'completeness')).toEqual([]);
  });
});

describe('seed tancheng-2023', () => {
  const fs = check(tancheng, { year: 2023, signedOn: '2024-02-01' });
  it('gives a 提示 on the correction rate 18.18% with the implied base 176', () => {
    const f = has(fs, 'rate-consistency', '18.18%', '提示');
    expect(f.message).toContain('176');
  });
  it('no false alarm on 推行行政复议 and no 严重 finding', () => {
    expect(fs.filter((f) => f.excerpt.includes('行行'))).toEqual([]);
    expect(fs.filter((f) => f.severity === '严重')).toEqual([]);
  });
});

describe('inferred year and signing date give the same results', () => {
  it('hengshan without context', () => {
    expect(check(hengshan).map((f) => f.start)).toEqual(
      check(hengshan, { year: 2024, signedOn: '2025-03-26' }).map((f) => f.start),
    );
  });
});

describe('extractFacts on the seeds', () => {
  it('hengshan: at least 15 figures', () => {
    const f = extractFacts(hengshan);
    fact(f, '收案 58 件', 58, '件', 'reconsideration.received', '办理行政复议案件收案');
    fact(f, '受理 50 件', 50, '件', 'reconsideration.accepted');
    fact(f, '审结 43 件', 43, '件', 'reconsideration.concluded');
    fact(f, '纠错 16 件', 16, '件', 'reconsideration.corrected');
    fact(f, '纠错率 37%', 37, '%', 'reconsideration.correctionRate');
    fact(f, '收案 14 件', 14, '件', 'litigation.received');
    fact(f, '胜诉率93%', 93, '%', 'litigation.winRate');
    fact(f, '出庭应诉率100%', 100, '%', 'litigation.headAppearanceRate');
    fact(f, '调解1928件', 1928, '件', 'mediation.cases');
    fact(f, '成功1838件', 1838, '件', 'mediation.success');
    fact(f, '成功率95.4%', 95.4, '%', 'mediation.successRate');
    fact(f, '6480万元', 64_800_000, '元', 'mediation.amount');
    fact(f, '法律援助案件414件', 414, '件', 'legalAid.cases');
    fact(f, '50余万元', 500_000, '元', 'legalAid.recovered');
    fact(f, '11.7万元', 117_000, '元', 'legalAid.subsidy');
    fact(f, '公证1101件', 1101, '件', 'notarization.cases');
    fact(f, '1000余人次', 1000, '人次', undefined, '服务咨询');
    fact(f, '会议纪要64件', 64, '件', undefined, '会议纪要');
    fact(f, '117名', 117, '名');
    expect(f.find((x) => x.raw === '50余万元')?.approx).toBe(true);
  });
  it('tancheng: at least 15 figures incl. 208/32/18.18%', () => {
    const f = extractFacts(tancheng);
    fact(f, '受理208件', 208, '件', 'reconsideration.accepted');
    fact(f, '纠错32件', 32, '件', 'reconsideration.corrected');
    fact(f, '纠错率18.18%', 18.18, '%', 'reconsideration.correctionRate');
    fact(f, '简易程序30件', 30, '件', 'reconsideration.simpleProcedure');
    fact(f, '法律援助1731件', 1731, '件', 'legalAid.cases');
    fact(f, '民事229件', 229, '件', 'legalAid.civilCases');
    fact(f, '刑事1502件', 1502, '件', 'legalAid.criminalCases');
    fact(f, '调解1463件', 1463, '件', 'mediation.cases');
    fact(f, '成功1463件', 1463, '件', 'mediation.success');
    fact(f, '成功率100%', 100, '%', 'mediation.successRate');
    fact(f, '问题134条', 134, '条', 'inspection.problems');
    fact(f, '370余件', 370, '件');
    fact(f, '村级重大事项201件', 201, '件', 'legalityReview.villageMatters');
    fact(f, '执法证119个', 119, '个');
    fact(f, '5338项', 5338, '项');
    fact(f, '1165余人次', 1165, '人次');
    fact(f, '98.18%', 98.18, '%');
    fact(f, '61所', 61, '所');
  });
  it('chenxi: at least 15 figures', () => {
    const f = extractFacts(chenxi);
    fact(f, '权限10项', 10, '项', undefined, '直接赋予乡镇权限');
    fact(f, '28项', 28, '项');
    fact(f, '14项', 14, '项');
    fact(f, '5个工作日', 5, '工作日');
    fact(f, '90%', 90, '%', undefined, '网上可办率');
    fact(f, '1600余份', 1600, '份');
    fact(f, '规范性文件4件', 4, '件', 'legalityReview.normativeDocuments');
    fact(f, '政府合同草案20件', 20, '件', 'legalityReview.contracts');
    fact(f, '116条', 116, '条');
    fact(f, '调解组织324个', 324, '个', 'mediation.organizations');
    fact(f, '调解员1054名', 1054, '名', 'mediation.mediators');
    fact(f, '专职392人', 392, '人');
    fact(f, '兼职662人', 662, '人');
    fact(f, '调解920件', 920, '件', 'mediation.cases');
    fact(f, '成功率95.4%', 95.4, '%', 'mediation.successRate');
    fact(f, '复议18件', 18, '件', 'reconsideration.cases');
    fact(f, '293个', 293, '个');
    fact(f, '1—2次', 2, '次');
  });
});
