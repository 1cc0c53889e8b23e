import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 行政执法年度数据 (三项制度: 每年1月31日前公开上年度执法数据): one row per body per year. */
export const enforcementAnnual = defineLedger({
  key: 'enforcementAnnual',
  title: '行政执法年度数据',
  domain: 'enforcement',
  keptBy: ['department', 'township', 'rule_of_law_office'],
  description: '执法主体上年度行政处罚、行政许可、行政强制、行政检查等执法数据及其公开情况，一主体一年一条。',
  naturalKey: ['year', 'body'],
  sortBy: 'year',
  fields: {
    year: f.date('统计年度', {
      required: true,
      list: true,
      filter: true,
      granularity: 'year',
      help: '填该年1月1日，如 2024-01-01',
    }),
    body: f.text('执法主体', { required: true, max: 100, list: true, filter: true }),
    penalties: f.int('行政处罚（件）', { list: true }),
    fines: f.money('罚没金额（元）'),
    licences: f.int('行政许可（件）', { list: true }),
    coercions: f.int('行政强制（件）', { list: true }),
    inspections: f.int('行政检查（次）', { list: true }),
    legalReviews: f.int('重大执法决定法制审核（件）'),
    hearings: f.int('听证（件）'),
    publishedOn: f.date('公开日期', { list: true }),
    publishedWhere: f.text('公开载体', { max: 200 }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    reports: m.count('报送年度数据主体数', 'year'),
    penalties: m.sum('行政处罚件数', 'penalties', 'year'),
    fines: m.sum('罚没金额（分）', 'fines', 'year'),
    licences: m.sum('行政许可件数', 'licences', 'year'),
    coercions: m.sum('行政强制件数', 'coercions', 'year'),
    inspections: m.sum('行政检查次数', 'inspections', 'year'),
    legalReviews: m.sum('重大执法决定法制审核件数', 'legalReviews', 'year'),
    published: m.count('已公开年度数据主体数', 'year', p.notNull('publishedOn')),
  },
  deadlines: [
    {
      id: 'publish',
      label: '公开上年度执法数据',
      limit: 'enforcement.annual_data',
      from: 'year',
      done: 'publishedOn',
    },
  ],
  validate: (r) => {
    const c = checker(r);
    const year = c.str('year');
    if (year && !year.endsWith('-01-01')) c.push('year', '统计年度应填该年1月1日（如 2024-01-01）');
    const pub = c.str('publishedOn');
    if (year && pub && pub.slice(0, 4) <= year.slice(0, 4))
      c.push('publishedOn', '年度数据应在统计年度结束后公开');
    c.notMore('legalReviews', 'penalties', '法制审核件数一般不超过处罚件数');
    return c.out;
  },
});
