import { checker } from './checks.ts';
import { defineLedger, f, m, p } from './define.ts';

/**
 * 人民调解月报 (per 乡镇 per month): the counts a township reports when it does not keep case-level
 * records. Its measures share names with mediationCase so both feed the same indicators. A township's
 * statistic covers its whole subtree (its villages' committees) for that month: in a figure that counts
 * it, the case records of that subtree and month are not counted again (mediation-coverage.ts).
 */
export const mediationMonthly = defineLedger({
  key: 'mediationMonthly',
  title: '人民调解月度统计',
  domain: 'mediation',
  keptBy: ['township', 'justice_office'],
  description: '乡镇（街道）按月汇总报送的矛盾纠纷排查调处数据（含辖区村居调委会），一月一条。',
  naturalKey: ['month'],
  sortBy: 'month',
  fields: {
    month: f.date('统计月份', {
      required: true,
      list: true,
      filter: true,
      granularity: 'month',
      help: '填该月1日，如 2024-03-01',
    }),
    screened: f.int('排查纠纷（次）', { list: true }),
    accepted: f.int('受理调解（件）', { required: true, list: true }),
    success: f.int('调解成功（件）', { required: true, list: true }),
    amount: f.money('涉及金额（元）'),
    complex: f.int('疑难复杂（件）'),
    performed: f.int('协议履行（件）'),
    reporter: f.text('填报人', { max: 50, pii: 'name' }),
    notes: f.longtext('备注', { max: 1000 }),
  },
  measures: {
    screened: m.sum('排查纠纷次数', 'screened', 'month'),
    accepted: m.sum('受理（调解）件数', 'accepted', 'month'),
    // 调处率 compares 受理 with 排查 only in months that report both.
    screenedAccepted: m.sum(
      '受理调解件数（填报了排查纠纷数的月份）',
      'accepted',
      'month',
      p.notNull('screened'),
    ),
    success: m.sum('调解成功件数', 'success', 'month'),
    amount: m.sum('涉及金额（分）', 'amount', 'month'),
    complex: m.sum('疑难复杂件数', 'complex', 'month'),
    performed: m.sum('协议履行件数', 'performed', 'month'),
  },
  validate: (r) => {
    const c = checker(r);
    const month = c.str('month');
    if (month && !month.endsWith('-01')) c.push('month', '统计月份应填该月1日（如 2024-03-01）');
    c.notMore(
      'accepted',
      'screened',
      '受理调解件数不能大于排查纠纷数（排查纠纷数含当事人申请等各种来源的纠纷）',
    );
    c.notMore('success', 'accepted', '调解成功件数不能大于受理件数');
    c.notMore('complex', 'accepted', '疑难复杂件数不能大于受理件数');
    c.notMore('performed', 'success', '协议履行件数不能大于调解成功件数');
    return c.out;
  },
});
