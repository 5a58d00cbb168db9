import { Badge, Card, Empty, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { rulesOf } from '../../../../contract/platforms';
import { useAllAccounts } from '../../components/lookups';
import type { PostDetail } from '../../types';
import { draftOf, isCustomized, liveIssues } from './variants/rules';
import { VariantForm } from './variants/VariantForm';

/** One tab per target account: the post in that platform's shape, checked live by its rules. */
export function VariantTabs({ post }: { post: PostDetail }) {
  const { t } = useTranslation();
  const accounts = useAllAccounts();
  const accountOf = (id: string) => accounts.data?.find((a) => a.id === id);
  return (
    <Card title={t('posts.variants')} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary">{t('variants.hint')}</Typography.Paragraph>
      {post.accountIds.length === 0 ? (
        <Empty description={t('posts.noAccounts')} />
      ) : (
        <Tabs
          destroyOnHidden
          items={post.accountIds.map((id) => {
            const v = post.variants.find((x) => x.accountId === id);
            const platform = v?.platform ?? accountOf(id)?.platform ?? 'custom';
            const draft = draftOf(post, id);
            const errors = liveIssues(platform, post, draft, post.media, v?.safeDomain ?? null).filter((i) => i.severity === 'error').length;
            return {
              key: id,
              label: (
                <span data-testid={`variant-tab-${id}`}>
                  <Badge status={errors ? 'error' : 'success'} /> {accountOf(id)?.name ?? id.slice(0, 8)}{' '}
                  <Typography.Text type="secondary">· {t(`variants.kind.${rulesOf(platform).kind}`)}</Typography.Text>{' '}
                  {(isCustomized(draft) || v?.bodyHtml != null) && <Tag color="blue">{t('posts.customized')}</Tag>}
                </span>
              ),
              children: <VariantForm post={post} accountId={id} platform={platform} safeDomain={v?.safeDomain ?? null} />,
            };
          })}
        />
      )}
    </Card>
  );
}
