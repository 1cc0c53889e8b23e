import { defineLedger, f, m, p } from './define.ts';
import { CORRECTIVE_DECISIONS, DICTIONARIES } from './dictionaries.ts';

/**
 * One count per decision type, so that a region can choose which outcomes its 纠错率 counts without
 * recomputing any rollup.
 */
const byDecision = Object.fromEntries(
  (DICTIONARIES['reconsideration.decision'] ?? []).map((d) => [
    `decision:${d}`,
    m.count(`决定为「${d}」的件数`, 'decidedOn', p.eq('decision', d)),
  ]),
);

/** 行政复议案件台账 (行政复议法, revised 2023). */
export const reconsideration = defineLedger({
  key: 'reconsideration',
  title: '行政复议案件',
  domain: 'reconsideration',
  keptBy: ['government', 'rule_of_law_office'],
  description: '复议机构受理和办理的行政复议案件，一案一条，从收案到审结及意见书。',
  naturalKey: ['caseNo'],
  sortBy: 'receivedOn',
  fields: {
    caseNo: f.text('案号', { required: true, max: 60, list: true, filter: true }),
    applicant: f.text('申请人', { required: true, max: 100, pii: 'name', list: true }),
    applicantIdNumber: f.text('申请人证件号码', { max: 30, pii: 'idNumber' }),
    applicantPhone: f.text('申请人联系电话', { max: 20, pii: 'phone' }),
    respondent: f.text('被申请人', { required: true, max: 100, list: true, filter: true }),
    actType: f.dict('行政行为类别', 'reconsideration.actType', { list: true, filter: true }),
    receivedOn: f.date('收案日期', { required: true, list: true, filter: true }),
    correctionNoticeOn: f.date('补正通知日期'),
    correctedOn: f.date('补正日期'),
    acceptance: f.dict('受理情况', 'reconsideration.acceptance', { list: true, filter: true }),
    acceptedOn: f.date('受理日期'),
    procedure: f.dict('审理程序', 'reconsideration.procedure', { filter: true }),
    copiedOn: f.date('发送答复通知日期'),
    answeredOn: f.date('被申请人答复日期'),
    hearing: f.bool('是否听证'),
    hearingOn: f.date('听证日期'),
    suspendedOn: f.date('中止日期'),
    resumedOn: f.date('恢复审理日期'),
    extended: f.bool('是否延期'),
    decidedOn: f.date('审结日期', { list: true, filter: true }),
    decision: f.dict('决定类型', 'reconsideration.decision', { list: true, filter: true }),
    decidedOnTime: f.onTime('按期审结', ['simpleDecision', 'decision'], {
      filter: true,
      help: '系统按审理期限（工作日历、是否延期）自动计算，不需填写',
    }),
    correctedThenWithdrawn: f.bool('被申请人自行纠正后撤回申请'),
    opinionLetter: f.bool('制发行政复议意见书'),
    opinionRecipient: f.text('意见书送达单位', { max: 100 }),
    notes: f.longtext('备注'),
  },
  measures: {
    received: m.count('收案件数', 'receivedOn'),
    accepted: m.count('受理件数', 'acceptedOn', p.in('acceptance', ['受理', '视为受理'])),
    rejected: m.count('不予受理件数', 'receivedOn', p.eq('acceptance', '不予受理')),
    simpleProcedure: m.count('简易程序件数', 'acceptedOn', p.eq('procedure', '简易程序')),
    hearings: m.count('听证件数', 'hearingOn', p.eq('hearing', true)),
    concluded: m.count('审结件数', 'decidedOn', p.notNull('decision')),
    concludedWithTerm: m.count(
      '有审理期限的审结件数',
      'decidedOn',
      p.and(p.notNull('decision'), p.notNull('decidedOnTime')),
    ),
    concludedOnTime: m.count(
      '按期审结件数',
      'decidedOn',
      p.and(p.notNull('decision'), p.eq('decidedOnTime', true)),
    ),
    corrected: m.count('纠错件数', 'decidedOn', p.in('decision', CORRECTIVE_DECISIONS)),
    comprehensiveCorrected: m.count(
      '综合纠错件数',
      'decidedOn',
      p.or(p.in('decision', [...CORRECTIVE_DECISIONS, '调解', '和解']), p.eq('correctedThenWithdrawn', true)),
    ),
    maintained: m.count('维持件数', 'decidedOn', p.eq('decision', '维持')),
    opinionLetters: m.count('意见书件数', 'decidedOn', p.eq('opinionLetter', true)),
    correctedThenWithdrawn: m.count('自行纠正后撤回件数', 'decidedOn', p.eq('correctedThenWithdrawn', true)),
    ...byDecision,
  },
  deadlines: [
    {
      id: 'acceptanceReview',
      label: '受理审查',
      limit: 'reconsideration.acceptance_review',
      from: 'receivedOn',
      done: 'acceptedOn',
      // A 不予受理 decision ends the review too; it has no 受理日期 to wait for.
      when: p.not(p.eq('acceptance', '不予受理')),
    },
    {
      id: 'simpleDecision',
      label: '作出复议决定（简易程序）',
      limit: 'reconsideration.simple_decision',
      from: 'acceptedOn',
      done: 'decidedOn',
      when: p.eq('procedure', '简易程序'),
    },
    {
      // 普通程序, and 简易转普通 (the period still runs from acceptance: 行政复议法 第六十二条).
      id: 'decision',
      label: '作出复议决定',
      limit: 'reconsideration.decision',
      from: 'acceptedOn',
      done: 'decidedOn',
      extendedFlag: 'extended',
      when: p.not(p.eq('procedure', '简易程序')),
    },
  ],
  validate: (r) => {
    const out: Array<{ field: string; message: string }> = [];
    const before = (a: string, b: string, message: string) => {
      if (typeof r[a] === 'string' && typeof r[b] === 'string' && (r[b] as string) < (r[a] as string))
        out.push({ field: b, message });
    };
    before('receivedOn', 'acceptedOn', '受理日期不能早于收案日期');
    before('receivedOn', 'decidedOn', '审结日期不能早于收案日期');
    before('acceptedOn', 'decidedOn', '审结日期不能早于受理日期');
    if (r.decision && !r.decidedOn)
      out.push({ field: 'decidedOn', message: '已填写决定类型的，须填写审结日期' });
    if (r.acceptedOn && !r.acceptance)
      out.push({ field: 'acceptance', message: '已填写受理日期的，须填写受理情况' });
    return out;
  },
});
