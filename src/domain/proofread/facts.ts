/**
 * Fact extraction: every quantity the text states, with the phrase it belongs to and, where the phrase
 * maps to a ledger indicator, a canonical metric id.
 */
import { multiplierOf, parseArabic, parseChineseNumeral, toHalfWidthDigits } from '../numbers/index.ts';
import type { Doc } from './doc.ts';
import type { Fact } from './types.ts';

/** Units recognised after a number, longest first. */
export const UNITS = [
  '个百分点',
  '个工作日',
  '工作日',
  '人次',
  '场次',
  '批次',
  '户次',
  '件次',
  '家次',
  '课时',
  '学时',
  '小时',
  '平方米',
  '公里',
  '元',
  '件',
  '人',
  '次',
  '场',
  '个',
  '项',
  '份',
  '卷',
  '户',
  '名',
  '条',
  '期',
  '家',
  '所',
  '起',
  '批',
  '篇',
  '本',
  '册',
  '套',
  '台',
  '辆',
  '座',
  '亩',
  '部',
  '类',
  '轮',
  '张',
  '位',
  '支',
  '堂',
  '例',
  '宗',
  '组',
  '处',
  '天',
  '倍',
  '%',
  '％',
] as const;

const NUM = String.raw`(?:\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千]+)`;
const UNIT_ALT = UNITS.map((u) => u.replace(/[%]/g, '%')).join('|');
/** prefix? number (range)? 余? 万/亿? 余? space? unit */
export const QUANTITY_RE = new RegExp(
  String.raw`(约|近|超过|逾)?(${NUM})(?:\s?[-—–~～至到]\s?(${NUM}))?(余|多)?(万|亿)?(余|多)?[ \u00a0]?(${UNIT_ALT})`,
  'gu',
);

const HARD_DELIM = /[，,。；;：:\n\r！？!?【】[\]]/u;
const LEADING_FILLER =
  /^(?:[一二三四五六七八九十]+是|其中[，,]?|同时|并且?|另外|此外|全年|年内|今年|累计|共计|总计|合计|共|先后|已经|已|20\d\d年度?[，,]?|\s)+/u;
const TRAILING_FILLER =
  /(?:达到了|达到|分别为|分别|约为|共计|累计|总计|合计|达|为|共|约|计|有|了|是|近|超过|逾|\s)+$/u;

interface MetricRule {
  topic?: RegExp;
  label: RegExp;
  metric: string;
  /** only for percentages (true) or only counts (false) */
  rate?: boolean;
  /** allowed units for counts */
  units?: string[];
}
const CASES = ['件', '起', '宗'];
const PEOPLE = ['人', '名'];

const TOPICS: Array<[RegExp, string]> = [
  [/行政复议|复议/gu, 'reconsideration'],
  [/行政诉讼|行政应诉|应诉案件|出庭应诉/gu, 'litigation'],
  [/调解|矛盾纠纷/gu, 'mediation'],
  [/法律援助/gu, 'legalAid'],
  [/公证/gu, 'notarization'],
];

