import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

const ACTIVE = p.isNull('revokedOn');

/** 行政执法人员及证件名册: attributed to the 发证日期 (register), revoked at 注销日期. */
export const enforcementOfficer = defineLedger({
  key: 'enforcementOfficer',
  title: '行政执法人员',
  domain: 'enforcement',
  keptBy: ['department', 'township', 'rule_of_law_office'],
  description: '持有行政执法证件的人员，一证一条：发证、注销及是否为法制审核人员。',
  naturalKey: ['certificateNo'],
  sortBy: 'issuedOn',
  fields: {
    name: f.text('姓名', { required: true, max: 50, pii: 'name', list: true }),
    idNumber: f.text('身份证号码', {
      max: 18,
      pii: 'idNumber',
      pattern: { re: /^\d{17}[\dX]$/, message: '身份证号码应为18位，末位可为X' },
    }),
    phone: f.text('联系电话', { max: 20, pii: 'phone' }),
    body: f.text('所属执法主体', { required: true, max: 100, list: true, filter: true }),
    field: f.dict('执法领域', 'enforcement.field', { filter: true }),
    certificateType: f.dict('证件类别', 'enforcement.certificateType', { required: true }),
    certificateNo: f.text('证件编号', { required: true, max: 40, list: true, filter: true }),
    issuedOn: f.date('发证日期', { required: true, list: true, filter: true }),
    expiresOn: f.date('证件有效期至'),
    legalReviewer: f.bool('法制审核人员', { list: true, filter: true }),
    revokedOn: f.date('注销日期', { filter: true }),
    revokeReason: f.dict('注销原因', 'enforcement.revokeReason'),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    issued: m.count('发证数', 'issuedOn'),
    certified: m.count(
      '持证执法人员数（按发证日期累计）',
      'issuedOn',
      p.and(ACTIVE, p.eq('certificateType', '行政执法证')),
    ),
    legalReviewers: m.count(
      '持证法制审核人员数（按发证日期累计）',
      'issuedOn',
      p.and(ACTIVE, p.eq('certificateType', '行政执法证'), p.eq('legalReviewer', true)),
    ),
    revoked: m.count('注销证件数', 'revokedOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('issuedOn', 'revokedOn', '注销日期不能早于发证日期');
    c.order('issuedOn', 'expiresOn', '有效期至不能早于发证日期');
    c.requireIf(!!r.revokedOn, 'revokeReason', '已注销的，须填写注销原因');
    if (r.revokeReason && !r.revokedOn) c.push('revokedOn', '已填写注销原因的，须填写注销日期');
    return c.out;
  },
});
