// Deterministic demo records for every ledger (seeded PRNG; never Math.random). The figures are in the
// ranges the seed county reports show. Names and ID numbers are made up: ID numbers use the unassigned
// area code 439900, phone numbers are random, and names are random surname + given-name pairs.

import type { LedgerDef, LedgerRecord } from './define.ts';
import { DICTIONARIES } from './dictionaries.ts';

export interface DemoUnit {
  id: string;
  name: string;
  type: string;
}

export interface DemoOptions {
  units: DemoUnit[];
  years: number[];
  seed: number;
  /** Multiplies record counts (benchmarks). Default 1. */
  scale?: number;
  /**
   * The demo's today (YYYY-MM-DD): nothing starts after it, a later event has not happened yet (its date
   * and what follows from it stay empty), and the current year has records in proportion to the part
   * of it that has passed. Without it every year is complete (benchmarks).
   */
  asOf?: string;
}

// ── PRNG and helpers ──────────────────────────────────────────────────────────────────────────

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for demo data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Pick with weights (same length as xs). */
  weighted<T>(xs: readonly T[], ws: readonly number[]): T {
    let total = 0;
    for (const w of ws) total += w;
    let r = this.next() * total;
    for (let i = 0; i < xs.length; i++) {
      r -= ws[i]!;
      if (r < 0) return xs[i]!;
    }
    return xs[xs.length - 1]!;
  }
}

const DAY = 86_400_000;
const dateCache = new Map<number, string>();
function dayStr(dayNum: number): string {
  let s = dateCache.get(dayNum);
  if (!s) {
    s = new Date(dayNum * DAY).toISOString().slice(0, 10);
    dateCache.set(dayNum, s);
  }
  return s;
}
const yearStart = (y: number) => Date.UTC(y, 0, 1) / DAY;
const yearDays = (y: number) => (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365);

const dict = (key: string): readonly string[] => DICTIONARIES[key] ?? [];

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万覃武戴莫向汤',
];
const GIVEN = [
  ...'建国华平军红明伟芳敏静丽强磊洋勇艳杰娟涛超秀英霞刚桂兰玉梅鹏辉斌宇浩凯健俊峰亮燕萍琴云莉志新春海波宏祥翠凤成林忠福文德家清荣利德胜金永兴',
];

function personName(r: Rng): string {
  const s = r.pick(SURNAMES);
  return r.chance(0.55) ? s + r.pick(GIVEN) + r.pick(GIVEN) : s + r.pick(GIVEN);
}