const METRIC_RULES: Record<string, MetricRule[]> = {
  reconsideration: [
    { label: /综合纠错率/u, metric: 'reconsideration.comprehensiveCorrectionRate', rate: true },
    { label: /纠错率/u, metric: 'reconsideration.correctionRate', rate: true },
    { label: /按期办结率|按时办结率|办结率/u, metric: 'reconsideration.onTimeRate', rate: true },
    { label: /纠错|撤销|变更|确认违法/u, metric: 'reconsideration.corrected', rate: false, units: CASES },
    { label: /收案|收到|接收|申请/u, metric: 'reconsideration.received', rate: false, units: CASES },
    { label: /不予受理/u, metric: 'reconsideration.rejected', rate: false },
    { label: /受理/u, metric: 'reconsideration.accepted', rate: false, units: CASES },
    { label: /审结|办结|结案/u, metric: 'reconsideration.concluded', rate: false, units: CASES },
    { label: /听证/u, metric: 'reconsideration.hearings', rate: false },
    { label: /简易程序/u, metric: 'reconsideration.simpleProcedure', rate: false },
    { label: /意见书/u, metric: 'reconsideration.opinionLetters', rate: false },
    { label: /复议案件/u, metric: 'reconsideration.cases', rate: false },
  ],
  litigation: [
    { label: /负责人出庭(?:应诉)?率/u, metric: 'litigation.headAppearanceRate', rate: true },
    { label: /出庭应诉率/u, metric: 'litigation.appearanceRate', rate: true },
    { label: /败诉率/u, metric: 'litigation.lossRate', rate: true },
    { label: /胜诉率/u, metric: 'litigation.winRate', rate: true },
    { label: /负责人出庭/u, metric: 'litigation.headAppearances', rate: false },
    { label: /收案|受理/u, metric: 'litigation.received', rate: false, units: CASES },
    { label: /开庭/u, metric: 'litigation.hearings', rate: false },
    { label: /审结|办结|结案/u, metric: 'litigation.concluded', rate: false, units: CASES },
    { label: /败诉/u, metric: 'litigation.lost', rate: false },
    { label: /诉讼案件|应诉案件/u, metric: 'litigation.cases', rate: false },
  ],
  mediation: [
    { label: /成功率/u, metric: 'mediation.successRate', rate: true },
    { label: /履行率/u, metric: 'mediation.performanceRate', rate: true },
    { label: /调处率|调解率/u, metric: 'mediation.handledRate', rate: true },
    { label: /成功/u, metric: 'mediation.success', rate: false },
    { label: /金额/u, metric: 'mediation.amount', rate: false },
    { label: /疑难|复杂/u, metric: 'mediation.complexCases', rate: false },
    { label: /排查纠纷|^(?!.*(?:调解|调处)).*排查/u, metric: 'mediation.screened', rate: false },
    {
      label: /(?:调解组织|调委会|调解委员会|调解室)$/u,
      metric: 'mediation.organizations',
      rate: false,
      units: ['个'],
    },
    { label: /(?:调解员|调解人员)/u, metric: 'mediation.mediators', rate: false, units: PEOPLE },
    { label: /调解|调处|受理|矛盾纠纷|纠纷/u, metric: 'mediation.cases', rate: false, units: CASES },
  ],
  legalAid: [
    { label: /满意/u, metric: 'legalAid.satisfactionRate', rate: true },
    { label: /挽回|取得利益/u, metric: 'legalAid.recovered', rate: false },
    { label: /补贴/u, metric: 'legalAid.subsidy', rate: false },
    { label: /^刑事/u, metric: 'legalAid.criminalCases', rate: false },
    { label: /^民事/u, metric: 'legalAid.civilCases', rate: false },
    { label: /^行政/u, metric: 'legalAid.administrativeCases', rate: false },
    { label: /咨询/u, metric: 'legalAid.consultations', rate: false },
    { label: /案件|援助/u, metric: 'legalAid.cases', rate: false, units: CASES },
  ],
  notarization: [
    { label: /上门/u, metric: 'notarization.homeVisits', rate: false },
    { label: /公证事项|公证|办结|办理/u, metric: 'notarization.cases', rate: false, units: CASES },
  ],
  '': [
    { label: /规范性文件/u, metric: 'legalityReview.normativeDocuments', rate: false },
    { label: /政府合同|合同协议|合作协议/u, metric: 'legalityReview.contracts', rate: false },
    { label: /会议纪要/u, metric: 'legalityReview.meetingMinutes', rate: false },
    { label: /一般性文件/u, metric: 'legalityReview.generalDocuments', rate: false },
    { label: /村级重大事项/u, metric: 'legalityReview.villageMatters', rate: false },
    { label: /重大行政决策/u, metric: 'majorDecisions.reviewed', rate: false },
    { label: /督察.*问题|发现问题/u, metric: 'inspection.problems', rate: false },
    { label: /执法证/u, metric: 'enforcement.certificatesCancelled', rate: false },
    { label: /民主法治示范村/u, metric: 'demonstration.villages', rate: false },
    { label: /法治乡镇/u, metric: 'demonstration.townships', rate: false },
  ],
};

