import { ALL_UNIT_TYPES } from '../org/unit-types.ts';
import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/** 普法活动台账 (谁执法谁普法): one row per activity. */
export const publicity = defineLedger({
  key: 'publicity',
  title: '普法活动',
  domain: 'publicity',
  keptBy: ALL_UNIT_TYPES,
  description: '各单位开展的法治宣传教育活动，一次活动一条：类型、场次、受众、资料发放。',
  naturalKey: ['heldOn', 'title'],
  sortBy: 'heldOn',
  fields: {
    title: f.text('活动名称', { required: true, max: 200, list: true }),
    type: f.dict('活动类型', 'publicity.type', { required: true, list: true, filter: true }),
    heldOn: f.date('活动日期', { required: true, list: true, filter: true }),
    endOn: f.date('结束日期'),
    location: f.text('地点', { max: 200 }),
    audiences: f.multi('受众对象', 'publicity.audience', { filter: true }),
    sessions: f.int('场次', { required: true, min: 1, max: 10_000 }),
    audience: f.int('受众人数（人次）', { list: true }),
    materials: f.int('发放资料（份）'),
    whoEnforces: f.bool('谁执法谁普法活动', { filter: true }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    activities: m.count('普法活动次数', 'heldOn'),
    sessions: m.sum('普法活动场次', 'sessions', 'heldOn'),
    audience: m.sum('受众人次', 'audience', 'heldOn'),
    materials: m.sum('发放资料份数', 'materials', 'heldOn'),
    lectures: m.count('法治讲座次数', 'heldOn', p.eq('type', '法治讲座')),
    whoEnforces: m.count('谁执法谁普法活动次数', 'heldOn', p.eq('whoEnforces', true)),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('heldOn', 'endOn', '结束日期不能早于活动日期');
    return c.out;
  },
});
