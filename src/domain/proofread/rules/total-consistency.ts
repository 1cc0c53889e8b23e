/** 分项与合计: parts listed after a total (共17项，已完成12项，正在推进5项; …，其中…) must not exceed it. */
import type { Doc } from '../doc.ts';
import type { Fact, Finding, Rule } from '../types.ts';

const TOTAL_BEFORE = /(?:共|共计|总计|合计|累计|总数|全年共)[^，,。；;、]{0,20}$/u;
/** pairs of complementary parts that must add up to the total */
const COMPLEMENTARY: Array<[RegExp, RegExp]> = [
  [/已完成|已办结|已整改|完成/u, /正在推进|推进中|未完成|正在整改|整改中|未办结|正在办理|持续推进/u],
  [/专职/u, /兼职/u],
  [/男/u, /女/u],
  [/线上/u, /线下/u],
];

function compatible(a: string, b: string): boolean {
  const people = ['人', '名'];
  return a === b || (people.includes(a) && people.includes(b));
}

export const totalConsistency: Rule = {
  id: 'total-consistency',
  title: '分项与合计不符',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const text = doc.text;
    const out: Finding[] = [];
    const facts = doc.facts;
    for (let k = 0; k < facts.length; k++) {
      const total = facts[k];
      if (!total || total.unit === '%' || total.approx) continue;
      const sentence = doc.sentenceAt(total.start);
      if (!sentence) continue;
      const before = text.slice(sentence.start, total.start);
      const after = text.slice(total.end, Math.min(sentence.end, total.end + 6));
      const isTotal =
        TOTAL_BEFORE.test(before) || /^[，,]?\s*其中/u.test(after) || /^[^，,。；;]{0,8}中/u.test(after);
      if (!isTotal) continue;
      const parts: Fact[] = [];
      for (let j = k + 1; j < facts.length; j++) {
        const f = facts[j];
        if (!f || f.start >= sentence.end) break;
        if (f.unit === '%') continue;
        if (!compatible(f.unit, total.unit)) continue;
        // a new total in the same sentence ends the list
        const b = text.slice(facts[j - 1]?.end ?? total.end, f.start);
        if (/共|合计|总计|另/u.test(b) && parts.length > 0) break;
        parts.push(f);
      }
      if (parts.length === 0) continue;
      const firstGap = text.slice(total.end, parts[0]?.start ?? total.end);
      const qizhong = /其中|分别/u.test(firstGap) || /^[^，,。；;]{0,8}中/u.test(after);
      const pair = COMPLEMENTARY.find(
        ([a, b]) => parts.some((p) => a.test(p.label)) && parts.some((p) => b.test(p.label)),
      );
      if (!qizhong) {
        if (!pair) continue;
        const keep = parts.filter((p) => pair[0].test(p.label) || pair[1].test(p.label));
        parts.length = 0;
        parts.push(...keep);
      }
      const sum = parts.reduce((a, f) => a + f.value, 0);
      const approx = parts.some((p) => p.approx);
      const end = parts[parts.length - 1]?.end ?? total.end;
      if (sum > total.value && !approx) {
        // parts may be a mix of levels (e.g. 人民调解员1054名，其中… and then 1054名调解人员中…): skip when a part equals the total
        if (parts.some((p) => p.value === total.value)) continue;
        out.push(
          doc.finding(
            'total-consistency',
            '一般',
            total.start,
            end,
            `分项之和${sum}${total.unit}大于合计${total.value}${total.unit}（${parts.map((p) => `${p.label}${p.value}`).join('+')}）`,
          ),
        );
      } else if (sum < total.value && parts.length >= 2) {
        if (pair) {
          out.push(
            doc.finding(
              'total-consistency',
              '一般',
              total.start,
              end,
              `分项之和${sum}${total.unit}小于合计${total.value}${total.unit}（${parts.map((p) => `${p.label}${p.value}`).join('+')}）`,
            ),
          );
        }
      }
    }
    return out;
  },
};
