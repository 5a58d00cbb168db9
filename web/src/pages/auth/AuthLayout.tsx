import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch';

export function AuthLayout({ title, sub, children }: { title: ReactNode; sub?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(135deg, #e6f4ff 0%, #f5f5f5 60%)' }}>
      <Flex justify="flex-end" style={{ padding: 16 }}>
        <LanguageSwitch />
      </Flex>
      <div style={{ maxWidth: 420, margin: '40px auto', padding: '0 16px' }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('app.tagline')}
        </Typography.Paragraph>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {title}
          </Typography.Title>
          {sub && <Typography.Paragraph type="secondary">{sub}</Typography.Paragraph>}
          {children}
        </Card>
      </div>
    </div>
  );
}
