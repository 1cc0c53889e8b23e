// 数据看板: the key indicators for a year and scope with numerator and denominator, the trend over
// years and the comparison across units. Every figure leads to the records behind it.
import { InfoCircleOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Popover,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Tooltip,
  TreeSelect,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage, qs } from '../../api';
import { useAuth } from '../../auth';
import { EChart, type EChartsOption } from '../../components/EChart';
import { toTreeData, useUnitTree } from '../../components/units';
import {
  drillDownUrl,
  figureColor,
  formatNumber,
  type IndicatorItem,
  type IndicatorSource,
  type IndicatorsResponse,
  indicatorDisplay,
  type LedgerMeta,
  measureLabel,
  useDataYear,
  useLedgers,
  YEAR_OPTIONS,
} from '../ledgers/common';

/** The indicators the dashboard shows as cards, in this order. */
export const KEY_INDICATORS = [
  'reconsideration.correctionRate',
  'litigation.headAppearanceRate',
  'mediation.successRate',
  'legalAid.cases',
  'normativeDoc.filingRate',
  'majorDecisions.procedureCompletenessRate',
  'reconsideration.received',
  'enforcement.penalties',
];

interface Point {
  numerator: number;
  denominator: number | null;
  value: number | null;
  display: string;
  money: boolean;
}

/** The plotted number: a percentage for rates, 元 for money, else the count. */
function plotted(p: Point): number | null {
  if (p.denominator !== null) return p.value === null ? null : Math.round(p.value * 1000) / 10;
  return p.money ? p.numerator / 100 : p.numerator;
}

interface Trend {
  years: number[];
  series: Array<{ id: string; label: string; unit: string; points: Array<Point & { year: number }> }>;
}

interface ByUnit {
  indicator: { id: string; label: string; unit: string; formula: string };
  period: { label: string; from: string; to: string };
  /** Only units in the caller's data scope; a sub-region (province or city users) has no unit id. */
  items: Array<Point & { unitId: string | null; regionCode: string | null; unitName: string }>;
}

/** A numerator or denominator that opens its records (a menu when several ledgers feed it). */
function SourceLink(props: {
  item: IndicatorItem;
  part: 'numerator' | 'denominator';
  period: { from: string; to: string };
  unit: string | undefined;
  ledgers: LedgerMeta[];
  children: ReactNode;
}) {
  const { item, part, period, unit, ledgers, children } = props;
  const sources = item.sources.filter((s) => s.role === part);
  const url = (s: IndicatorSource) => drillDownUrl(s, period, { cumulative: item.cumulative, unit });
  const testId = `${part === 'numerator' ? 'num' : 'den'}-${item.id}`;
  if (sources.length === 0) return <span>{children}</span>;
  if (sources.length === 1)
    return (
      <Link
        to={url(sources[0]!)}
        data-testid={testId}
        title={`查看${measureLabel(ledgers, sources[0]!.ledger, sources[0]!.measure)}的记录`}
      >
        {children}
      </Link>
    );
  return (
    <Popover
      title="查看记录"
      content={
        <Space orientation="vertical">
          {sources.map((s) => (
            <Link key={`${s.ledger}.${s.measure}`} to={url(s)}>
              {measureLabel(ledgers, s.ledger, s.measure)}
            </Link>
          ))}
        </Space>
      }
    >
      <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} data-testid={testId}>
        {children}
      </Button>
    </Popover>
  );
}

