import { describe, expect, it } from 'vitest';
import { contributions, type LedgerDef, type LedgerRecord } from '../ledgers/define.ts';
import { LEDGERS, ledger } from '../ledgers/index.ts';
import { evaluate, formatIndicator, formatYuan, INDICATORS, indicator, type MeasureRef } from './catalog.ts';

/** Rollup as the store would keep it: ledger.measure.month → value; sums over a year (or up to its end). */
function rollup(rows: Array<[LedgerDef, LedgerRecord]>) {
  const cells = new Map<string, number>();
  for (const [def, r] of rows)
    for (const c of contributions(def, r)) {
      const k = `${def.key}|${c.measure}|${c.month}`;
      cells.set(k, (cells.get(k) ?? 0) + c.value);
    }
  return (year: number, cumulative = false) =>
    (refs: MeasureRef[]) => {
      let total = 0;
      for (const [k, v] of cells) {
        const [l, m, month] = k.split('|') as [string, string, string];
        const y = Number(month.slice(0, 4));
        if (refs.some((r) => r.ledger === l && r.measure === m) && (cumulative ? y <= year : y === year))
          total += v;
      }
      return total;
    };
}

function value(rows: Array<[LedgerDef, LedgerRecord]>, id: string, year: number) {
  const def = indicator(id);
  if (!def) throw new Error(`no indicator ${id}`);
  return evaluate(def, rollup(rows)(year, def.cumulative));
}

const day = (year: number, i: number) => {
  const d = new Date(Date.UTC(year, 0, 1 + (i % 360)));
  return d.toISOString().slice(0, 10);
};

function rows(key: string, n: number, make: (i: number) => LedgerRecord): Array<[LedgerDef, LedgerRecord]> {
  const def = ledger(key);
  return Array.from({ length: n }, (_, i) => [def, make(i)] as [LedgerDef, LedgerRecord]);
}

describe('catalog integrity', () => {
  it('every share dates its numerator and denominator by the same field of each ledger, so both count one population', () => {
    for (const ind of INDICATORS.filter((i) => i.unit === '%' && !i.mayExceed100)) {
      const dates = (refs: MeasureRef[]) =>
        Object.fromEntries(refs.map((r) => [r.ledger, ledger(r.ledger)!.measures[r.measure]!.at]));
      expect(dates(ind.numerator), ind.id).toEqual(dates(ind.denominator ?? []));
    }
  });

  it('every mediation figure fed by cases and monthly statistics says the rule against counting twice', () => {
    const MEDIATION_SOURCES_TEXT = '已报月度统计的乡镇和月份，其辖区的案件台账不再计入';
    for (const ind of INDICATORS.filter((i) => i.numerator.some((r) => r.ledger === 'mediationMonthly')))
      expect(ind.formula, ind.id).toContain(MEDIATION_SOURCES_TEXT);
  });

  it('has unique ids, and every indicator references existing ledger measures', () => {
    const ids = INDICATORS.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = new Map(LEDGERS.map((d) => [d.key, d]));
    for (const ind of INDICATORS) {
      expect(ind.numerator.length, ind.id).toBeGreaterThan(0);
      for (const ref of [...ind.numerator, ...(ind.denominator ?? [])]) {
        const def = byKey.get(ref.ledger);
        expect(def, `${ind.id}: ledger ${ref.ledger}`).toBeDefined();
        expect(def?.measures[ref.measure], `${ind.id}: ${ref.ledger}.${ref.measure}`).toBeDefined();
      }
      if (ind.kind === 'ratio') expect(ind.denominator?.length, ind.id).toBeGreaterThan(0);
      else expect(ind.denominator, ind.id).toBeUndefined();
      expect(ind.formula).toMatch(/[\u4e00-\u9fa5]/u);
      expect(ind.label).toMatch(/[\u4e00-\u9fa5]/u);
    }
  });

  it('covers the metric ids the proofreader assigns (except those without a ledger)', () => {
    const proofread = [
      'reconsideration.received',
      'reconsideration.accepted',
      'reconsideration.concluded',
      'reconsideration.corrected',
      'reconsideration.correctionRate',
      'reconsideration.comprehensiveCorrectionRate',
      'reconsideration.hearings',
      'reconsideration.opinionLetters',
      'reconsideration.simpleProcedure',
      'reconsideration.rejected',
      'reconsideration.cases',
      'litigation.received',
      'litigation.hearings',
      'litigation.headAppearances',
      'litigation.headAppearanceRate',
      'litigation.appearanceRate',
      'litigation.lost',
      'litigation.lossRate',
      'litigation.winRate',
      'litigation.concluded',
      'litigation.cases',
      'mediation.cases',
      'mediation.success',
      'mediation.successRate',
      'mediation.amount',
      'mediation.screened',
      'mediation.complexCases',
      'mediation.performanceRate',
      'mediation.handledRate',
      'mediation.organizations',
      'mediation.mediators',
      'legalAid.cases',
      'legalAid.criminalCases',
      'legalAid.civilCases',
      'legalAid.administrativeCases',
      'legalAid.consultations',
      'legalAid.recovered',
      'legalAid.subsidy',
      'legalAid.satisfactionRate',
      'notarization.cases',
      'notarization.homeVisits',
      'legalityReview.normativeDocuments',
      'legalityReview.contracts',
      'legalityReview.meetingMinutes',
      'legalityReview.generalDocuments',
      'legalityReview.villageMatters',
      'majorDecisions.reviewed',
      'enforcement.certificatesCancelled',
      'demonstration.villages',
      'demonstration.townships',
    ];
    for (const id of proofread) expect(indicator(id), id).toBeDefined();
  });

  it('formats money in 元 and rates with a zero denominator', () => {
    expect(formatYuan(648_000_000)).toBe('6480000');
    expect(formatYuan(11_700_050)).toBe('117000.50');
    const v = evaluate(indicator('mediation.successRate')!, () => 0);
    expect(formatIndicator(v)).toBe('—（分母为 0）');
  });
});

