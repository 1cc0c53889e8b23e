/**
 * Declarative statutory time limits for the ledgers. Data only; computation lives in due.ts.
 *
 * Units:
 *  - 'working'  — working days (行政复议法 第八十八条: 「三日」「五日」「七日」「十日」 are working days;
 *                 行政处罚法 第八十五条: 「二日」「三日」「五日」「七日」 are working days).
 *  - 'calendar' — calendar days; if the last day is a rest day the period ends on the next working day.
 *  - 'month'    — months (corresponding day of the final month, else month end), same rest-day rule.
 *  - 'annual'   — a fixed date in the year after the start date's year (`annualOn`, 'MM-DD').
 * `days` holds the count in the unit (months for 'month'; unused, 0, for 'annual').
 */

export type LimitUnit = 'working' | 'calendar' | 'month' | 'annual';

export type LimitDomain =
  | 'reconsideration' // 行政复议
  | 'litigation' // 行政应诉
  | 'legal_aid' // 法律援助
  | 'penalty' // 行政处罚
  | 'normative_document' // 规范性文件
  | 'major_decision' // 重大行政决策
  | 'enforcement' // 行政执法
  | 'annual_report'; // 法治政府建设年度报告

export interface StatutoryLimit {
  id: string;
  domain: LimitDomain;
  /** Chinese title of the law or rule. */
  law: string;
  article?: string;
  /** Chinese label shown to users. */
  label: string;
  /** Name of the event the period runs from (or, for direction 'before', the event it precedes). */
  from: string;
  days: number;
  unit: LimitUnit;
  /** Permitted extension, e.g. 行政复议 普通程序 +30 days with the 复议机构负责人's approval. */
  extendable?: { days: number; unit: Exclude<LimitUnit, 'annual'> };
  /**
   * 'deadline' (default): must be done by the due date.
   * 'minimum': an "at least" period (≥30-day comment, ≥7-working-day review); the due date is the earliest
   * date the period is complete, and the rest-day rule does not apply.
   */
  kind?: 'deadline' | 'minimum';
  /** 'before' for "X 日前" limits (hearing notice): the due date is the latest date, counted backwards. */
  direction?: 'after' | 'before';
  /** Set false where the rest-day rule does not apply (effective dates, validity). Default true. */
  restDayExtension?: boolean;
  /** The start day counts as day 1 (validity "自施行之日起5年": 2024-02-01 → 2029-01-31). */
  inclusiveStart?: boolean;
  /** For unit 'annual': the 'MM-DD' due date in the following year. */
  annualOn?: string;
  /** Local practice varies; regions should review this value (see configureLimits). */
  configurable?: boolean;
  note?: string;
}

const FYFY = '中华人民共和国行政复议法';
const XZSS = '中华人民共和国行政诉讼法';
const FLYZ = '中华人民共和国法律援助法';
const XZCF = '中华人民共和国行政处罚法';
const GFXWJ =
  '国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）及各地规范性文件管理规定';
const ZDJC = '重大行政决策程序暂行条例';

