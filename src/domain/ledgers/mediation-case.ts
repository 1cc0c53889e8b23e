import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 人民调解案件台账 (人民调解法): one row per dispute, kept by a 调委会 or the 司法所. */
export const mediationCase = defineLedger({
  key: 'mediationCase',
  title: '人民调解案件',
  domain: 'mediation',
  keptBy: ['township', 'justice_office', 'village'],
  description:
    '人民调解委员会受理的矛盾纠纷，一案一条；与乡镇按月报送的调解统计共同计入调解指标，乡镇已报月度统计的月份，其辖区的案件不再重复计入。',
  naturalKey: ['caseNo'],
  sortBy: 'receivedOn',
  fields: {
    caseNo: f.text('案件编号', {
      required: true,
      max: 60,
      list: true,
      filter: true,
      help: '如（2024）城关调字第15号',
    }),
    committee: f.text('调解组织', { required: true, max: 100, list: true, filter: true }),
    partyA: f.text('申请人（当事人一）', { required: true, max: 100, pii: 'name', list: true }),
    partyAPhone: f.text('申请人联系电话', { max: 20, pii: 'phone' }),
    partyB: f.text('被申请人（当事人二）', { max: 100, pii: 'name' }),
    disputeType: f.dict('纠纷类型', 'mediation.disputeType', { required: true, list: true, filter: true }),
    source: f.dict('纠纷来源', 'mediation.source', { filter: true }),
    summary: f.longtext('纠纷简要情况', { max: 2000 }),
    receivedOn: f.date('受理日期', { required: true, list: true, filter: true }),
    complex: f.bool('疑难复杂纠纷', { filter: true }),
    amount: f.money('涉及金额（元）'),
    mediator: f.text('调解员', { max: 50, pii: 'name' }),
    concludedOn: f.date('调结日期', { list: true }),
    result: f.dict('调解结果', 'mediation.result', { list: true, filter: true }),
    agreementForm: f.dict('协议形式', 'mediation.agreementForm'),
    judicialConfirmation: f.bool('申请司法确认'),
    performed: f.bool('协议已履行'),
    performedOn: f.date('履行日期'),
    notes: f.longtext('备注'),
  },
  // Outcomes count in the period the case was taken on, like 受理: a 调解成功率 or 协议履行率 then
  // compares the same cases above and below the line, and cannot pass 100% at a year's edge.
  measures: {
    accepted: m.count('受理（调解）件数', 'receivedOn'),
    screened: m.count('排查发现件数', 'receivedOn', p.eq('source', '排查发现')),
    // Every case record is a dispute taken on for mediation: of those found by 排查, all are 受理.
    screenedAccepted: m.count('排查发现并受理调解件数', 'receivedOn', p.eq('source', '排查发现')),
    success: m.count('调解成功件数', 'receivedOn', p.eq('result', '调解成功')),
    failed: m.count('调解不成功件数', 'receivedOn', p.in('result', ['调解不成功', '终止调解'])),
    complex: m.count('疑难复杂件数', 'receivedOn', p.eq('complex', true)),
    amount: m.sum('涉及金额（分）', 'amount', 'receivedOn'),
    performed: m.count(
      '协议履行件数',
      'receivedOn',
      p.and(p.eq('result', '调解成功'), p.eq('performed', true)),
    ),
    judicialConfirmations: m.count('司法确认件数', 'concludedOn', p.eq('judicialConfirmation', true)),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('receivedOn', 'concludedOn', '调结日期不能早于受理日期');
    c.order('concludedOn', 'performedOn', '履行日期不能早于调结日期');
    c.requireIf(!!r.result, 'concludedOn', '已填写调解结果的，须填写调结日期');
    c.requireIf(!!r.concludedOn, 'result', '已填写调结日期的，须填写调解结果');
    if (r.result !== '调解成功' && (r.performed === true || r.agreementForm))
      c.push('result', '只有调解成功的纠纷才有调解协议及其履行情况');
    return c.out;
  },
});
