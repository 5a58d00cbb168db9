import { Alert, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLeft } from './countdown';

/** Now, read again every second while `on`. */
function useNow(on: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}

/**
 * The time left to answer a user's message (the platform's window after the user's last message,
 * WeChat: 48 h) as a live countdown; once it is over, why the reply box is closed.
 */
export function ReplyWindow({ endsAt }: { endsAt: string }) {
  const { t } = useTranslation();
  const end = Date.parse(endsAt);
  const now = useNow(end > Date.now());
  const left = end - now;
  if (left <= 0) return <Alert type="warning" showIcon data-testid="reply-window-closed" message={t('inbox.reply.windowClosed')} style={{ marginBottom: 8 }} />;
  return (
    <Typography.Text type={left < 3_600_000 ? 'danger' : 'secondary'} data-testid="reply-window" style={{ display: 'block', marginBottom: 6 }}>
      {t('inbox.reply.windowLeft', { left: formatLeft(left) })}
    </Typography.Text>
  );
}

/** Whether the window (if any) is still open, re-read every second. */
export function useWindowOpen(endsAt: string | null | undefined): boolean {
  const end = endsAt ? Date.parse(endsAt) : Number.POSITIVE_INFINITY;
  const now = useNow(Number.isFinite(end) && end > Date.now());
  return now < end;
}
