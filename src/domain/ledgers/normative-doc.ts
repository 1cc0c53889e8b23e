import type { DeadlineRules } from '../deadlines/index.ts';
import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 三统一 number: 「X规〔2025〕3号」 (issuer abbreviation + 规 + 〔year〕 + number). */
export const NORMATIVE_NUMBER = /^[\u4e00-\u9fa5]{1,12}规〔(\d{4})〕(\d{1,4})号$/u;

/** Validity in years when neither 有效期至 nor 有效期（年） is entered; regions may change them. */
export const NORMATIVE_VALIDITY_YEARS = { standard: 5, provisional: 2 };

/** The region's validity periods: the statutory limits 有效期 and 有效期（暂行、试行）, kept in months. */
export function validityYears(rules: DeadlineRules): { standard: number; provisional: number } {
  const years = (id: string) => {
    const l = rules.limit(id);
    return l.unit === 'month' ? l.days / 12 : l.days / 365;
  };
  return {
    standard: years('normative_document.validity'),
    provisional: years('normative_document.validity_provisional'),
  };
}

/** Whether a title marks a provisional document (暂行/试行). */
export function isProvisionalTitle(title: string): boolean {
  return /暂行|试行/u.test(title);
}

/**
 * The last day of validity: the entered 有效期至, else 施行日期 + N years − 1 day (inclusive start),
 * N = 有效期（年） or the configured default (2 for 暂行/试行, else 5). Not stored unless entered.
 */
