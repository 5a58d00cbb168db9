import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { Account, Member, Paged } from '../types';

/** Every member of the workspace (for pickers and filters). */
export function useMembers() {
  return useQuery({
    queryKey: ['members', 'all'],
    queryFn: ({ signal }) => api.get<Paged<Member>>('/members', { page: 1, pageSize: 200 }, signal),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

/** Every account of the workspace (for pickers and filters). */
export function useAllAccounts() {
  return useQuery({
    queryKey: ['accounts', 'all'],
    queryFn: ({ signal }) => api.get<Paged<Account>>('/accounts', { page: 1, pageSize: 200 }, signal),
    // Short: an account added elsewhere (another tab, a colleague) must show in the next picker opened.
    staleTime: 5_000,
    select: (d) => d.items,
  });
}

export function memberOptions(members: Member[] | undefined) {
  return (members ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }));
}

export function accountOptions(accounts: Account[] | undefined) {
  return (accounts ?? []).map((a) => ({ value: a.id, label: a.name }));
}
