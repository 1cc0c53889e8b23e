// A record's statutory deadlines as its reader needs them: due date and days left (or days late).
import { Alert, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api';

interface RecordDeadline {
  id: string;
  label: string;
  from: string;
  due: string;
  doneOn: string | null;
  status: 'ok' | 'due_soon' | 'overdue' | 'done' | 'done_late';
  statusLabel: string;
  daysLeft: number | null;
  remainingWorkingDays: number | null;
  daysLate: number;
}

const COLORS: Record<RecordDeadline['status'], string> = {
  ok: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  done: 'green',
  done_late: 'volcano',
};

export function describeDeadline(d: RecordDeadline): string {
  if (d.doneOn) return `${d.label}：${d.due} 到期，${d.doneOn} 办结（${d.statusLabel}）`;
  if (d.status === 'overdue') return `${d.label}：${d.due} 到期，已超期 ${d.daysLate} 天`;
  return `${d.label}：${d.due} 到期，还剩 ${d.daysLeft} 天（${d.remainingWorkingDays} 个工作日）`;
}

export function RecordDeadlines({ ledger, id, version }: { ledger: string; id: string; version: number }) {
  const [items, setItems] = useState<RecordDeadline[] | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads the deadlines after a save
  useEffect(() => {
    let live = true;
    api
      .get<{ items: RecordDeadline[] }>(`/api/ledgers/${ledger}/records/${encodeURIComponent(id)}/deadlines`)
      .then((r) => live && setItems(r.items))
      .catch(() => live && setItems(null));
    return () => {
      live = false;
    };
  }, [ledger, id, version]);
  // Open deadlines first: they are what the reader has to act on.
  const open = (items ?? []).filter((d) => !d.doneOn);
  if (open.length === 0) return null;
  const worst = open.some((d) => d.status === 'overdue')
    ? 'error'
    : open.some((d) => d.status === 'due_soon')
      ? 'warning'
      : 'info';
  return (
    <Alert
      type={worst}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="record-deadlines"
      title={
        <Space orientation="vertical" size={2}>
          {open.map((d) => (
            <span key={d.id}>
              <Tag color={COLORS[d.status]}>{d.statusLabel}</Tag>
              {describeDeadline(d)}
            </span>
          ))}
        </Space>
      }
    />
  );
}
