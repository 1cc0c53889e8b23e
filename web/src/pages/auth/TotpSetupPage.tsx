// 双因素认证: generate a secret, add it to an authenticator app, confirm with a code.
import { Alert, App, Button, Descriptions, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { AuthCard } from './AuthCard';

export default function TotpSetupPage() {
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [secret, setSecret] = useState<{ secret: string; uri: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me?.pending.totpSetup === true;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setSecret(await api.post<{ secret: string; uri: string }>('/api/auth/totp/setup'));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const enable = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/totp/enable', v);
      message.success('已启用双因素认证');
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (me?.totpEnabled) {
    return (
      <AuthCard title="双因素认证" width={520}>
        <Result
          status="success"
          title="您已启用双因素认证"
          subTitle="登录时需输入身份验证器中的动态验证码。"
          extra={<Button onClick={() => navigate('/')}>返回工作台</Button>}
        />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="启用双因素认证" width={560}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="管理员账户须先启用双因素认证后才能使用系统。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {!secret ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            双因素认证要求登录时除密码外再输入手机身份验证器（如 FreeOTP、Google
            Authenticator、微信小程序“腾讯身份验证器”）生成的 6 位动态验证码。
          </Typography.Paragraph>
          <Space>
            <Button type="primary" onClick={start} loading={busy}>
              生成密钥
            </Button>
            {forced ? (
              <Button
                onClick={async () => {
                  await logout();
                  navigate('/login', { replace: true });
                }}
              >
                退出登录
              </Button>
            ) : (
              <Button onClick={() => navigate(-1)}>返回</Button>
            )}
          </Space>
        </Space>
      ) : (
        <>
          <Typography.Paragraph>
            在身份验证器中手动添加以下密钥（或导入链接），然后输入其显示的验证码。
          </Typography.Paragraph>
          <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
            <Descriptions.Item label="密钥">
              <Typography.Text code copyable data-testid="totp-secret">
                {secret.secret}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="链接">
              <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                {secret.uri}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Form layout="vertical" onFinish={enable}>
            <Form.Item
              label="动态验证码"
              name="code"
              rules={[
                { required: true, message: '请输入动态验证码' },
                { pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' },
              ]}
            >
              <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              启用
            </Button>
          </Form>
        </>
      )}
    </AuthCard>
  );
}
