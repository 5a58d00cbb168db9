import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { api } from './api';
import type { Me, Workspace } from './types';
import { safeZone } from './time';

/** What the server lets each role do (contract/permissions.ts), named the same here. */
export type Permission = import('../../contract/permissions').Permission;

export const ME_KEY = ['me'] as const;

export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => api.get<Me>('/me', undefined, signal),
    retry: false,
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the authenticated shell. */
export function useSession(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useSession outside the signed-in shell');
  return me;
}

export function hasPermission(me: Pick<Me, 'permissions'> | null | undefined, p: Permission): boolean {
  return !!me?.permissions.includes(p);
}

export function useCan(): (p: Permission) => boolean {
  const me = useContext(MeContext);
  return useCallback((p: Permission) => hasPermission(me, p), [me]);
}

/** The workspace's time zone (valid, else the browser's). */
export function useTz(): string {
  const me = useContext(MeContext);
  return safeZone(me?.workspace?.timezone);
}

/** Put a fresh workspace (after pause, resume, settings) into the cached session. */
export function useSetWorkspace() {
  const qc = useQueryClient();
  return useCallback(
    (ws: Workspace) => {
      qc.setQueryData<Me>(ME_KEY, (me) =>
        me ? { ...me, workspace: ws, workspaces: me.workspaces.map((w) => (w.id === ws.id ? { ...w, name: ws.name } : w)) } : me,
      );
      qc.setQueryData(['workspace'], ws);
    },
    [qc],
  );
}
