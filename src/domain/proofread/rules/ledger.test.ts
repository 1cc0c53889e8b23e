import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check, extractFacts } from '../check.ts';
import { run, seed } from '../test/helpers.ts';
import type { Finding, LedgerFigure } from '../types.ts';

const t = '全县调解矛盾纠纷1928件,调解成功1838件,成功率达95.3%。全年共办理法律援助案件414件。';

describe('ledger-mismatch', () => {
  it('does nothing without ledger figures', () => {
    expect(run('ledger-mismatch', t)).toEqual([]);
  });
  it('flags a stated figure that differs from the ledger', () => {
    const f = run('ledger-mismatch', t, {
      ledgerFigures: [
        { metric: 'mediation.cases', value: 1930, unit: '件' },
        { metric: 'mediation.successRate', value: 95.3, unit: '%', numerator: 1838, denominator: 1928 },
        { metric: 'legalAid.cases', value: 414, unit: '件' },
      ],
    });
    expect(f.map((x) => [x.excerpt, x.suggestion])).toEqual([['1928件', '1930件']]);
  });
  it('tolerates approximate figures', () => {
    const f = run('ledger-mismatch', '为受援人挽回经济损失或取得利益50余万元。', {
      ledgerFigures: [{ metric: 'legalAid.recovered', value: 523000, unit: '元' }],
    });
    expect(f).toEqual([]);
  });
});

/** 纠错14件 ÷ 审结37件 = 37.8%; the text's own counts give 16 ÷ 43 = 37.2%. */
const RECONSIDERATION: LedgerFigure[] = [
  { metric: 'reconsideration.cases', value: 37, unit: '件' },
  { metric: 'reconsideration.corrected', value: 14, unit: '件' },
  { metric: 'reconsideration.correctionRate', value: 37.84, unit: '%', numerator: 14, denominator: 37 },
];
const onSpan = (fs: Finding[], excerpt: string) => fs.filter((f) => f.excerpt === excerpt);

describe('ledger-mismatch and rate-consistency on one rate', () => {
  it('a rate contradicting its own counts and the ledger: two findings, one fix (the text’s own)', () => {
    const text = '全年办理行政复议案件43件，纠错16件，纠错率为38.2%。';
    const rate = onSpan(check(text, { ledgerFigures: RECONSIDERATION }), '38.2%');
    expect(rate.map((f) => [f.rule, f.suggestion])).toEqual([
      ['rate-consistency', '37.2%'],
      ['ledger-mismatch', undefined],
    ]);
    expect(rate[0]?.message).toContain('16÷43=37.2%');
    expect(rate[1]?.message).toContain('平台台账为37.8%（14÷37）');
    expect(rate[1]?.message).toContain('见「比率与数量不符」');
  });
  it('a rate agreeing with its counts but not the ledger: the counts are fixed, not the rate', () => {
    const text = '全年办理行政复议案件43件，纠错16件，纠错率为37.2%。';
    const fs = check(text, { ledgerFigures: RECONSIDERATION });
    expect(onSpan(fs, '37.2%').map((f) => [f.rule, f.suggestion])).toEqual([['ledger-mismatch', undefined]]);
    expect(onSpan(fs, '37.2%')[0]?.message).toContain('文中比率与所列数量（纠错16件等）一致');
    expect(onSpan(fs, '43件').map((f) => f.suggestion)).toEqual(['37件']);
    expect(onSpan(fs, '16件').map((f) => f.suggestion)).toEqual(['14件']);
  });
  it('a rate standing alone is fixed from the ledger', () => {
    const f = run('ledger-mismatch', '全年行政复议纠错率为38.2%。', { ledgerFigures: RECONSIDERATION });
    expect(f.map((x) => [x.excerpt, x.suggestion])).toEqual([['38.2%', '37.8%']]);
  });
  it('never offers two different fixes on the same words, whatever the ledger says', () => {
    const texts = [
      seed('chenxi-2022.txt'),
      seed('tancheng-2023.txt'),
      seed('hengshan-2024.txt'),
      '全年办理行政复议案件43件，纠错16件，纠错率为38.2%。调解纠纷1928件，调解成功1838件，成功率95.4%。',
    ];
    const withMetric = [
      ...new Set(texts.flatMap((t) => extractFacts(t)).flatMap((f) => (f.metric ? [f] : []))),
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: withMetric.length - 1 }), fc.nat(2000), fc.nat(2000)), {
          maxLength: 12,
        }),
        (which, picks) => {
          const ledgerFigures = picks.map(([k, a, b]): LedgerFigure => {
            const fact = withMetric[k]!;
            return fact.unit === '%'
              ? {
                  metric: fact.metric!,
                  value: 0,
                  unit: '%',
                  numerator: Math.min(a, b),
                  denominator: Math.max(a, b, 1),
                }
              : { metric: fact.metric!, value: a, unit: fact.unit };
          });
          const fixes = new Map<string, Set<string>>();
          for (const f of check(texts[which]!, { ledgerFigures })) {
            if (f.suggestion === undefined) continue;
            const span = `${f.start}:${f.end}`;
            fixes.set(span, (fixes.get(span) ?? new Set()).add(f.suggestion));
          }
          for (const [span, set] of fixes) expect([span, set.size]).toEqual([span, 1]);
        },
      ),
      { numRuns: 25 },
    );
  }, 60_000);
});
