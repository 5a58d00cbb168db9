import { useQuery } from '@tanstack/react-query';
import { Select, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useAllAccounts } from '../../components/lookups';
import type { Account, PostDetail } from '../../types';

/** How each target account gets the post: 发布 (no push to followers) or 群发 (to all, or to one tag). */
export type Deliveries = Record<string, { mode: 'publish' | 'mass_send'; tagId?: number | null }>;

/** The deliveries as the post's publications have them (publish when there is none yet). */
export function currentDeliveries(post: PostDetail): Deliveries {
  return Object.fromEntries(post.publications.map((p) => [p.accountId, { mode: p.delivery.mode, tagId: p.delivery.tagId }]));
}

function TagSelect({ account, value, onChange }: { account: Account; value: number | null | undefined; onChange: (v: number | null) => void }) {
  const { t } = useTranslation();
  const tags = useQuery({
    queryKey: ['audience-tags', account.id],
    queryFn: ({ signal }) => api.get<{ items: { id: number; name: string; count: number }[] }>(`/accounts/${account.id}/audience-tags`, undefined, signal),
    staleTime: 60_000,
  });
  return (
    <Select
      size="small"
      style={{ minWidth: 180 }}
      allowClear
      placeholder={t('delivery.allFollowers')}
      loading={tags.isLoading}
      status={tags.isError ? 'warning' : undefined}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      data-testid={`delivery-tag-${account.id}`}
      notFoundContent={tags.isError ? t('delivery.tagsFailed') : t('delivery.noTags')}
      options={(tags.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}（${x.count}）` }))}
    />
  );
}

/** Shown for accounts that offer more than one delivery (WeChat 公众号). */
export function DeliveryPicker({ post, value, onChange, disabled }: { post: PostDetail; value: Deliveries; onChange: (d: Deliveries) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const accounts = useAllAccounts();
  const targets = (accounts.data ?? []).filter((a) => post.accountIds.includes(a.id) && a.platform === 'wechat_oa');
  if (!targets.length) return null;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 8 }} data-testid="delivery-picker">
      {targets.map((a) => {
        const d = value[a.id] ?? { mode: 'publish' as const };
        const allowance = a.accountType === 'subscription' ? t('delivery.subscriptionAllowance') : a.accountType === 'service' ? t('delivery.serviceAllowance') : '';
        return (
          <Space key={a.id} wrap size={6}>
            <Typography.Text>{a.name}</Typography.Text>
            <Tooltip title={d.mode === 'publish' ? t('delivery.publishHint') : `${t('delivery.massHint')} ${allowance}`}>
              <Select
                size="small"
                style={{ width: 150 }}
                disabled={disabled}
                value={d.mode}
                data-testid={`delivery-mode-${a.id}`}
                onChange={(mode) => onChange({ ...value, [a.id]: { mode, tagId: mode === 'mass_send' ? (d.tagId ?? null) : null } })}
                options={[
                  { value: 'publish', label: t('delivery.publish') },
                  { value: 'mass_send', label: t('delivery.massSend') },
                ]}
              />
            </Tooltip>
            {d.mode === 'mass_send' && <TagSelect account={a} value={d.tagId} onChange={(tagId) => onChange({ ...value, [a.id]: { mode: 'mass_send', tagId } })} />}
          </Space>
        );
      })}
    </Space>
  );
}
