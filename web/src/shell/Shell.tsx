import {
  FundOutlined,
  SolutionOutlined,
  AimOutlined,
  CompassOutlined,
  TrophyOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  AlertOutlined,
  BarChartOutlined,
  FieldTimeOutlined,
  FireOutlined,
  FlagOutlined,
  FormOutlined,
  ProjectOutlined,
  FileTextOutlined,
  HistoryOutlined,
  InboxOutlined,
  ImportOutlined,
  LineChartOutlined,
  LinkOutlined,
  NodeIndexOutlined,
  PieChartOutlined,
  RiseOutlined,
  BulbOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  TeamOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { Flex, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageSpin } from '../components/Loading';
import { InboxBadge } from './InboxBadge';
import { type Permission, useCan } from '../session';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';
import { PauseButton, PausedBanner } from './PauseControl';
import { UserMenu } from './UserMenu';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

const NAV: { key: string; icon: React.ReactNode; perm?: Permission }[] = [
  { key: '/', icon: <DashboardOutlined /> },
  { key: '/accounts', icon: <WechatOutlined /> },
  { key: '/strategy', icon: <CompassOutlined /> },
  { key: '/topics', icon: <BulbOutlined /> },
  { key: '/posts', icon: <FileTextOutlined /> },
  { key: '/calendar', icon: <CalendarOutlined /> },
  { key: '/review', icon: <CheckSquareOutlined />, perm: 'content.review' },
  { key: '/publications', icon: <SendOutlined /> },
  { key: '/tasks', icon: <ProjectOutlined />, perm: 'tasks.work' },
  { key: '/requests', icon: <FormOutlined />, perm: 'requests.submit' },
  { key: '/inbox', icon: <InboxOutlined />, perm: 'inbox.work' },
  { key: '/inbox/service', icon: <FieldTimeOutlined />, perm: 'inbox.work' },
  { key: '/inbox/rules', icon: <NodeIndexOutlined />, perm: 'inbox.rules' },
  { key: '/feedback', icon: <FlagOutlined />, perm: 'feedback.work' },
  { key: '/analytics', icon: <LineChartOutlined /> },
  { key: '/analytics/content', icon: <PieChartOutlined /> },
  { key: '/analytics/audience', icon: <RiseOutlined /> },
  { key: '/analytics/import', icon: <ImportOutlined /> },
  { key: '/goals', icon: <AimOutlined /> },
  { key: '/cadence', icon: <TrophyOutlined /> },
  { key: '/reports', icon: <BarChartOutlined /> },
  { key: '/links', icon: <LinkOutlined /> },
  { key: '/risk', icon: <SafetyCertificateOutlined /> },
  { key: '/alerts', icon: <AlertOutlined /> },
  { key: '/incidents', icon: <FireOutlined /> },
  { key: '/members', icon: <TeamOutlined /> },
  { key: '/team', icon: <FundOutlined />, perm: 'team.view' },
  { key: '/people', icon: <SolutionOutlined /> },
  { key: '/audit', icon: <HistoryOutlined />, perm: 'audit.read' },
  { key: '/settings', icon: <SettingOutlined /> },
];

const NAV_LABEL: Record<string, string> = {
  '/': 'nav.dashboard',
  '/accounts': 'nav.accounts',
  '/topics': 'nav.topics',
  '/posts': 'nav.posts',
  '/calendar': 'nav.calendar',
  '/review': 'nav.review',
  '/publications': 'nav.publications',
  '/inbox': 'nav.inbox',
  '/inbox/service': 'nav.inboxService',
  '/inbox/rules': 'nav.inboxRules',
  '/feedback': 'nav.feedback',
  '/requests': 'nav.requests',
  '/people': 'nav.people',
  '/tasks': 'nav.tasks',
  '/analytics': 'nav.analytics',
  '/analytics/content': 'nav.contentAnalysis',
  '/analytics/audience': 'nav.audience',
  '/analytics/import': 'nav.importMetrics',
  '/strategy': 'nav.strategy',
  '/goals': 'nav.goals',
  '/cadence': 'nav.indices',
  '/reports': 'nav.reports',
  '/links': 'nav.links',
  '/risk': 'nav.risk',
  '/alerts': 'nav.alerts',
  '/incidents': 'nav.incidents',
  '/team': 'nav.team',
  '/members': 'nav.members',
  '/audit': 'nav.audit',
  '/settings': 'nav.settings',
};

export function Shell() {
  const { t } = useTranslation();
  const can = useCan();
  const loc = useLocation();
  const nav = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  // The longest menu entry the path is in: /posts/1 → /posts, /analytics/import → itself.
  const selected =
    NAV.map((n) => n.key)
      .filter((k) => (k === '/' ? loc.pathname === '/' : loc.pathname === k || loc.pathname.startsWith(`${k}/`)))
      .sort((a, b) => b.length - a.length)[0] ?? '';

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208}>
        <Flex align="center" justify="center" style={{ height: 56, color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {collapsed ? '媒运' : t('app.name')}
        </Flex>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          onClick={({ key }) => nav(key)}
          items={NAV.filter((n) => !n.perm || can(n.perm)).map((n) => ({
            key: n.key,
            icon: n.icon,
            label: (
              <span data-testid={`nav-${n.key === '/' ? 'dashboard' : n.key.slice(1).replace('/', '-')}`}>
                {t(NAV_LABEL[n.key])}
                {n.key === '/inbox' && <InboxBadge />}
              </span>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <PausedBanner />
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <WorkspaceSwitcher />
          <Typography.Text type="secondary" style={{ flex: 1 }} />
          <PauseButton />
          <NotificationBell />
          <LanguageSwitch />
          <UserMenu />
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