export function validityEnd(
  r: {
    effectiveOn?: unknown;
    validUntil?: unknown;
    validYears?: unknown;
    provisional?: unknown;
    title?: unknown;
  },
  years = NORMATIVE_VALIDITY_YEARS,
): string | null {
  if (typeof r.validUntil === 'string' && r.validUntil) return r.validUntil;
  if (typeof r.effectiveOn !== 'string' || !r.effectiveOn) return null;
  const provisional = r.provisional === true || (typeof r.title === 'string' && isProvisionalTitle(r.title));
  const n =
    typeof r.validYears === 'number' ? r.validYears : provisional ? years.provisional : years.standard;
  const d = new Date(`${r.effectiveOn}T00:00:00Z`);
  // Same day N years (in months, as a region may set 36 months) later (Feb 29 → Feb 28), minus one day.
  const months = d.getUTCMonth() + Math.round(n * 12);
  const y = d.getUTCFullYear() + Math.floor(months / 12);
  const m0 = months % 12;
  const day = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate());
  const end = new Date(Date.UTC(y, m0, day) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

/** Days left before validity ends (negative: already past); null without dates. For 到期预警. */
export function daysToValidityEnd(r: Parameters<typeof validityEnd>[0], today: string): number | null {
  const end = validityEnd(r);
  if (!end) return null;
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** 行政规范性文件台账 (国办发〔2018〕37号): 三统一, 备案, 有效期, 清理. */
export const normativeDoc = defineLedger({
  key: 'normativeDoc',
  title: '行政规范性文件',
  domain: 'normativeDoc',
  keptBy: ['government', 'department', 'township', 'rule_of_law_office'],
  description:
    '本级政府及部门制发的行政规范性文件，实行统一登记、统一编号、统一公布，记录备案、有效期和清理情况。',
  naturalKey: ['docNo'],
  sortBy: 'publishedOn',
  fields: {
    docNo: f.text('统一编号', {
      required: true,
      max: 40,
      list: true,
      filter: true,
      pattern: { re: NORMATIVE_NUMBER, message: '统一编号格式应为「X规〔2025〕3号」' },
    }),
    issuingNo: f.text('发文字号', { max: 40, help: '如 示政发〔2025〕5号' }),
    title: f.text('文件名称', { required: true, max: 200, list: true }),
    issuer: f.text('制定机关', { required: true, max: 100, filter: true }),
    registeredOn: f.date('登记日期'),
    legalityReviewed: f.bool('经合法性审查'),
    collectivelyDiscussed: f.bool('经集体讨论'),
    publishedOn: f.date('公布日期', { required: true, list: true, filter: true }),
    publishedWhere: f.text('公布载体', { max: 100, help: '政府公报、门户网站等' }),
    effectiveOn: f.date('施行日期', { required: true, list: true }),
    provisional: f.bool('暂行或试行', { help: '暂行、试行文件有效期一般为2年' }),
    validYears: f.int('有效期（年）', { min: 1, max: 10, help: '不填则按5年（暂行、试行2年）' }),
    validUntil: f.date('有效期至', { help: '文件载明有效期的填写；不填则按施行日期和有效期推算' }),
    filedWith: f.multi('备案机关', 'normativeDoc.filedWith'),
    filedOn: f.date('报送备案日期', { filter: true }),
    filedOnTime: f.onTime('按期报送备案', ['filing'], {
      filter: true,
      help: '系统按公布日期与本地区的备案期限自动计算，不需填写',
    }),
    status: f.dict('效力状态', 'normativeDoc.status', { required: true, list: true, filter: true }),
    statusChangedOn: f.date('失效（废止、修订）日期'),
    cleanupOn: f.date('最近清理日期'),
    cleanupResult: f.dict('清理结果', 'normativeDoc.cleanupResult'),
    notes: f.longtext('备注', { max: 2000 }),
  },
  measures: {
    published: m.count('公布件数', 'publishedOn'),
    filed: m.count('报送备案件数', 'publishedOn', p.notNull('filedOn')),
    filedOnTime: m.count(
      '按期报送备案件数',
      'publishedOn',
      p.and(p.notNull('filedOn'), p.eq('filedOnTime', true)),
    ),
    reviewed: m.count('经合法性审查件数', 'publishedOn', p.eq('legalityReviewed', true)),
    cleaned: m.count('清理件数', 'cleanupOn', p.notNull('cleanupResult')),
    abolished: m.count('废止件数', 'statusChangedOn', p.eq('status', '废止')),
    expired: m.count('失效件数', 'statusChangedOn', p.eq('status', '失效')),
    revised: m.count('修订件数', 'statusChangedOn', p.eq('status', '修订')),
  },
  deadlines: [
    {
      id: 'filing',
      label: '报送备案',
      limit: 'normative_document.filing',
      from: 'publishedOn',
      done: 'filedOn',
    },
    {
      id: 'validity',
      label: '有效期届满（评估是否继续施行）',
      limit: 'normative_document.validity',
      from: 'effectiveOn',
      done: 'statusChangedOn',
      dueOn: (r, rules) => validityEnd(r, validityYears(rules)),
      when: p.not(p.eq('provisional', true)),
    },
    {
      id: 'validityProvisional',
      label: '有效期届满（暂行、试行）',
      limit: 'normative_document.validity_provisional',
      from: 'effectiveOn',
      done: 'statusChangedOn',
      dueOn: (r, rules) => validityEnd(r, validityYears(rules)),
      when: p.eq('provisional', true),
    },
  ],
  validate: (r) => {
    const c = checker(r);
    c.order('registeredOn', 'publishedOn', '公布日期不能早于登记日期');
    c.order('publishedOn', 'effectiveOn', '施行日期不能早于公布日期');
    c.order('publishedOn', 'filedOn', '报送备案日期不能早于公布日期');
    c.order('effectiveOn', 'validUntil', '有效期至不能早于施行日期');
    c.order('publishedOn', 'statusChangedOn', '失效（废止、修订）日期不能早于公布日期');
    c.order('publishedOn', 'cleanupOn', '清理日期不能早于公布日期');
    const docNo = c.str('docNo');
    const published = c.str('publishedOn');
    const year = docNo ? NORMATIVE_NUMBER.exec(docNo)?.[1] : undefined;
    if (year && published && year !== published.slice(0, 4))
      c.push('docNo', `统一编号年份〔${year}〕与公布日期年份不一致`);
    const title = c.str('title');
    if (title && isProvisionalTitle(title) && r.provisional === false)
      c.push('provisional', '文件名称含「暂行」或「试行」的，应标为暂行或试行');
    c.requireIf(!!r.filedOn, 'filedWith', '已报送备案的，须填写备案机关');
    c.requireIf(r.filedOnTime === true, 'filedOn', '按期报送备案的，须填写报送备案日期');
    c.requireIf(r.status !== '有效' && !!r.status, 'statusChangedOn', '已失效、废止或修订的，须填写相应日期');
    c.requireIf(!!r.cleanupResult, 'cleanupOn', '已填写清理结果的，须填写清理日期');
    return c.out;
  },
});