function phone(r: Rng): string {
  return `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
function idNumber(r: Rng, birthYear: number): string {
  const birth = dayStr(yearStart(birthYear) + r.int(0, 364)).replace(/-/g, '');
  const body = `439900${birth}${String(r.int(0, 999)).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + ID_CHECK[sum % 11]!;
}

const VILLAGE_NAMES = [...'东西南北中上下新老大小石马龙凤桥塘岭坪湾冲田山'];
function placeName(r: Rng): string {
  return `${r.pick(VILLAGE_NAMES)}${r.pick(VILLAGE_NAMES)}村`;
}

function shortName(unit: DemoUnit): string {
  return unit.name
    .replace(/^示范县/, '')
    .replace(/(人民政府|司法所)$/, '')
    .slice(0, 4);
}

const COMPANIES = [
  '湘远建设工程有限公司',
  '汇丰源农业开发有限公司',
  '恒信物流有限公司',
  '振兴矿业有限公司',
  '绿源环保科技有限公司',
  '诚达置业有限公司',
];

// ── per-ledger generators ─────────────────────────────────────────────────────────────────────

interface Ctx {
  r: Rng;
  unit: DemoUnit;
  year: number;
  /** 1-based sequence within unit and year. */
  seq: number;
  /** Index of the unit among the ledger's owners. */
  unitIndex: number;
  /** Index of the year among the requested years. */
  yearIndex: number;
  /** A day in the year (epoch day number), not after `asOf`. */
  day: () => number;
  /** The demo's today as an epoch day number, or null when every year is complete. */
  asOf: number | null;
}

type Maker = (c: Ctx) => LedgerRecord | null;

interface Spec {
  owns: (u: DemoUnit) => boolean;
  /** Records for one owner unit in one year (before scale). */
  perYear: (r: Rng, u: DemoUnit, year: number, first: boolean) => number;
  make: Maker;
  /** Do not multiply by scale (one record per month/year). */
  fixed?: boolean;
  /**
   * When a date is after `asOf` the event has not happened: it is emptied, and the fields that record
   * its outcome are set as given here.
   */
  outcomes?: Record<string, Record<string, string | boolean | null>>;
  /** Dates fixed in advance (an expiry, the announced end of a comment period): kept when later. */
  planned?: string[];
  /**
   * A statistic of a period (its sortBy is the period's first day): reported only once the period is
   * over, so the demo has none for the current month or year.
   */
  period?: 'month' | 'year';
}

/** The first day after the period that starts on `start` (YYYY-MM-01 or YYYY-01-01). */
function periodEnd(start: string, period: 'month' | 'year'): string {
  const year = Number(start.slice(0, 4));
  if (period === 'year') return `${year + 1}-01-01`;
  const month = Number(start.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

const isJusticeBureau = (u: DemoUnit) => u.type === 'rule_of_law_office' && u.name.endsWith('司法局');
const is =
  (...types: string[]) =>
  (u: DemoUnit) =>
    types.includes(u.type);

const CORRECTIVE_WEIGHTS: Array<[string, number]> = [
  ['维持', 38],
  ['驳回复议请求', 16],
  ['驳回申请', 4],
  ['撤销', 12],
  ['部分撤销', 2],
  ['变更', 2],
  ['确认违法', 10],
  ['责令履行', 4],
  ['确认无效', 1],
  ['调解', 3],
  ['和解', 3],
  ['终止', 5],
];

const reconsideration: Maker = ({ r, year, seq, day, asOf }) => {
  const received = day();
  const rejected = r.chance(0.1);
  const simple = !rejected && r.chance(0.3);
  const accepted = received + r.int(1, 5);
  // With a today, only the cases decided after it are still open.
  const decided =
    asOf !== null || r.chance(0.85) ? accepted + r.int(simple ? 10 : 20, simple ? 28 : 58) : null;
  const decision = rejected
    ? null
    : decided
      ? r.weighted(
          CORRECTIVE_WEIGHTS.map((x) => x[0]),
          CORRECTIVE_WEIGHTS.map((x) => x[1]),
        )
      : null;
  const hearing = !rejected && r.chance(0.08);
  return {
    caseNo: `示府复〔${year}〕${seq}号`,
    applicant: personName(r),
    applicantIdNumber: idNumber(r, r.int(1950, 2000)),
    applicantPhone: phone(r),
    respondent: r.pick([
      '示范县公安局',
      '示范县市场监督管理局',
      '示范县自然资源局',
      '示范县人力资源和社会保障局',
      '示范县城市管理和综合执法局',
      '城关镇人民政府',
    ]),
    actType: r.pick(dict('reconsideration.actType')),
    receivedOn: dayStr(received),
    correctionNoticeOn: null,
    correctedOn: null,
    acceptance: rejected ? '不予受理' : r.chance(0.05) ? '视为受理' : '受理',
    acceptedOn: rejected ? null : dayStr(accepted),
    procedure: rejected ? null : simple ? '简易程序' : '普通程序',
    copiedOn: rejected ? null : dayStr(accepted + r.int(1, 6)),
    answeredOn: null,
    hearing,
    hearingOn: hearing && decided ? dayStr(decided - r.int(1, 8)) : null,
    suspendedOn: null,
    resumedOn: null,
    extended: false,
    decidedOn: decision && decided ? dayStr(decided) : null,
    decision,
    correctedThenWithdrawn: decision === '终止' && r.chance(0.5),
    opinionLetter: !!decision && r.chance(0.05),
    opinionRecipient: null,
    notes: null,
  };
};

const litigation: Maker = ({ r, unit, year, seq, unitIndex, day }) => {
  const received = day();
  const hearing = r.chance(0.7);
  const hearingDay = received + r.int(30, 90);
  const headAppeared = hearing && r.chance(0.9);
  const principal = headAppeared && r.chance(0.2);
  const concluded = r.chance(0.75) ? (hearing ? hearingDay : received) + r.int(15, 100) : null;
  const outcome = concluded
    ? r.weighted(dict('litigation.outcome'), [50, 5, 1, 1, 4, 0.5, 2, 0.5, 0.5, 12, 15, 2, 3])
    : null;
  return {
    caseNo: `（${year}）示${String(unitIndex + 1).padStart(2, '0')}行初${seq}号`,
    court: '示范县人民法院',
    plaintiff: r.chance(0.15) ? r.pick(COMPANIES) : personName(r),
    plaintiffPhone: phone(r),
    defendant: unit.name,
    actType: r.pick(dict('reconsideration.actType')),
    cause: r.pick([
      '不服行政处罚决定',
      '请求履行法定职责',
      '政府信息公开',
      '房屋征收补偿',
      '工伤认定',
      '行政协议纠纷',
    ]),
    instance: r.chance(0.85) ? '一审' : '二审',
    procedure: r.chance(0.8) ? '普通程序' : '简易程序',
    receivedOn: dayStr(received),
    defenceOn: dayStr(received + r.int(5, 14)),
    hearing,
    hearingOn: hearing ? dayStr(hearingDay) : null,
    headAppeared,
    headName: headAppeared ? personName(r) : null,
    headLevel: headAppeared ? (principal ? '正职' : r.pick(['副职', '分管负责人'])) : null,
    principalAppeared: principal,
    headSpoke: headAppeared && r.chance(0.85),
    staffAppeared: hearing && !headAppeared,
    concludedOn: concluded ? dayStr(concluded) : null,
    outcome,
    appealed: !!outcome && r.chance(0.2),
    referralLetters: r.chance(0.1) ? 1 : 0,
    reminderLetters: r.chance(0.5) ? 1 : 0,
    supervisionLetters: r.chance(0.1) ? 1 : 0,
    substantivelyResolved: outcome === '裁定准许撤诉' && r.chance(0.6),
    notes: null,
  };
};

const mediationCase: Maker = ({ r, unit, year, seq, day }) => {
  const received = day();
  const done = r.chance(0.97) ? received + r.int(0, 25) : null;
  const result = done ? r.weighted(dict('mediation.result'), [95, 3, 2]) : null;
  const ok = result === '调解成功';
  const performed = ok && r.chance(0.97);
  return {
    caseNo: `（${year}）${shortName(unit)}调字第${seq}号`,
    committee: r.chance(0.4) ? `${shortName(unit)}人民调解委员会` : `${placeName(r)}人民调解委员会`,
    partyA: personName(r),
    partyAPhone: phone(r),
    partyB: personName(r),
    disputeType: r.weighted(dict('mediation.disputeType'), [18, 20, 12, 8, 6, 4, 8, 6, 4, 2, 5, 3, 1, 3]),
    source: r.weighted(dict('mediation.source'), [40, 35, 10, 6, 4, 3, 2]),
    summary: null,
    receivedOn: dayStr(received),
    complex: r.chance(0.06),
    amount: r.chance(0.5) ? r.int(10, 2000) * 10_000 : 0,
    mediator: personName(r),
    concludedOn: done ? dayStr(done) : null,
    result,
    agreementForm: ok ? (r.chance(0.7) ? '书面协议' : '口头协议') : null,
    judicialConfirmation: ok && r.chance(0.05),
    performed,
    performedOn: performed && done ? dayStr(done + r.int(0, 30)) : null,
    notes: null,
  };
};

const mediationMonthly: Maker = ({ r, year, seq }) => {
  if (seq > 12) return null;
  const accepted = r.int(8, 30);
  const success = accepted - r.int(0, Math.min(3, accepted));
  return {
    month: `${year}-${String(seq).padStart(2, '0')}-01`,
    screened: accepted + r.int(0, 10),
    accepted,
    success,
    amount: r.int(50, 800) * 100_000,
    complex: r.int(0, Math.min(3, accepted)),
    performed: success - r.int(0, Math.min(1, success)),
    reporter: personName(r),
    notes: null,
  };
};

/** A village name unique for index < 576. */
function indexedPlace(i: number): string {
  const n = VILLAGE_NAMES.length;
  return `${VILLAGE_NAMES[i % n]}${VILLAGE_NAMES[(Math.floor(i / n) + i) % n]}村`;
}

const mediationOrg: Maker = ({ r, unit, seq, yearIndex, day }) => {
  const type =
    seq === 1 && yearIndex === 0
      ? '乡镇（街道）人民调解委员会'
      : r.weighted(dict('mediation.orgType'), [0, 0, 8, 3, 2, 1]);
  const villageLevel = seq > 1 && r.chance(0.75);
  const established = day();
  return {
    name: villageLevel
      ? `${shortName(unit)}${indexedPlace(yearIndex * 100 + seq)}民人民调解委员会`
      : `${shortName(unit)}${type === '乡镇（街道）人民调解委员会' ? '' : `第${yearIndex * 100 + seq}`}${type.replace('（街道）', '')}`,
    orgType: villageLevel ? '村（居）人民调解委员会' : type,
    establishedOn: dayStr(established),
    director: personName(r),
    directorPhone: phone(r),
    members: r.int(3, 9),
    address: `${unit.name}${placeName(r)}`,
    dissolvedOn: r.chance(0.03) ? dayStr(established + r.int(30, 300)) : null,
    notes: null,
  };
};

const mediatorMaker: Maker = ({ r, unit, day }) => {
  const appointed = day();
  const birth = r.int(1955, 1995);
  const post = r.weighted(dict('mediation.post'), [15, 82, 1, 2]);
  return {
    name: personName(r),
    idNumber: idNumber(r, birth),
    gender: r.chance(0.65) ? '男' : '女',
    phone: phone(r),
    education: r.weighted(dict('common.education'), [1, 15, 30, 34, 20]),
    organization:
      post === '乡镇（街道）'
        ? `${shortName(unit)}人民调解委员会`
        : `${shortName(unit)}${placeName(r)}村民人民调解委员会`,
    post,
    employment: r.chance(0.37) ? '专职' : '兼职',
    appointedOn: dayStr(appointed),
    leftOn: r.chance(0.04) ? dayStr(appointed + r.int(60, 300)) : null,
    notes: null,
  };
};

const LEGAL_AID_CASE_FORMS: Array<[string, string, number]> = [
  ['刑事辩护与代理', '刑事', 45],
  ['值班律师法律帮助', '刑事', 20],
  ['民事诉讼代理', '民事', 20],
  ['劳动争议调解与仲裁代理', '民事', 5],
  ['非诉讼代理', '非诉讼', 3],
  ['行政诉讼代理', '行政', 1],
  ['国家赔偿案件代理', '国家赔偿', 0.2],
];

const LEGAL_AID_FORM_WEIGHTS = LEGAL_AID_CASE_FORMS.map((x) => x[2]);
const GROUP_WEIGHTS = [10, 12, 6, 10, 14, 2, 0.2, 6, 2, 3];

const legalAid: Maker = ({ r, year, seq, day }) => {
  const applied = day();
  const consult = r.chance(0.2);
  const [form, caseType] = consult
    ? ['法律咨询', null]
    : r.weighted(LEGAL_AID_CASE_FORMS, LEGAL_AID_FORM_WEIGHTS);
  const notified = caseType === '刑事' && r.chance(0.8);
  const origin = notified
    ? r.weighted(['人民法院通知', '人民检察院通知', '公安机关通知'], [6, 3, 1])
    : '当事人申请';
  const refused = !consult && !notified && r.chance(0.03);
  const granted = !consult && !refused;
  const decided = applied + (notified ? 0 : r.int(1, 6));
  const assigned = decided + r.int(0, 2);
  const closed = granted && r.chance(0.85) ? assigned + r.int(10, 120) : null;
  const followUp = closed && r.chance(0.6) ? closed + r.int(3, 30) : null;
  const money = caseType === '民事' || caseType === '非诉讼';
  return {
    caseNo: `（${year}）示法援字第${seq}号`,
    applicant: personName(r),
    applicantIdNumber: consult ? null : idNumber(r, r.int(1945, 2008)),
    applicantPhone: phone(r),
    gender: r.chance(0.6) ? '男' : '女',
    groups: r.chance(0.35) ? [r.weighted(dict('legalAid.group'), GROUP_WEIGHTS)] : null,
    origin,
    form,
    caseType: granted ? caseType : null,
    cause: null,
    appliedOn: dayStr(applied),
    decidedOn: consult ? null : dayStr(decided),
    decision: consult ? null : refused ? '不予法律援助' : '给予法律援助',
    assignedOn: granted ? dayStr(assigned) : null,
    provider: granted ? r.weighted(dict('legalAid.provider'), [85, 12, 3, 0]) : null,
    handler: granted ? personName(r) : null,
    handlerOrg: granted
      ? r.pick(['示范县法律援助中心', '湘示律师事务所', '明正律师事务所', '城关法律服务所'])
      : null,
    closedOn: closed ? dayStr(closed) : null,
    recovered: closed && money && r.chance(0.4) ? r.int(5, 300) * 10_000 : null,
    subsidy: closed ? r.int(4, 20) * 10_000 : null,
    subsidyPaidOn: closed ? dayStr(closed + r.int(20, 90)) : null,
    followUpOn: followUp ? dayStr(followUp) : null,
    satisfaction: followUp ? r.weighted(dict('legalAid.satisfaction'), [95, 5, 0.3]) : null,
    notes: null,
  };
};

const notarization: Maker = ({ r, year, seq, day }) => {
  const received = day();
  return {
    certificateNo: `（${year}）示证字第${seq}号`,
    applicant: personName(r),
    applicantPhone: phone(r),
    matter: r.weighted(dict('notarization.matter'), [15, 6, 18, 10, 3, 6, 10, 4, 8, 5, 6, 3, 2, 1, 3]),
    usage: r.weighted(dict('notarization.usage'), [85, 12, 3]),
    receivedOn: dayStr(received),
    issuedOn: r.chance(0.97) ? dayStr(received + r.int(0, 15)) : null,
    homeVisit: r.chance(0.065),
    notary: personName(r),
    fee: r.int(1, 8) * 10_000,
    feeWaived: r.chance(0.05),
    notes: null,
  };
};

const legalAdviser: Maker = ({ r, year, seq, day }) => {
  const activity = r.weighted(dict('legalAdviser.activity'), [8, 30, 25, 8, 5, 15, 8, 3, 3, 2]);
  const opinions = ['列席常务会议', '参加专题会议', '法治讲座'].includes(activity)
    ? r.int(0, 3)
    : r.int(1, 8);
  return {
    serialNo: `FLGW-${year}-${String(seq).padStart(4, '0')}`,
    adviser: personName(r),
    adviserKind: r.weighted(dict('legalAdviser.kind'), [60, 30, 10, 0]),
    firm: r.pick(['湘示律师事务所', '明正律师事务所', '示范县司法局']),
    activity,
    subject: `${r.pick(['关于', '审查', '研究'])}${r.pick(['城区供水特许经营', '工业园区招商引资', '土地整治项目', '农村集体经营性建设用地入市', '新能源项目合作', '征收补偿方案'])}${r.pick(['协议', '事项', '方案', '问题'])}`,
    occurredOn: dayStr(day()),
    opinions,
    opinionsAdopted: opinions - r.int(0, Math.min(1, opinions)),
    notes: null,
  };
};

const legalityReview: Maker = ({ r, unit, year, seq, day }) => {
  const township = unit.type === 'township';
  const kind = township
    ? r.weighted(dict('legalityReview.kind'), [0, 1, 1, 2, 0, 12])
    : r.weighted(dict('legalityReview.kind'), [6, 12, 64, 19, 3, 0]);
  const received = day();
  const done = r.chance(0.95) ? received + r.int(2, 15) : null;
  const opinions = done ? r.weighted([0, 1, 2, 3, 4, 5, 8], [25, 20, 20, 15, 10, 6, 4]) : null;
  const subjects: Record<string, string[]> = {
    规范性文件: [
      '示范县城乡居民临时救助实施办法',
      '示范县农村村民建房管理办法',
      '示范县城区户外广告设置管理规定',
    ],
    政府合同: ['工业园区标准厂房租赁合同', '城区环卫一体化服务合同', '招商引资合作协议'],
    会议纪要: ['县政府常务会议纪要', '县长办公会议纪要', '专题协调会议纪要'],
    一般性文件: ['关于开展安全生产大检查的通知', '关于做好春季森林防火工作的通知', '工作方案'],
    重大行政决策: ['城区停车收费标准调整方案', '农村供水保障工程实施方案'],
    村级重大事项: ['村规民约修订', '集体土地承包合同', '集体经济项目协议', '村（居）自治章程'],
  };
  const village = kind === '村级重大事项' ? placeName(r) : null;
  return {
    reviewNo: `${township ? shortName(unit) : '示司'}审〔${year}〕${seq}号`,
    kind,
    title: `${village ?? ''}${r.pick(subjects[kind] ?? ['其他事项'])}`,
    submitter: village
      ? `${village}民委员会`
      : r.pick([
          '示范县人民政府办公室',
          '示范县住房和城乡建设局',
          '示范县自然资源局',
          '示范县财政局',
          '示范县民政局',
        ]),
    village,
    receivedOn: dayStr(received),
    completedOn: done ? dayStr(done) : null,
    conclusion: done ? (opinions ? '提出修改意见' : '无修改意见') : null,
    opinions,
    opinionsAdopted: opinions === null ? null : opinions - r.int(0, Math.min(1, opinions)),
    opinionLetter: !!done && kind === '规范性文件' && r.chance(0.4),
    reviewer: personName(r),
    notes: null,
  };
};

const NORMATIVE_TITLES = [
  '城乡居民临时救助实施办法',
  '农村村民住房建设管理办法',
  '城区户外广告设置管理规定',
  '国有土地上房屋征收与补偿实施办法',
  '城市生活垃圾分类管理办法',
  '困难群众医疗救助实施细则',
  '促进民营经济发展若干措施',
  '公共租赁住房管理办法',
];

const normativeDoc: Maker = ({ r, unit, year, seq, day }) => {
  const gov = unit.type === 'government';
  const prefix = gov ? '示' : `示${shortName(unit).replace(/^县/, '').slice(0, 2)}`;
  const published = Math.min(day(), yearStart(year) + yearDays(year) - 1);
  const provisional = r.chance(0.2);
  const title = `${gov ? '示范县' : shortName(unit)}${r.pick(NORMATIVE_TITLES).replace(/办法$|规定$|细则$|措施$/, (m) => (provisional ? `暂行${m}` : m))}`;
  const effective = published + (r.chance(0.8) ? 30 : 0);
  const filed = r.chance(0.95) ? published + r.int(3, r.chance(0.9) ? 14 : 40) : null;
  const abolished = r.chance(0.05) ? effective + r.int(100, 400) : null;
  return {
    docNo: `${prefix}规〔${year}〕${seq}号`,
    issuingNo: `${prefix}${gov ? '政发' : '发'}〔${year}〕${r.int(1, 60)}号`,
    title,
    issuer: unit.name,
    registeredOn: dayStr(published - r.int(1, 10)),
    legalityReviewed: r.chance(0.98),
    collectivelyDiscussed: true,
    publishedOn: dayStr(published),
    publishedWhere: '示范县人民政府门户网站',
    effectiveOn: dayStr(effective),
    provisional,
    validYears: null,
    validUntil: null,
    filedWith: filed ? (gov ? ['上一级人民政府', '本级人大常委会'] : ['本级人民政府']) : null,
    filedOn: filed ? dayStr(filed) : null,
    filedOnTime: null, // derived from the filing deadline when written
    status: abolished ? '废止' : '有效',
    statusChangedOn: abolished ? dayStr(abolished) : null,
    cleanupOn: abolished ? dayStr(abolished) : null,
    cleanupResult: abolished ? '废止' : null,
    notes: null,
  };
};

const DECISION_TITLES = [
  '城区停车收费标准调整',
  '农村生活污水治理三年行动方案',
  '城区集中供热规划',
  '县城公交线网优化方案',
  '国有土地上房屋征收补偿方案',
  '义务教育学校布局调整规划',
  '城乡供水一体化实施方案',
  '老旧小区改造实施方案',
];

const majorDecision: Maker = ({ r, unit, year, seq }) => {
  const base = yearStart(year);
  const catalogued = base + r.int(40, 90);
  const decided = r.chance(0.8);
  const commentStart = catalogued + r.int(20, 120);
  const commentEnd = commentStart + r.int(30, 40);
  const expert = commentStart + r.int(0, 20);
  const risk = commentStart + r.int(0, 25);
  const lrSent = commentEnd + r.int(1, 10);
  const lrDone = lrSent + r.int(16, 30);
  const discussed = lrDone + r.int(3, 20);
  const hasExpert = r.chance(0.9);
  const hasRisk = r.chance(0.9);
  return {
    catalogueYear: year,
    title: `${r.pick(DECISION_TITLES)}（${year}-${seq}）`,
    sponsor: r.pick([
      '示范县住房和城乡建设局',
      '示范县发展和改革局',
      '示范县教育局',
      '示范县水利局',
      '示范县生态环境分局',
    ]),
    cataloguedOn: dayStr(catalogued),
    status: decided ? '已决策' : '拟决策',
    commentStartOn: dayStr(commentStart),
    commentEndOn: dayStr(commentEnd),
    commentShortenedReason: null,
    commentCount: r.int(0, 60),
    hearingHeld: r.chance(0.3),
    participationEvidence: `${unit.name}门户网站征求意见公告`,
    expertReviewOn: hasExpert ? dayStr(expert) : null,
    expertEvidence: hasExpert ? '专家论证意见' : null,
    riskAssessedOn: hasRisk ? dayStr(risk) : null,
    riskLevel: hasRisk ? r.weighted(dict('majorDecision.riskLevel'), [70, 25, 5]) : null,
    riskEvidence: hasRisk ? '社会稳定风险评估报告' : null,
    legalityReviewSentOn: dayStr(lrSent),
    legalityReviewDoneOn: dayStr(lrDone),
    legalityReviewShortReason: null,
    legalityEvidence: '合法性审查意见书',
    discussedOn: decided ? dayStr(discussed) : null,
    meeting: decided ? `县政府第${r.int(1, 30)}次常务会议` : null,
    decidedOn: decided ? dayStr(discussed) : null,
    decisionPublishedOn: decided ? dayStr(discussed + r.int(3, 15)) : null,
    archivedOn: decided ? dayStr(discussed + r.int(20, 60)) : null,
    postEvaluatedOn: decided && r.chance(0.2) ? dayStr(discussed + r.int(180, 360)) : null,
    postEvaluationResult: null,
    notes: null,
  };
};

const FIELD_OF: Array<[RegExp, string]> = [
  [/市场监督/, '市场监管'],
  [/交通/, '交通运输'],
  [/生态环境/, '生态环境'],
  [/农业农村/, '农业农村'],
  [/自然资源/, '自然资源'],
  [/住房/, '住房城乡建设'],
  [/城市管理|城管/, '城市管理'],
  [/文化|旅游/, '文化旅游'],
  [/应急/, '应急管理'],
  [/卫生/, '卫生健康'],
  [/公安/, '公安'],
  [/水利/, '水利'],
  [/林业/, '林业'],
  [/教育/, '教育'],
  [/人力资源/, '人力资源社会保障'],
  [/税务/, '税务'],
];
const fieldOf = (u: DemoUnit) => FIELD_OF.find(([re]) => re.test(u.name))?.[1] ?? '其他';

const enforcementBody: Maker = ({ r, unit, year, seq }) => {
  if (seq > 1) return null;
  return {
    name: unit.name,
    bodyType: '行政机关',
    field: fieldOf(unit),
    basis: '《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》及相关法律法规',
    entrustedBy: null,
    powers: r.int(80, 900),
    confirmedOn: dayStr(yearStart(year) + r.int(10, 60)),
    publishedOn: dayStr(yearStart(year) + r.int(61, 90)),
    status: '有效',
    revokedOn: null,
    notes: null,
  };
};

const enforcementOfficer: Maker = ({ r, unit, year, seq, unitIndex, day }) => {
  const issued = day();
  const revoked = r.chance(0.06) ? issued + r.int(60, 360) : null;
  return {
    name: personName(r),
    idNumber: idNumber(r, r.int(1965, 1998)),
    phone: phone(r),
    body: unit.name,
    field: fieldOf(unit),
    certificateType: r.chance(0.97) ? '行政执法证' : '行政执法监督证',
    certificateNo: `43${String(unitIndex + 1).padStart(3, '0')}${year}${String(seq).padStart(4, '0')}`,
    issuedOn: dayStr(issued),
    expiresOn: dayStr(issued + 365 * 5),
    legalReviewer: r.chance(0.06),
    revokedOn: revoked ? dayStr(revoked) : null,
    revokeReason: revoked ? r.weighted(dict('enforcement.revokeReason'), [40, 20, 2, 3, 30, 5]) : null,
    notes: null,
  };
};

const enforcementTraining: Maker = ({ r, unit, seq, day }) => {
  const kind = r.weighted(dict('enforcement.trainingKind'), [70, 15, 15]);
  const participants = r.int(15, 120);
  return {
    title: `${shortName(unit)}${kind === '业务培训' ? r.pick(['行政处罚法专题培训', '执法文书规范培训', '行政执法三项制度培训']) : kind}（第${seq}期）`,
    kind,
    organizer: unit.name,
    heldOn: dayStr(day()),
    hours: kind === '业务培训' ? r.pick([4, 8, 12, 16]) : 2,
    participants,
    passed: kind === '业务培训' ? null : participants - r.int(0, Math.min(5, participants)),
    notes: null,
  };
};

const enforcementAnnual: Maker = ({ r, unit, year, seq }) => {
  if (seq > 1) return null;
  const penalties = r.int(0, 600);
  return {
    year: `${year}-01-01`,
    body: unit.name,
    penalties,
    fines: penalties * r.int(200, 3000) * 100,
    licences: r.int(0, 3000),
    coercions: r.int(0, 50),
    inspections: r.int(50, 2000),
    legalReviews: Math.min(penalties, r.int(0, 30)),
    hearings: r.int(0, 5),
    publishedOn: r.chance(0.9) ? dayStr(yearStart(year + 1) + r.int(5, 29)) : null,
    publishedWhere: r.chance(0.9) ? '示范县人民政府门户网站' : null,
    notes: null,
  };
};

const publicity: Maker = ({ r, unit, day }) => {
  const type = r.weighted(dict('publicity.type'), [20, 18, 8, 8, 10, 5, 10, 3, 5, 10, 3]);
  const held = day();
  const sessions = r.int(1, type === '送法下乡' ? 6 : 2);
  return {
    title: `${shortName(unit)}${type}${r.pick(['', '活动', '——民法典进万家', '——维护农民工合法权益', '——宪法进校园'])}`,
    type,
    heldOn: dayStr(held),
    endOn: sessions > 1 ? dayStr(held + sessions - 1) : null,
    location: unit.name,
    audiences: [r.pick(dict('publicity.audience'))],
    sessions,
    audience: r.int(20, 600) * sessions,
    materials: r.int(0, 800),
    whoEnforces: unit.type === 'department' && r.chance(0.7),
    notes: null,
  };
};

function modelUnitMaker(awarded: Map<string, Set<string>>): Maker {
  return ({ r, unit, year }) => {
    const village = unit.type === 'village';
    const type = village ? '民主法治示范村（社区）' : '法治乡镇（街道）';
    const level = village
      ? r.weighted(['市级', '省级', '全国'], [75, 22, 3])
      : r.weighted(['市级', '省级'], [85, 15]);
    const seen = awarded.get(unit.id) ?? new Set<string>();
    if (seen.has(level)) return null;
    seen.add(level);
    awarded.set(unit.id, seen);
    const body =
      level === '全国'
        ? '司法部、民政部'
        : level === '省级'
          ? '省委全面依法治省委员会办公室'
          : '市委全面依法治市委员会办公室';
    return {
      name: unit.name,
      type,
      level,
      batch: `第${r.int(5, 10)}批`,
      awardedOn: dayStr(yearStart(year) + r.int(150, 350)),
      awardingBody: body,
      documentNo: null,
      reviewedOn: null,
      revokedOn: null,
      notes: null,
    };
  };
}

function specs(): Record<string, Spec> {
  return {
    reconsideration: {
      owns: isJusticeBureau,
      perYear: (r) => r.int(30, 80),
      make: reconsideration,
      outcomes: {
        acceptedOn: { acceptance: null, procedure: null },
        decidedOn: {
          decision: null,
          opinionLetter: false,
          correctedThenWithdrawn: false,
          opinionRecipient: null,
        },
      },
    },
    litigation: {
      owns: is('government', 'department'),
      perYear: (r, u) =>
        u.type === 'government' ? r.int(4, 10) : r.weighted([0, 1, 2, 3], [35, 35, 20, 10]),
      make: litigation,
      outcomes: {
        // A hearing still to come: nobody has appeared at it yet.
        hearingOn: {
          hearing: false,
          headAppeared: false,
          headName: null,
          headLevel: null,
          principalAppeared: false,
          headSpoke: false,
          staffAppeared: false,
        },
        concludedOn: { outcome: null, appealed: false, substantivelyResolved: false },
      },
    },
    mediationCase: {
      owns: is('justice_office'),
      perYear: (r) => r.int(60, 140),
      make: mediationCase,
      outcomes: {
        concludedOn: {
          result: null,
          agreementForm: null,
          judicialConfirmation: false,
          performed: false,
          performedOn: null,
        },
        performedOn: { performed: false },
      },
    },
    mediationMonthly: {
      owns: is('township'),
      perYear: () => 12,
      make: mediationMonthly,
      fixed: true,
      period: 'month',
    },
    mediationOrg: {
      owns: is('township'),
      perYear: (r, _u, _y, first) => (first ? r.int(15, 25) : r.int(0, 2)),
      make: mediationOrg,
    },
    mediator: {
      owns: is('township'),
      perYear: (r, _u, _y, first) => (first ? r.int(50, 90) : r.int(2, 8)),
      make: mediatorMaker,
    },
    legalAid: {
      owns: isJusticeBureau,
      perYear: (r) => r.int(450, 800),
      make: legalAid,
      outcomes: {
        decidedOn: { decision: null, caseType: null },
        assignedOn: { provider: null, handler: null, handlerOrg: null },
        closedOn: {
          recovered: null,
          subsidy: null,
          subsidyPaidOn: null,
          followUpOn: null,
          satisfaction: null,
        },
        followUpOn: { satisfaction: null },
      },
    },
    notarization: { owns: isJusticeBureau, perYear: (r) => r.int(800, 1200), make: notarization },
    legalAdviser: { owns: isJusticeBureau, perYear: (r) => r.int(30, 60), make: legalAdviser },
    legalityReview: {
      owns: (u) => isJusticeBureau(u) || u.type === 'township',
      perYear: (r, u) => (u.type === 'township' ? r.int(12, 30) : r.int(80, 130)),
      make: legalityReview,
      outcomes: {
        completedOn: { conclusion: null, opinions: null, opinionsAdopted: null, opinionLetter: false },
      },
    },
    normativeDoc: {
      owns: is('government', 'department'),
      perYear: (r, u) => (u.type === 'government' ? r.int(3, 8) : r.weighted([0, 1, 2], [60, 30, 10])),
      make: normativeDoc,
    },
    majorDecision: {
      owns: is('government'),
      perYear: (r) => r.int(3, 6),
      make: majorDecision,
      outcomes: { discussedOn: { meeting: null }, decidedOn: { status: '拟决策' } },
      planned: ['commentEndOn'],
    },
    enforcementBody: {
      owns: is('department'),
      perYear: (_r, _u, _y, first) => (first ? 1 : 0),
      make: enforcementBody,
      fixed: true,
    },
    enforcementOfficer: {
      owns: is('department'),
      perYear: (r, _u, _y, first) => (first ? r.int(8, 40) : r.int(1, 6)),
      make: enforcementOfficer,
      outcomes: { revokedOn: { revokeReason: null } },
      planned: ['expiresOn'],
    },
    enforcementTraining: { owns: is('department'), perYear: (r) => r.int(1, 4), make: enforcementTraining },
    enforcementAnnual: {
      owns: is('department'),
      perYear: () => 1,
      make: enforcementAnnual,
      fixed: true,
      period: 'year',
    },
    publicity: {
      owns: () => true,
      perYear: (r, u) =>
        u.type === 'village'
          ? r.int(0, 2)
          : u.type === 'township'
            ? r.int(3, 8)
            : u.type === 'department'
              ? r.int(2, 6)
              : r.int(4, 12),
      make: publicity,
    },
    modelUnit: {
      owns: is('village', 'township'),
      perYear: (r, u) => (r.chance(u.type === 'village' ? 0.08 : 0.1) ? 1 : 0),
      make: () => null, // replaced per run (needs state)
      fixed: true,
    },
  };
}

/** Generate demo records for one ledger over the given units and years. Deterministic in `seed`. */
export function generateDemoRecords(
  def: LedgerDef,
  opts: DemoOptions,
): Array<{ unitId: string; record: LedgerRecord }> {
  const spec = specs()[def.key];
  if (!spec) throw new Error(`no demo data generator for ledger ${def.key}`);
  const make = def.key === 'modelUnit' ? modelUnitMaker(new Map()) : spec.make;
  const scale = opts.scale ?? 1;
  const years = [...opts.years].sort((a, b) => a - b);
  const owners = opts.units.filter(spec.owns);
  const keys = Object.keys(def.fields);
  const out: Array<{ unitId: string; record: LedgerRecord }> = [];
  const asOf = opts.asOf ? Date.parse(`${opts.asOf}T00:00:00Z`) / DAY : null;
  owners.forEach((unit, unitIndex) => {
    const r = new Rng(prng(hash(`${opts.seed}:${def.key}:${unit.id}`)));
    years.forEach((year, yi) => {
      const base = yearStart(year);
      const full = yearDays(year);
      const len = asOf === null ? full : Math.min(full, asOf - base + 1);
      if (len <= 0) return;
      const n0 = spec.perYear(r, unit, year, yi === 0);
      const n = spec.fixed ? n0 : Math.round(n0 * scale * (len / full));
      // Case numbers follow the order of receipt: each record's first day (its start) comes from the
      // year's days drawn and sorted in advance.
      const starts = Array.from({ length: n }, () => base + r.int(0, len - 1)).sort((a, b) => a - b);
      for (let seq = 1; seq <= n; seq++) {
        let first = true;
        const ctx: Ctx = {
          r,
          unit,
          year,
          seq,
          unitIndex,
          yearIndex: yi,
          day: () => {
            if (!first) return base + r.int(0, len - 1);
            first = false;
            return starts[seq - 1]!;
          },
          asOf,
        };
        const rec = make(ctx);
        if (!rec) continue;
        for (const k of keys) if (rec[k] === undefined) rec[k] = null;
        if (asOf !== null && !notYetHappened(def, spec, rec, dayStr(asOf))) continue;
        if (asOf !== null && spec.period && periodEnd(String(rec[def.sortBy]), spec.period) > dayStr(asOf))
          continue;
        out.push({ unitId: unit.id, record: rec });
      }
    });
  });
  return out;
}

/**
 * Empties the dates after `asOf` and the outcomes that depend on them. False when the record itself
 * starts after `asOf` and so does not exist yet.
 */
function notYetHappened(def: LedgerDef, spec: Spec, rec: LedgerRecord, asOf: string): boolean {
  for (const [k, fd] of Object.entries(def.fields)) {
    const v = rec[k];
    if (fd.type !== 'date' || typeof v !== 'string' || v <= asOf || spec.planned?.includes(k)) continue;
    if (k === def.sortBy) return false;
    rec[k] = null;
    Object.assign(rec, spec.outcomes?.[k]);
  }
  return true;
}

/** The dates a ledger's demo records may have after their `asOf` (fixed in advance). */
export function demoPlannedDates(key: string): string[] {
  return specs()[key]?.planned ?? [];
}

/** Ledger keys that have a demo generator. */
export const DEMO_LEDGERS = Object.keys(specs());
