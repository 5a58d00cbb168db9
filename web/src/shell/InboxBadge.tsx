import { useQuery } from '@tanstack/react-query';
import { Badge } from 'antd';
import { api } from '../api';
import { useCan } from '../session';
import type { InboxCounts } from '../types';

/** The inbox's new items beside its menu entry, kept current as comments arrive (same query as the page). */
export function InboxBadge() {
  const can = useCan();
  const counts = useQuery({
    queryKey: ['inbox', 'counts'],
    queryFn: ({ signal }) => api.get<InboxCounts>('/inbox/counts', undefined, signal),
    refetchInterval: 30_000,
    enabled: can('inbox.work'),
  });
  return <Badge count={counts.data?.new ?? 0} size="small" overflowCount={999} offset={[8, -2]} data-testid="inbox-badge" />;
}
