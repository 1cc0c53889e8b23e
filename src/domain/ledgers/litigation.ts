import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';
import { LITIGATION_JUDGMENTS, LITIGATION_LOSSES } from './dictionaries.ts';

/** 行政应诉案件台账 (行政诉讼法; 行政机关负责人出庭应诉规定): one row per case per instance. */
export const litigation = defineLedger({
  key: 'litigation',
  title: '行政应诉案件',
  domain: 'litigation',
  keptBy: ['government', 'department', 'township', 'rule_of_law_office'],
  description:
    '本单位作为被告的行政诉讼案件，一案一审级一条：收案、答辩、开庭、负责人出庭、裁判结果及督办提示函。',
  naturalKey: ['caseNo'],
  sortBy: 'receivedOn',
  fields: {
    caseNo: f.text('法院案号', {
      required: true,
      max: 60,
      list: true,
      filter: true,
      help: '如（2024）湘0423行初15号',
    }),
    court: f.text('审理法院', { max: 100 }),
    plaintiff: f.text('原告', { required: true, max: 100, pii: 'name', list: true }),
    plaintiffPhone: f.text('原告联系电话', { max: 20, pii: 'phone' }),
    defendant: f.text('被告行政机关', { required: true, max: 100, list: true, filter: true }),
    actType: f.dict('被诉行政行为类别', 'reconsideration.actType', { filter: true }),
    cause: f.text('案由', { max: 200 }),
    instance: f.dict('审级', 'litigation.instance', { required: true, filter: true }),
    procedure: f.dict('审理程序', 'litigation.procedure'),
    receivedOn: f.date('收案日期', {
      required: true,
      list: true,
      filter: true,
      help: '收到起诉状副本或应诉通知书之日',
    }),
    defenceOn: f.date('提交答辩状日期'),
    hearing: f.bool('是否开庭审理', { filter: true }),
    hearingOn: f.date('开庭日期', { list: true }),
    headAppeared: f.bool('负责人出庭应诉', { list: true, filter: true }),
    headName: f.text('出庭负责人姓名', { max: 50, pii: 'name' }),
    headLevel: f.dict('出庭负责人职级', 'litigation.headLevel'),
    principalAppeared: f.bool('主要负责人出庭应诉'),
    headSpoke: f.bool('负责人出庭出声'),
    staffAppeared: f.bool('工作人员出庭应诉', { help: '负责人未出庭时，委托相应工作人员出庭' }),
    concludedOn: f.date('结案日期', { list: true, filter: true }),
    outcome: f.dict('裁判结果', 'litigation.outcome', { list: true, filter: true }),
    appealed: f.bool('是否上诉'),
    referralLetters: f.int('转办函件数', { max: 100 }),
    reminderLetters: f.int('提示函件数', { max: 100 }),
    supervisionLetters: f.int('督办函件数', { max: 100 }),
    substantivelyResolved: f.bool('行政争议实质性化解'),
    notes: f.longtext('备注'),
  },
  measures: {
    received: m.count('收案件数', 'receivedOn'),
    hearings: m.count('开庭审理件数', 'hearingOn', p.eq('hearing', true)),
    headAppearances: m.count(
      '负责人出庭件数',
      'hearingOn',
      p.and(p.eq('hearing', true), p.eq('headAppeared', true)),
    ),
    principalAppearances: m.count(
      '主要负责人出庭件数',
      'hearingOn',
      p.and(p.eq('hearing', true), p.eq('principalAppeared', true)),
    ),
    headSpoke: m.count(
      '负责人出庭出声件数',
      'hearingOn',
      p.and(p.eq('headAppeared', true), p.eq('headSpoke', true)),
    ),
    appearances: m.count(
      '出庭应诉件数',
      'hearingOn',
      p.and(p.eq('hearing', true), p.or(p.eq('headAppeared', true), p.eq('staffAppeared', true))),
    ),
    concluded: m.count('结案件数', 'concludedOn', p.notNull('outcome')),
    judged: m.count('判决结案件数', 'concludedOn', p.in('outcome', LITIGATION_JUDGMENTS)),
    lost: m.count('败诉件数', 'concludedOn', p.in('outcome', LITIGATION_LOSSES)),
    won: m.count(
      '胜诉件数',
      'concludedOn',
      p.and(p.notNull('outcome'), p.not(p.in('outcome', LITIGATION_LOSSES))),
    ),
    resolved: m.count('实质性化解件数', 'concludedOn', p.eq('substantivelyResolved', true)),
    referralLetters: m.sum('转办函件数', 'referralLetters', 'receivedOn'),
    reminderLetters: m.sum('提示函件数', 'reminderLetters', 'receivedOn'),
    supervisionLetters: m.sum('督办函件数', 'supervisionLetters', 'receivedOn'),
  },
  deadlines: [
    {
      id: 'defence',
      label: '提交答辩状',
      limit: 'litigation.defence',
      from: 'receivedOn',
      done: 'defenceOn',
    },
  ],
  validate: (r) => {
    const c = checker(r);
    c.order('receivedOn', 'defenceOn', '答辩日期不能早于收案日期');
    c.order('receivedOn', 'hearingOn', '开庭日期不能早于收案日期');
    c.order('receivedOn', 'concludedOn', '结案日期不能早于收案日期');
    c.order('hearingOn', 'concludedOn', '结案日期不能早于开庭日期');
    c.requireIf(r.hearing === true, 'hearingOn', '开庭审理的，须填写开庭日期');
    if (r.hearing !== true && (r.headAppeared === true || r.staffAppeared === true))
      c.push('hearing', '填写了出庭应诉情况的，须为开庭审理案件');
    c.requireIf(r.headAppeared === true, 'headLevel', '负责人出庭的，须填写出庭负责人职级');
    if (r.headAppeared !== true && (r.principalAppeared === true || r.headSpoke === true))
      c.push('headAppeared', '主要负责人出庭或负责人出声的，须勾选负责人出庭应诉');
    if (r.principalAppeared === true && r.headLevel && r.headLevel !== '正职')
      c.push('headLevel', '主要负责人出庭的，出庭负责人职级应为正职');
    c.requireIf(!!r.outcome, 'concludedOn', '已填写裁判结果的，须填写结案日期');
    c.requireIf(!!r.concludedOn, 'outcome', '已填写结案日期的，须填写裁判结果');
    return c.out;
  },
});
