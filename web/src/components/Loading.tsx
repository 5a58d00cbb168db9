import { Empty, Skeleton, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

export function PageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
}

/** Loading → skeleton, error → the server's message, empty → Empty, else the content. */
export function Loadable<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.error || query.data === undefined) return <ErrorAlert error={query.error ?? new Error(t('common.noData'))} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty description={t('common.empty')} />}</>;
  return <>{children(query.data)}</>;
}
