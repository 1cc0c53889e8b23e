import { describe, expect, it } from 'vitest';
import { defineLedger, f, type LedgerRecord } from './define.ts';
import { litigation } from './litigation.ts';
import { majorDecision } from './major-decision.ts';
import { mediationMonthly } from './mediation-monthly.ts';
import { normativeDoc } from './normative-doc.ts';
import { reconsideration } from './reconsideration.ts';
import { parseDate, validateRecord } from './validate.ts';

const T = defineLedger({
  key: 'test',
  title: '测试',
  domain: 'test',
  description: '',
  keptBy: ['department'],
  naturalKey: ['no'],
  sortBy: 'on',
  fields: {
    no: f.text('编号', { required: true, max: 5 }),
    on: f.date('日期'),
    n: f.int('件数', { min: 1, max: 100 }),
    x: f.decimal('学时', { max: 10 }),
    amt: f.money('金额（元）'),
    yes: f.bool('是否'),
    kind: f.dict('类别', 'reconsideration.procedure'),
    many: f.multi('群体', 'legalAid.group'),
    code: f.text('统一编号', { pattern: { re: /^A\d+$/, message: '编号格式应为 A123' } }),
    memo: f.longtext('备注', { max: 10 }),
  },
  measures: {},
});

function ok(input: Record<string, unknown>): LedgerRecord {
  const r = validateRecord(T, { no: 'A1', ...input });
  if ('errors' in r) throw new Error(JSON.stringify(r.errors));
  return r.record;
}
function errs(input: Record<string, unknown>) {
  const r = validateRecord(T, { no: 'A1', ...input });
  if (!('errors' in r)) throw new Error('expected errors');
  return r.errors;
}

describe('validateRecord: required and text', () => {
  it('reports a missing required field with its label, treating blanks as missing', () => {
    for (const no of [undefined, null, '', '   ']) {
      const r = validateRecord(T, { no });
      expect(r).toEqual({ errors: [{ field: 'no', label: '编号', message: '「编号」为必填项' }] });
    }
  });

  it('returns every field, absent ones as null, and trims text', () => {
    const r = ok({ no: '  A1 ' });
    expect(r.no).toBe('A1');
    expect(Object.keys(r).sort()).toEqual(Object.keys(T.fields).sort());
    expect(r.on).toBeNull();
  });

  it('rejects too long text, counting characters not UTF-16 units', () => {
    expect(errs({ no: '123456' })[0]?.message).toBe('「编号」：不能超过 5 个字（现为 6 个字）');
    expect(ok({ no: '案件𠀀号' }).no).toBe('案件𠀀号');
    expect(errs({ memo: '一二三四五六七八九十十' })[0]?.field).toBe('memo');
  });

  it('checks text patterns and accepts numbers as text', () => {
    expect(errs({ code: 'B1' })[0]?.message).toBe('「统一编号」：编号格式应为 A123');
    expect(ok({ code: 'A12' }).code).toBe('A12');
    expect(ok({ no: 123 }).no).toBe('123');
  });

  it('refuses control characters in text (an imported cell never reaches PostgreSQL with a NUL)', () => {
    expect(errs({ no: 'A\u00001' })[0]?.message).toBe('「编号」：含有不允许的控制字符');
    expect(errs({ memo: '说明\u000b一' })[0]?.field).toBe('memo');
    expect(ok({ memo: '第一行\t制表' }).memo).toBe('第一行\t制表');
  });

  it('accepts Chinese labels as keys (Excel headers)', () => {
    const r = validateRecord(T, { 编号: 'A9', 件数: '3' });
    expect(r).toMatchObject({ record: { no: 'A9', n: 3 } });
  });
});

describe('validateRecord: dates', () => {
  it('accepts ISO, slashes, dots, Chinese and compact forms, and Excel serials', () => {
    expect(ok({ on: '2025-03-01' }).on).toBe('2025-03-01');
    expect(ok({ on: '2025/3/1' }).on).toBe('2025-03-01');
    expect(ok({ on: '2025.3.1' }).on).toBe('2025-03-01');
    expect(ok({ on: '2025年3月1日' }).on).toBe('2025-03-01');
    expect(ok({ on: '２０２５年３月１日' }).on).toBe('2025-03-01');
    expect(ok({ on: '20250301' }).on).toBe('2025-03-01');
    expect(ok({ on: '2025-03-01 00:00:00' }).on).toBe('2025-03-01');
    expect(ok({ on: 45717 }).on).toBe('2025-03-01');
    expect(ok({ on: new Date(2025, 2, 1) }).on).toBe('2025-03-01');
    expect(ok({ on: '2024-02-29' }).on).toBe('2024-02-29');
  });

  it('rejects impossible and malformed dates with the format hint', () => {
    for (const on of [
      '2025-02-30',
      '2023-02-29',
      '2025-13-01',
      '2025-00-10',
      '3/1/2025',
      '下周一',
      'abc',
      true,
      1.5,
    ]) {
      const e = errs({ on });
      expect(e[0]?.label).toBe('日期');
      expect(e[0]?.message).toContain('日期格式应为 YYYY-MM-DD');
    }
    expect(errs({ on: '2025-02-30' })[0]?.message).toBe(
      '「日期」：2025-02-30 不是有效日期，日期格式应为 YYYY-MM-DD',
    );
    expect(parseDate('1899-12-31').ok).toBe(false);
  });
});

