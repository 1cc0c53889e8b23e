import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 法律顾问、公职律师参与情况台账: one row per participation (会议、审查、论证、纠纷化解…). */
export const legalAdviser = defineLedger({
  key: 'legalAdviser',
  title: '法律顾问参与情况',
  domain: 'legalAdviser',
  keptBy: ['party_committee', 'government', 'department', 'township', 'rule_of_law_office'],
  description: '政府法律顾问、公职律师参与会议、审查合同和文件、论证决策、化解纠纷的情况，一次一条。',
  naturalKey: ['serialNo'],
  sortBy: 'occurredOn',
  fields: {
    serialNo: f.text('登记编号', { required: true, max: 40, list: true, filter: true }),
    adviser: f.text('法律顾问（公职律师）', { required: true, max: 50, pii: 'name', list: true }),
    adviserKind: f.dict('顾问类别', 'legalAdviser.kind', { required: true, filter: true }),
    firm: f.text('所在律师事务所或单位', { max: 100 }),
    activity: f.dict('参与事项', 'legalAdviser.activity', { required: true, list: true, filter: true }),
    subject: f.text('事项名称', { required: true, max: 200, list: true }),
    occurredOn: f.date('日期', { required: true, list: true, filter: true }),
    opinions: f.int('提出意见（条）', { max: 1000 }),
    opinionsAdopted: f.int('意见被采纳（条）', { max: 1000 }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    participations: m.count('参与事项次数', 'occurredOn'),
    meetings: m.count('参加会议次数', 'occurredOn', p.in('activity', ['列席常务会议', '参加专题会议'])),
    standingMeetings: m.count('列席常务会议次数', 'occurredOn', p.eq('activity', '列席常务会议')),
    contracts: m.count('审查合同协议份数', 'occurredOn', p.eq('activity', '审查合同协议')),
    opinionLetters: m.count('出具法律意见书份数', 'occurredOn', p.eq('activity', '出具法律意见书')),
    disputes: m.count('参与化解矛盾纠纷件数', 'occurredOn', p.eq('activity', '参与矛盾纠纷化解')),
    decisions: m.count('参与重大行政决策论证次数', 'occurredOn', p.eq('activity', '参与重大行政决策论证')),
    opinions: m.sum('提出意见条数', 'opinions', 'occurredOn'),
    opinionsAdopted: m.sum('意见被采纳条数', 'opinionsAdopted', 'occurredOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.notMore('opinionsAdopted', 'opinions', '被采纳意见条数不能大于提出意见条数');
    return c.out;
  },
});
