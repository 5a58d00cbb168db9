import type { TablePaginationConfig } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

/** Page, page size and filters of a list, kept in the URL so reload and back work. */
export function useListParams<F extends string>(filterKeys: readonly F[], defaultPageSize = 20) {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(sp.get('pageSize')) || defaultPageSize));
  const key = sp.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the URL changes
  const filters = useMemo(() => {
    const out = {} as Record<F, string | undefined>;
    for (const k of filterKeys) out[k] = sp.get(k) || undefined;
    return out;
  }, [key]);

  const setFilters = useCallback(
    (patch: Partial<Record<F, string | null | undefined>>) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [string, string | null | undefined][]) {
            if (v === undefined || v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setSp],
  );

  const setFilter = useCallback((k: F, v: string | null | undefined) => setFilters({ [k]: v } as Partial<Record<F, string>>), [setFilters]);

  const setPage = useCallback(
    (p: number, size: number) => {
      setSp(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('page', String(size !== pageSize ? 1 : p));
          next.set('pageSize', String(size));
          return next;
        },
        { replace: true },
      );
    },
    [setSp, pageSize],
  );

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (n) => t('common.total', { count: n }),
    onChange: setPage,
  });

  return { page, pageSize, filters, setFilter, setFilters, pagination };
}
