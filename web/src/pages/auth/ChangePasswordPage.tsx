// 修改密码: forced after an initial or reset password, and reachable from the user menu.
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { useAuth } from '../../auth';
import { AuthCard } from './AuthCard';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function policyProblem(pw: string, minLength = 8, minClasses = 3): string | null {
  if (pw.length < minLength) return `密码长度至少 ${minLength} 位`;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
  if (classes < minClasses) return `密码须包含大写字母、小写字母、数字、符号中的至少 ${minClasses} 类`;
  return null;
}

export default function ChangePasswordPage() {
  const { me, refresh, logout } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = me?.pending.passwordChange === true;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { oldPassword: v.oldPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      const next = await refresh();
      navigate(next?.pending.totpSetup ? '/totp-setup' : '/', { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title="修改密码" width={460}>
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="首次登录或密码已被重置，请先修改密码后再使用系统。"
          style={{ marginBottom: 16 }}
        />
      )}
      <Typography.Paragraph type="secondary">
        密码规则：长度至少 8 位，须包含大写字母、小写字母、数字、符号中的至少 3 类，且不能包含用户名。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
          <Input.Password autoComplete="current-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_r, value: string) => {
                const problem = value ? policyProblem(value) : null;
                if (problem) throw new Error(problem);
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: string) => {
                if (value && value !== getFieldValue('newPassword'))
                  throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            确认修改
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
      </Form>
    </AuthCard>
  );
}
