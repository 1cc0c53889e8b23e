// Canonical indicators (指标): the same ids that proofread's extractFacts assigns to figures in a report.
// An indicator is counts of ledger measures, or a ratio of two such sums — never a typed-in number.

export interface MeasureRef {
  ledger: string;
  measure: string;
}

export interface IndicatorDef {
  id: string;
  label: string;
  unit: string;
  kind: 'count' | 'sum' | 'ratio';
  numerator: MeasureRef[];
  denominator?: MeasureRef[];
  /** Human-readable formula, shown next to every figure. */
  formula: string;
  /** For ratios: multiply by 100 and show as a percentage. */
  percent?: boolean;
  /**
   * A register stock (调解组织数, 持证执法人员数…): sum the measures over every month up to the end of the
   * period, not just the months in it. The registers attribute each record to its registration date.
   */
  cumulative?: boolean;
  /** A ratio shown in % that can legitimately pass 100% (none so far); every other % figure is a share. */
  mayExceed100?: boolean;
  /** The measures are money in 分; display in 元. */
  money?: boolean;
  /** Where practice varies by region: the choices a region may make for this indicator. */
  configurable?: IndicatorChoices;
  /** The figure measures this ledger deadline being met: before it falls due it is 未到期 (due.ts). */
  dueBy?: { ledger: string; deadline: string };
}

/** A region's choice for a configurable ratio: which measures count in the numerator and denominator. */
export interface IndicatorChoices {
  /** Measures of one ledger from which the numerator is a chosen subset (e.g. which decisions count as 纠错). */
  numerator?: { ledger: string; options: Array<{ measure: string; label: string }>; default: string[] };
  /** Alternative denominators (e.g. 审结 or 受理). */
  denominator?: { ledger: string; options: Array<{ measure: string; label: string }>; default: string };
}

export interface IndicatorOverride {
  numerator?: string[];
  denominator?: string;
}

/** The indicator as a region has configured it, with the formula text saying what was chosen. */
export function configure(def: IndicatorDef, o: IndicatorOverride | undefined): IndicatorDef {
  const c = def.configurable;
  if (!c || !o) return def;
  let out = def;
  if (c.numerator && o.numerator) {
    const chosen = c.numerator.options.filter((x) => o.numerator!.includes(x.measure));
    out = { ...out, numerator: chosen.map((x) => ({ ledger: c.numerator!.ledger, measure: x.measure })) };
  }
  if (c.denominator && o.denominator) {
    out = { ...out, denominator: [{ ledger: c.denominator.ledger, measure: o.denominator }] };
  }
  if (out === def) return def;
  const num =
    c.numerator && o.numerator
      ? c.numerator.options
          .filter((x) => o.numerator!.includes(x.measure))
          .map((x) => x.label.replace(/^决定为「(.+)」的件数$/, '$1'))
          .join('+')
      : null;
  const den =
    c.denominator && o.denominator
      ? c.denominator.options.find((x) => x.measure === o.denominator)?.label
      : null;
  // The part not overridden keeps its default wording (纠错件数 ÷ 审结件数 → 纠错件数 ÷ 受理件数).
  const [defaultNum, defaultDen] = def.formula.split(' ÷ ');
  return { ...out, formula: `（本地区口径）${num ?? defaultNum} ÷ ${den ?? defaultDen ?? ''}` };
}

const ref = (ledger: string, ...measures: string[]): MeasureRef[] =>
  measures.map((measure) => ({ ledger, measure }));

/** 人民调解: case-level records and the townships' monthly statistics feed the same indicators. */
const mediation = (measure: string): MeasureRef[] => [
  ...ref('mediationCase', measure),
  ...ref('mediationMonthly', measure),
];

/** The rule against counting the same disputes twice, shown beside every mediation figure. */
export const MEDIATION_SOURCES =
  '案件台账 + 乡镇月度统计；乡镇月度统计含辖区村居调委会，已报月度统计的乡镇和月份，其辖区的案件台账不再计入';

