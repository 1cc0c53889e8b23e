// 单位详情: one unit; outside the user's data scope the server answers 404 and we show its message.
import { Button, Card, Descriptions, Result, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { formatDateTime } from '../../format';
import type { Unit } from '../../types';

export default function UnitDetailPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const [unit, setUnit] = useState<Unit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setUnit(null);
    setError(null);
    api
      .get<Unit>(`/api/units/${encodeURIComponent(id ?? '')}`)
      .then(setUnit)
      .catch((e) => setError(errorMessage(e)));
  }, [id]);

  if (error)
    return (
      <Result
        status="404"
        title="无法查看该单位"
        subTitle={error}
        extra={<Button onClick={() => navigate('/org/units')}>返回单位列表</Button>}
      />
    );
  if (!unit) return <Spin />;
  return (
    <Card title={unit.name} extra={<Button onClick={() => navigate('/org/units')}>返回单位列表</Button>}>
      <Descriptions column={2} bordered size="small">
        <Descriptions.Item label="单位名称">{unit.name}</Descriptions.Item>
        <Descriptions.Item label="类型">{unit.typeLabel}</Descriptions.Item>
        <Descriptions.Item label="上级单位">{unit.parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="行政区划">{unit.regionName}</Descriptions.Item>
        <Descriptions.Item label="单位代码">{unit.code || '—'}</Descriptions.Item>
        <Descriptions.Item label="排序">{unit.sort}</Descriptions.Item>
        <Descriptions.Item label="状态">
          {unit.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="更新时间">{formatDateTime(unit.updatedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
