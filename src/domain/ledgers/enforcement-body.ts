import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 行政执法主体名册: a register, attributed to the 主体资格确认（公告）日期. */
export const enforcementBody = defineLedger({
  key: 'enforcementBody',
  title: '行政执法主体',
  domain: 'enforcement',
  keptBy: ['department', 'township', 'rule_of_law_office'],
  description: '经确认并向社会公告的行政执法主体，一个主体一条：类别、领域、依据、执法事项数。',
  naturalKey: ['name'],
  sortBy: 'confirmedOn',
  fields: {
    name: f.text('执法主体名称', { required: true, max: 100, list: true, filter: true }),
    bodyType: f.dict('主体类别', 'enforcement.bodyType', { required: true, list: true, filter: true }),
    field: f.dict('执法领域', 'enforcement.field', { required: true, list: true, filter: true }),
    basis: f.longtext('设定依据', { max: 2000 }),
    entrustedBy: f.text('委托机关', { max: 100, help: '受委托组织填写' }),
    powers: f.int('行政执法事项（项）', { max: 10_000 }),
    confirmedOn: f.date('主体资格确认日期', { required: true, list: true }),
    publishedOn: f.date('向社会公告日期'),
    status: f.dict('状态', 'common.validity', { required: true, filter: true }),
    revokedOn: f.date('撤销日期'),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    confirmed: m.count('确认执法主体数', 'confirmedOn'),
    active: m.count('现有执法主体数（按确认日期累计）', 'confirmedOn', p.eq('status', '有效')),
    revoked: m.count('撤销执法主体数', 'revokedOn'),
    powers: m.sum('行政执法事项数', 'powers', 'confirmedOn', p.eq('status', '有效')),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('confirmedOn', 'publishedOn', '公告日期不能早于确认日期');
    c.order('confirmedOn', 'revokedOn', '撤销日期不能早于确认日期');
    c.requireIf(r.status === '撤销', 'revokedOn', '已撤销的，须填写撤销日期');
    if (r.status === '有效' && r.revokedOn) c.push('status', '已填写撤销日期的，状态应为撤销');
    c.requireIf(r.bodyType === '受委托组织', 'entrustedBy', '受委托组织须填写委托机关');
    return c.out;
  },
});
