// The red banner a card shows when loading or saving fails: nothing when there is no error, closable
// when the card can clear it.
import { Alert } from 'antd';

export function ErrorAlert({
  error,
  onClose,
  testId,
}: {
  error: string | null;
  onClose?: () => void;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      closable={onClose ? { onClose } : false}
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}