/** Every metric id a fact can carry; each has a Chinese name (see metric-names.ts). */
export const FACT_METRICS: readonly string[] = [
  ...new Set(Object.values(METRIC_RULES).flatMap((rules) => rules.map((r) => r.metric))),
];

function topicOf(text: string): string | undefined {
  let best: string | undefined;
  let bestAt = -1;
  for (const [re, topic] of TOPICS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null = re.exec(text);
    while (m) {
      if (m.index >= bestAt) {
        bestAt = m.index;
        best = topic;
      }
      m = re.exec(text);
    }
  }
  return best;
}

export function metricFor(
  label: string,
  unit: string,
  sentencePrefix: string,
  inherited?: string,
): string | undefined {
  const isRate = unit === '%';
  const topic = topicOf(label) ?? topicOf(sentencePrefix) ?? inherited;
  const lists = topic ? [METRIC_RULES[topic] ?? [], METRIC_RULES[''] ?? []] : [METRIC_RULES[''] ?? []];
  for (const list of lists) {
    for (const r of list) {
      if (r.rate !== undefined && r.rate !== isRate) continue;
      if (r.units && !r.units.includes(unit)) continue;
      if (r.label.test(label)) return r.metric;
    }
  }
  return undefined;
}

function parseNum(s: string): number | undefined {
  return /\d/.test(s) ? parseArabic(s.replace(/,/g, '')) : parseChineseNumeral(s);
}

function cleanLabel(s: string): string {
  let out = s.replace(LEADING_FILLER, '');
  out = out.replace(TRAILING_FILLER, '');
  return out.trim();
}

