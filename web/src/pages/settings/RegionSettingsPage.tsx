// 工作日历与指标口径: the region's working-day calendar (adjustments on top of the national holiday
// schedule), its statutory limits where local rules set them, and its choice of indicator definitions. Anyone who reads the ledgers may look; changing
// either needs indicator:config.
import { Alert, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { CalendarCard } from './CalendarCard';
import { IndicatorConfigCard } from './IndicatorConfigCard';
import { LimitsCard } from './LimitsCard';
import type { RegionRef } from './types';

export default function RegionSettingsPage() {
  const { me, can } = useAuth();
  const canEdit = can('indicator:config');
  const [region, setRegion] = useState<RegionRef | null>(null);
  const onRegion = useCallback((r: RegionRef) => setRegion(r), []);
  const regionName = region?.name ?? me?.region.name;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          工作日历与指标口径
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="region-name">
          {regionName ? `适用地区：${regionName}` : ''}
        </Typography.Text>
      </div>
      {!canEdit && (
        <Alert
          type="info"
          showIcon
          title="您可以查看本地区的工作日历、法定期限和指标口径；修改需要「配置本地区工作日历、法定期限与指标口径」权限。"
          data-testid="region-settings-readonly"
        />
      )}
      <CalendarCard canEdit={canEdit} onRegion={onRegion} />
      <LimitsCard canEdit={canEdit} onRegion={onRegion} />
      <IndicatorConfigCard canEdit={canEdit} onRegion={onRegion} />
    </Space>
  );
}