/** The comparison as a table under the chart: every bar's figures, each leading to its records. */
function UnitFigures(props: { byUnit: ByUnit; item: IndicatorItem; ledgers: LedgerMeta[] }) {
  const { byUnit, item, ledgers } = props;
  type Row = ByUnit['items'][number];
  const link = (row: Row, part: 'numerator' | 'denominator', value: number) =>
    row.unitId ? (
      <SourceLink
        item={{ ...item, ...row, id: item.id }}
        part={part}
        period={byUnit.period}
        unit={row.unitId}
        ledgers={ledgers}
      >
        {formatNumber(value, part === 'numerator' && row.money)}
      </SourceLink>
    ) : (
      formatNumber(value, part === 'numerator' && row.money)
    );
  return (
    <Table<Row>
      rowKey={(r) => r.unitId ?? r.regionCode ?? r.unitName}
      size="small"
      data-testid="unit-figures"
      dataSource={byUnit.items}
      pagination={false}
      scroll={{ y: 240 }}
      columns={[
        { title: '单位', dataIndex: 'unitName' },
        { title: '值', dataIndex: 'display', width: 140 },
        { title: '分子', width: 110, render: (_, r) => link(r, 'numerator', r.numerator) },
        {
          title: '分母',
          width: 110,
          render: (_, r) => (r.denominator === null ? '—' : link(r, 'denominator', r.denominator)),
        },
      ]}
    />
  );
}

