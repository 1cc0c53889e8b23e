import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

const kind = (k: string) => p.eq('kind', k);

/** 合法性审查台账: 规范性文件、政府合同、会议纪要、一般性文件、重大行政决策、村级重大事项. */
export const legalityReview = defineLedger({
  key: 'legalityReview',
  title: '合法性审查',
  domain: 'legalityReview',
  keptBy: ['government', 'department', 'township', 'rule_of_law_office'],
  description:
    '司法局（司法所）对送审文件、合同、决策及村级重大事项的合法性审查，一件一条，含意见及采纳情况。',
  naturalKey: ['reviewNo'],
  sortBy: 'receivedOn',
  fields: {
    reviewNo: f.text('审查编号', { required: true, max: 60, list: true, filter: true }),
    kind: f.dict('审查类别', 'legalityReview.kind', { required: true, list: true, filter: true }),
    title: f.text('送审事项名称', { required: true, max: 200, list: true }),
    submitter: f.text('送审单位', { required: true, max: 100, list: true, filter: true }),
    village: f.text('村（社区）', { max: 100, help: '村级重大事项填写' }),
    receivedOn: f.date('收件日期', { required: true, list: true, filter: true }),
    completedOn: f.date('审查完成日期', { list: true, filter: true }),
    conclusion: f.dict('审查结论', 'legalityReview.conclusion', { filter: true }),
    opinions: f.int('提出意见（条）', { max: 1000 }),
    opinionsAdopted: f.int('意见被采纳（条）', { max: 1000 }),
    opinionLetter: f.bool('出具审核意见书'),
    reviewer: f.text('审查人员', { max: 50, pii: 'name' }),
    notes: f.longtext('备注', { max: 2000 }),
  },
  measures: {
    reviewed: m.count('审查件数', 'completedOn'),
    normativeDocuments: m.count('审查规范性文件件数', 'completedOn', kind('规范性文件')),
    contracts: m.count('审查政府合同件数', 'completedOn', kind('政府合同')),
    meetingMinutes: m.count('审查会议纪要件数', 'completedOn', kind('会议纪要')),
    generalDocuments: m.count('审查一般性文件件数', 'completedOn', kind('一般性文件')),
    majorDecisions: m.count('审查重大行政决策件数', 'completedOn', kind('重大行政决策')),
    villageMatters: m.count('审查村级重大事项件数', 'completedOn', kind('村级重大事项')),
    withOpinions: m.count(
      '提出修改意见件数',
      'completedOn',
      p.in('conclusion', ['提出修改意见', '不同意（不合法）']),
    ),
    opinions: m.sum('提出意见条数', 'opinions', 'completedOn'),
    opinionsAdopted: m.sum('意见被采纳条数', 'opinionsAdopted', 'completedOn'),
    opinionLetters: m.count('出具审核意见书份数', 'completedOn', p.eq('opinionLetter', true)),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('receivedOn', 'completedOn', '审查完成日期不能早于收件日期');
    c.notMore('opinionsAdopted', 'opinions', '被采纳意见条数不能大于提出意见条数');
    c.requireIf(r.kind === '村级重大事项', 'village', '村级重大事项须填写村（社区）');
    c.requireIf(!!r.conclusion, 'completedOn', '已填写审查结论的，须填写审查完成日期');
    if (r.conclusion === '无修改意见' && typeof r.opinions === 'number' && r.opinions > 0)
      c.push('conclusion', '提出了意见的，审查结论不应为无修改意见');
    return c.out;
  },
});
