// Types of the API contract. Type-only imports: no zod in the browser bundle.
import type { z } from 'zod';
import type * as C from '../../contract';

export type Me = z.infer<typeof C.Me>;
export type Role = z.infer<typeof C.Role>;
export type Workspace = z.infer<typeof C.Workspace>;
export type Member = z.infer<typeof C.Member>;
export type Invitation = z.infer<typeof C.Invitation>;
export type AuditEntry = z.infer<typeof C.AuditEntry>;
export type SetupBody = z.infer<typeof C.SetupBody>;
export type SignInBody = z.infer<typeof C.SignInBody>;
export type AcceptInviteBody = z.infer<typeof C.AcceptInviteBody>;
export type InviteBody = z.infer<typeof C.InviteBody>;
export type UpdateWorkspaceBody = z.infer<typeof C.UpdateWorkspaceBody>;

export type AuthEvent = z.infer<typeof C.AuthEvent>;
export type AuthEventKind = z.infer<typeof C.AuthEventKind>;
export type Session = z.infer<typeof C.Session>;
export type SecurityOverview = z.infer<typeof C.SecurityOverview>;
export type TotpSetup = z.infer<typeof C.TotpSetup>;
export type TotpEnabled = z.infer<typeof C.TotpEnabled>;
export type PasswordResetLink = z.infer<typeof C.PasswordResetLink>;
export type PasswordResetInfo = z.infer<typeof C.PasswordResetInfo>;
export type PasswordResetBody = z.infer<typeof C.PasswordResetBody>;
export type ChangePasswordBody = z.infer<typeof C.ChangePasswordBody>;

export type Platform = z.infer<typeof C.Platform>;
export type EntityType = z.infer<typeof C.EntityType>;
export type Verification = z.infer<typeof C.Verification>;
export type AccountType = z.infer<typeof C.AccountType>;
export type Account = z.infer<typeof C.Account>;
export type AccountHealth = z.infer<typeof C.AccountHealth>;
export type HealthIssue = z.infer<typeof C.HealthIssue>;
export type CreateAccountBody = z.infer<typeof C.CreateAccountBody>;
export type UpdateAccountBody = z.infer<typeof C.UpdateAccountBody>;
export type CredentialsBody = z.infer<typeof C.CredentialsBody>;
export type OAuthPlatform = z.infer<typeof C.OAuthPlatform>;
export type PlatformApp = z.infer<typeof C.PlatformApp>;
export type PutPlatformAppBody = z.infer<typeof C.PutPlatformAppBody>;
export type Capability = z.infer<typeof C.Capability>;

export type Topic = z.infer<typeof C.Topic>;
export type TopicStatus = z.infer<typeof C.TopicStatus>;
export type TopicBody = z.infer<typeof C.TopicBody>;
export type Post = z.infer<typeof C.Post>;
export type PostDetail = z.infer<typeof C.PostDetail>;
export type PostStatus = z.infer<typeof C.PostStatus>;
export type CreatePostBody = z.infer<typeof C.CreatePostBody>;
export type UpdatePostBody = z.infer<typeof C.UpdatePostBody>;
export type VariantBody = z.infer<typeof C.VariantBody>;
export type Version = z.infer<typeof C.Version>;
export type Comment = z.infer<typeof C.Comment>;
export type Media = z.infer<typeof C.Media>;
export type Publication = z.infer<typeof C.Publication>;
export type PublicationDetail = z.infer<typeof C.PublicationDetail>;
export type ManualKit = z.infer<typeof C.ManualKit>;
export type PublicationState = z.infer<typeof C.PublicationState>;
export type Attempt = z.infer<typeof C.Attempt>;
export type CalendarItem = Post & { publications: Publication[] };
export type PlanLimit = z.infer<typeof C.PlanLimit>;
export type OriginalityResult = z.infer<typeof C.OriginalityResult>;
export type OriginalityMatch = z.infer<typeof C.OriginalityMatch>;
export type OriginalitySettings = z.infer<typeof C.OriginalitySettings>;
export type OriginalityWarning = z.infer<typeof C.OriginalityWarning>;

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
  expiresAt?: string;
}

export interface SetupState {
  needsOwner: boolean;
}

export type PostMetrics = z.infer<typeof C.PostMetrics>;
export type PutMetricsBody = z.infer<typeof C.PutMetricsBody>;
export type MetricField = (typeof C.METRIC_FIELDS)[number];
export type MetricsImportRow = z.infer<typeof C.MetricsImportRow>;
export type MetricsImportPreview = z.infer<typeof C.MetricsImportPreview>;
export type MetricsImportResult = z.infer<typeof C.MetricsImportResult>;
export type AccountSyncStatus = z.infer<typeof C.AccountSyncStatus>;
export type Goal = z.infer<typeof C.Goal>;
export type Strategy = z.infer<typeof C.Strategy>;
export type StrategyVersion = z.infer<typeof C.StrategyVersion>;
export type StrategyDiff = z.infer<typeof C.StrategyDiff>;
export type StrategyMix = z.infer<typeof C.StrategyMix>;
export type PillarChoice = z.infer<typeof C.PillarChoice>;
export type ContentFormat = z.infer<typeof C.ContentFormat>;
export type Link = z.infer<typeof C.Link>;
export type InboxItem = z.infer<typeof C.InboxItem>;
export type InboxThread = z.infer<typeof C.InboxThread>;
export type InboxModeration = z.infer<typeof C.InboxModeration>;
export type InboxPage = z.infer<typeof C.InboxPage>;
export type InboxCounts = z.infer<typeof C.InboxCounts>;
export type InboxSyncStatus = z.infer<typeof C.InboxSyncStatus>;
export type LinkStats = z.infer<typeof C.LinkStats>;
export type WebhookSettings = z.infer<typeof C.WebhookSettings>;
export type WebhookSecret = z.infer<typeof C.WebhookSecret>;
export type CadenceRow = z.infer<typeof C.CadenceRow>;
export type IndexRanking = z.infer<typeof C.IndexRanking>;
export type IndexRow = z.infer<typeof C.IndexRow>;
export type AnalyticsSettings = z.infer<typeof C.AnalyticsSettings>;
export type Anomaly = z.infer<typeof C.Anomaly>;