export default function DashboardPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const dataYear = useDataYear();
  const year = Number(params.get('year')) || dataYear;
  const unit = params.get('unit') ?? undefined;
  const period = periodParams(params);
  const periodKey = JSON.stringify(period);
  const { tree } = useUnitTree(can('org:unit:read'));
  const treeData = useMemo(() => toTreeData(tree), [tree]);
  const { ledgers } = useLedgers();
  const [data, setData] = useState<IndicatorsResponse | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState(KEY_INDICATORS[0]!);
  const [trend, setTrend] = useState<Trend | null>(null);
  const [byUnit, setByUnit] = useState<ByUnit | null>(null);

  const set = (k: string, v: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  useEffect(() => {
    if (!year) return;
    let live = true;
    setLoading(true);
    api
      .get<IndicatorsResponse>(
        `/api/indicators${qs({ year, ...JSON.parse(periodKey), unit, subtree: unit ? true : undefined })}`,
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
  }, [year, unit, periodKey]);

  useEffect(() => {
    if (!year) return;
    let live = true;
    const years = [year - 4, year - 3, year - 2, year - 1, year].join(',');
    api
      .get<Trend>(
        `/api/indicators/trend${qs({ years, ids: chosen, unit, subtree: unit ? true : undefined })}`,
      )
      .then((t) => live && setTrend(t))
      .catch(() => live && setTrend(null));
    api
      .get<ByUnit>(
        `/api/indicators/by-unit${qs({ year, ...JSON.parse(periodKey), id: chosen, parent: unit })}`,
      )
      .then((b) => live && setByUnit(b))
      .catch(() => live && setByUnit(null));
    return () => {
      live = false;
    };
  }, [year, unit, chosen, periodKey]);

  const items = data?.items ?? [];
  const byId = new Map(items.map((i) => [i.id, i]));
  // A figure no unit within the user's scope can have (a township's 行政复议纠错率) is not shown.
  const concernsMe = (i: IndicatorItem) =>
    ledgers.length === 0 || i.sources.some((s) => ledgers.some((l) => l.key === s.ledger && l.inMyScope));
  const cards = KEY_INDICATORS.map((id) => byId.get(id)).filter(
    (i): i is IndicatorItem => !!i && concernsMe(i),
  );
  const firstCard = cards[0]?.id;
  useEffect(() => {
    if (firstCard && !cards.some((c) => c.id === chosen)) setChosen(firstCard);
  });
  const chosenItem = byId.get(chosen);
  const percent = chosenItem ? chosenItem.denominator !== null : false;
  const axisUnit = chosenItem ? (percent ? '%' : chosenItem.money ? '元' : chosenItem.unit) : '';

  const trendOption = useMemo<EChartsOption>(() => {
    const s = trend?.series[0];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: (trend?.years ?? []).map((y) => `${y}年`) },
      yAxis: { type: 'value', name: axisUnit },
      series: [
        {
          type: 'line',
          name: s?.label ?? '',
          smooth: true,
          connectNulls: true,
          showSymbol: true,
          symbolSize: 8,
          data: (s?.points ?? []).map(plotted),
          label: { show: true },
          itemStyle: { color: '#b71c1c' },
        },
      ],
    };
  }, [trend, axisUnit]);

  const unitOption = useMemo<EChartsOption>(() => {
    const rows = byUnit?.items ?? [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 32, bottom: 90 },
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.unitName),
        axisLabel: { interval: 0, rotate: rows.length > 6 ? 40 : 0 },
      },
      yAxis: { type: 'value', name: axisUnit },
      series: [
        {
          type: 'bar',
          name: byUnit?.indicator.label ?? '',
          data: rows.map(plotted),
          itemStyle: { color: '#d4380d' },
          barMaxWidth: 36,
        },
      ],
    };
  }, [byUnit, axisUnit]);

  // A region's bar has no unit to list records by; opening the whole scope instead would not be its records.
  const openUnit = (index: number) => {
    const row = byUnit?.items[index];
    const src = chosenItem?.sources.find((s) => s.role === 'numerator');
    if (!row?.unitId || !src || !byUnit) return;
    navigate(drillDownUrl(src, byUnit.period, { cumulative: chosenItem?.cumulative, unit: row.unitId }));
  };

  if (!year) return <Spin />;
  const shown = data?.period ?? { from: `${year}-01-01`, to: `${year}-12-31`, label: `${year}年` };
  const choosePeriod = (v: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const k of ['quarter', 'month', 'from', 'to']) next.delete(k);
        if (v.startsWith('q')) next.set('quarter', v.slice(1));
        else if (v.startsWith('m')) next.set('month', v.slice(1));
        else if (v === 'custom') {
          next.set('from', `${year}-01-01`);
          next.set(
            'to',
            dayjs().format('YYYY-MM-DD') < `${year}-12-31` ? dayjs().format('YYYY-MM-DD') : `${year}-12-31`,
          );
        }
        return next;
      },
      { replace: true },
    );
  const setRange = (from: string, to: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('from', from);
        next.set('to', to);
        return next;
      },
      { replace: true },
    );

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap' }}
      >
        <Typography.Title level={3} style={{ margin: 0 }}>
          数据看板
        </Typography.Title>
        <Space wrap>
          <Select
            aria-label="年度"
            data-testid="dashboard-year"
            value={year}
            options={YEAR_OPTIONS}
            onChange={(y: number) => set('year', String(y))}
            style={{ width: 110 }}
            disabled={!!period.from}
          />
          <Select
            aria-label="统计期间"
            data-testid="dashboard-period"
            value={periodChoice(period)}
            options={PERIOD_OPTIONS}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={choosePeriod}
            style={{ width: 130 }}
          />
          {period.from && period.to && (
            <span data-testid="dashboard-range">
              <DatePicker.RangePicker
                aria-label="自定义区间"
                allowClear={false}
                value={[dayjs(period.from), dayjs(period.to)]}
                onChange={(v) => {
                  if (v?.[0] && v[1]) setRange(v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD'));
                }}
              />
            </span>
          )}
          {tree.length > 0 && (
            <TreeSelect
              aria-label="统计范围"
              allowClear
              showSearch
              treeNodeFilterProp="title"
              placeholder={`全部（${data?.scope.name ?? '数据范围内'}）`}
              treeData={treeData}
              value={unit}
              onChange={(v?: string) => set('unit', v)}
              treeDefaultExpandedKeys={tree.map((n) => n.id)}
              style={{ width: 280 }}
            />
          )}
          {loading && <Spin size="small" />}
        </Space>
      </div>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}

      <Row gutter={[16, 16]}>
        {cards.map((i) => (
          <Col key={i.id} xs={24} sm={12} xl={6}>
            <Card
              size="small"
              hoverable
              data-testid={`card-${i.id}`}
              style={{ borderColor: chosen === i.id ? '#b71c1c' : undefined, height: '100%' }}
              onClick={() => setChosen(i.id)}
            >
              <Statistic
                title={
                  <Space size={4}>
                    <span>{i.label}</span>
                    <Tooltip title={`公式：${i.formula}`}>
                      <InfoCircleOutlined />
                    </Tooltip>
                  </Space>
                }
                value={indicatorDisplay(i)}
                styles={{ content: { color: figureColor(i), fontSize: 26 } }}
              />
              <Typography.Text type="secondary" onClick={(e) => e.stopPropagation()}>
                {i.denominator !== null ? (
                  <>
                    分子{' '}
                    <SourceLink item={i} part="numerator" period={shown} unit={unit} ledgers={ledgers}>
                      {formatNumber(i.numerator, i.money)}
                    </SourceLink>{' '}
                    / 分母{' '}
                    <SourceLink item={i} part="denominator" period={shown} unit={unit} ledgers={ledgers}>
                      {formatNumber(i.denominator)}
                    </SourceLink>
                  </>
                ) : (
                  <>
                    明细{' '}
                    <SourceLink item={i} part="numerator" period={shown} unit={unit} ledgers={ledgers}>
                      {formatNumber(i.numerator, i.money)}
                      {i.money ? '' : i.unit}
                    </SourceLink>
                  </>
                )}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={`逐年趋势：${chosenItem?.label ?? ''}`}
            extra={
              <Select
                aria-label="指标"
                showSearch
                optionFilterProp="label"
                value={chosen}
                onChange={setChosen}
                options={items.map((i) => ({ value: i.id, label: i.label }))}
                style={{ width: 220 }}
                popupMatchSelectWidth={false}
              />
            }
          >
            {trend ? <EChart option={trendOption} testId="trend-chart" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={`单位比较：${chosenItem?.label ?? ''}（${shown.label}，点击柱形查看记录）`}
          >
            {byUnit && byUnit.items.length > 0 ? (
              <>
                <EChart option={unitOption} onClick={(p) => openUnit(p.dataIndex)} testId="unit-chart" />
                {chosenItem && <UnitFigures byUnit={byUnit} item={chosenItem} ledgers={ledgers} />}
              </>
            ) : (
              <Empty description="没有下级单位可比较" />
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" title={`全部指标（${shown.label}，${data?.scope.name ?? ''}）`}>
        <Table<IndicatorItem>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={{ pageSize: 20, showSizeChanger: false }}
          columns={[
            { title: '指标', dataIndex: 'label', width: 220 },
            {
              title: '值',
              dataIndex: 'display',
              width: 140,
              render: (v: string, i) => (
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0 }}
                  onClick={() => setChosen(i.id)}
                  title="在图表中查看"
                >
                  {v}
                </Button>
              ),
            },
            {
              title: '分子',
              width: 110,
              render: (_, i) => (
                <SourceLink item={i} part="numerator" period={shown} unit={unit} ledgers={ledgers}>
                  {formatNumber(i.numerator, i.money)}
                </SourceLink>
              ),
            },
            {
              title: '分母',
              width: 110,
              render: (_, i) =>
                i.denominator === null ? (
                  '—'
                ) : (
                  <SourceLink item={i} part="denominator" period={shown} unit={unit} ledgers={ledgers}>
                    {formatNumber(i.denominator)}
                  </SourceLink>
                ),
            },
            { title: '公式', dataIndex: 'formula' },
          ]}
        />
      </Card>
    </Space>
  );
}

interface PeriodParams {
  quarter?: string;
  month?: string;
  from?: string;
  to?: string;
}

/** The period in the address: a quarter, a month or a custom range of days within or across years. */
function periodParams(params: URLSearchParams): PeriodParams {
  const out: PeriodParams = {};
  for (const k of ['quarter', 'month', 'from', 'to'] as const) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function periodChoice(p: PeriodParams): string {
  if (p.from) return 'custom';
  if (p.quarter) return `q${p.quarter}`;
  if (p.month) return `m${p.month}`;
  return 'year';
}

const PERIOD_OPTIONS = [
  { value: 'year', label: '全年' },
  ...[1, 2, 3, 4].map((q) => ({ value: `q${q}`, label: `第${q}季度` })),
  ...Array.from({ length: 12 }, (_, i) => ({ value: `m${i + 1}`, label: `${i + 1}月` })),
  { value: 'custom', label: '自定义区间' },
];