export const STATUTORY_LIMITS: readonly StatutoryLimit[] = [
  // ── 行政复议 (2023 revision, in force 2024-01-01) ───────────────────────────────────────────
  {
    id: 'reconsideration.apply',
    domain: 'reconsideration',
    law: FYFY,
    article: '第二十条',
    label: '申请行政复议期限',
    from: '知道或者应当知道行政行为之日',
    days: 60,
    unit: 'calendar',
    note: '法律规定超过六十日的除外；未告知申请权利和期限的，最长一年；绝对期限五年/二十年（第二十一条）。',
  },
  {
    id: 'reconsideration.acceptance_review',
    domain: 'reconsideration',
    law: FYFY,
    article: '第三十条',
    label: '受理审查',
    from: '收到行政复议申请之日',
    days: 5,
    unit: 'working',
    note: '审查期限届满未作出不予受理决定的，视为受理。',
  },
  {
    id: 'reconsideration.correction_notice',
    domain: 'reconsideration',
    law: FYFY,
    article: '第三十一条',
    label: '通知补正',
    from: '收到行政复议申请之日',
    days: 5,
    unit: 'working',
  },
  {
    id: 'reconsideration.correction_period',
    domain: 'reconsideration',
    law: FYFY,
    article: '第三十一条',
    label: '申请人补正期限',
    from: '收到补正通知之日',
    days: 10,
    unit: 'working',
    note: '无正当理由逾期不补正的，视为放弃行政复议申请。',
  },
  {
    id: 'reconsideration.copy_to_respondent',
    domain: 'reconsideration',
    law: FYFY,
    article: '第四十八条',
    label: '发送申请书副本（普通程序）',
    from: '受理之日',
    days: 7,
    unit: 'working',
  },
  {
    id: 'reconsideration.answer',
    domain: 'reconsideration',
    law: FYFY,
    article: '第四十八条',
    label: '被申请人书面答复（普通程序）',
    from: '收到申请书副本之日',
    days: 10,
    unit: 'working',
  },
  {
    id: 'reconsideration.hearing_notice',
    domain: 'reconsideration',
    law: FYFY,
    article: '第五十一条',
    label: '听证通知',
    from: '举行听证之日',
    days: 5,
    unit: 'working',
    direction: 'before',
  },
  {
    id: 'reconsideration.simple_copy',
    domain: 'reconsideration',
    law: FYFY,
    article: '第五十四条',
    label: '发送申请书副本（简易程序）',
    from: '受理之日',
    days: 3,
    unit: 'working',
  },
  {
    id: 'reconsideration.simple_answer',
    domain: 'reconsideration',
    law: FYFY,
    article: '第五十四条',
    label: '被申请人书面答复（简易程序）',
    from: '收到申请书副本之日',
    days: 5,
    unit: 'working',
  },
  {
    id: 'reconsideration.decision',
    domain: 'reconsideration',
    law: FYFY,
    article: '第六十二条',
    label: '作出行政复议决定（普通程序）',
    from: '受理之日',
    days: 60,
    unit: 'calendar',
    extendable: { days: 30, unit: 'calendar' },
    note: '法律规定的复议期限少于六十日的除外；情况复杂的，经行政复议机构负责人批准可延长，最多不超过三十日，并书面告知当事人。',
  },
  {
    id: 'reconsideration.simple_decision',
    domain: 'reconsideration',
    law: FYFY,
    article: '第六十二条',
    label: '作出行政复议决定（简易程序）',
    from: '受理之日',
    days: 30,
    unit: 'calendar',
  },
  {
    id: 'reconsideration.opinion_report',
    domain: 'reconsideration',
    law: FYFY,
    article: '第七十六条',
    label: '行政复议意见书办理情况报送',
    from: '收到行政复议意见书之日',
    days: 60,
    unit: 'calendar',
  },
  // ── 行政应诉 ────────────────────────────────────────────────────────────────────────────
  {
    id: 'litigation.defence',
    domain: 'litigation',
    law: XZSS,
    article: '第六十七条',
    label: '提交答辩状及证据、依据',
    from: '收到起诉状副本之日',
    days: 15,
    unit: 'calendar',
  },
  {
    id: 'litigation.first_instance',
    domain: 'litigation',
    law: XZSS,
    article: '第八十一条',
    label: '一审审结（普通程序）',
    from: '立案之日',
    days: 6,
    unit: 'month',
    note: '有特殊情况需要延长的，由高级人民法院批准；高级人民法院审理第一审案件需要延长的，由最高人民法院批准。',
  },
  {
    id: 'litigation.simple_first_instance',
    domain: 'litigation',
    law: XZSS,
    article: '第八十三条',
    label: '一审审结（简易程序）',
    from: '立案之日',
    days: 45,
    unit: 'calendar',
  },
  {
    id: 'litigation.appeal_judgment',
    domain: 'litigation',
    law: XZSS,
    article: '第八十五条',
    label: '不服一审判决上诉',
    from: '判决书送达之日',
    days: 15,
    unit: 'calendar',
  },
  {
    id: 'litigation.appeal_ruling',
    domain: 'litigation',
    law: XZSS,
    article: '第八十五条',
    label: '不服一审裁定上诉',
    from: '裁定书送达之日',
    days: 10,
    unit: 'calendar',
  },
  {
    id: 'litigation.second_instance',
    domain: 'litigation',
    law: XZSS,
    article: '第八十八条',
    label: '二审审结',
    from: '收到上诉状之日',
    days: 3,
    unit: 'month',
  },
  // ── 法律援助 ────────────────────────────────────────────────────────────────────────────
  {
    id: 'legal_aid.review',
    domain: 'legal_aid',
    law: FLYZ,
    article: '第四十三条',
    label: '审查并作出是否给予法律援助的决定',
    from: '收到法律援助申请之日',
    days: 7,
    unit: 'working',
    configurable: true,
    note: '法律规定「七日内」；《办理法律援助案件程序规定》按工作日计算（补充材料、说明所需时间不计入）。',
  },
  {
    id: 'legal_aid.assign',
    domain: 'legal_aid',
    law: FLYZ,
    article: '第四十三条',
    label: '指派法律援助人员',
    from: '作出给予法律援助决定之日',
    days: 3,
    unit: 'working',
    configurable: true,
    note: '法律规定「三日内」；按程序规定以工作日计算。',
  },
  // ── 行政处罚 (2021 revision) ─────────────────────────────────────────────────────────────
  {
    id: 'penalty.decision',
    domain: 'penalty',
    law: XZCF,
    article: '第六十条',
    label: '作出行政处罚决定',
    from: '立案之日',
    days: 90,
    unit: 'calendar',
    configurable: true,
    note: '法律、法规、规章另有规定的，从其规定（部门程序规章多有延长规定）。',
  },
  {
    id: 'penalty.withdraw_published',
    domain: 'penalty',
    law: XZCF,
    article: '第四十八条、第八十五条',
    label: '撤回已公开的行政处罚决定信息并说明理由',
    from: '处罚决定被变更、撤销、确认违法或者确认无效之日',
    days: 3,
    unit: 'working',
  },
  // ── 规范性文件 ──────────────────────────────────────────────────────────────────────────
  {
    id: 'normative_document.effective',
    domain: 'normative_document',
    law: GFXWJ,
    label: '施行日期（一般自公布之日起30日后施行）',
    from: '公布之日',
    days: 30,
    unit: 'calendar',
    kind: 'minimum',
    restDayExtension: false,
    configurable: true,
    note: '因保障国家安全、重大公共利益或公布后不立即施行将有碍施行的，可以自公布之日起施行。',
  },
  {
    id: 'normative_document.validity',
    domain: 'normative_document',
    law: GFXWJ,
    label: '有效期（一般为5年）',
    from: '施行之日',
    days: 60,
    unit: 'month',
    restDayExtension: false,
    inclusiveStart: true,
    configurable: true,
    note: '有效期届满前应当评估是否继续施行；due date 为有效期最后一日。',
  },
  {
    id: 'normative_document.validity_provisional',
    domain: 'normative_document',
    law: GFXWJ,
    label: '有效期（暂行、试行，一般为2年）',
    from: '施行之日',
    days: 24,
    unit: 'month',
    restDayExtension: false,
    inclusiveStart: true,
    configurable: true,
  },
  {
    id: 'normative_document.filing',
    domain: 'normative_document',
    law: '地方规范性文件备案审查规定（常见规定）',
    label: '报送备案',
    from: '公布之日',
    days: 15,
    unit: 'calendar',
    configurable: true,
    note: '各地规定不一（15日或30日），由地区配置。',
  },
  // ── 重大行政决策 ────────────────────────────────────────────────────────────────────────
  {
    id: 'major_decision.public_comment',
    domain: 'major_decision',
    law: ZDJC,
    article: '第十五条',
    label: '公开征求意见期限',
    from: '公开征求意见之日',
    days: 30,
    unit: 'calendar',
    kind: 'minimum',
    restDayExtension: false,
    note: '一般不少于30日；因情况紧急等原因需要缩短的，应当在公开征求意见时予以说明。',
  },
  {
    id: 'major_decision.legality_review',
    domain: 'major_decision',
    law: ZDJC,
    article: '第二十五条',
    label: '合法性审查时间',
    from: '送请合法性审查之日',
    days: 7,
    unit: 'working',
    kind: 'minimum',
    restDayExtension: false,
    note: '应当保证必要的审查时间，一般不少于7个工作日。',
  },
  // ── 行政执法 ────────────────────────────────────────────────────────────────────────────
  {
    id: 'enforcement.annual_data',
    domain: 'enforcement',
    law: '国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见（国办发〔2018〕118号）',
    label: '公开上年度行政执法数据',
    from: '统计年度',
    days: 0,
    unit: 'annual',
    annualOn: '01-31',
    restDayExtension: false,
    note: '于每年1月31日前公开本机关上年度行政执法总体情况有关数据。',
  },
  // ── 法治政府建设年度报告 ───────────────────────────────────────────────────────────────
  {
    id: 'annual_report.submit',
    domain: 'annual_report',
    law: '法治政府建设与责任落实督察工作规定',
    label: '报送上一年度法治政府建设情况报告',
    from: '报告年度',
    days: 0,
    unit: 'annual',
    annualOn: '03-01',
    restDayExtension: false,
    configurable: true,
  },
  {
    id: 'annual_report.publish',
    domain: 'annual_report',
    law: '法治政府建设与责任落实督察工作规定',
    label: '向社会公开年度报告',
    from: '报告年度',
    days: 0,
    unit: 'annual',
    annualOn: '04-01',
    restDayExtension: false,
    configurable: true,
  },
];