export type Overview = z.infer<typeof C.Overview>;
export type Totals = z.infer<typeof C.Totals>;
export type Audience = z.infer<typeof C.Audience>;
export type ContentAnalysis = z.infer<typeof C.ContentAnalysis>;
export type PostRanking = z.infer<typeof C.PostRanking>;
export type PostRow = z.infer<typeof C.PostRow>;
export type PostPage = z.infer<typeof C.PostPage>;
export type BestTime = z.infer<typeof C.BestTime>;
export type BestTimeSuggestion = z.infer<typeof C.BestTimeSuggestion>;
export type Report = z.infer<typeof C.Report>;
export type ReportSummary = z.infer<typeof C.ReportSummary>;
export type ReportFinding = z.infer<typeof C.ReportFinding>;
export type InboxReply = z.infer<typeof C.InboxReply>;
export type InboxTemplate = z.infer<typeof C.InboxTemplate>;
export type InboxNote = z.infer<typeof C.InboxNote>;
export type InboxRule = z.infer<typeof C.InboxRule>;
export type RuleConditions = z.infer<typeof C.RuleConditions>;
export type RuleActions = z.infer<typeof C.RuleActions>;
export type DryRunResult = z.infer<typeof C.DryRunResult>;
export type SlaSettings = z.infer<typeof C.SlaSettings>;
export type SlaReport = z.infer<typeof C.SlaReport>;

export type Department = z.infer<typeof C.Department>;
export type FeedbackItem = z.infer<typeof C.FeedbackItem>;
export type FeedbackEvent = z.infer<typeof C.FeedbackEvent>;
export type FeedbackDetail = z.infer<typeof C.FeedbackDetail>;
export type FeedbackStats = z.infer<typeof C.FeedbackStats>;
export type FeedbackType = z.infer<typeof C.FeedbackType>;
export type FeedbackPriority = z.infer<typeof C.FeedbackPriority>;
export type CreateFeedbackBody = z.input<typeof C.CreateFromItemBody>;
export type RequestType = z.infer<typeof C.RequestType>;
export type RequestItem = z.infer<typeof C.Request>;
export type RequestEvent = z.infer<typeof C.RequestEvent>;
export type RequestDetail = z.infer<typeof C.RequestDetail>;
export type RequestStatus = z.infer<typeof C.RequestStatus>;
export type LinkedPost = z.infer<typeof C.LinkedPost>;
export type Campaign = z.infer<typeof C.Campaign>;
export type CampaignDetail = z.infer<typeof C.CampaignDetail>;

export type TrainingSession = z.infer<typeof C.TrainingSession>;
export type CreateSessionBody = z.input<typeof C.CreateSessionBody>;
export type QuizResult = z.infer<typeof C.QuizResult>;
export type TrainingRecord = z.infer<typeof C.TrainingRecord>;
export type OnboardingChecklist = z.infer<typeof C.OnboardingChecklist>;
export type OnboardingTemplate = z.infer<typeof C.OnboardingTemplate>;
export type Position = z.infer<typeof C.Position>;
export type Candidate = z.infer<typeof C.Candidate>;
export type CandidateDetail = z.infer<typeof C.CandidateDetail>;
export type CandidateStage = z.infer<typeof C.Stage>;
export type StageResult = z.infer<typeof C.StageResult>;

export type Task = z.infer<typeof C.Task>;
export type TaskStatus = z.infer<typeof C.TaskStatus>;
export type TaskDetail = z.infer<typeof C.TaskDetail>;
export type TaskBoard = z.infer<typeof C.Board>;
export type Workload = z.infer<typeof C.Workload>;
export type Clashes = z.infer<typeof C.Clashes>;
export type Escalation = z.infer<typeof C.Escalation>;
export type TaskTemplate = z.infer<typeof C.TaskTemplate>;
export type TaskSettings = z.infer<typeof C.TaskSettings>;

export type Scorecard = z.infer<typeof C.Scorecard>;
export type ScorecardComparison = z.infer<typeof C.ScorecardComparison>;
export type ScorecardList = z.infer<typeof C.ScorecardList>;
export type ReviewCycle = z.infer<typeof C.ReviewCycle>;
export type Review = z.infer<typeof C.Review>;
export type ReviewDetail = z.infer<typeof C.ReviewDetail>;
export type RatingScale = z.infer<typeof C.RatingScale>;
export type Incentive = z.infer<typeof C.Incentive>;
export type IncentiveLedger = z.infer<typeof C.IncentiveLedger>;
