import { describe, expect, it } from 'vitest';
import { indicator } from '../indicators/catalog.ts';
import { FACT_METRICS } from './facts.ts';
import { metricName } from './metric-names.ts';

describe('metric names (对应指标)', () => {
  it('names every metric a figure can be matched to in Chinese, never by its id', () => {
    for (const id of FACT_METRICS) {
      const name = metricName(id);
      expect(name, id).toMatch(/^[\u4e00-\u9fff（）]+$/u);
      expect(name, id).not.toBe('未收录的指标');
    }
  });
  it('uses the indicator catalog’s label, and says when the ledgers keep no such figure', () => {
    for (const id of ['reconsideration.cases', 'reconsideration.correctionRate']) {
      expect(metricName(id)).toBe(indicator(id)?.label);
      expect(metricName(id)).toContain('行政复议');
    }
    expect(metricName('inspection.problems')).toContain('台账无此指标');
  });
});
