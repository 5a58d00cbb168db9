import { DeleteOutlined, StarFilled, StarOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, localMessage } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import type { InboxItem, InboxModeration as Moderation } from '../../types';

/**
 * 设为精选 / 取消精选 and 隐藏（删除）for a comment, as the platform and the member's role allow
 * (GET /inbox/:id/moderation); where not, the button is disabled and its tooltip says why. Hiding
 * deletes the comment on the platform, so it asks first.
 */
export function ModerationButtons({ item }: { item: InboxItem }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const rules = useQuery({
    queryKey: ['inbox', 'moderation', item.id],
    queryFn: ({ signal }) => api.get<Moderation>(`/inbox/${item.id}/moderation`, undefined, signal),
    enabled: item.kind === 'comment' && !item.hiddenAt,
  });
  const act = useMutation({
    mutationFn: (a: 'feature' | 'unfeature' | 'hide') =>
      a === 'hide' ? api.post<InboxItem>(`/inbox/${item.id}/hide`) : api.post<InboxItem>(`/inbox/${item.id}/feature`, { featured: a === 'feature' }),
    onSuccess: (_r, a) => {
      message.success(t(`inbox.moderation.done.${a}`));
      void qc.invalidateQueries({ queryKey: ['inbox'] });
    },
    onError: (e) => message.error(errorText(e, i18n.language)),
  });
  if (item.kind !== 'comment' || item.hiddenAt || !rules.data) return null;
  const why = (r: Moderation['feature']) => (r.reason ? localMessage(r.reason, i18n.language) : undefined);
  const { feature, hide } = rules.data;
  return (
    <>
      <Tooltip title={why(feature)}>
        <Button
          icon={item.featured ? <StarFilled /> : <StarOutlined />}
          disabled={!feature.allowed}
          loading={act.isPending && act.variables !== 'hide'}
          onClick={() => act.mutate(item.featured ? 'unfeature' : 'feature')}
          data-testid="inbox-feature"
        >
          {t(item.featured ? 'inbox.moderation.unfeature' : 'inbox.moderation.feature')}
        </Button>
      </Tooltip>
      <Tooltip title={why(hide)}>
        <Popconfirm
          title={t('inbox.moderation.hideConfirm')}
          okText={t('inbox.moderation.hideOk')}
          okButtonProps={{ danger: true, 'data-testid': 'inbox-hide-ok' }}
          cancelText={t('common.cancel')}
          disabled={!hide.allowed}
          onConfirm={() => act.mutate('hide')}
        >
          <Button danger icon={<DeleteOutlined />} disabled={!hide.allowed} loading={act.isPending && act.variables === 'hide'} data-testid="inbox-hide">
            {t('inbox.moderation.hide')}
          </Button>
        </Popconfirm>
      </Tooltip>
    </>
  );
}
