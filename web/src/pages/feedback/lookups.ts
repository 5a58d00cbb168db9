import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import type { Department } from '../../types';

/** The departments the member may see (a guest: their own). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => api.get<Department[]>('/departments', undefined, signal),
    staleTime: 30_000,
  });
}

/** The product areas in use, most used first: suggestions for the area field. */
export function useAreas(enabled = true) {
  return useQuery({
    queryKey: ['feedback', 'areas'],
    queryFn: ({ signal }) => api.get<string[]>('/feedback/areas', undefined, signal),
    staleTime: 30_000,
    enabled,
  });
}