const count = (
  id: string,
  label: string,
  numerator: MeasureRef[],
  formula: string,
  unit = '件',
): IndicatorDef => ({
  id,
  label,
  unit,
  kind: 'count',
  numerator,
  formula,
});
const sum = (
  id: string,
  label: string,
  numerator: MeasureRef[],
  formula: string,
  unit: string,
): IndicatorDef => ({
  id,
  label,
  unit,
  kind: 'sum',
  numerator,
  formula,
});
const money = (id: string, label: string, numerator: MeasureRef[], formula: string): IndicatorDef => ({
  id,
  label,
  unit: '元',
  kind: 'sum',
  numerator,
  formula,
  money: true,
});
const rate = (
  id: string,
  label: string,
  numerator: MeasureRef[],
  denominator: MeasureRef[],
  formula: string,
): IndicatorDef => ({
  id,
  label,
  unit: '%',
  kind: 'ratio',
  percent: true,
  numerator,
  denominator,
  formula,
});
const stock = (def: IndicatorDef): IndicatorDef => ({ ...def, cumulative: true });

export const INDICATORS: IndicatorDef[] = [
  {
    id: 'reconsideration.received',
    label: '行政复议收案',
    unit: '件',
    kind: 'count',
    numerator: ref('reconsideration', 'received'),
    formula: '收案件数',
  },
  {
    id: 'reconsideration.accepted',
    label: '行政复议受理',
    unit: '件',
    kind: 'count',
    numerator: ref('reconsideration', 'accepted'),
    formula: '受理（含视为受理）件数',
  },
  {
    id: 'reconsideration.concluded',
    label: '行政复议审结',
    unit: '件',
    kind: 'count',
    numerator: ref('reconsideration', 'concluded'),
    formula: '审结件数',
  },
  {
    id: 'reconsideration.corrected',
    label: '行政复议纠错',
    unit: '件',
    kind: 'count',
    numerator: ref('reconsideration', 'corrected'),
    formula: '变更+撤销+部分撤销+确认违法+确认无效+责令履行',
  },
  {
    id: 'reconsideration.correctionRate',
    label: '行政复议纠错率',
    unit: '%',
    kind: 'ratio',
    percent: true,
    numerator: ref('reconsideration', 'corrected'),
    denominator: ref('reconsideration', 'concluded'),
    formula: '纠错件数 ÷ 审结件数',
    configurable: {
      numerator: {
        ledger: 'reconsideration',
        options: [
          ...['变更', '撤销', '部分撤销', '确认违法', '确认无效', '责令履行', '调解', '和解'].map((d) => ({
            measure: `decision:${d}`,
            label: `决定为「${d}」的件数`,
          })),
          { measure: 'correctedThenWithdrawn', label: '自行纠正后撤回件数' },
        ],
        default: ['变更', '撤销', '部分撤销', '确认违法', '确认无效', '责令履行'].map((d) => `decision:${d}`),
      },
      denominator: {
        ledger: 'reconsideration',
        options: [
          { measure: 'concluded', label: '审结件数' },
          { measure: 'accepted', label: '受理件数' },
          { measure: 'received', label: '收案件数' },
        ],
        default: 'concluded',
      },
    },
  },
  {
    id: 'reconsideration.comprehensiveCorrectionRate',
    label: '行政复议综合纠错率',
    unit: '%',
    kind: 'ratio',
    percent: true,
    numerator: ref('reconsideration', 'comprehensiveCorrected'),
    denominator: ref('reconsideration', 'concluded'),
    formula: '（纠错+调解+和解+自行纠正后撤回）÷ 审结件数',
  },
  rate(
    'reconsideration.onTimeRate',
    '行政复议按期办结率',
    ref('reconsideration', 'concludedOnTime'),
    ref('reconsideration', 'concludedWithTerm'),
    '在法定审理期限内审结件数 ÷ 有审理期限的审结件数（期限自受理日起算：普通程序60日，经批准延期的再加30日；简易程序30日；遇法定节假日顺延）',
  ),
  count(
    'reconsideration.cases',
    '行政复议案件',
    ref('reconsideration', 'received'),
    '收案件数（报告中泛称「办理复议案件」时）',
  ),
  count('reconsideration.rejected', '行政复议不予受理', ref('reconsideration', 'rejected'), '不予受理件数'),
  count(
    'reconsideration.simpleProcedure',
    '行政复议简易程序',
    ref('reconsideration', 'simpleProcedure'),
    '适用简易程序件数',
  ),
  count('reconsideration.hearings', '行政复议听证', ref('reconsideration', 'hearings'), '听证件数'),
  count(
    'reconsideration.opinionLetters',
    '行政复议意见书',
    ref('reconsideration', 'opinionLetters'),
    '制发意见书件数',
    '份',
  ),
  count('reconsideration.maintained', '行政复议维持', ref('reconsideration', 'maintained'), '维持件数'),

  // 行政应诉
  count('litigation.received', '行政应诉收案', ref('litigation', 'received'), '收案件数'),
  count(
    'litigation.cases',
    '行政应诉案件',
    ref('litigation', 'received'),
    '收案件数（报告中泛称「应诉案件」时）',
  ),
  count('litigation.hearings', '开庭审理', ref('litigation', 'hearings'), '开庭审理件数'),
  count(
    'litigation.headAppearances',
    '负责人出庭应诉',
    ref('litigation', 'headAppearances'),
    '负责人（正职、副职、分管负责人）出庭件数',
  ),
  count(
    'litigation.principalAppearances',
    '主要负责人出庭应诉',
    ref('litigation', 'principalAppearances'),
    '主要负责人出庭件数',
  ),
  count('litigation.headSpoke', '负责人出庭出声', ref('litigation', 'headSpoke'), '负责人出庭且出声件数'),
  rate(
    'litigation.headAppearanceRate',
    '行政机关负责人出庭应诉率',
    ref('litigation', 'headAppearances'),
    ref('litigation', 'hearings'),
    '负责人出庭件数 ÷ 开庭审理件数',
  ),
  rate(
    'litigation.headSpokeRate',
    '负责人出庭出声率',
    ref('litigation', 'headSpoke'),
    ref('litigation', 'headAppearances'),
    '负责人出庭出声件数 ÷ 负责人出庭件数',
  ),
  rate(
    'litigation.appearanceRate',
    '出庭应诉率',
    ref('litigation', 'appearances'),
    ref('litigation', 'hearings'),
    '（负责人或工作人员）出庭应诉件数 ÷ 开庭审理件数',
  ),
  count('litigation.concluded', '行政应诉结案', ref('litigation', 'concluded'), '结案件数'),
  count('litigation.judged', '判决结案', ref('litigation', 'judged'), '判决结案件数'),
  count(
    'litigation.lost',
    '行政应诉败诉',
    ref('litigation', 'lost'),
    '判决撤销、部分撤销、变更、确认违法、确认无效、责令履行、给付、赔偿件数',
  ),
  rate(
    'litigation.lossRate',
    '行政应诉败诉率',
    ref('litigation', 'lost'),
    ref('litigation', 'judged'),
    '败诉件数 ÷ 判决结案件数',
  ),
  rate(
    'litigation.winRate',
    '行政应诉胜诉率',
    ref('litigation', 'won'),
    ref('litigation', 'concluded'),
    '（结案件数 − 败诉件数）÷ 结案件数',
  ),
  count('litigation.resolved', '行政争议实质性化解', ref('litigation', 'resolved'), '实质性化解件数'),
  count('litigation.referralLetters', '应诉转办函', ref('litigation', 'referralLetters'), '制发转办函件数'),
  count('litigation.reminderLetters', '应诉提示函', ref('litigation', 'reminderLetters'), '制发提示函件数'),
  count(
    'litigation.supervisionLetters',
    '应诉督办函',
    ref('litigation', 'supervisionLetters'),
    '制发督办函件数',
  ),

  // 人民调解（案件台账 + 乡镇月报）: a township's monthly statistic covers its subtree for that month.
  count('mediation.cases', '调解矛盾纠纷', mediation('accepted'), `受理调解件数（${MEDIATION_SOURCES}）`),
  count('mediation.success', '调解成功', mediation('success'), `调解成功件数（${MEDIATION_SOURCES}）`),
  rate(
    'mediation.successRate',
    '调解成功率',
    mediation('success'),
    mediation('accepted'),
    `调解成功件数 ÷ 受理调解件数（${MEDIATION_SOURCES}）`,
  ),
  sum(
    'mediation.screened',
    '排查矛盾纠纷',
    mediation('screened'),
    `月报排查纠纷数 + 案件台账中排查发现的件数（${MEDIATION_SOURCES}）`,
    '次',
  ),
  rate(
    'mediation.handledRate',
    '矛盾纠纷调处率',
    mediation('screenedAccepted'),
    mediation('screened'),
    `排查发现的纠纷中受理调解的件数 ÷ 排查纠纷数（案件台账：来源为「排查发现」的案件，均已受理；月度统计：受理调解件数 ÷ 排查纠纷数，只计填报了排查纠纷数的月份；${MEDIATION_SOURCES}）`,
  ),
  count(
    'mediation.complexCases',
    '疑难复杂纠纷',
    mediation('complex'),
    `疑难复杂件数（${MEDIATION_SOURCES}）`,
  ),
  money('mediation.amount', '调解协议涉及金额', mediation('amount'), `涉及金额合计（${MEDIATION_SOURCES}）`),
  count(
    'mediation.performed',
    '调解协议履行',
    mediation('performed'),
    `协议履行件数（${MEDIATION_SOURCES}）`,
  ),
  rate(
    'mediation.performanceRate',
    '调解协议履行率',
    mediation('performed'),
    mediation('success'),
    `协议履行件数 ÷ 调解成功件数（同一批案件，按受理日期计；${MEDIATION_SOURCES}）`,
  ),
  stock(
    count(
      'mediation.organizations',
      '人民调解组织',
      ref('mediationOrg', 'active'),
      '期末在册（未撤销）人民调解组织数',
      '个',
    ),
  ),
  stock(count('mediation.mediators', '人民调解员', ref('mediator', 'active'), '期末在册人民调解员数', '人')),
  stock(
    count(
      'mediation.fullTimeMediators',
      '专职人民调解员',
      ref('mediator', 'activeFullTime'),
      '期末在册专职调解员数',
      '人',
    ),
  ),
  stock(
    count(
      'mediation.partTimeMediators',
      '兼职人民调解员',
      ref('mediator', 'activePartTime'),
      '期末在册兼职调解员数',
      '人',
    ),
  ),

  // 法律援助
  count(
    'legalAid.cases',
    '法律援助案件',
    ref('legalAid', 'cases'),
    '指派办理的法律援助案件数（不含咨询、代书）',
  ),
  count('legalAid.criminalCases', '刑事法律援助案件', ref('legalAid', 'criminalCases'), '刑事案件数'),
  count('legalAid.civilCases', '民事法律援助案件', ref('legalAid', 'civilCases'), '民事案件数'),
  count(
    'legalAid.administrativeCases',
    '行政法律援助案件',
    ref('legalAid', 'administrativeCases'),
    '行政案件数',
  ),
  count('legalAid.dutyLawyer', '值班律师法律帮助', ref('legalAid', 'dutyLawyer'), '值班律师法律帮助件数'),
  count('legalAid.consultations', '法律援助咨询', ref('legalAid', 'consultations'), '法律咨询人次', '人次'),
  count('legalAid.refused', '不予法律援助', ref('legalAid', 'refused'), '不予法律援助决定件数'),
  money(
    'legalAid.recovered',
    '挽回损失或取得利益',
    ref('legalAid', 'recovered'),
    '结案案件挽回损失或取得利益合计',
  ),
  money('legalAid.subsidy', '法律援助办案补贴', ref('legalAid', 'subsidy'), '发放办案补贴合计'),
  rate(
    'legalAid.satisfactionRate',
    '法律援助回访满意度',
    ref('legalAid', 'satisfied'),
    ref('legalAid', 'followedUp'),
    '回访满意（含基本满意）件数 ÷ 回访件数',
  ),

  // 公证
  count('notarization.cases', '办结公证事项', ref('notarization', 'cases'), '出证件数'),
  count('notarization.homeVisits', '上门公证服务', ref('notarization', 'homeVisits'), '上门服务次数', '次'),
  count(
    'notarization.foreign',
    '涉外（涉港澳台）公证',
    ref('notarization', 'foreign'),
    '涉外及涉港澳台出证件数',
  ),

  // 法律顾问
  count(
    'legalAdviser.meetings',
    '法律顾问参加会议',
    ref('legalAdviser', 'meetings'),
    '列席常务会议和参加专题会议次数',
    '次',
  ),
  count(
    'legalAdviser.standingMeetings',
    '法律顾问列席常务会议',
    ref('legalAdviser', 'standingMeetings'),
    '列席常务会议次数',
    '次',
  ),
  count(
    'legalAdviser.contracts',
    '法律顾问审查合同协议',
    ref('legalAdviser', 'contracts'),
    '审查合同协议份数',
    '份',
  ),
  count(
    'legalAdviser.opinionLetters',
    '法律顾问出具法律意见书',
    ref('legalAdviser', 'opinionLetters'),
    '出具法律意见书份数',
    '份',
  ),
  count(
    'legalAdviser.disputes',
    '法律顾问参与化解矛盾纠纷',
    ref('legalAdviser', 'disputes'),
    '参与化解矛盾纠纷件数',
  ),
  rate(
    'legalAdviser.adoptionRate',
    '法律顾问意见采纳率',
    ref('legalAdviser', 'opinionsAdopted'),
    ref('legalAdviser', 'opinions'),
    '被采纳意见条数 ÷ 提出意见条数',
  ),

  // 合法性审查
  count('legalityReview.reviewed', '合法性审查', ref('legalityReview', 'reviewed'), '审查完成件数'),
  count(
    'legalityReview.normativeDocuments',
    '审查规范性文件',
    ref('legalityReview', 'normativeDocuments'),
    '审查规范性文件件数',
  ),
  count('legalityReview.contracts', '审查政府合同', ref('legalityReview', 'contracts'), '审查政府合同件数'),
  count(
    'legalityReview.meetingMinutes',
    '审查会议纪要',
    ref('legalityReview', 'meetingMinutes'),
    '审查会议纪要件数',
  ),
  count(
    'legalityReview.generalDocuments',
    '审查一般性文件',
    ref('legalityReview', 'generalDocuments'),
    '审查一般性文件件数',
  ),
  count(
    'legalityReview.villageMatters',
    '审查村级重大事项',
    ref('legalityReview', 'villageMatters'),
    '审查村级重大事项件数',
  ),
  count(
    'majorDecisions.reviewed',
    '审查重大行政决策',
    ref('legalityReview', 'majorDecisions'),
    '合法性审查中重大行政决策件数',
  ),
  sum('legalityReview.opinions', '合法性审查意见', ref('legalityReview', 'opinions'), '提出意见条数', '条'),
  sum(
    'legalityReview.opinionsAdopted',
    '合法性审查意见被采纳',
    ref('legalityReview', 'opinionsAdopted'),
    '被采纳意见条数',
    '条',
  ),
  rate(
    'legalityReview.adoptionRate',
    '合法性审查意见采纳率',
    ref('legalityReview', 'opinionsAdopted'),
    ref('legalityReview', 'opinions'),
    '被采纳意见条数 ÷ 提出意见条数',
  ),
  count(
    'legalityReview.opinionLetters',
    '出具审核意见书',
    ref('legalityReview', 'opinionLetters'),
    '出具审核意见书份数',
    '份',
  ),

  // 规范性文件
  count('normativeDoc.published', '公布规范性文件', ref('normativeDoc', 'published'), '公布件数'),
  count(
    'normativeDoc.filed',
    '规范性文件报送备案',
    ref('normativeDoc', 'filed'),
    '已报送备案件数（按公布日期）',
  ),
  rate(
    'normativeDoc.filingRate',
    '规范性文件备案率',
    ref('normativeDoc', 'filed'),
    ref('normativeDoc', 'published'),
    '报送备案件数 ÷ 公布件数',
  ),
  rate(
    'normativeDoc.onTimeFilingRate',
    '规范性文件备案及时率',
    ref('normativeDoc', 'filedOnTime'),
    ref('normativeDoc', 'published'),
    '按期报送备案件数 ÷ 公布件数',
  ),
  rate(
    'normativeDoc.legalityReviewRate',
    '规范性文件合法性审查率',
    ref('normativeDoc', 'reviewed'),
    ref('normativeDoc', 'published'),
    '经合法性审查件数 ÷ 公布件数',
  ),
  count('normativeDoc.cleaned', '清理规范性文件', ref('normativeDoc', 'cleaned'), '清理件数'),
  count('normativeDoc.abolished', '废止规范性文件', ref('normativeDoc', 'abolished'), '废止件数'),
  count('normativeDoc.revised', '修订规范性文件', ref('normativeDoc', 'revised'), '修订件数'),
  count('normativeDoc.expired', '失效规范性文件', ref('normativeDoc', 'expired'), '失效件数'),

  // 重大行政决策
  count(
    'majorDecisions.catalogued',
    '列入重大行政决策目录',
    ref('majorDecision', 'catalogued'),
    '列入目录事项数（不含调出）',
    '项',
  ),
  count('majorDecisions.decided', '作出重大行政决策', ref('majorDecision', 'decided'), '已决策事项数', '项'),
  rate(
    'majorDecisions.procedureCompletenessRate',
    '重大行政决策程序完备率',
    ref('majorDecision', 'fullProcedure'),
    ref('majorDecision', 'decided'),
    '五项法定程序齐全的事项数 ÷ 已决策事项数',
  ),
  rate(
    'majorDecisions.legalityReviewRate',
    '重大行政决策合法性审查率',
    ref('majorDecision', 'legalityReviewed'),
    ref('majorDecision', 'decided'),
    '经合法性审查事项数 ÷ 已决策事项数',
  ),
  rate(
    'majorDecisions.publicParticipationRate',
    '重大行政决策公众参与率',
    ref('majorDecision', 'publicParticipation'),
    ref('majorDecision', 'decided'),
    '履行公众参与程序事项数 ÷ 已决策事项数',
  ),
  count(
    'majorDecisions.postEvaluated',
    '重大行政决策后评估',
    ref('majorDecision', 'postEvaluated'),
    '开展后评估事项数',
    '项',
  ),

  // 行政执法
  stock(
    count('enforcement.bodies', '行政执法主体', ref('enforcementBody', 'active'), '期末有效执法主体数', '个'),
  ),
  stock(
    count(
      'enforcement.officers',
      '持证行政执法人员',
      ref('enforcementOfficer', 'certified'),
      '期末持有效行政执法证人数',
      '人',
    ),
  ),
  stock(
    count(
      'enforcement.legalReviewers',
      '法制审核人员',
      ref('enforcementOfficer', 'legalReviewers'),
      '期末持证法制审核人员数',
      '人',
    ),
  ),
  stock(
    rate(
      'enforcement.legalReviewerShare',
      '法制审核人员占比',
      ref('enforcementOfficer', 'legalReviewers'),
      ref('enforcementOfficer', 'certified'),
      '持证法制审核人员数 ÷ 持证执法人员数',
    ),
  ),
  count(
    'enforcement.certificatesIssued',
    '新发行政执法证件',
    ref('enforcementOfficer', 'issued'),
    '发证数',
    '个',
  ),
  count(
    'enforcement.certificatesCancelled',
    '注销行政执法证件',
    ref('enforcementOfficer', 'revoked'),
    '注销证件数',
    '个',
  ),
  count('enforcement.trainings', '行政执法培训', ref('enforcementTraining', 'trainings'), '培训期数', '期'),
  sum(
    'enforcement.trainees',
    '行政执法培训人次',
    ref('enforcementTraining', 'trainees'),
    '培训参加人次',
    '人次',
  ),
  count(
    'enforcement.tests',
    '行政执法人员测试（测评）',
    ref('enforcementTraining', 'tests'),
    '测试（测评）期数',
    '期',
  ),
  sum(
    'enforcement.testTakers',
    '测试（测评）人次',
    ref('enforcementTraining', 'testTakers'),
    '测试（测评）参加人次',
    '人次',
  ),
  rate(
    'enforcement.testPassRate',
    '执法人员测试合格率',
    ref('enforcementTraining', 'passed'),
    ref('enforcementTraining', 'testTakers'),
    '合格人次 ÷ 测试人次',
  ),
  sum(
    'enforcement.penalties',
    '行政处罚',
    ref('enforcementAnnual', 'penalties'),
    '行政处罚件数（年度数据）',
    '件',
  ),
  sum(
    'enforcement.licences',
    '行政许可',
    ref('enforcementAnnual', 'licences'),
    '行政许可件数（年度数据）',
    '件',
  ),
  sum(
    'enforcement.coercions',
    '行政强制',
    ref('enforcementAnnual', 'coercions'),
    '行政强制件数（年度数据）',
    '件',
  ),
  sum(
    'enforcement.inspections',
    '行政检查',
    ref('enforcementAnnual', 'inspections'),
    '行政检查次数（年度数据）',
    '次',
  ),
  money('enforcement.fines', '罚没金额', ref('enforcementAnnual', 'fines'), '罚没金额合计（年度数据）'),
  {
    ...rate(
      'enforcement.annualDataPublishedRate',
      '年度执法数据公开率',
      ref('enforcementAnnual', 'published'),
      ref('enforcementAnnual', 'reports'),
      '已公开年度数据的主体数 ÷ 报送年度数据的主体数',
    ),
    dueBy: { ledger: 'enforcementAnnual', deadline: 'publish' },
  },

  // 普法
  count('publicity.activities', '普法活动', ref('publicity', 'activities'), '活动次数', '次'),
  sum('publicity.sessions', '普法活动场次', ref('publicity', 'sessions'), '活动场次合计', '场次'),
  sum('publicity.audience', '普法受众', ref('publicity', 'audience'), '受众人次合计', '人次'),
  sum('publicity.materials', '发放普法资料', ref('publicity', 'materials'), '发放资料份数合计', '份'),
  count('publicity.lectures', '法治讲座', ref('publicity', 'lectures'), '法治讲座次数', '次'),

  // 示范创建
  count(
    'demonstration.villages',
    '民主法治示范村（社区）',
    ref('modelUnit', 'villages'),
    '期内命名的民主法治示范村（社区）数（各级）',
    '个',
  ),
  count(
    'demonstration.villagesNational',
    '全国民主法治示范村（社区）',
    ref('modelUnit', 'villagesNational'),
    '全国级命名数',
    '个',
  ),
  count(
    'demonstration.villagesProvincial',
    '省级民主法治示范村（社区）',
    ref('modelUnit', 'villagesProvincial'),
    '省级命名数',
    '个',
  ),
  count(
    'demonstration.villagesMunicipal',
    '市级民主法治示范村（社区）',
    ref('modelUnit', 'villagesMunicipal'),
    '市级命名数',
    '个',
  ),
  count(
    'demonstration.townships',
    '法治乡镇（街道）',
    ref('modelUnit', 'townships'),
    '期内命名的法治乡镇（街道）数',
    '个',
  ),
  count(
    'demonstration.government',
    '法治政府建设示范',
    ref('modelUnit', 'government'),
    '期内命名的法治政府建设示范地区和项目数',
    '个',
  ),
  stock(
    count(
      'demonstration.villagesTotal',
      '累计民主法治示范村（社区）',
      ref('modelUnit', 'activeVillages'),
      '截至期末已命名且未撤销的示范村（社区）数',
      '个',
    ),
  ),
  stock(
    count(
      'demonstration.townshipsTotal',
      '累计法治乡镇（街道）',
      ref('modelUnit', 'activeTownships'),
      '截至期末已命名且未撤销的法治乡镇（街道）数',
      '个',
    ),
  ),
];

