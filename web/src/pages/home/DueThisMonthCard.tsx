// 本月应办: what a new user has to do now — the statistics their unit owes this month, the records whose
// deadline is near or past, and a way to the full to-do list.
import { Card, List, Space, Spin, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { type ReportDue, type Todo, useFetched } from './todo-types';

const REPORT_COLORS: Record<ReportDue['status'], string> = { filed: 'green', due: 'orange', overdue: 'red' };

export function DueThisMonthCard() {
  const reports = useFetched<{ today: string; items: ReportDue[] }>('/api/todo/reports');
  const todo = useFetched<Todo>('/api/todo');
  const month = (reports.data?.today ?? todo.data?.today ?? '').slice(0, 7);
  const monthLabel = month ? `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月` : '本月';
  const dueThisMonth = (todo.data?.items ?? []).filter(
    (i) => i.status === 'due_soon' || i.due.startsWith(month),
  );
  return (
    <Card
      title={`本月应办（${monthLabel}）`}
      data-testid="due-this-month"
      extra={
        <Link to="/todo" data-testid="todo-all">
          查看全部待办
        </Link>
      }
    >
      {reports.error || todo.error ? (
        <Typography.Text type="danger">{reports.error ?? todo.error}</Typography.Text>
      ) : !reports.data || !todo.data ? (
        <Spin />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div data-testid="due-reports">
            <Typography.Text strong>应报统计</Typography.Text>
            {reports.data.items.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                本单位没有按月、按年报送的统计。
              </Typography.Paragraph>
            ) : (
              <List
                size="small"
                dataSource={reports.data.items}
                renderItem={(r) => (
                  <List.Item data-testid={`due-report-${r.ledger}`}>
                    <Space wrap size={4}>
                      <Tag color={REPORT_COLORS[r.status]}>{r.statusLabel}</Tag>
                      <Link to={`/ledgers/${r.ledger}`}>
                        {r.ledgerTitle}（{r.periodLabel}）
                      </Link>
                      <Typography.Text type="secondary">{r.due} 前报送</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </div>
          <div data-testid="due-records">
            <Typography.Text strong>待办结的记录</Typography.Text>
            <Typography.Paragraph style={{ margin: 0 }}>
              <Link to="/todo?status=overdue">
                <Tag color="red">超期 {todo.data.overdue}</Tag>
              </Link>
              <Link to="/todo?status=due_soon">
                <Tag color="orange">临期 {todo.data.dueSoon}</Tag>
              </Link>
              <Typography.Text type="secondary">
                {dueThisMonth.length > 0
                  ? `其中 ${dueThisMonth.length} 件本月到期或 3 个工作日内到期`
                  : '本月没有到期的事项'}
              </Typography.Text>
            </Typography.Paragraph>
          </div>
        </Space>
      )}
    </Card>
  );
}
