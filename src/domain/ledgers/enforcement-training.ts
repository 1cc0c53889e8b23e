import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 行政执法培训及考试（测评）台账: one row per session. */
export const enforcementTraining = defineLedger({
  key: 'enforcementTraining',
  title: '行政执法培训与测试',
  domain: 'enforcement',
  keptBy: ['department', 'township', 'rule_of_law_office'],
  description: '行政执法人员业务培训、法律知识测试和法律素质测评，一期一条。',
  naturalKey: ['heldOn', 'title'],
  sortBy: 'heldOn',
  fields: {
    title: f.text('培训（测试）名称', { required: true, max: 200, list: true }),
    kind: f.dict('类别', 'enforcement.trainingKind', { required: true, list: true, filter: true }),
    organizer: f.text('组织单位', { max: 100 }),
    heldOn: f.date('举办日期', { required: true, list: true, filter: true }),
    hours: f.decimal('学时', { max: 200 }),
    participants: f.int('参加人数（人次）', { required: true, list: true, max: 100_000 }),
    passed: f.int('考试合格人数', { max: 100_000 }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    trainings: m.count('培训期数', 'heldOn', p.eq('kind', '业务培训')),
    trainees: m.sum('培训人次', 'participants', 'heldOn', p.eq('kind', '业务培训')),
    tests: m.count('测试（测评）期数', 'heldOn', p.in('kind', ['法律知识测试', '法律素质测评'])),
    testTakers: m.sum(
      '测试（测评）人次',
      'participants',
      'heldOn',
      p.in('kind', ['法律知识测试', '法律素质测评']),
    ),
    passed: m.sum('测试合格人次', 'passed', 'heldOn', p.in('kind', ['法律知识测试', '法律素质测评'])),
  },
  validate: (r) => {
    const c = checker(r);
    c.notMore('passed', 'participants', '合格人数不能大于参加人数');
    if (r.kind === '业务培训' && typeof r.passed === 'number' && r.passed > 0)
      c.push('passed', '业务培训无需填写考试合格人数');
    return c.out;
  },
});