export function indicator(id: string): IndicatorDef | undefined {
  return INDICATORS.find((i) => i.id === id);
}

/** A computed figure with its provenance: never a bare number. */
export interface IndicatorValue {
  id: string;
  label: string;
  unit: string;
  formula: string;
  numerator: number;
  denominator: number | null;
  /** The ratio (0..1) or the count; null when the denominator is 0. */
  value: number | null;
}

export function evaluate(def: IndicatorDef, sums: (refs: MeasureRef[]) => number): IndicatorValue {
  const numerator = sums(def.numerator);
  if (def.kind !== 'ratio') {
    return {
      id: def.id,
      label: def.label,
      unit: def.unit,
      formula: def.formula,
      numerator,
      denominator: null,
      value: numerator,
    };
  }
  const denominator = sums(def.denominator ?? []);
  return {
    id: def.id,
    label: def.label,
    unit: def.unit,
    formula: def.formula,
    numerator,
    denominator,
    value: denominator === 0 ? null : numerator / denominator,
  };
}

/** 纠错16件/审结43件 = 37.2%: rates are rounded only for display. */
export function formatIndicator(v: IndicatorValue, decimals = 1): string {
  if (v.denominator === null) {
    if (indicator(v.id)?.money) return `${formatYuan(v.numerator)}元`;
    return `${v.numerator}${v.unit}`;
  }
  if (v.value === null) return `—（分母为 0）`;
  return `${(v.value * 100).toFixed(decimals)}%`;
}

/** 分 → 元 text: 648000000 → '6480000', 11700050 → '117000.50'. */
export function formatYuan(fen: number): string {
  const neg = fen < 0;
  const a = Math.abs(Math.round(fen));
  const yuan = Math.floor(a / 100);
  const cents = a % 100;
  return `${neg ? '-' : ''}${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}
