/** 与台账不符: a stated figure that differs from the platform's own ledger for the unit and year. */
import type { Doc } from '../doc.ts';
import type { CheckContext, Finding, Rule } from '../types.ts';

export const ledgerMismatch: Rule = {
  id: 'ledger-mismatch',
  title: '与台账数据不符',
  severity: '一般',
  run(doc: Doc, ctx: CheckContext): Finding[] {
    const ledger = ctx.ledgerFigures;
    if (!ledger || ledger.length === 0) return [];
    const out: Finding[] = [];
    for (const f of doc.facts) {
      if (!f.metric) continue;
      const fig = ledger.find((l) => l.metric === f.metric);
      if (!fig) continue;
      let value = fig.value;
      if (fig.numerator !== undefined && fig.denominator && f.unit === '%')
        value = (fig.numerator / fig.denominator) * 100;
      const unitOk = fig.unit === f.unit || (fig.unit === '万元' && f.unit === '元');
      if (fig.unit === '万元' && f.unit === '元') value *= 10_000;
      if (!unitOk) continue;
      let same: boolean;
      if (f.unit === '%') {
        const step = 10 ** -(f.decimals ?? 0);
        same = Math.abs(value - f.value) <= step / 2 + 1e-9;
      } else if (f.approx) {
        // 1000余人次: the ledger value must be at least the stated figure and below the next step
        const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, f.value))) - 0);
        same = value >= f.value && value < f.value + magnitude;
      } else {
        same = Math.abs(value - f.value) < 1e-6;
      }
      if (same) continue;
      const shown = f.unit === '%' ? value.toFixed(f.decimals ?? 0) : String(value);
      out.push(
        doc.finding(
          'ledger-mismatch',
          '一般',
          f.start,
          f.end,
          `「${f.label}」写作${f.value}${f.unit}，平台台账为${shown}${f.unit}`,
          `${shown}${f.unit}`,
        ),
      );
    }
    return out;
  },
};
