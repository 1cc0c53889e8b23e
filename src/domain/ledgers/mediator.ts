import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 人民调解员名册: a register; counts are attributed to the 聘任日期 and summed cumulatively. */
export const mediator = defineLedger({
  key: 'mediator',
  title: '人民调解员',
  domain: 'mediation',
  keptBy: ['township', 'justice_office', 'rule_of_law_office'],
  description: '人民调解员名册（专职、兼职），一人一条。',
  naturalKey: ['idNumber'],
  sortBy: 'appointedOn',
  fields: {
    name: f.text('姓名', { required: true, max: 50, pii: 'name', list: true }),
    idNumber: f.text('身份证号码', {
      required: true,
      max: 18,
      pii: 'idNumber',
      pattern: { re: /^\d{17}[\dX]$/, message: '身份证号码应为18位，末位可为X' },
    }),
    gender: f.dict('性别', 'common.gender'),
    phone: f.text('联系电话', { max: 20, pii: 'phone' }),
    education: f.dict('学历', 'common.education'),
    organization: f.text('所在调解组织', { required: true, max: 100, list: true, filter: true }),
    post: f.dict('任职层级', 'mediation.post', { required: true, list: true, filter: true }),
    employment: f.dict('专兼职', 'mediation.employment', { required: true, list: true, filter: true }),
    appointedOn: f.date('聘任日期', { required: true, list: true, filter: true }),
    leftOn: f.date('解聘日期'),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    appointed: m.count('新聘调解员数', 'appointedOn'),
    active: m.count('在册调解员数（按聘任日期累计）', 'appointedOn', p.isNull('leftOn')),
    activeFullTime: m.count(
      '在册专职调解员数',
      'appointedOn',
      p.and(p.isNull('leftOn'), p.eq('employment', '专职')),
    ),
    activePartTime: m.count(
      '在册兼职调解员数',
      'appointedOn',
      p.and(p.isNull('leftOn'), p.eq('employment', '兼职')),
    ),
    left: m.count('解聘调解员数', 'leftOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('appointedOn', 'leftOn', '解聘日期不能早于聘任日期');
    return c.out;
  },
});
