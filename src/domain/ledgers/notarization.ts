import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 公证事项台账 (公证法): one row per 公证书. */
export const notarization = defineLedger({
  key: 'notarization',
  title: '公证事项',
  domain: 'notarization',
  keptBy: ['rule_of_law_office', 'other'],
  description: '公证机构受理和办结的公证事项，一件公证书一条，含上门服务情况。',
  naturalKey: ['certificateNo'],
  sortBy: 'receivedOn',
  fields: {
    certificateNo: f.text('公证书编号', {
      required: true,
      max: 60,
      list: true,
      filter: true,
      help: '如（2024）湘衡山证字第123号',
    }),
    applicant: f.text('申请人', { required: true, max: 100, pii: 'name', list: true }),
    applicantPhone: f.text('申请人联系电话', { max: 20, pii: 'phone' }),
    matter: f.dict('公证事项类别', 'notarization.matter', { required: true, list: true, filter: true }),
    usage: f.dict('使用地', 'notarization.usage', { filter: true }),
    receivedOn: f.date('受理日期', { required: true, list: true, filter: true }),
    issuedOn: f.date('出证日期', { list: true, filter: true }),
    homeVisit: f.bool('上门服务', { filter: true }),
    notary: f.text('承办公证员', { max: 50, pii: 'name' }),
    fee: f.money('收费金额（元）'),
    feeWaived: f.bool('减免收费'),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    received: m.count('受理件数', 'receivedOn'),
    cases: m.count('办结公证事项件数', 'issuedOn'),
    homeVisits: m.count('上门服务次数', 'receivedOn', p.eq('homeVisit', true)),
    foreign: m.count('涉外及涉港澳台件数', 'issuedOn', p.in('usage', ['涉外使用', '涉港澳台使用'])),
    feeWaived: m.count('减免收费件数', 'issuedOn', p.eq('feeWaived', true)),
    fees: m.sum('收费金额（分）', 'fee', 'issuedOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('receivedOn', 'issuedOn', '出证日期不能早于受理日期');
    return c.out;
  },
});
