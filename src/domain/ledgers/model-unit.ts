import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

const VILLAGE = '民主法治示范村（社区）';
const TOWNSHIP = '法治乡镇（街道）';

/** 示范创建台账: 民主法治示范村（社区）, 法治乡镇, 法治政府建设示范, by level and year of award. */
export const modelUnit = defineLedger({
  key: 'modelUnit',
  title: '法治示范创建',
  domain: 'demonstration',
  keptBy: ['township', 'village'],
  description: '获得命名的法治示范创建单位，一个称号一条：层级、类型、命名日期、命名机关及复核情况。',
  naturalKey: ['name', 'type', 'level'],
  sortBy: 'awardedOn',
  fields: {
    name: f.text('单位名称', { required: true, max: 100, list: true, filter: true }),
    type: f.dict('创建类型', 'modelUnit.type', { required: true, list: true, filter: true }),
    level: f.dict('命名层级', 'modelUnit.level', { required: true, list: true, filter: true }),
    batch: f.text('批次', { max: 50, help: '如 第九批' }),
    awardedOn: f.date('命名日期', { required: true, list: true, filter: true }),
    awardingBody: f.text('命名机关', { max: 100 }),
    documentNo: f.text('命名文号', { max: 60 }),
    reviewedOn: f.date('复核日期'),
    revokedOn: f.date('撤销命名日期'),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    villages: m.count('民主法治示范村（社区）数', 'awardedOn', p.eq('type', VILLAGE)),
    villagesNational: m.count(
      '全国民主法治示范村（社区）数',
      'awardedOn',
      p.and(p.eq('type', VILLAGE), p.eq('level', '全国')),
    ),
    villagesProvincial: m.count(
      '省级民主法治示范村（社区）数',
      'awardedOn',
      p.and(p.eq('type', VILLAGE), p.eq('level', '省级')),
    ),
    villagesMunicipal: m.count(
      '市级民主法治示范村（社区）数',
      'awardedOn',
      p.and(p.eq('type', VILLAGE), p.eq('level', '市级')),
    ),
    townships: m.count('法治乡镇（街道）数', 'awardedOn', p.eq('type', TOWNSHIP)),
    government: m.count(
      '法治政府建设示范数',
      'awardedOn',
      p.in('type', ['法治政府建设示范地区', '法治政府建设示范项目']),
    ),
    activeVillages: m.count(
      '现有民主法治示范村（社区）数（累计）',
      'awardedOn',
      p.and(p.eq('type', VILLAGE), p.isNull('revokedOn')),
    ),
    activeTownships: m.count(
      '现有法治乡镇（街道）数（累计）',
      'awardedOn',
      p.and(p.eq('type', TOWNSHIP), p.isNull('revokedOn')),
    ),
    revoked: m.count('撤销命名数', 'revokedOn'),
  },
  validate: (r) => {
    const c = checker(r);
    c.order('awardedOn', 'reviewedOn', '复核日期不能早于命名日期');
    c.order('awardedOn', 'revokedOn', '撤销命名日期不能早于命名日期');
    return c.out;
  },
});
