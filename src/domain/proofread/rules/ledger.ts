/**
 * 与台账不符: a stated figure that differs from the platform's own ledger for the unit and year.
 *
 * A rate whose counts its sentence states (纠错16件 … 纠错率38.2%) gets no automatic fix from the ledger:
 * replacing the rate alone would leave the text contradicting its own counts. The finding names the
 * ledger's figure and points at the counts; an internal contradiction is 比率与数量不符's finding, with
 * its own fix. So one span never carries two different fixes.
 */
import type { Doc } from '../doc.ts';
import type { CheckContext, Fact, Finding, LedgerFigure, Rule } from '../types.ts';
import { rateBasis } from './rate-consistency.ts';

/** The ledger's figure in the fact's unit, or undefined when the units do not compare. */
function ledgerValue(f: Fact, fig: LedgerFigure): number | undefined {
  if (fig.unit === '万元' && f.unit === '元') return fig.value * 10_000;
  if (fig.unit !== f.unit) return undefined;
  if (fig.numerator !== undefined && fig.denominator && f.unit === '%')
    return (fig.numerator / fig.denominator) * 100;
  return fig.value;
}

function agrees(f: Fact, value: number): boolean {
  if (f.unit === '%') {
    const step = 10 ** -(f.decimals ?? 0);
    return Math.abs(value - f.value) <= step / 2 + 1e-9;
  }
  if (f.approx) {
    // 1000余人次: the ledger value must be at least the stated figure and below the next step
    const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(1, f.value))));
    return value >= f.value && value < f.value + magnitude;
  }
  return Math.abs(value - f.value) < 1e-6;
}

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
      const value = ledgerValue(f, fig);
      if (value === undefined || agrees(f, value)) continue;
      const shown = `${f.unit === '%' ? value.toFixed(f.decimals ?? 0) : String(value)}${f.unit}`;
      const stated = `「${f.label}」写作${f.value}${f.unit}，平台台账为${shown}`;
      const basis = rateBasis(doc, f);
      if (!basis) {
        out.push(doc.finding('ledger-mismatch', '一般', f.start, f.end, stated, shown));
        continue;
      }
      const formula =
        fig.numerator !== undefined && fig.denominator ? `（${fig.numerator}÷${fig.denominator}）` : '';
      const counts = `${basis.numerator.label}${basis.numerator.value}${basis.numerator.unit}`;
      const advice = basis.consistent
        ? `文中比率与所列数量（${counts}等）一致，应先核对所列数量是否与台账相符，此处不自动修改比率`
        : `文中比率与所列数量（${counts}等）也不一致，见「比率与数量不符」；请先核对数量，再定比率，此处不自动修改`;
      out.push(doc.finding('ledger-mismatch', '一般', f.start, f.end, `${stated}${formula}。${advice}`));
    }
    return out;
  },
};