describe('seed report figures reproduced from records', () => {
  it('衡山 2024 行政复议: 收案58 受理50 审结43 纠错16 → 纠错率 37.2%', () => {
    const data = rows('reconsideration', 58, (i) => {
      const accepted = i < 50;
      const concluded = i < 43;
      return {
        caseNo: `衡复〔2024〕${i + 1}号`,
        applicant: '张某',
        respondent: '某局',
        receivedOn: day(2024, i),
        acceptance: accepted ? '受理' : '不予受理',
        acceptedOn: accepted ? day(2024, i + 3) : null,
        decidedOn: concluded ? day(2024, i + 40) : null,
        decision: concluded ? (i < 16 ? (i % 2 ? '撤销' : '确认违法') : '维持') : null,
      };
    });
    expect(value(data, 'reconsideration.received', 2024).value).toBe(58);
    expect(value(data, 'reconsideration.accepted', 2024).value).toBe(50);
    expect(value(data, 'reconsideration.concluded', 2024).value).toBe(43);
    const rate = value(data, 'reconsideration.correctionRate', 2024);
    expect([rate.numerator, rate.denominator]).toEqual([16, 43]);
    expect(formatIndicator(rate)).toBe('37.2%');
    // The report prints 「纠错率 37%」: the same figure rounded to whole percent.
    expect(formatIndicator(rate, 0)).toBe('37%');
  });

  it('郯城 2023 行政复议: 纠错32件 of 176 concluded → 18.18%', () => {
    const data = rows('reconsideration', 208, (i) => ({
      caseNo: `郯复〔2023〕${i + 1}号`,
      applicant: '李某',
      respondent: '某局',
      receivedOn: day(2023, i),
      acceptance: '受理',
      acceptedOn: day(2023, i + 2),
      procedure: i < 30 ? '简易程序' : '普通程序',
      decidedOn: i < 176 ? day(2023, i + 30) : null,
      decision: i < 176 ? (i < 32 ? '撤销' : '驳回复议请求') : null,
    }));
    // Cases received late in the year conclude the next year; count only 2023.
    const rate = value(data, 'reconsideration.correctionRate', 2023);
    const late = data.filter(
      ([, r]) => typeof r.decidedOn === 'string' && r.decidedOn.startsWith('2024'),
    ).length;
    expect(late).toBe(0);
    expect([rate.numerator, rate.denominator]).toEqual([32, 176]);
    expect(formatIndicator(rate, 2)).toBe('18.18%');
    expect(value(data, 'reconsideration.accepted', 2023).value).toBe(208);
    expect(value(data, 'reconsideration.simpleProcedure', 2023).value).toBe(30);
  });

  it('衡山 2024 人民调解: 排查266 调解1928 成功1838 → 95.3%, from case-level and monthly records together', () => {
    // 司法所 case records: 400 accepted, 380 succeeded; townships report the rest monthly.
    const cases = rows('mediationCase', 400, (i) => ({
      caseNo: `（2024）开云调字第${i + 1}号`,
      committee: '开云镇人民调解委员会',
      partyA: '王某',
      disputeType: '邻里纠纷',
      source: i < 26 ? '排查发现' : '当事人申请',
      receivedOn: day(2024, i % 300),
      complex: i < 22,
      amount: i < 100 ? 4_800_000 : 0, // 4.8万元 each → 480万元
      concludedOn: day(2024, (i % 300) + 10),
      result: i < 380 ? '调解成功' : '调解不成功',
      performed: i < 380,
    }));
    // 12 months × 1 township: accepted 1528 = 127×12 + 4, success 1458 = 121×12 + 6.
    const monthly = rows('mediationMonthly', 12, (i) => ({
      month: `2024-${String(i + 1).padStart(2, '0')}-01`,
      screened: 20,
      accepted: 127 + (i < 4 ? 1 : 0),
      success: 121 + (i < 6 ? 1 : 0),
      complex: i < 4 ? 25 : 0,
      amount: 500_000_000, // 500万元 a month → 6000万元
    }));
    const all = [...cases, ...monthly];
    expect(value(all, 'mediation.cases', 2024).value).toBe(1928);
    expect(value(all, 'mediation.success', 2024).value).toBe(1838);
    expect(value(all, 'mediation.screened', 2024).value).toBe(266);
    expect(value(all, 'mediation.complexCases', 2024).value).toBe(122);
    const rate = value(all, 'mediation.successRate', 2024);
    expect([rate.numerator, rate.denominator]).toEqual([1838, 1928]);
    expect(formatIndicator(rate)).toBe('95.3%');
    // The report says 95.4%: 1838 ÷ 1928 = 95.33%, so the published rate does not match its counts.
    expect(formatIndicator(rate)).not.toBe('95.4%');
    // Neither source alone gives the figure: both feed the indicator.
    expect(value(cases, 'mediation.successRate', 2024).value).toBeCloseTo(0.95);
    expect(value(monthly, 'mediation.cases', 2024).value).toBe(1528);
    expect(formatIndicator(value(all, 'mediation.amount', 2024))).toBe('64800000元'); // 约6480万元;
  });

  it('辰溪 2022 人民调解: 排查、调处920件 调解920件 调处率100% 成功率95.4%; 组织324个 调解员1054名（专职392）', () => {
    const monthly = rows('mediationMonthly', 10, (i) => ({
      month: `2022-${String(i + 1).padStart(2, '0')}-01`,
      screened: 92,
      accepted: 92,
      success: i < 8 ? 88 : 87,
    }));
    expect(formatIndicator(value(monthly, 'mediation.handledRate', 2022))).toBe('100.0%');
    const rate = value(monthly, 'mediation.successRate', 2022);
    expect([rate.numerator, rate.denominator]).toEqual([878, 920]);
    expect(formatIndicator(rate)).toBe('95.4%');

    const orgs = rows('mediationOrg', 330, (i) => ({
      name: `调委会${i}`,
      orgType: '村（居）人民调解委员会',
      establishedOn: day(2015 + (i % 7), i),
      dissolvedOn: i < 6 ? day(2021, 200) : null, // 6 dissolved → 324 remain
    }));
    const mediators = rows('mediator', 1054, (i) => ({
      name: '赵某',
      idNumber: `439900199001${String(i).padStart(5, '0')}X`.slice(0, 18),
      organization: '某调委会',
      post: i < 161 ? '乡镇（街道）' : i < 1039 ? '村（社区）' : '行业性专业性',
      employment: i < 392 ? '专职' : '兼职',
      appointedOn: day(2018 + (i % 5), i),
    }));
    const stock = [...orgs, ...mediators];
    expect(value(stock, 'mediation.organizations', 2022).value).toBe(324);
    expect(value(stock, 'mediation.mediators', 2022).value).toBe(1054);
    expect(value(stock, 'mediation.fullTimeMediators', 2022).value).toBe(392);
    expect(value(stock, 'mediation.partTimeMediators', 2022).value).toBe(662);
  });

  it('郯城 2023 法律援助 1731件（民事229 刑事1502）; 衡山 2024 法律援助 414件 回访满意度100% 补贴11.7万元', () => {
    const tc = rows('legalAid', 1731, (i) => ({
      caseNo: `（2023）郯法援字第${i + 1}号`,
      applicant: '孙某',
      origin: i < 229 ? '当事人申请' : '人民法院通知',
      form: i < 229 ? '民事诉讼代理' : '刑事辩护与代理',
      caseType: i < 229 ? '民事' : '刑事',
      appliedOn: day(2023, i % 330),
      decidedOn: day(2023, i % 330),
      decision: '给予法律援助',
      assignedOn: day(2023, (i % 330) + 1),
    }));
    const consult = rows('legalAid', 50, (i) => ({
      caseNo: `（2023）郯法咨字第${i + 1}号`,
      applicant: '周某',
      origin: '当事人申请',
      form: '法律咨询',
      appliedOn: day(2023, i),
    }));
    const all = [...tc, ...consult];
    expect(value(all, 'legalAid.cases', 2023).value).toBe(1731);
    expect(value(all, 'legalAid.civilCases', 2023).value).toBe(229);
    expect(value(all, 'legalAid.criminalCases', 2023).value).toBe(1502);
    expect(value(all, 'legalAid.consultations', 2023).value).toBe(50);

    const hs = rows('legalAid', 414, (i) => ({
      caseNo: `（2024）衡法援字第${i + 1}号`,
      applicant: '吴某',
      origin: '当事人申请',
      form: '民事诉讼代理',
      caseType: '民事',
      appliedOn: day(2024, i % 200),
      decidedOn: day(2024, (i % 200) + 2),
      decision: '给予法律援助',
      assignedOn: day(2024, (i % 200) + 3),
      closedOn: i < 300 ? day(2024, (i % 200) + 60) : null,
      subsidy: i < 90 ? 130_000 : null, // 90 × 1300元 = 11.7万元
      subsidyPaidOn: i < 90 ? day(2024, 250) : null,
      followUpOn: i < 120 ? day(2024, (i % 200) + 70) : null,
      satisfaction: i < 120 ? (i < 100 ? '满意' : '基本满意') : null,
    }));
    expect(value(hs, 'legalAid.cases', 2024).value).toBe(414);
    expect(formatIndicator(value(hs, 'legalAid.satisfactionRate', 2024))).toBe('100.0%');
    expect(formatIndicator(value(hs, 'legalAid.subsidy', 2024))).toBe('117000元');
  });

  it('衡山 2024 行政应诉: 收案14 办结8 负责人出庭应诉率100%; 胜诉率93% cannot come from 8 concluded', () => {
    const data = rows('litigation', 14, (i) => {
      const hearing = i < 9;
      const concluded = i < 8;
      return {
        caseNo: `（2024）湘0423行初${i + 1}号`,
        plaintiff: '陈某',
        defendant: '衡山县某局',
        instance: '一审',
        receivedOn: day(2024, i * 20),
        hearing,
        hearingOn: hearing ? day(2024, i * 20 + 40) : null,
        headAppeared: hearing,
        headLevel: hearing ? (i === 0 ? '正职' : '副职') : null,
        principalAppeared: i === 0,
        headSpoke: hearing,
        concludedOn: concluded ? day(2024, i * 20 + 60) : null,
        outcome: concluded ? (i === 0 ? '判决撤销' : i < 5 ? '判决驳回诉讼请求' : '裁定准许撤诉') : null,
      };
    });
    expect(value(data, 'litigation.received', 2024).value).toBe(14);
    expect(value(data, 'litigation.concluded', 2024).value).toBe(8);
    const head = value(data, 'litigation.headAppearanceRate', 2024);
    expect([head.numerator, head.denominator]).toEqual([9, 9]);
    expect(formatIndicator(head)).toBe('100.0%');
    const loss = value(data, 'litigation.lossRate', 2024);
    expect([loss.numerator, loss.denominator]).toEqual([1, 5]);
    expect(formatIndicator(loss)).toBe('20.0%');
    const win = value(data, 'litigation.winRate', 2024);
    expect(formatIndicator(win, 0)).toBe('88%'); // 7/8; the report's 93% ≈ 13/14 uses another denominator
    expect(value(data, 'litigation.principalAppearances', 2024).value).toBe(1);
  });

  it('郯城 2023 应诉函件 转办5 提示25 督办5; 执法证注销119个', () => {
    const lit = rows('litigation', 30, (i) => ({
      caseNo: `（2023）鲁1322行初${i + 1}号`,
      plaintiff: '刘某',
      defendant: '郯城县某局',
      instance: '一审',
      receivedOn: day(2023, i * 10),
      referralLetters: i < 5 ? 1 : 0,
      reminderLetters: i < 25 ? 1 : 0,
      supervisionLetters: i >= 25 ? 1 : 0,
    }));
    expect(value(lit, 'litigation.referralLetters', 2023).value).toBe(5);
    expect(value(lit, 'litigation.reminderLetters', 2023).value).toBe(25);
    expect(value(lit, 'litigation.supervisionLetters', 2023).value).toBe(5);

    const officers = rows('enforcementOfficer', 1300, (i) => ({
      name: '郑某',
      body: '郯城县某局',
      certificateType: '行政执法证',
      certificateNo: `37${String(i).padStart(6, '0')}`,
      issuedOn: day(2018 + (i % 5), i),
      legalReviewer: i % 25 === 0,
      revokedOn: i < 119 ? day(2023, i) : null,
      revokeReason: i < 119 ? '清理注销' : null,
    }));
    expect(value(officers, 'enforcement.certificatesCancelled', 2023).value).toBe(119);
    expect(value(officers, 'enforcement.officers', 2023).value).toBe(1181);
    // 辰溪: 法制审核人员 ≥ 3% of officers.
    const share = value(officers, 'enforcement.legalReviewerShare', 2023);
    expect(share.value).toBeGreaterThan(0.03);
  });

  it('衡山 2024 合法性审查: 规范性文件6 会议纪要64 一般性文件19 政府合同12; 郯城 村级重大事项201', () => {
    const kinds: Array<[string, number]> = [
      ['规范性文件', 6],
      ['会议纪要', 64],
      ['一般性文件', 19],
      ['政府合同', 12],
    ];
    let n = 0;
    const data = kinds.flatMap(([kind, count]) =>
      rows('legalityReview', count, () => {
        n++;
        return {
          reviewNo: `衡司审〔2024〕${n}号`,
          kind,
          title: '某事项',
          submitter: '县政府办',
          receivedOn: day(2024, n),
          completedOn: day(2024, n + 5),
          opinions: kind === '规范性文件' && n <= 5 ? 1 : 0,
          opinionsAdopted: kind === '规范性文件' && n <= 4 ? 1 : 0,
          opinionLetter: kind === '规范性文件' && n <= 2,
        };
      }),
    );
    expect(value(data, 'legalityReview.normativeDocuments', 2024).value).toBe(6);
    expect(value(data, 'legalityReview.meetingMinutes', 2024).value).toBe(64);
    expect(value(data, 'legalityReview.generalDocuments', 2024).value).toBe(19);
    expect(value(data, 'legalityReview.contracts', 2024).value).toBe(12);
    expect(value(data, 'legalityReview.reviewed', 2024).value).toBe(101);
    expect(value(data, 'legalityReview.opinions', 2024).value).toBe(5);
    expect(value(data, 'legalityReview.opinionLetters', 2024).value).toBe(2);
    expect(formatIndicator(value(data, 'legalityReview.adoptionRate', 2024))).toBe('80.0%');

    const villages = rows('legalityReview', 201, (i) => ({
      reviewNo: `郯司审〔2023〕${i + 1}号`,
      kind: '村级重大事项',
      title: '村规民约修订',
      submitter: '某村民委员会',
      village: '某村',
      receivedOn: day(2023, i),
      completedOn: day(2023, i + 3),
    }));
    expect(value(villages, 'legalityReview.villageMatters', 2023).value).toBe(201);
  });

  it('辰溪 2022 规范性文件4件 全部备案 → 备案率100%', () => {
    const data = rows('normativeDoc', 4, (i) => ({
      docNo: `辰规〔2022〕${i + 1}号`,
      title: '辰溪县某某办法',
      issuer: '辰溪县人民政府',
      publishedOn: day(2022, i * 60 + 10),
      effectiveOn: day(2022, i * 60 + 40),
      filedWith: ['上一级人民政府', '本级人大常委会'],
      filedOn: day(2022, i * 60 + 20),
      filedOnTime: i < 3,
      status: '有效',
    }));
    expect(value(data, 'normativeDoc.published', 2022).value).toBe(4);
    expect(formatIndicator(value(data, 'normativeDoc.filingRate', 2022))).toBe('100.0%');
    expect(formatIndicator(value(data, 'normativeDoc.onTimeFilingRate', 2022))).toBe('75.0%');
  });

  it('衡山 公证1101件 上门72次; 示范创建 市级法治乡镇8 全国1 省级7 市级12', () => {
    const notary = rows('notarization', 1101, (i) => ({
      certificateNo: `（2024）湘衡山证字第${i + 1}号`,
      applicant: '钱某',
      matter: '委托',
      receivedOn: day(2024, i % 340),
      issuedOn: day(2024, (i % 340) + 2),
      homeVisit: i < 72,
    }));
    expect(value(notary, 'notarization.cases', 2024).value).toBe(1101);
    expect(value(notary, 'notarization.homeVisits', 2024).value).toBe(72);

    const award = (name: string, type: string, level: string, year: number): LedgerRecord => ({
      name,
      type,
      level,
      awardedOn: day(year, 200),
    });
    const units = rows('modelUnit', 0, () => ({}));
    const def = ledger('modelUnit');
    for (let i = 0; i < 8; i++)
      units.push([def, award(`乡镇${i}`, '法治乡镇（街道）', '市级', 2020 + (i % 5))]);
    units.push([def, award('村0', '民主法治示范村（社区）', '全国', 2019)]);
    for (let i = 0; i < 7; i++)
      units.push([def, award(`村${i}`, '民主法治示范村（社区）', '省级', 2018 + i)]);
    for (let i = 0; i < 12; i++)
      units.push([def, award(`村${i}`, '民主法治示范村（社区）', '市级', 2016 + (i % 9))]);
    expect(value(units, 'demonstration.townshipsTotal', 2024).value).toBe(8);
    expect(value(units, 'demonstration.villagesTotal', 2024).value).toBe(20);
    const cum = (id: string) => evaluate(indicator(id)!, rollup(units)(2024, true)).value;
    expect([
      cum('demonstration.villagesNational'),
      cum('demonstration.villagesProvincial'),
      cum('demonstration.villagesMunicipal'),
    ]).toEqual([1, 7, 12]);
  });
});
