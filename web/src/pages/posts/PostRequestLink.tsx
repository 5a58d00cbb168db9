// The request a post was made from (the requests module's `GET /requests?postId=`), as a tag that
// opens it; shown only to those who may read requests, and the server shows a guest only their own.
import { useQuery } from '@tanstack/react-query';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { useCan } from '../../session';
import type { Paged, RequestItem } from '../../types';

export function PostRequestLink({ postId }: { postId: string }) {
  const { t } = useTranslation();
  const may = useCan()('requests.submit');
  const q = useQuery({
    queryKey: ['requests', 'list', { postId }],
    queryFn: ({ signal }) => api.get<Paged<RequestItem>>('/requests', { postId, pageSize: 5 }, signal),
    enabled: may,
  });
  const items = q.data?.items ?? [];
  if (!may || !items.length) return null;
  return (
    <Space wrap style={{ marginBottom: 8, marginLeft: 8 }} data-testid="post-from-request">
      {items.map((r) => (
        <Link key={r.id} to={`/requests/${r.id}`}>
          <Tag color="blue">{t('requests.postFrom', { number: r.number, title: r.title })}</Tag>
        </Link>
      ))}
    </Space>
  );
}
