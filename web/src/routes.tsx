import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageSpin } from './components/Loading';
import { RequireAuth } from './shell/RequireAuth';
import { Shell } from './shell/Shell';

const SignInPage = lazy(() => import('./pages/auth/SignInPage'));
const SetupPage = lazy(() => import('./pages/auth/SetupPage'));
const AcceptInvitePage = lazy(() => import('./pages/auth/AcceptInvitePage'));
const ResetPasswordPage = lazy(() => import('./pages/auth/ResetPasswordPage'));
const SecurityPage = lazy(() => import('./pages/security/SecurityPage'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const AccountsPage = lazy(() => import('./pages/accounts/AccountsPage'));
const TopicsPage = lazy(() => import('./pages/topics/TopicsPage'));
const PostsPage = lazy(() => import('./pages/posts/PostsPage'));
const PostEditorPage = lazy(() => import('./pages/posts/PostEditorPage'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage'));
const ReviewPage = lazy(() => import('./pages/review/ReviewPage'));
const PublicationsPage = lazy(() => import('./pages/publications/PublicationsPage'));
const MembersPage = lazy(() => import('./pages/members/MembersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const SettingsPage = lazy(() => import('./pages/settings/SettingsPage'));
const NotificationsPage = lazy(() => import('./pages/notifications/NotificationsPage'));
const RiskPage = lazy(() => import('./pages/risk/RiskPage'));
const IncidentsPage = lazy(() => import('./pages/incidents/IncidentsPage'));
const IncidentDetailPage = lazy(() => import('./pages/incidents/IncidentDetailPage'));
const IncidentTemplatesPage = lazy(() => import('./pages/incidents/TemplatesPage'));
const AlertsPage = lazy(() => import('./pages/alerts/AlertsPage'));
const ImportMetricsPage = lazy(() => import('./pages/analytics/ImportMetricsPage'));
const GoalsPage = lazy(() => import('./pages/goals/GoalsPage'));
const IndicesPage = lazy(() => import('./pages/goals/IndicesPage'));
const StrategyPage = lazy(() => import('./pages/strategy/StrategyPage'));
const TeamPage = lazy(() => import('./pages/team/TeamPage'));
const OverviewPage = lazy(() => import('./pages/analytics/OverviewPage'));
const AccountAnalyticsPage = lazy(() => import('./pages/analytics/AccountAnalyticsPage'));
const PostAnalyticsPage = lazy(() => import('./pages/analytics/PostAnalyticsPage'));
const ContentAnalysisPage = lazy(() => import('./pages/analytics/ContentAnalysisPage'));
const AudiencePage = lazy(() => import('./pages/analytics/AudiencePage'));
const ReportsPage = lazy(() => import('./pages/reports/ReportsPage'));
const LinksPage = lazy(() => import('./pages/links/LinksPage'));
const InboxPage = lazy(() => import('./pages/inbox/InboxPage'));
const InboxServicePage = lazy(() => import('./pages/inbox/ServicePage'));
const InboxRulesPage = lazy(() => import('./pages/inbox/RulesPage'));
const FeedbackPage = lazy(() => import('./pages/feedback/FeedbackPage'));
const RequestsPage = lazy(() => import('./pages/requests/RequestsPage'));
const RequestDetailPage = lazy(() => import('./pages/requests/RequestDetailPage'));
const PeoplePage = lazy(() => import('./pages/people/PeoplePage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSpin />}>
      <Routes>
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/invite" element={<AcceptInvitePage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route element={<RequireAuth />}>
          <Route element={<Shell />}>
            <Route index element={<DashboardPage />} />
            <Route path="dashboard" element={<Navigate to="/" replace />} />
            <Route path="accounts" element={<AccountsPage />} />
            <Route path="topics" element={<TopicsPage />} />
            <Route path="posts" element={<PostsPage />} />
            <Route path="posts/new" element={<PostEditorPage />} />
            <Route path="posts/:id" element={<PostEditorPage />} />
            <Route path="calendar" element={<CalendarPage />} />
            <Route path="review" element={<ReviewPage />} />
            <Route path="publications" element={<PublicationsPage />} />
            <Route path="publications/:id" element={<PublicationsPage />} />
            <Route path="analytics" element={<OverviewPage />} />
            <Route path="analytics/accounts/:id" element={<AccountAnalyticsPage />} />
            <Route path="analytics/posts/:id" element={<PostAnalyticsPage />} />
            <Route path="analytics/content" element={<ContentAnalysisPage />} />
            <Route path="analytics/audience" element={<AudiencePage />} />
            <Route path="analytics/import" element={<ImportMetricsPage />} />
            <Route path="goals" element={<GoalsPage />} />
            <Route path="strategy" element={<StrategyPage />} />
            <Route path="cadence" element={<IndicesPage />} />
            <Route path="team" element={<TeamPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="reports/:id" element={<ReportsPage />} />
            <Route path="links" element={<LinksPage />} />
            <Route path="inbox" element={<InboxPage />} />
            <Route path="inbox/service" element={<InboxServicePage />} />
            <Route path="inbox/rules" element={<InboxRulesPage />} />
            <Route path="feedback" element={<FeedbackPage />} />
            <Route path="requests" element={<RequestsPage />} />
            <Route path="requests/:id" element={<RequestDetailPage />} />
            <Route path="people" element={<PeoplePage />} />
            <Route path="tasks" element={<TasksPage />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="audit" element={<AuditPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="security" element={<SecurityPage />} />
            <Route path="notifications" element={<NotificationsPage />} />
            <Route path="risk" element={<RiskPage />} />
            <Route path="incidents" element={<IncidentsPage />} />
            <Route path="incidents/templates" element={<IncidentTemplatesPage />} />
            <Route path="incidents/:id" element={<IncidentDetailPage />} />
            <Route path="alerts" element={<AlertsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
