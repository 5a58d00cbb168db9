import { Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { localMessage } from '../../api';
import { Link } from 'react-router';
import { StateTag } from '../../components/Tags';
import { useTz } from '../../session';
import { formatAt } from '../../time';
import type { Publication } from '../../types';

export function PostPublications({ publications }: { publications: Publication[] }) {
  const { t, i18n } = useTranslation();
  const tz = useTz();
  return (
    <Card title={t('nav.publications')} size="small" style={{ marginTop: 16 }}>
      {publications.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('posts.noPublications')} />
      ) : (
        <List
          size="small"
          dataSource={publications}
          renderItem={(p) => (
            <List.Item
              data-testid="post-publication"
              extra={
                <Link to={`/publications/${p.id}`} data-testid="publication-link">
                  {t('common.details')}
                </Link>
              }
            >
              <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text strong>{p.accountName}</Typography.Text>
                  <StateTag state={p.state} />
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {p.publishedAt ? t('publications.publishedAt', { at: formatAt(p.publishedAt, tz) }) : t('publications.dueAt', { at: formatAt(p.dueAt, tz) })}
                </Typography.Text>
                {p.stateReason && (
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {localMessage(p.stateReason, i18n.language)}
                  </Typography.Text>
                )}
                {p.articleUrl && (
                  <Typography.Link href={p.articleUrl} target="_blank" rel="noreferrer" style={{ fontSize: 12 }}>
                    {t('publications.viewArticle')}
                  </Typography.Link>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
