// 工作日历: the region's adjustments on top of the State Council holiday schedule shipped with the
// code — local holidays, extra working days, and national days the region does not follow. The four
// lists are edited locally and saved together with the version.
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { CalendarConfig, CalendarListKey, RegionRef } from './types';
import { useRegionSetting } from './useRegionSetting';

const LISTS: Array<{ key: CalendarListKey; label: string; help: string; color: string }> = [
  {
    key: 'holidays',
    label: '本地休假日',
    help: '本地区额外放假的日子（如地方性节日），不计为工作日',
    color: 'red',
  },
  {
    key: 'workdays',
    label: '调休上班日',
    help: '本地区额外安排上班的周末或休息日，计为工作日',
    color: 'blue',
  },
  {
    key: 'removeHolidays',
    label: '取消的法定休假日',
    help: '内置放假安排中的休假日，本地区照常上班',
    color: 'orange',
  },
  {
    key: 'removeWorkdays',
    label: '取消的调休上班日',
    help: '内置放假安排中的调休上班日，本地区不上班',
    color: 'purple',
  },
];

/** Pairs of lists a date may not be in at once: the server refuses the first, the others cancel out. */
const CONFLICTS: Array<[CalendarListKey, CalendarListKey]> = [
  ['holidays', 'workdays'],
  ['holidays', 'removeHolidays'],
  ['workdays', 'removeWorkdays'],
];

type Lists = Record<CalendarListKey, string[]>;

const EMPTY: Lists = { holidays: [], workdays: [], removeHolidays: [], removeWorkdays: [] };
const EMPTY_PICKS: Record<CalendarListKey, Dayjs | null> = {
  holidays: null,
  workdays: null,
  removeHolidays: null,
  removeWorkdays: null,
};

function listsOf(c: CalendarConfig): Lists {
  const out = { ...EMPTY };
  for (const { key } of LISTS) out[key] = [...new Set(c.overrides[key] ?? [])].sort();
  return out;
}

const labelOf = (key: CalendarListKey) => LISTS.find((l) => l.key === key)?.label ?? key;

export function CalendarCard({
  canEdit,
  onRegion,
}: {
  canEdit: boolean;
  onRegion?: (region: RegionRef) => void;
}) {
  const { message } = App.useApp();
  const {
    data,
    loadError,
    error,
    setError,
    busy,
    save: put,
    reload,
  } = useRegionSetting<CalendarConfig>('/api/calendar', '工作日历', { onRegion });
  const [lists, setLists] = useState<Lists>(EMPTY);
  const [picks, setPicks] = useState(EMPTY_PICKS);
  const saving = busy !== null;

  // Loaded or saved: the lists start again from what is stored.
  useEffect(() => {
    if (!data) return;
    setLists(listsOf(data));
    setPicks(EMPTY_PICKS);
  }, [data]);

  const saved = useMemo(() => (data ? listsOf(data) : EMPTY), [data]);
  const dirty = !!data && JSON.stringify(lists) !== JSON.stringify(saved);

  const add = (key: CalendarListKey) => {
    const picked = picks[key];
    if (!picked) {
      message.warning('请先选择日期');
      return;
    }
    const iso = picked.format('YYYY-MM-DD');
    if (lists[key].includes(iso)) {
      message.warning(`${iso} 已在「${labelOf(key)}」中`);
      return;
    }
    for (const [a, b] of CONFLICTS) {
      const other = key === a ? b : key === b ? a : null;
      if (other && lists[other].includes(iso)) {
        message.warning(`${iso} 已在「${labelOf(other)}」中，不能同时列入「${labelOf(key)}」`);
        return;
      }
    }
    if (lists[key].length >= 400) {
      message.warning(`「${labelOf(key)}」最多 400 个日期`);
      return;
    }
    setLists({ ...lists, [key]: [...lists[key], iso].sort() });
    setPicks({ ...picks, [key]: null });
  };

  const remove = (key: CalendarListKey, iso: string) =>
    setLists({ ...lists, [key]: lists[key].filter((d) => d !== iso) });

  const save = async () => {
    if (await put('calendar', lists))
      message.success('工作日历已保存，本地区已办结记录的「是否按期」已按新日历重新计算');
  };

  return (
    <Card
      title="工作日历"
      data-testid="calendar-card"
      extra={
        canEdit && (
          <Space>
            <Button onClick={() => void reload()} disabled={saving}>
              刷新
            </Button>
            <Button
              type="primary"
              onClick={() => void save()}
              loading={saving}
              disabled={!dirty}
              data-testid="calendar-save"
            >
              保存
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        国务院办公厅公布的法定节假日和调休安排已内置在系统中，台账中的法定期限（按工作日计算的期限，以及期满日遇休息日顺延）均按工作日历计算。
        下列为本地区在此基础上的调整。保存后，系统将按新日历重新计算本地区已办结记录的「是否按期」（如行政复议按期审结、规范性文件按期报送备案）。
      </Typography.Paragraph>
      <ErrorAlert error={loadError} />
      <ErrorAlert error={error} onClose={() => setError(null)} testId="calendar-error" />
      {!data ? (
        !loadError && <Spin />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {LISTS.map((l) => (
              <Col xs={24} xl={12} key={l.key}>
                <Card
                  size="small"
                  type="inner"
                  title={`${l.label}（${lists[l.key].length}）`}
                  data-testid={`calendar-list-${l.key}`}
                >
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                    {l.help}
                  </Typography.Paragraph>
                  {canEdit && (
                    <Space style={{ display: 'flex', marginBottom: 12 }}>
                      <span data-testid={`calendar-picker-${l.key}`}>
                        <DatePicker
                          aria-label={`选择${l.label}`}
                          placeholder="选择日期"
                          value={picks[l.key]}
                          onChange={(d) => setPicks({ ...picks, [l.key]: d })}
                        />
                      </span>
                      <Button
                        icon={<PlusOutlined />}
                        onClick={() => add(l.key)}
                        data-testid={`calendar-add-${l.key}`}
                      >
                        添加
                      </Button>
                    </Space>
                  )}
                  {lists[l.key].length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无" />
                  ) : (
                    <Space wrap size={[4, 8]} style={{ display: 'flex' }}>
                      {lists[l.key].map((d) => (
                        <Tag
                          key={d}
                          color={l.color}
                          data-testid={`calendar-item-${l.key}-${d}`}
                          style={{ marginInlineEnd: 0 }}
                        >
                          {d}（{dayjs(d).format('ddd')}）
                          {canEdit && (
                            <Popconfirm
                              title={`从「${l.label}」中移除 ${d}？`}
                              description="移除后需点击「保存」才会生效"
                              okText="移除"
                              cancelText="取消"
                              onConfirm={() => remove(l.key, d)}
                            >
                              <Button
                                type="text"
                                size="small"
                                aria-label={`移除 ${d}`}
                                data-testid={`calendar-remove-${l.key}-${d}`}
                                icon={<CloseOutlined style={{ fontSize: 10 }} />}
                                style={{ marginInlineStart: 4, height: 18, width: 18, minWidth: 18 }}
                              />
                            </Popconfirm>
                          )}
                        </Tag>
                      ))}
                    </Space>
                  )}
                </Card>
              </Col>
            ))}
          </Row>
          {canEdit && dirty && (
            <Alert
              type="warning"
              showIcon
              title="有未保存的修改，点击右上角「保存」后生效"
              style={{ marginTop: 16 }}
            />
          )}
        </>
      )}
    </Card>
  );
}
