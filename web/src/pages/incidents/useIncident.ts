import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { errorText } from '../../components/ErrorAlert';
import { ME_KEY } from '../../session';
import type { IncidentDetail } from './types';

export const incidentKey = (id: string) => ['incidents', 'detail', id] as const;

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKey(id),
    queryFn: ({ signal }) => api.get<IncidentDetail>(`/incidents/${id}`, undefined, signal),
    // Others work the same incident: keep the timeline and counts fresh.
    refetchInterval: 10_000,
  });
}

/**
 * A change to the incident: every endpoint answers the fresh detail, which replaces the cached one.
 * Errors are shown as a message unless the caller handles them.
 */
export function useIncidentAction<V>(id: string, call: (v: V) => Promise<IncidentDetail>, opts: { silentError?: boolean; touchesWorkspace?: boolean; done?: string } = {}) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: call,
    onSuccess: (d) => {
      qc.setQueryData(incidentKey(id), d);
      if (opts.done) message.success(opts.done);
      void qc.invalidateQueries({ queryKey: ['incidents'], exact: false, predicate: (q) => q.queryKey[1] !== 'detail' });
      if (opts.touchesWorkspace) {
        // The pause banner and the publication lists read the workspace.
        void qc.invalidateQueries({ queryKey: ME_KEY });
        void qc.invalidateQueries({ queryKey: ['publications'] });
        void qc.invalidateQueries({ queryKey: ['calendar'] });
      }
    },
    onError: (e) => {
      if (!opts.silentError) message.error(errorText(e, i18n.language));
    },
  });
}

export const incidentApi = {
  patch: (id: string) => (body: Record<string, unknown>) => api.patch<IncidentDetail>(`/incidents/${id}`, body),
  post:
    <V = unknown>(id: string, path: string) =>
    (body: V) =>
      api.post<IncidentDetail>(`/incidents/${id}${path}`, body),
  put:
    <V = unknown>(id: string, path: string) =>
    (body: V) =>
      api.put<IncidentDetail>(`/incidents/${id}${path}`, body),
};
