// 安全策略: password rules, lockout, session lifetimes, 2FA for administrators.
import { Alert, App, Button, Card, Form, InputNumber, Spin, Switch } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api';
import type { Policy } from '../../types';

type PolicyForm = Omit<Policy, 'version' | 'fixed'>;

const TOTP_FIXED = '生产模式下管理员必须启用双因素认证，不能关闭';

const FIELDS: Array<{ name: keyof PolicyForm; label: string; min: number; max: number; unit: string }> = [
  { name: 'minLength', label: '密码最小长度', min: 8, max: 64, unit: '位' },
  {
    name: 'minClasses',
    label: '密码至少包含字符类别数',
    min: 3,
    max: 4,
    unit: '类（大写、小写、数字、符号）',
  },
  { name: 'maxFailures', label: '连续登录失败锁定次数', min: 3, max: 10, unit: '次' },
  { name: 'lockMinutes', label: '锁定时长', min: 5, max: 1440, unit: '分钟' },
  { name: 'idleMinutes', label: '无操作自动退出', min: 5, max: 120, unit: '分钟' },
  { name: 'absoluteHours', label: '登录最长有效期', min: 1, max: 24, unit: '小时' },
];

export default function PolicyPage() {
  const { message } = App.useApp();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<PolicyForm>();

  const load = useCallback(async () => {
    try {
      const p = await api.get<Policy>('/api/security/policy');
      setPolicy(p);
      form.setFieldsValue(p);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [form]);

  useEffect(() => {
    void load();
  }, [load]);

  const totpFixed = policy?.fixed.includes('requireTotpForAdmins') ?? false;

  const save = async (v: PolicyForm) => {
    if (!policy) return;
    setSaving(true);
    setError(null);
    try {
      const next = await api.put<Policy>('/api/security/policy', {
        ...v,
        ...(totpFixed ? { requireTotpForAdmins: true } : {}),
        version: policy.version,
      });
      setPolicy(next);
      form.setFieldsValue(next);
      message.success('安全策略已保存');
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError && e.code === 'STALE_VERSION') await load();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="安全策略">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!policy ? (
        !error && <Spin />
      ) : (
        <Form
          form={form}
          layout="horizontal"
          labelCol={{ span: 8 }}
          wrapperCol={{ span: 12 }}
          onFinish={save}
          style={{ maxWidth: 720 }}
        >
          {FIELDS.map((f) => (
            <Form.Item key={f.name} label={f.label} required>
              <Form.Item name={f.name} noStyle rules={[{ required: true, message: `请输入${f.label}` }]}>
                <InputNumber min={f.min} max={f.max} precision={0} aria-label={f.label} />
              </Form.Item>
              <span style={{ marginInlineStart: 8 }}>
                {f.unit}（{f.min}–{f.max}）
              </span>
            </Form.Item>
          ))}
          <Form.Item
            label="管理员须启用双因素认证"
            name="requireTotpForAdmins"
            valuePropName="checked"
            extra={totpFixed ? <span data-testid="totp-fixed">{TOTP_FIXED}</span> : undefined}
          >
            <Switch aria-label="管理员须启用双因素认证" disabled={totpFixed} />
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 8 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
          </Form.Item>
        </Form>
      )}
    </Card>
  );
}
