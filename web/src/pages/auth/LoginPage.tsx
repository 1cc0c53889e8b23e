// 登录: username/password, then the 6-digit code when the account has a second factor.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api, errorMessage, setCsrfToken } from '../../api';
import { useAuth } from '../../auth';
import type { LoginResult, Meta } from '../../types';
import { AuthCard } from './AuthCard';

function safeFrom(from: string | null): string {
  return from?.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export default function LoginPage() {
  const { me, refresh } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const from = safeFrom(params.get('from'));
  const [meta, setMeta] = useState<Meta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [form] = Form.useForm<{ username: string; password: string }>();

  useEffect(() => {
    api
      .get<Meta>('/api/meta', { noRedirect: true })
      .then(setMeta)
      .catch(() => setMeta(null));
  }, []);

  // A session that still owes its second factor resumes at the code step.
  useEffect(() => {
    if (me?.pending.totp) setStep('totp');
  }, [me]);

  const afterSignIn = async (mustChangePassword: boolean) => {
    const next = await refresh();
    if (mustChangePassword || next?.pending.passwordChange) navigate('/change-password', { replace: true });
    else if (next?.pending.totpSetup) navigate('/totp-setup', { replace: true });
    else navigate(from, { replace: true });
  };

  const onLogin = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<LoginResult>('/api/auth/login', values, { noRedirect: true });
      setCsrfToken(res.csrfToken);
      if (res.totpRequired) setStep('totp');
      else await afterSignIn(res.mustChangePassword);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const onCode = async (values: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/totp/verify', values, { noRedirect: true });
      await afterSignIn(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  // Already signed in (e.g. the back button after login): go on to where the user was headed.
  if (me && !me.pending.totp && !busy) return <Navigate to={from} replace />;

  if (step === 'totp') {
    return (
      <AuthCard title="双因素认证">
        <Typography.Paragraph type="secondary">
          请打开身份验证器应用，输入其中显示的 6 位动态验证码。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={onCode} requiredMark={false}>
          <Form.Item
            label="动态验证码"
            name="code"
            rules={[
              { required: true, message: '请输入动态验证码' },
              { pattern: /^\d{6}$/, message: '请输入 6 位数字验证码' },
            ]}
          >
            <Input
              prefix={<SafetyOutlined />}
              maxLength={6}
              inputMode="numeric"
              autoComplete="one-time-code"
              autoFocus
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            验证并登录
          </Button>
        </Form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="用户登录">
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form form={form} layout="vertical" onFinish={onLogin} requiredMark={false}>
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoComplete="username" autoFocus maxLength={64} />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
      {meta?.demo && (
        <div style={{ marginTop: 24 }} data-testid="demo-accounts">
          <Alert
            type="info"
            showIcon
            title="演示模式"
            description={
              <span>
                所有演示账户的密码均为{' '}
                <Typography.Text code copyable>
                  {meta.demoPassword}
                </Typography.Text>
                ，点击账户即可填入用户名和密码。
              </span>
            }
          />
          <Flex wrap gap={8} style={{ marginTop: 12 }}>
            {meta.demoAccounts.map((a) => (
              <Button
                key={a.username}
                size="small"
                title={a.label}
                onClick={() =>
                  form.setFieldsValue({ username: a.username, password: meta.demoPassword ?? '' })
                }
              >
                {a.label}（{a.username}）
              </Button>
            ))}
          </Flex>
        </div>
      )}
    </AuthCard>
  );
}
