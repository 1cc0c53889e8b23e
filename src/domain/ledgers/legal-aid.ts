import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';
import { LEGAL_AID_NON_CASE_FORMS } from './dictionaries.ts';

const IS_CASE = p.and(p.eq('decision', '给予法律援助'), p.not(p.in('form', LEGAL_AID_NON_CASE_FORMS)));

/** 法律援助台账 (法律援助法 2022): applications and notices, review, assignment, closing, follow-up. */
export const legalAid = defineLedger({
  key: 'legalAid',
  title: '法律援助',
  domain: 'legalAid',
  keptBy: ['rule_of_law_office', 'justice_office'],
  description: '法律援助机构受理的申请、通知辩护（代理）及咨询，一事一条：审查、指派、结案、补贴与回访。',
  naturalKey: ['caseNo'],
  sortBy: 'appliedOn',
  fields: {
    caseNo: f.text('案件编号', {
      required: true,
      max: 60,
      list: true,
      filter: true,
      help: '如（2024）衡法援字第88号',
    }),
    applicant: f.text('受援人', { required: true, max: 50, pii: 'name', list: true }),
    applicantIdNumber: f.text('受援人身份证号码', { max: 18, pii: 'idNumber' }),
    applicantPhone: f.text('受援人联系电话', { max: 20, pii: 'phone' }),
    gender: f.dict('性别', 'common.gender'),
    groups: f.multi('特定群体', 'legalAid.group', { filter: true }),
    origin: f.dict('来源', 'legalAid.origin', { required: true, filter: true }),
    form: f.dict('援助形式', 'legalAid.form', { required: true, list: true, filter: true }),
    caseType: f.dict('案件类别', 'legalAid.caseType', { list: true, filter: true }),
    cause: f.text('案由', { max: 100 }),
    appliedOn: f.date('申请（通知）日期', { required: true, list: true, filter: true }),
    decidedOn: f.date('审查决定日期'),
    decision: f.dict('审查结果', 'legalAid.decision', { filter: true }),
    assignedOn: f.date('指派日期', { list: true }),
    provider: f.dict('承办人员类别', 'legalAid.provider'),
    handler: f.text('承办人', { max: 50, pii: 'name' }),
    handlerOrg: f.text('承办机构', { max: 100 }),
    closedOn: f.date('结案日期', { list: true, filter: true }),
    recovered: f.money('挽回损失或取得利益（元）'),
    subsidy: f.money('办案补贴（元）'),
    subsidyPaidOn: f.date('补贴发放日期'),
    followUpOn: f.date('回访日期'),
    satisfaction: f.dict('回访满意度', 'legalAid.satisfaction'),
    notes: f.longtext('备注'),
  },
  measures: {
    applications: m.count('申请及通知件数', 'appliedOn', p.not(p.eq('form', '法律咨询'))),
    granted: m.count('给予法律援助件数', 'decidedOn', p.eq('decision', '给予法律援助')),
    refused: m.count('不予法律援助件数', 'decidedOn', p.eq('decision', '不予法律援助')),
    cases: m.count('办理法律援助案件数', 'assignedOn', IS_CASE),
    criminalCases: m.count('刑事案件数', 'assignedOn', p.and(IS_CASE, p.eq('caseType', '刑事'))),
    civilCases: m.count('民事案件数', 'assignedOn', p.and(IS_CASE, p.eq('caseType', '民事'))),
    administrativeCases: m.count('行政案件数', 'assignedOn', p.and(IS_CASE, p.eq('caseType', '行政'))),
    dutyLawyer: m.count(
      '值班律师法律帮助件数',
      'assignedOn',
      p.and(IS_CASE, p.eq('form', '值班律师法律帮助')),
    ),
    consultations: m.count('法律咨询人次', 'appliedOn', p.eq('form', '法律咨询')),
    closed: m.count('结案件数', 'closedOn', IS_CASE),
    recovered: m.sum('挽回损失或取得利益（分）', 'recovered', 'closedOn'),
    subsidy: m.sum('发放办案补贴（分）', 'subsidy', 'subsidyPaidOn'),
    followedUp: m.count('回访件数', 'followUpOn', p.notNull('satisfaction')),
    satisfied: m.count('回访满意件数', 'followUpOn', p.in('satisfaction', ['满意', '基本满意'])),
  },
  deadlines: [
    {
      id: 'review',
      label: '审查决定',
      limit: 'legal_aid.review',
      from: 'appliedOn',
      done: 'decidedOn',
      // 法律咨询 is answered on the spot (法律援助法 第二十二条): there is no application to review.
      when: p.and(p.eq('origin', '当事人申请'), p.not(p.eq('form', '法律咨询'))),
    },
    {
      id: 'assign',
      label: '指派承办人员',
      limit: 'legal_aid.assign',
      from: 'decidedOn',
      done: 'assignedOn',
      when: p.eq('decision', '给予法律援助'),
    },
  ],
  validate: (r) => {
    const c = checker(r);
    c.order('appliedOn', 'decidedOn', '审查决定日期不能早于申请日期');
    c.order('decidedOn', 'assignedOn', '指派日期不能早于审查决定日期');
    c.order('appliedOn', 'assignedOn', '指派日期不能早于申请日期');
    c.order('assignedOn', 'closedOn', '结案日期不能早于指派日期');
    c.order('appliedOn', 'closedOn', '结案日期不能早于申请日期');
    c.order('closedOn', 'followUpOn', '回访日期不能早于结案日期');
    c.requireIf(!!r.decidedOn, 'decision', '已填写审查决定日期的，须填写审查结果');
    c.requireIf(!!r.assignedOn, 'decision', '已指派的，须填写审查结果');
    if (r.decision === '不予法律援助' && r.assignedOn)
      c.push('assignedOn', '不予法律援助的，不应填写指派日期');
    c.requireIf(!!r.satisfaction, 'followUpOn', '已填写回访满意度的，须填写回访日期');
    if (r.form !== '法律咨询' && r.form !== '代拟法律文书')
      c.requireIf(!!r.assignedOn, 'caseType', '法律援助案件须填写案件类别');
    if (r.form === '刑事辩护与代理' && r.caseType && r.caseType !== '刑事')
      c.push('caseType', '刑事辩护与代理的案件类别应为刑事');
    return c.out;
  },
});