describe('validateRecord: numbers and money', () => {
  it('parses integers with thousands separators and full-width digits', () => {
    expect(ok({ n: '12' }).n).toBe(12);
    expect(ok({ n: 12 }).n).toBe(12);
    expect(ok({ n: '１２' }).n).toBe(12);
    expect(ok({ n: ' 100 ' }).n).toBe(100);
  });

  it('rejects text, fractions and out-of-range integers', () => {
    expect(errs({ n: '十二' })[0]?.message).toBe('「件数」：应为整数');
    expect(errs({ n: '12件' })[0]?.message).toBe('「件数」：应为整数');
    expect(errs({ n: 1.5 })[0]?.message).toBe('「件数」：应为整数');
    expect(errs({ n: 0 })[0]?.message).toBe('「件数」：不能小于 1');
    expect(errs({ n: '101' })[0]?.message).toBe('「件数」：不能大于 100');
    expect(errs({ n: -1 })[0]?.message).toBe('「件数」：不能小于 1');
  });

  it('parses decimals', () => {
    expect(ok({ x: '2.5' }).x).toBe(2.5);
    expect(errs({ x: 'abc' })[0]?.message).toBe('「学时」：应为数字');
    expect(errs({ x: 11 })[0]?.message).toBe('「学时」：不能大于 10');
  });

  it('turns 元 (up to 2 decimals) into integer 分 without float error', () => {
    expect(ok({ amt: '1234.56' }).amt).toBe(123456);
    expect(ok({ amt: 0.29 }).amt).toBe(29);
    expect(ok({ amt: 1.1 }).amt).toBe(110);
    expect(ok({ amt: '1,234.5元' }).amt).toBe(123450);
    expect(ok({ amt: '¥80' }).amt).toBe(8000);
    expect(ok({ amt: '6480万元' }).amt).toBe(6_480_000_000);
    expect(ok({ amt: '11.7万元' }).amt).toBe(11_700_000);
    expect(ok({ amt: '0' }).amt).toBe(0);
    expect(ok({ amt: '12.50' }).amt).toBe(1250);
    expect(ok({ amt: '12.500' }).amt).toBe(1250);
  });

  it('rejects more than 2 decimals, negative amounts and text', () => {
    expect(errs({ amt: '1.234' })[0]?.message).toBe('「金额（元）」：金额最多两位小数（精确到分）');
    expect(errs({ amt: '-5' })[0]?.message).toBe('「金额（元）」：不能小于 0 元');
    expect(errs({ amt: '五十元' })[0]?.message).toContain('应为金额（元）');
  });
});

describe('validateRecord: booleans, dictionaries, multi', () => {
  it('accepts true/false/是/否/1/0', () => {
    for (const v of [true, 'true', '是', '1', 1, 'Y', '√']) expect(ok({ yes: v }).yes).toBe(true);
    for (const v of [false, 'false', '否', '0', 0, 'N']) expect(ok({ yes: v }).yes).toBe(false);
    expect(errs({ yes: '也许' })[0]?.message).toBe('「是否」：应为「是」或「否」');
    expect(errs({ yes: 2 })[0]?.field).toBe('yes');
  });

  it('checks dictionary values and lists the allowed ones', () => {
    expect(ok({ kind: '简易程序' }).kind).toBe('简易程序');
    expect(errs({ kind: '快速程序' })[0]?.message).toBe(
      '「类别」的值「快速程序」不在可选范围内，可选值：普通程序、简易程序、简易转普通',
    );
  });

  it('matches dictionary values regardless of full/half-width brackets', () => {
    const r = validateRecord(mediationMonthly, { month: '2024-03-01', accepted: 1, success: 1 });
    expect('record' in r).toBe(true);
    const g = ok({ many: ['未成年人'] });
    expect(g.many).toEqual(['未成年人']);
  });

  it('accepts multi values as an array or a 、/,-separated string, deduplicated', () => {
    expect(ok({ many: '未成年人、农民工' }).many).toEqual(['未成年人', '农民工']);
    expect(ok({ many: '未成年人,农民工，老年人' }).many).toEqual(['未成年人', '农民工', '老年人']);
    expect(ok({ many: ['农民工', '农民工'] }).many).toEqual(['农民工']);
    expect(ok({ many: '、' }).many).toBeNull();
    expect(errs({ many: '未成年人、外星人' })[0]?.message).toMatch(
      /^「群体」的值「外星人」不在可选范围内，可选值：未成年人、/,
    );
  });

  it('collects all errors at once', () => {
    const e = validateRecord(T, { no: '', on: 'x', n: 'y', kind: 'z' });
    expect('errors' in e && e.errors.map((x) => x.field)).toEqual(['no', 'on', 'n', 'kind']);
  });
});

