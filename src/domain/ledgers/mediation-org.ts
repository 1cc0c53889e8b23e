import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 人民调解组织名册: a register; counts are attributed to the 成立日期 and summed cumulatively. */
export const mediationOrg = defineLedger({
  key: 'mediationOrg',
  title: '人民调解组织',
  domain: 'mediation',
  keptBy: ['township', 'justice_office', 'rule_of_law_office'],
  description: '辖区内人民调解委员会及调解工作室名册，一个组织一条。',
  naturalKey: ['name'],
  sortBy: 'establishedOn',
  fields: {
    name: f.text('组织名称', { required: true, max: 100, list: true, filter: true }),
    orgType: f.dict('组织类型', 'mediation.orgType', { required: true, list: true, filter: true }),
    establishedOn: f.date('成立日期', { required: true, list: true, filter: true }),
    director: f.text('主任', { max: 50, pii: 'name', list: true }),
    directorPhone: f.text('联系电话', { max: 20, pii: 'phone' }),
    members: f.int('委员人数', { max: 200 }),
    address: f.text('办公地点', { max: 200, pii: 'address' }),
    dissolvedOn: f.date('撤销日期', { filter: true }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    established: m.count('新成立组织数', 'establishedOn'),
    active: m.count('现存组织数（按成立日期累计）', 'establishedOn', p.isNull('dissolvedOn')),
    dissolved: m.count('撤销组织数', 'dissolvedOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('establishedOn', 'dissolvedOn', '撤销日期不能早于成立日期');
    return c.out;
  },
});
