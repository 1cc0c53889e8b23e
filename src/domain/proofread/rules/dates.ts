/**
 * 年份与日期: dates after the signing date, a "next year" plan naming the wrong year, and headings of the
 * results part naming another year than the one reported.
 */
import { type Doc, resolveDates } from '../doc.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

const PLAN_HEADING =
  /(工作计划|工作打算|工作安排|工作思路|工作重点|努力方向|下一步|下一年度|主要安排|重点任务)/u;
const RESULT_HEADING = /(主要举措|成效|工作开展情况|工作情况|主要做法|所做的工作|工作成效)/u;
/** words that make a future date legitimate (plans, targets, deadlines) */
const FUTURE_OK =
  /(计划|预计|将|拟|力争|争取|目标|远景|规划|前|底前|以前|之前|截至|到|至|—|-|~|～|起|期限|有效期|届时|要求|确保|开始|实施|施行|生效)/u;

function ymd(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const dates: Rule = {
  id: 'date-consistency',
  title: '年份与日期',
  severity: '一般',
  run(doc: Doc, ctx: CheckContext): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    const { year, signedOn } = resolveDates(doc, ctx);
    // 1. headings: plan for next year / results of the reported year
    if (year !== undefined) {
      for (const h of doc.headings) {
        if (h.level !== 1) continue;
        const ym = /(20\d\d)年/u.exec(h.text);
        if (!ym) continue;
        const y = Number(ym[1]);
        const at = h.start + text.slice(h.start, h.end).indexOf(ym[0]);
        if (PLAN_HEADING.test(h.text) && y !== year + 1) {
          out.push(
            doc.finding(
              'date-consistency',
              '一般',
              at,
              at + ym[0].length,
              `下一年度安排应为${year + 1}年，此处写作${y}年`,
              `${year + 1}年`,
            ),
          );
        } else if (!PLAN_HEADING.test(h.text) && RESULT_HEADING.test(h.text) && y !== year) {
          out.push(
            doc.finding(
              'date-consistency',
              '一般',
              at,
              at + ym[0].length,
              `报告年度为${year}年，此处写作${y}年`,
              `${year}年`,
            ),
          );
        }
      }
    }
    // 2. dates after the signing date, outside the plan part and without a future marker
    if (signedOn) {
      const planStart =
        doc.headings.find((h) => h.level === 1 && PLAN_HEADING.test(h.text))?.start ?? text.length;
      const re = /(20\d\d)年(\d{1,2})月(?:(\d{1,2})日)?/gu;
      let m: RegExpExecArray | null = re.exec(text);
      while (m) {
        const s = m.index;
        if (s < planStart) {
          const y = Number(m[1]);
          const mo = Number(m[2]);
          const d = m[3] ? Number(m[3]) : 1;
          const date = ymd(y, mo, d);
          const around = text.slice(Math.max(0, s - 8), Math.min(text.length, s + m[0].length + 6));
          const line = doc.lineAt(s);
          const lineText = line ? text.slice(line.start, line.end) : '';
          const inTail = /^\s*20\d\d年\d{1,2}月\d{1,2}日\s*$/u.test(lineText); // the signature line itself
          if (date > signedOn && !FUTURE_OK.test(around) && !inTail && mo >= 1 && mo <= 12) {
            out.push(
              doc.finding(
                'date-consistency',
                '一般',
                s,
                s + m[0].length,
                `${m[0]}晚于报告落款日期${signedOn}，所述事项尚未发生`,
              ),
            );
          }
        }
        m = re.exec(text);
      }
    }
    return out;
  },
};
