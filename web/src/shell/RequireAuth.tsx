import { Button, Result } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api';
import { errorText } from '../components/ErrorAlert';
import { PageSpin } from '../components/Loading';
import { MeContext, useMeQuery } from '../session';
import { TotpGate } from '../pages/security/TotpGate';
import { NoWorkspace } from './NoWorkspace';

export function RequireAuth() {
  const { t, i18n } = useTranslation();
  const q = useMeQuery();
  const loc = useLocation();
  // Stays up after enrolment until the recovery codes are put away, though /me already says it is done.
  const [gated, setGated] = useState(false);
  const required = q.data?.totpSetupRequired === true;
  useEffect(() => {
    if (required) setGated(true);
  }, [required]);
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
  const body = !q.data.workspace ? <NoWorkspace /> : required || gated ? <TotpGate onDone={() => setGated(false)} /> : <Outlet />;
  return <MeContext.Provider value={q.data}>{body}</MeContext.Provider>;
}
