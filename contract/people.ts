// The people module (issue 10 items 5 and 6, duty T2): training and sharing sessions with
// attendance, a quiz or a sign-off and each member's training record; onboarding checklists;
// hiring (positions, candidates through stages, a screened trial piece, interviews, erasure).
// See server/src/modules/people/README.md.
import { z } from 'zod';
import { clean, Id, IsoDate, patch, text } from './common';
import { Role } from './identity';

const Short = (max: number) =>
  text()
    .trim()
    .min(1, { error: '不能为空 / must not be empty' })
    .max(max, { error: `最多 ${max} 字 / at most ${max} characters` });
const Long = (max: number) =>
  text()
    .trim()
    .max(max, { error: `最多 ${max} 字 / at most ${max} characters` });
const Search = text().trim().max(50, { error: '关键词最多 50 字 / the keyword is at most 50 characters' });

// ── training ────────────────────────────────────────────────────────────────
export const SessionKind = z.enum(['training', 'sharing']);
export const Attendance = z.enum(['unmarked', 'present', 'absent']);

export const QuizQuestion = z.strictObject({
  question: Short(200),
  options: z.array(Short(100)).min(2, { error: '至少两个选项 / at least two options' }).max(6, { error: '最多六个选项 / at most six options' }),
  /** Index into `options` of the right answer. */
  answer: z.number().int().min(0),
});
export const Quiz = z
  .strictObject({
    questions: z.array(QuizQuestion).min(1, { error: '测验至少一题 / a quiz has at least one question' }).max(20),
    /** Right answers needed to pass, in percent. */
    passPercent: z.number().int().min(1).max(100).default(60),
  })
  .refine((q) => q.questions.every((x) => x.answer < x.options.length), {
    error: '答案必须是其中一个选项 / the answer must be one of the options',
    path: ['questions'],
  });

export const CreateSessionBody = z
  .strictObject({
    kind: SessionKind.default('training'),
    title: Short(120),
    description: Long(2000).default(''),
    startsAt: IsoDate,
    durationMinutes: z.number().int().min(5).max(600).default(60),
    /** A room or a meeting link. */
    place: Long(300).default(''),
    /** A member who speaks, or an outside speaker's name. */
    speakerId: Id.optional(),
    speakerName: Short(60).optional(),
    /** Media library items handed out as materials. */
    mediaIds: z.array(Id).max(20).default([]),
    inviteeIds: z.array(Id).max(500).default([]),
    quiz: Quiz.optional(),
    /** Invitees confirm they attended or read the materials. */
    signOff: z.boolean().default(false),
  })
  .refine((b) => !(b.speakerId && b.speakerName), {
    error: '主讲人只能选成员或填外部姓名之一 / speaker: a member or an outside name, not both',
    path: ['speakerName'],
  });

/** Edit a scheduled session (people.manage). The quiz only until someone has taken it; invitees is the whole new list. */
export const UpdateSessionBody = patch({
  kind: SessionKind,
  title: Short(120),
  description: Long(2000),
  startsAt: IsoDate,
  durationMinutes: z.number().int().min(5).max(600),
  place: Long(300),
  speakerId: Id.nullable(),
  speakerName: Short(60).nullable(),
  mediaIds: z.array(Id).max(20),
  inviteeIds: z.array(Id).max(500),
  quiz: Quiz.nullable(),
  signOff: z.boolean(),
}).refine((b) => !(b.speakerId && b.speakerName), {
  error: '主讲人只能选成员或填外部姓名之一 / speaker: a member or an outside name, not both',
  path: ['speakerName'],
});
export const CancelSessionBody = z.strictObject({ reason: Short(300) });

export const SessionQuery = z.object({ q: Search.optional(), when: z.enum(['upcoming', 'past', 'all']).default('all') });

export const Invitee = z.object({
  userId: Id,
  name: z.string().nullable(),
  attendance: Attendance,
  quizScore: z.number().int().nullable(),
  quizPassed: z.boolean().nullable(),
  signedOffAt: IsoDate.nullable(),
});
export const SessionMaterial = z.object({ id: Id, filename: z.string(), kind: z.string() });
export const TrainingSession = z.object({
  id: Id,
  kind: SessionKind,
  title: z.string(),
  description: z.string(),
  startsAt: IsoDate,
  durationMinutes: z.number().int(),
  place: z.string(),
  speakerId: Id.nullable(),
  speakerName: z.string().nullable(),
  materials: z.array(SessionMaterial),
  /** The questions without the answers (the answers only for people.manage). */
  quiz: z
    .object({
      passPercent: z.number().int(),
      questions: z.array(z.object({ question: z.string(), options: z.array(z.string()), answer: z.number().int().optional() })),
    })
    .nullable(),
  signOff: z.boolean(),
  /** Managers see every invitee; a member only themselves. */
  invitees: z.array(Invitee),
  /** Set when cancelled: the session then takes no attendance, quiz or sign-off. */
  canceledAt: IsoDate.nullable(),
  cancelReason: z.string().nullable(),
  createdAt: IsoDate,
});
export const AttendanceBody = z.strictObject({ userId: Id, attendance: Attendance });
export const QuizAnswersBody = z.strictObject({ answers: z.array(z.number().int().min(0)).max(20) });
export const QuizResult = z.object({ score: z.number().int(), total: z.number().int(), percent: z.number().int(), passed: z.boolean() });

