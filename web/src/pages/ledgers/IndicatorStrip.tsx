// The ledger's own indicators for a year (and the list's unit scope): each figure opens its records.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Spin, Tooltip, Typography } from 'antd';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage, qs } from '../../api';
import {
  figureColor,
  type IndicatorsResponse,
  indicatorDisplay,
  type LedgerMeta,
  YEAR_OPTIONS,
} from './common';

export interface DrillDown {
  measure: string;
  periodFrom?: string | undefined;
  periodTo: string;
}

/** Which way the strip can still scroll: a card cut off at an edge is a card the user may not know of. */
function useOverflow(ref: RefObject<HTMLDivElement | null>, contentKey: unknown) {
  const [edges, setEdges] = useState({ left: false, right: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const left = el.scrollLeft > 1;
    const right = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    setEdges((prev) => (prev.left === left && prev.right === right ? prev : { left, right }));
  }, [ref]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: contentKey re-measures when the cards change
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, measure, contentKey]);
  const scrollBy = (direction: 1 | -1) =>
    ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.8 });
  return { edges, measure, scrollBy };
}

export function IndicatorStrip(props: {
  def: LedgerMeta;
  year: number;
  unit?: string | undefined;
  subtree: boolean;
  reloadKey: number;
  onYear: (year: number) => void;
  onDrill: (d: DrillDown) => void;
}) {
  const { def, year, unit, subtree, reloadKey, onYear, onDrill } = props;
  const [data, setData] = useState<IndicatorsResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const { edges, measure, scrollBy } = useOverflow(scroller, data);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey refreshes the figures after a write
  useEffect(() => {
    if (!def.indicators.length) return;
    let live = true;
    setLoading(true);
    api
      .get<IndicatorsResponse>(
        `/api/indicators${qs({ year, ids: def.indicators.join(','), unit, subtree: unit ? subtree : undefined })}`,
      )
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [def, year, unit, subtree, reloadKey]);

  if (!def.indicators.length) return null;
  return (
    <Card
      size="small"
      data-testid="indicator-strip"
      title={
        <Space>
          <span>本台账指标</span>
          {loading && <Spin size="small" />}
          {(edges.left || edges.right) && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="strip-hint">
              共 {data?.items.length ?? 0} 项，左右滚动查看全部
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Select
          size="small"
          aria-label="指标年度"
          data-testid="strip-year"
          value={year}
          options={YEAR_OPTIONS}
          onChange={onYear}
          style={{ width: 100 }}
        />
      }
    >
      {error ? (
        <Typography.Text type="danger">{error}</Typography.Text>
      ) : (
        <div style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
          {edges.left && (
            <Button
              size="small"
              type="text"
              icon={<LeftOutlined />}
              aria-label="查看前面的指标"
              data-testid="strip-prev"
              onClick={() => scrollBy(-1)}
            />
          )}
          <div
            ref={scroller}
            onScroll={measure}
            style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 4, flex: 1, minWidth: 0 }}
          >
            {(data?.items ?? []).map((i) => {
              const own =
                i.sources.find((s) => s.ledger === def.key && s.role === 'numerator') ??
                i.sources.find((s) => s.ledger === def.key);
              return (
                <Tooltip
                  key={i.id}
                  title={`${i.formula}${i.denominator !== null ? `（${i.numerator}/${i.denominator}）` : ''}${i.notDue ? `；${i.dueOn} 到期，尚未到期` : ''}；点击查看明细记录`}
                >
                  <button
                    type="button"
                    data-testid={`strip-${i.id}`}
                    data-figure={`${i.id}=${i.numerator}/${i.denominator ?? ''}`}
                    onClick={() =>
                      own &&
                      data &&
                      onDrill({
                        measure: own.measure,
                        periodFrom: i.cumulative ? undefined : data.period.from,
                        periodTo: data.period.to,
                      })
                    }
                    style={{
                      minWidth: 120,
                      padding: '6px 12px',
                      border: '1px solid #f0f0f0',
                      borderRadius: 6,
                      background: '#fafafa',
                      cursor: 'pointer',
                      textAlign: 'left',
                      flex: '0 0 auto',
                    }}
                  >
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)', whiteSpace: 'nowrap' }}>
                      {i.label}
                    </div>
                    <div
                      style={{ fontSize: 18, fontWeight: 600, color: figureColor(i) }}
                      className="strip-value"
                    >
                      {indicatorDisplay(i)}
                    </div>
                  </button>
                </Tooltip>
              );
            })}
          </div>
          {edges.right && (
            <Button
              size="small"
              type="text"
              icon={<RightOutlined />}
              aria-label="查看后面的指标"
              data-testid="strip-next"
              onClick={() => scrollBy(1)}
            />
          )}
        </div>
      )}
    </Card>
  );
}
