// 指标口径: where practice varies (e.g. 行政复议纠错率: which decisions count as 纠错, and over what),
// the region chooses the numerator's measures and the denominator. Each indicator is saved on its own
// (only its override is sent, with the version); 恢复默认 sends null.
import { App, Button, Card, Checkbox, Popconfirm, Radio, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { IndicatorConfig, IndicatorConfigItem, IndicatorOverride, RegionRef } from './types';
import { useRegionSetting } from './useRegionSetting';

interface Pick {
  numerator: string[];
  denominator: string | undefined;
}

function pickOf(item: IndicatorConfigItem): Pick {
  const c = item.choices;
  return {
    numerator: item.current?.numerator ?? c.numerator?.default ?? [],
    denominator: item.current?.denominator ?? c.denominator?.default,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/** The override a pick amounts to: only the parts that differ from the default; null when none do. */
function overrideOf(item: IndicatorConfigItem, pick: Pick): IndicatorOverride | null {
  const c = item.choices;
  const o: IndicatorOverride = {};
  if (c.numerator && !sameSet(pick.numerator, c.numerator.default))
    o.numerator = c.numerator.options.map((x) => x.measure).filter((m) => pick.numerator.includes(m));
  if (c.denominator && pick.denominator && pick.denominator !== c.denominator.default)
    o.denominator = pick.denominator;
  return o.numerator || o.denominator ? o : null;
}

function sameOverride(a: IndicatorOverride | null, b: IndicatorOverride | null): boolean {
  if (!a || !b) return a === b;
  return sameSet(a.numerator ?? [], b.numerator ?? []) && a.denominator === b.denominator;
}

function IndicatorSection({
  item,
  canEdit,
  busy,
  onSave,
  onReset,
}: {
  item: IndicatorConfigItem;
  canEdit: boolean;
  busy: boolean;
  onSave: (override: IndicatorOverride | null) => Promise<boolean>;
  onReset: () => Promise<boolean>;
}) {
  const { message } = App.useApp();
  const [pick, setPick] = useState<Pick>(() => pickOf(item));
  useEffect(() => setPick(pickOf(item)), [item]);

  const c = item.choices;
  const next = overrideOf(item, pick);
  const changed = !sameOverride(next, overrideOf(item, pickOf(item)));

  const save = async () => {
    if (c.numerator && pick.numerator.length === 0) {
      message.warning(`「${item.label}」的分子至少选择一项`);
      return;
    }
    await onSave(next);
  };

  return (
    <Card
      size="small"
      type="inner"
      data-testid={`indicator-${item.id}`}
      title={
        <Space>
          <span>{item.label}</span>
          {item.current ? <Tag color="orange">本地区口径</Tag> : <Tag>默认口径</Tag>}
        </Space>
      }
      extra={
        canEdit && (
          <Space>
            <Popconfirm
              title={`将「${item.label}」恢复为默认口径？`}
              description={`默认：${item.defaultFormula}`}
              okText="恢复默认"
              cancelText="取消"
              onConfirm={() => onReset()}
              disabled={!item.current}
            >
              <Button disabled={!item.current || busy} data-testid={`indicator-reset-${item.id}`}>
                恢复默认
              </Button>
            </Popconfirm>
            <Button
              type="primary"
              onClick={() => void save()}
              loading={busy}
              disabled={!changed}
              data-testid={`indicator-save-${item.id}`}
            >
              保存
            </Button>
          </Space>
        )
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">当前公式：</Typography.Text>
          <Typography.Text strong data-testid={`indicator-formula-${item.id}`}>
            {item.formula}
          </Typography.Text>
          {item.current && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 16 }}>
              默认公式：{item.defaultFormula}
            </Typography.Text>
          )}
        </div>
        {c.numerator && (
          <div>
            <Typography.Text strong>分子（计入的情形）</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Checkbox.Group
                aria-label={`${item.label}的分子`}
                data-testid={`indicator-numerator-${item.id}`}
                disabled={!canEdit || busy}
                value={pick.numerator}
                onChange={(v) => setPick({ ...pick, numerator: v as string[] })}
                options={c.numerator.options.map((o) => ({
                  value: o.measure,
                  label: c.numerator!.default.includes(o.measure) ? `${o.label}（默认）` : o.label,
                }))}
              />
            </div>
          </div>
        )}
        {c.denominator && (
          <div>
            <Typography.Text strong>分母</Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Radio.Group
                aria-label={`${item.label}的分母`}
                data-testid={`indicator-denominator-${item.id}`}
                disabled={!canEdit || busy}
                value={pick.denominator}
                onChange={(e) => setPick({ ...pick, denominator: e.target.value as string })}
                options={c.denominator.options.map((o) => ({
                  value: o.measure,
                  label: o.measure === c.denominator!.default ? `${o.label}（默认）` : o.label,
                }))}
              />
            </div>
          </div>
        )}
        {canEdit && changed && (
          <Typography.Text type="warning">有未保存的修改，点击「保存」后生效</Typography.Text>
        )}
      </Space>
    </Card>
  );
}

export function IndicatorConfigCard({
  canEdit,
  onRegion,
}: {
  canEdit: boolean;
  onRegion?: (region: RegionRef) => void;
}) {
  const { message } = App.useApp();
  const { data, loadError, error, setError, busy, save } = useRegionSetting<IndicatorConfig>(
    '/api/indicator-config',
    '指标口径',
    { onRegion },
  );

  const put = async (item: IndicatorConfigItem, override: IndicatorOverride | null, done: string) => {
    const saved = await save(item.id, { overrides: { [item.id]: override } });
    if (saved) message.success(done);
    return saved;
  };

  return (
    <Card title="指标口径" data-testid="indicator-config-card">
      <Typography.Paragraph type="secondary">
        部分指标的统计口径各地做法不一（如行政复议纠错率计入哪些决定类型、以审结还是受理件数为分母），
        可在此选择本地区的口径。修改后，本地区用户看到的指标数据（如数据看板）均按新口径计算。
      </Typography.Paragraph>
      <ErrorAlert error={loadError} />
      <ErrorAlert error={error} onClose={() => setError(null)} testId="indicator-config-error" />
      {!data ? (
        !loadError && <Spin />
      ) : data.items.length === 0 ? (
        <Typography.Text type="secondary">暂无可按地区配置的指标</Typography.Text>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data.items.map((item) => (
            <IndicatorSection
              key={item.id}
              item={item}
              canEdit={canEdit}
              busy={busy === item.id}
              onSave={(o) =>
                put(item, o, o ? `「${item.label}」的口径已保存` : `「${item.label}」已按默认口径保存`)
              }
              onReset={() => put(item, null, `「${item.label}」已恢复默认口径`)}
            />
          ))}
        </Space>
      )}
    </Card>
  );
}
