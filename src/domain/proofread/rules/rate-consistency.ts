/**
 * 比率与数量一致: a stated rate against the counts in the same sentence, with tolerance for the precision
 * shown. A rate that fits no stated count but an unstated base (e.g. 审结 instead of 受理) is a 提示.
 */
import { formatRate, impliedDenominators, rateMatches } from '../../numbers/index.ts';
import type { Doc } from '../doc.ts';
import type { Fact, Finding, Rule } from '../types.ts';

/** rate word stem → numerator label pattern and the defined denominator pattern */
export interface RateDef {
  rate: RegExp;
  numerator: RegExp;
  /** labels that are the defined base; when none is stated the base is unknown */
  base?: RegExp;
  baseName: string;
}
const DEFS: RateDef[] = [
  { rate: /纠错率/u, numerator: /纠错/u, base: /审结|办结|结案/u, baseName: '审结数' },
  { rate: /成功率/u, numerator: /成功/u, base: /调解|受理|调处|纠纷|案件/u, baseName: '调解（受理）数' },
  { rate: /胜诉率/u, numerator: /胜诉/u, base: /审结|办结|判决|结案/u, baseName: '审结数' },
  { rate: /败诉率/u, numerator: /败诉/u, base: /审结|办结|判决|结案/u, baseName: '审结数' },
  { rate: /出庭(?:应诉)?率/u, numerator: /出庭/u, base: /开庭|审理/u, baseName: '开庭审理数' },
  { rate: /办结率/u, numerator: /办结|结案/u, base: /受理|收案/u, baseName: '受理数' },
  { rate: /履行率/u, numerator: /履行/u, base: /协议|成功/u, baseName: '协议数' },
  { rate: /采纳率/u, numerator: /采纳/u, base: /意见|建议/u, baseName: '意见数' },
  { rate: /满意(?:率|度)/u, numerator: /满意/u, base: /回访|调查|案件/u, baseName: '回访数' },
  { rate: /备案率/u, numerator: /备案/u, base: /文件|制定|出台/u, baseName: '文件数' },
];

function compatible(a: string, b: string): boolean {
  const people = ['人', '名'];
  return a === b || (people.includes(a) && people.includes(b));
}

/** A stated rate and the counts its sentence gives for it. */
export interface RateBasis {
  rate: Fact;
  def: RateDef;
  numerator: Fact;
  /** the stated counts that could be the denominator */
  denominators: Fact[];
  /** whether the rate follows from the numerator and one of the denominators at the precision shown */
  consistent: boolean;
}

/**
 * The counts a rate is computed from, when its sentence states them (纠错16件 … 43件 … 纠错率38.2%);
 * undefined for a rate standing alone, whose only check is against the ledgers.
 */
export function rateBasis(doc: Doc, rate: Fact): RateBasis | undefined {
  if (rate.unit !== '%') return undefined;
  const def = DEFS.find((d) => d.rate.test(rate.label));
  if (!def) return undefined;
  // counts earlier in the same sentence (sentences split on 。；)
  const sentence = doc.sentenceAt(rate.start);
  if (!sentence) return undefined;
  const facts = doc.facts;
  const counts: Fact[] = [];
  for (let j = facts.indexOf(rate) - 1; j >= 0; j--) {
    const f = facts[j];
    if (!f || f.start < sentence.start) break;
    if (f.unit !== '%') counts.unshift(f);
  }
  const numerator = [...counts].reverse().find((f) => def.numerator.test(f.label) && !def.rate.test(f.label));
  if (!numerator || numerator.approx) return undefined;
  const denominators = counts.filter(
    (f) => f !== numerator && compatible(f.unit, numerator.unit) && !f.approx && f.value >= numerator.value,
  );
  if (denominators.length === 0) return undefined;
  const decimals = rate.decimals ?? 0;
  const consistent = denominators.some((d) => rateMatches(numerator.value, d.value, rate.value, decimals));
  return { rate, def, numerator, denominators, consistent };
}

export const rateConsistency: Rule = {
  id: 'rate-consistency',
  title: '比率与数量不符',
  severity: '一般',
  run(doc: Doc): Finding[] {
    const out: Finding[] = [];
    for (const r of doc.facts) {
      const basis = rateBasis(doc, r);
      if (!basis || basis.consistent) continue;
      const { def, numerator: num, denominators: dens } = basis;
      const decimals = r.decimals ?? 0;
      const baseStated = def.base ? dens.some((d) => def.base?.test(d.label) ?? false) : true;
      const defined = def.base ? dens.find((d) => def.base?.test(d.label)) : dens[0];
      const main = defined ?? dens[0];
      if (!main) continue;
      const maxDen = Math.max(...dens.map((d) => d.value));
      const implied = impliedDenominators(num.value, r.value, decimals, num.value, maxDen);
      const computed = formatRate(num.value, main.value, decimals);
      const definedIsAccepted = /受理|收案/u.test(main.label) && def.baseName === '审结数';
      if (implied.length > 0 && implied.length <= 3 && (!baseStated || definedIsAccepted)) {
        out.push(
          doc.finding(
            'rate-consistency',
            '提示',
            r.start,
            r.end,
            `${r.label}${r.value}%与${main.label}${main.value}${main.unit}、${num.label}${num.value}${num.unit}不符（${num.value}÷${main.value}=${computed}%）；按${implied.join('或')}${main.unit}计算才得${r.value}%，可能以未写明的${def.baseName}为分母，请写明分母`,
            `写明${def.baseName}，或改为${computed}%`,
          ),
        );
      } else {
        out.push(
          doc.finding(
            'rate-consistency',
            '一般',
            r.start,
            r.end,
            `${r.label}${r.value}%与所列数量不符：${num.value}÷${main.value}=${computed}%`,
            `${computed}%`,
          ),
        );
      }
    }
    return out;
  },
};