describe('validateRecord: cross-field checks of the ledgers', () => {
  it('runs def.validate and names the field label', () => {
    const r = validateRecord(reconsideration, {
      caseNo: '示府复〔2024〕1号',
      applicant: '张某',
      respondent: '某局',
      receivedOn: '2024/3/10',
      acceptedOn: '2024-03-05',
      acceptance: '受理',
    });
    expect(r).toEqual({
      errors: [{ field: 'acceptedOn', label: '受理日期', message: '受理日期不能早于收案日期' }],
    });
  });

  it('does not repeat a cross-field error on a field that failed to parse', () => {
    const r = validateRecord(reconsideration, {
      caseNo: 'x',
      applicant: 'a',
      respondent: 'b',
      receivedOn: '2024-03-10',
      decision: '维持',
      decidedOn: '2024-02-30',
    });
    expect('errors' in r && r.errors).toEqual([
      {
        field: 'decidedOn',
        label: '审结日期',
        message: '「审结日期」：2024-02-30 不是有效日期，日期格式应为 YYYY-MM-DD',
      },
    ]);
  });

  it('normativeDoc: effective ≥ published, 三统一 number format and year', () => {
    const base = {
      docNo: '示规〔2025〕3号',
      title: '示范县某某管理办法',
      issuer: '示范县人民政府',
      publishedOn: '2025-03-01',
      effectiveOn: '2025-04-01',
      status: '有效',
    };
    expect('record' in validateRecord(normativeDoc, base)).toBe(true);
    const bad = validateRecord(normativeDoc, { ...base, effectiveOn: '2025-02-01' });
    expect('errors' in bad && bad.errors[0]?.message).toBe('施行日期不能早于公布日期');
    const num = validateRecord(normativeDoc, { ...base, docNo: '示规[2025]3号' });
    expect('errors' in num && num.errors[0]?.message).toBe(
      '「统一编号」：统一编号格式应为「X规〔2025〕3号」',
    );
    const year = validateRecord(normativeDoc, { ...base, docNo: '示规〔2024〕3号' });
    expect('errors' in year && year.errors[0]?.message).toBe('统一编号年份〔2024〕与公布日期年份不一致');
  });

  it('majorDecision: comment period ≥ 30 days and legality review ≥ 7 working days', () => {
    const base = {
      catalogueYear: 2024,
      title: '某方案',
      sponsor: '某局',
      cataloguedOn: '2024-03-01',
      status: '拟决策',
      commentStartOn: '2024-04-01',
      commentEndOn: '2024-05-01',
      legalityReviewSentOn: '2024-05-06',
      legalityReviewDoneOn: '2024-05-15',
    };
    expect(validateRecord(majorDecision, base)).toHaveProperty('record');
    const short = validateRecord(majorDecision, { ...base, commentEndOn: '2024-04-20' });
    expect('errors' in short && short.errors[0]?.message).toMatch(/公开征求意见期限为19日，一般不少于30日/);
    const reason = validateRecord(majorDecision, {
      ...base,
      commentEndOn: '2024-04-20',
      commentShortenedReason: '防汛紧急',
    });
    expect(reason).toHaveProperty('record');
    // 2024-09-27 → 2024-10-09 spans the 国庆 holiday: 3 working days.
    const review = validateRecord(majorDecision, {
      ...base,
      legalityReviewSentOn: '2024-09-27',
      legalityReviewDoneOn: '2024-10-09',
    });
    expect('errors' in review && review.errors[0]?.field).toBe('legalityReviewDoneOn');
    expect('errors' in review && review.errors[0]?.message).toMatch(/个工作日，一般不少于7个工作日/);
  });

  it('litigation: a head appearance needs a hearing and a level', () => {
    const r = validateRecord(litigation, {
      caseNo: '（2024）湘0423行初1号',
      plaintiff: '李某',
      defendant: '某局',
      instance: '一审',
      receivedOn: '2024-01-05',
      headAppeared: '是',
    });
    expect('errors' in r && r.errors.map((e) => e.field).sort()).toEqual(['headLevel', 'hearing']);
  });

  it('mediationMonthly: success ≤ accepted and month is the first day', () => {
    const r = validateRecord(mediationMonthly, { month: '2024-03-15', accepted: 5, success: 6 });
    expect('errors' in r && r.errors.map((e) => e.message)).toEqual([
      '统计月份应填该月1日（如 2024-03-01）',
      '「调解成功（件）」：调解成功件数不能大于受理件数',
    ]);
  });
});
