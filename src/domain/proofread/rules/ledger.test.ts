import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';

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
