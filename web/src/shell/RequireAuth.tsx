import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api';
import { errorText } from '../components/ErrorAlert';
import { PageSpin } from '../components/Loading';
import { MeContext, useMeQuery } from '../session';
import { NoWorkspace } from './NoWorkspace';

export function RequireAuth() {
  const { t, i18n } = useTranslation();
  const q = useMeQuery();
  const loc = useLocation();
  if (q.error instanceof ApiError && q.error.status === 401) {
    const next = loc.pathname + loc.search;
    return <Navigate to={next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`} replace />;
  }
  if (q.isPending) return <PageSpin />;
  if (!q.data) {
    return (
      <Result
        status="error"
        title={t('common.loadFailed')}
        subTitle={errorText(q.error, i18n.language)}
        extra={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <MeContext.Provider value={q.data}>{q.data.workspace ? <Outlet /> : <NoWorkspace />}</MeContext.Provider>;
}
