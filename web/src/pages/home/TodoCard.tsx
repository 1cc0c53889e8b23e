// 待办: records in the user's scope whose statutory deadline is within 3 working days (临期) or past (超期).
import { Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import type { Todo } from './todo-types';

export function TodoCard() {
  const [todo, setTodo] = useState<Todo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<Todo>('/api/todo')
      .then((t) => live && setTodo(t))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  return (
    <Card
      title="待办"
      data-testid="todo"
      extra={
        todo && (
          <Space>
            <Link to="/todo">全部待办</Link>
            <Tag color="red" data-testid="todo-overdue">
              超期 {todo.overdue}
            </Tag>
            <Tag color="orange" data-testid="todo-due-soon">
              临期 {todo.dueSoon}
            </Tag>
          </Space>
        )
      }
    >
      {error ? (
        <Typography.Text type="danger">{error}</Typography.Text>
      ) : !todo ? (
        <Spin />
      ) : todo.items.length === 0 ? (
        <Empty description="没有临期或超期的事项" />
      ) : (
        <List
          size="small"
          style={{ maxHeight: 420, overflow: 'auto' }}
          dataSource={todo.items}
          pagination={todo.items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(i) => (
            <List.Item>
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={i.status === 'overdue' ? 'red' : 'orange'}>
                    {i.status === 'overdue' ? '超期' : '临期'}
                  </Tag>
                  <Link to={`/ledgers/${i.ledger}?record=${encodeURIComponent(i.recordId)}`}>
                    {i.ledgerTitle} · {i.title}
                  </Link>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.deadline}：{i.from} 起，{i.due} 到期（{i.statusLabel}）· {i.unitName}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