export function extractFactsFromDoc(doc: Doc): Fact[] {
  const text = doc.text;
  const facts: Fact[] = [];
  const quoted = doc.quoted;
  QUANTITY_RE.lastIndex = 0;
  let prevEnd = -1;
  let m: RegExpExecArray | null = QUANTITY_RE.exec(text);
  const sentenceTopics = new Map<number, string | undefined>();
  while (m) {
    const start = m.index;
    const end = start + m[0].length;
    const numText = m[2] ?? '';
    const upper = m[3];
    const before = text[start - 1] ?? '';
    const after = text[end] ?? '';
    const chinese = !/\d/.test(numText);
    let ok = true;
    // inside a larger token: letters, digits, dots, slashes, dashes (codes, versions, phone numbers)
    if (/[\w.\-/]/u.test(before) && !m[1]) ok = false;
    if (chinese) {
      if (/[第〇零一二两三四五六七八九十百千万亿几数每]/u.test(before)) ok = false;
      if (quoted[start] === 1) ok = false;
      if (numText === '一') ok = false; // 一个/一次 usually an article, not a count
      if (/^[百千]+$/.test(numText)) ok = false;
    }
    if (before === '第') ok = false;
    // 日/天 after 月: a date
    if ((m[7] === '天' || m[7] === '个工作日') && before === '月') ok = false;
    // 1-3季度 style: a unit followed by more CJK making a different word is fine; reject 次日/次年
    if (m[7] === '次' && /[日年月]/u.test(after)) ok = false;
    if (m[7] === '处' && /[理置罚分]/u.test(after)) ok = false;
    if (m[7] === '人' && /[民员大]/u.test(after) && chinese) ok = false;
    if (m[7] === '位' && /[置于]/u.test(after)) ok = false;
    if (m[7] === '组' && /[织建成]/u.test(after)) ok = false;
    if (m[7] === '类' && /[型别似]/u.test(after)) ok = false;
    if (m[7] === '张' && chinese) ok = false;
    if (m[7] === '部' && /[门署分]/u.test(after)) ok = false;
    if (m[7] === '家' && /[庭长属]/u.test(after)) ok = false;
    if (m[7] === '期' && /[间限满内]/u.test(after)) ok = false;
    if (m[7] === '场' && /[所地景]/u.test(after)) ok = false;
    if (m[7] === '名' && /[称单义誉额]/u.test(after)) ok = false;
    if (m[7] === '条' && /[例件款]/u.test(after)) ok = false;
    if (m[7] === '起' && /[草诉来到]/u.test(after)) ok = false;
    if (m[7] === '项' && /[目]/u.test(after) && chinese) ok = false;
    if (!ok) {
      m = QUANTITY_RE.exec(text);
      continue;
    }
    const base = parseNum(upper ?? numText);
    if (base === undefined) {
      m = QUANTITY_RE.exec(text);
      continue;
    }
    const mult = multiplierOf(m[5] ?? '');
    const value = Math.round(base * mult * 1e6) / 1e6;
    let unit = m[7] ?? '';
    if (unit === '％') unit = '%';
    if (unit === '个工作日') unit = '工作日';

    // label: back to the previous delimiter or previous fact
    let ls = start;
    while (ls > 0 && ls > prevEnd) {
      const c = text[ls - 1] ?? '';
      if (HARD_DELIM.test(c)) break;
      if (c === '、' && ls - 1 === prevEnd) break;
      if (c === '、' && /[\d件人次个项份名元%]/u.test(text[ls - 2] ?? '')) break;
      if (start - ls > 40) break;
      ls--;
    }
    let rawLabel = text.slice(ls, start);
    const bookEnd = rawLabel.lastIndexOf('》');
    if (bookEnd >= 0 && rawLabel.length - bookEnd > 3) rawLabel = rawLabel.slice(bookEnd + 1);
    let label = cleanLabel(rawLabel);
    if (/、\s*$/u.test(rawLabel)) label = '';
    if (label.length <= 2 || /(?:了|对|在|有|将|把|为|向|从|的|全县|全市|共)$/u.test(label)) {
      // 12个乡镇, 实现了100个以上高频事项: the noun follows
      let fe = end;
      while (fe < text.length && fe - end < 14) {
        const c = text[fe] ?? '';
        if (HARD_DELIM.test(c) || c === '、' || /[\d\s]/u.test(c)) break;
        fe++;
      }
      const following = text
        .slice(end, fe)
        .replace(/^(?:以上|以下|左右|多|余)/u, '')
        .replace(/(?:的|中|进行|开展|实现|参加|参与|续签|均|都|完成|建立|被|获).*$/u, '');
      if (following.length >= 2) label = label.length <= 2 ? following : `${label}${following}`;
    }
    // metric: topic from the label, the sentence so far, or (for 其中… sentences) the previous sentence
    const sentence = doc.sentenceAt(start);
    const sStart = sentence?.start ?? 0;
    const prefix = text.slice(sStart, start);
    let inherited: string | undefined;
    if (/^\s*(?:其中|同时|此外)/u.test(prefix)) {
      const prev = doc.sentenceAt(sStart - 1);
      if (prev) {
        if (!sentenceTopics.has(prev.start))
          sentenceTopics.set(prev.start, topicOf(text.slice(prev.start, prev.end)));
        inherited = sentenceTopics.get(prev.start);
      }
    }
    const fact: Fact = { label, value, unit, start, end, raw: m[0] };
    const metric = metricFor(label, unit, prefix, inherited);
    if (metric) fact.metric = metric;
    if (m[1] || m[4] || m[6] || upper) fact.approx = true;
    if (unit === '%') fact.decimals = /\.(\d+)/.exec(toHalfWidthDigits(numText))?.[1]?.length ?? 0;
    facts.push(fact);
    prevEnd = end;
    m = QUANTITY_RE.exec(text);
  }
  return facts;
}
