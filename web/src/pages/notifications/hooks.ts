import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { internalLink, NOTIFICATIONS_KEY, type Notification, UNREAD_KEY } from './model';

/** The bell's count: polled every 30 s (and on window focus), shared by every component that shows it. */
export function useUnreadCount() {
  return useQuery({
    queryKey: UNREAD_KEY,
    queryFn: ({ signal }) => api.get<{ count: number }>('/notifications/unread-count', undefined, signal),
    refetchInterval: 30_000,
    staleTime: 10_000,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Notification>(`/notifications/${id}/read`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (kind?: string) => api.post<{ updated: number }>('/notifications/read-all', kind ? { kind } : {}),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

/** Opening a notification marks it read and goes to what it is about (in-app paths only). */
export function useOpenNotification() {
  const nav = useNavigate();
  const markRead = useMarkRead();
  return useCallback(
    (n: Notification) => {
      if (!n.readAt) markRead.mutate(n.id);
      const to = internalLink(n.link);
      if (to) nav(to);
    },
    [markRead, nav],
  );
}