const BY_ID: ReadonlyMap<string, StatutoryLimit> = new Map(STATUTORY_LIMITS.map((l) => [l.id, l]));

/** Look a limit up by id; throws for an unknown id. */
export function getLimit(id: string, limits: readonly StatutoryLimit[] = STATUTORY_LIMITS): StatutoryLimit {
  const found = limits === STATUTORY_LIMITS ? BY_ID.get(id) : limits.find((l) => l.id === id);
  if (!found) throw new Error(`未知的法定期限 / unknown statutory limit: ${id}`);
  return found;
}

export type LimitOverride = Partial<Omit<StatutoryLimit, 'id' | 'domain'>>;

/**
 * A region's version of the table: e.g. `{ 'normative_document.filing': { days: 30 } }`.
 * Unknown ids are refused so that a typo does not silently leave the national default in place.
 */
export function configureLimits(
  overrides: Readonly<Record<string, LimitOverride>>,
  base: readonly StatutoryLimit[] = STATUTORY_LIMITS,
): StatutoryLimit[] {
  for (const id of Object.keys(overrides)) getLimit(id, base);
  return base.map((l) => {
    const o = overrides[l.id];
    if (!o) return l;
    const merged: StatutoryLimit = { ...l, ...o };
    validateLimit(merged);
    return merged;
  });
}

export function validateLimit(l: StatutoryLimit): void {
  if (!Number.isInteger(l.days) || l.days < 0)
    throw new Error(`${l.id}: days must be a non-negative integer`);
  if (l.unit === 'annual' && !/^\d{2}-\d{2}$/.test(l.annualOn ?? '')) {
    throw new Error(`${l.id}: annual limits need annualOn as 'MM-DD'`);
  }
  if (l.extendable && (!Number.isInteger(l.extendable.days) || l.extendable.days < 0)) {
    throw new Error(`${l.id}: extendable.days must be a non-negative integer`);
  }
}

for (const l of STATUTORY_LIMITS) validateLimit(l);
