import './i18n';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api';
import { AppRoutes } from './routes';
import { ME_KEY } from './session';

function onAuthLost(error: unknown) {
  // A session that expired mid-use: refetch /me, whose 401 sends the user to sign-in. The owner
  // requiring two-factor meanwhile: /me then says so, and the enrolment page takes over.
  const lost = error instanceof ApiError && (error.status === 401 || error.code === 'totp_setup_required');
  if (lost) void queryClient.invalidateQueries({ queryKey: ME_KEY, exact: true });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== ME_KEY[0]) onAuthLost(error);
    },
  }),
  mutationCache: new MutationCache({ onError: onAuthLost }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
    },
  },
});

function Providers() {
  const { i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff' } }}>
      <AntApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const rootEl = document.getElementById('root');
if (rootEl) {
  createRoot(rootEl).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Providers />
      </QueryClientProvider>
    </StrictMode>,
  );
}
