// 法定期限: the limits whose length local rules set (规范性文件 报送备案 15 or 30 days, 有效期 …). A change
// moves the to-do warnings and recomputes whether closed records were on time, so it is confirmed first.
import { App, Button, Card, InputNumber, Popconfirm, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { LimitConfig, LimitItem, RegionRef } from './types';
import { useRegionSetting } from './useRegionSetting';

export function LimitsCard({ canEdit, onRegion }: { canEdit: boolean; onRegion?: (r: RegionRef) => void }) {
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const { data, loadError, error, setError, busy, save } = useRegionSetting<LimitConfig>(
    '/api/deadline-limits',
    '期限设置',
    { onRegion, onLoad: () => setEdits({}) },
  );

  const put = async (item: LimitItem, days: number | null, done: string) => {
    if (!(await save(item.id, { changes: { [item.id]: days === null ? null : { days } } }))) return;
    setEdits((e) => {
      const { [item.id]: _, ...rest } = e;
      return rest;
    });
    message.success(done);
  };

  return (
    <Card title="法定期限" data-testid="limits-card">
      <Typography.Paragraph type="secondary">
        以下期限由各地规定（如规范性文件报送备案期限为公布之日起 15 日或 30
        日）。修改后，待办提醒按新期限计算，
        本地区已办结记录的「是否按期」随之重算，相关指标（如规范性文件按期备案率）同时更新。
      </Typography.Paragraph>
      <ErrorAlert error={loadError} />
      <ErrorAlert error={error} onClose={() => setError(null)} testId="limits-error" />
      {!data ? (
        !loadError && <Spin />
      ) : (
        <Table<LimitItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={data.items}
          columns={[
            {
              title: '期限',
              key: 'label',
              render: (_, l) => (
                <Space orientation="vertical" size={0}>
                  <Space>
                    <span>{l.label}</span>
                    {l.overridden ? <Tag color="orange">本地区</Tag> : <Tag>默认</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {l.law}
                    {l.article ?? ''}；自{l.from}起算
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: '本地区期限',
              key: 'days',
              width: 220,
              render: (_, l) => (
                <InputNumber
                  aria-label={`${l.label}的期限`}
                  data-testid={`limit-days-${l.id}`}
                  min={1}
                  max={3650}
                  precision={0}
                  disabled={!canEdit || busy === l.id}
                  value={edits[l.id] ?? l.days}
                  onChange={(v) => setEdits((e) => ({ ...e, [l.id]: typeof v === 'number' ? v : null }))}
                  suffix={l.unitLabel}
                  style={{ width: 160 }}
                />
              ),
            },
            { title: '默认', key: 'default', width: 100, render: (_, l) => `${l.defaultDays}${l.unitLabel}` },
            ...(canEdit
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 200,
                    render: (_: unknown, l: LimitItem) => {
                      const v = edits[l.id];
                      const changed = typeof v === 'number' && v !== l.days;
                      return (
                        <Space>
                          <Popconfirm
                            title={`将「${l.label}」改为 ${v}${l.unitLabel}？`}
                            description="本地区已办结记录的「是否按期」将随之重算。"
                            okText="保存"
                            cancelText="取消"
                            onConfirm={() => put(l, v!, `「${l.label}」已改为 ${v}${l.unitLabel}`)}
                            disabled={!changed}
                          >
                            <Button
                              type="primary"
                              size="small"
                              disabled={!changed}
                              loading={busy === l.id}
                              data-testid={`limit-save-${l.id}`}
                            >
                              保存
                            </Button>
                          </Popconfirm>
                          <Popconfirm
                            title={`将「${l.label}」恢复为默认的 ${l.defaultDays}${l.unitLabel}？`}
                            okText="恢复默认"
                            cancelText="取消"
                            onConfirm={() => put(l, null, `「${l.label}」已恢复默认`)}
                            disabled={!l.overridden}
                          >
                            <Button size="small" disabled={!l.overridden} data-testid={`limit-reset-${l.id}`}>
                              恢复默认
                            </Button>
                          </Popconfirm>
                        </Space>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  );
}