export const TrainingRecordQuery = z.object({ userId: Id.optional() });
export const TrainingRecord = z.object({
  userId: Id,
  name: z.string().nullable(),
  invited: z.number().int(),
  attended: z.number().int(),
  quizzesPassed: z.number().int(),
  sessions: z.array(
    z.object({
      sessionId: Id,
      title: z.string(),
      startsAt: IsoDate,
      attendance: Attendance,
      quizPassed: z.boolean().nullable(),
      quizScore: z.number().int().nullable(),
      signedOffAt: IsoDate.nullable(),
    }),
  ),
});

// ── onboarding ──────────────────────────────────────────────────────────────
export const OnboardingTemplate = z.object({ items: z.array(z.string()) });
export const OnboardingTemplateBody = z.strictObject({ items: z.array(Short(200)).max(50) });
export const OnboardingItem = z.object({ id: Id, title: z.string(), doneAt: IsoDate.nullable(), doneByName: z.string().nullable() });
export const OnboardingChecklist = z.object({
  id: Id,
  userId: Id,
  name: z.string().nullable(),
  done: z.number().int(),
  total: z.number().int(),
  items: z.array(OnboardingItem),
  createdAt: IsoDate,
});
export const StartOnboardingBody = z.strictObject({ userId: Id });
export const OnboardingTickBody = z.strictObject({ done: z.boolean() });

// ── hiring ──────────────────────────────────────────────────────────────────
export const STAGES = ['applied', 'trial', 'interview', 'offer', 'hired', 'rejected'] as const;
export const Stage = z.enum(STAGES);
export const PositionStatus = z.enum(['open', 'closed']);
export const Position = z.object({
  id: Id,
  title: z.string(),
  description: z.string(),
  status: PositionStatus,
  candidates: z.number().int(),
  createdAt: IsoDate,
});
export const PositionBody = z.strictObject({ title: Short(80), description: Long(2000).default('') });
export const UpdatePositionBody = patch({ title: Short(80), description: Long(2000), status: PositionStatus });

const CandidateFields = {
  name: Short(60),
  /** An email or phone: what hiring needs to reach them, nothing more. */
  contact: Long(120),
  source: Long(60),
  notes: Long(2000),
};
export const CandidateBody = z.strictObject({
  positionId: Id,
  name: CandidateFields.name,
  contact: CandidateFields.contact.default(''),
  source: CandidateFields.source.default(''),
  notes: CandidateFields.notes.default(''),
});
export const UpdateCandidateBody = patch(CandidateFields);
export const CandidateQuery = z.object({ positionId: Id.optional(), stage: Stage.optional(), q: Search.optional() });

export const TrialFinding = z.object({ term: z.string(), category: z.string(), action: z.string() });
export const Trial = z.object({
  title: z.string(),
  bodyHtml: z.string(),
  blocked: z.boolean(),
  findings: z.array(TrialFinding),
  maxSimilarity: z.number(),
  similarityWarn: z.boolean(),
  screenedAt: IsoDate,
});
export const Interview = z.object({
  interviewerId: Id,
  interviewerName: z.string().nullable(),
  scores: z.record(z.string(), z.number().int()),
  notes: z.string(),
  at: IsoDate,
});
export const Candidate = z.object({
  id: Id,
  positionId: Id,
  positionTitle: z.string().nullable(),
  name: z.string(),
  contact: z.string(),
  source: z.string(),
  notes: z.string(),
  stage: Stage,
  hasTrial: z.boolean(),
  /** Mean of every interviewer's scores, one decimal. */
  averageScore: z.number().nullable(),
  invitationId: Id.nullable(),
  memberId: Id.nullable(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export const CandidateDetail = z.object({
  candidate: Candidate,
  trial: Trial.nullable(),
  interviews: z.array(Interview),
  history: z.array(z.object({ from: Stage.nullable(), to: Stage, actorName: z.string().nullable(), at: IsoDate })),
});
export const StageBody = z.strictObject({
  stage: Stage,
  /** For `hired`: the email the invitation goes to, and the role to join with. */
  email: clean(z.email({ error: '邮箱格式不正确 / invalid email address' }).max(254)).optional(),
  role: Role.exclude(['owner']).default('editor'),
});
export const StageResult = z.object({ candidate: Candidate, invitationToken: z.string().nullable() });
export const TrialBody = z.strictObject({
  title: Short(120),
  bodyHtml: text().max(100_000, { error: '试稿最多 10 万字 / the trial piece is at most 100,000 characters' }),
});
export const InterviewBody = z.strictObject({
  scores: z
    .record(Short(30), z.number().int().min(1, { error: '评分为 1 到 5 / scores are 1 to 5' }).max(5, { error: '评分为 1 到 5 / scores are 1 to 5' }))
    .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 10, { error: '填写 1 到 10 个评分项 / give 1 to 10 criteria' }),
  notes: Long(4000).default(''),
});
