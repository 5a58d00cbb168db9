// What the analytics sync reads from a platform: an account's figures per day, a post's figures
// per day, or a post's running totals (platforms without per-day data are snapshotted). Each
// platform says its limits: how many days one call may span, how far back it answers, when a
// day's figures are final, and which figures its API does not give (they are imported instead).

/** An account's figures on one of its platform's days; null = the platform does not report it. */
export interface AccountDayFigures {
  day: string;
  followers: number | null;
  followersGained: number | null;
  followersLost: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  favorites: number | null;
}

export interface PostFigures {
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
  favorites: number | null;
  zaikan: number | null;
  followersGained: number | null;
}

/** A published item as the product stored it; the reader knows which of the ids its platform answers with. */
export interface PostRef {
  publicationId: string;
  /** The submit's id (WeChat publish_id, Weibo mid, Douyin item_id, Bilibili bvid, Kuaishou photo_id …). */
  publishId: string | null;
  msgDataId: string | null;
  articleId: string | null;
  articleUrl: string | null;
  publishedAt: Date;
}

export type PostDayFigures = PostFigures & { publicationId: string; day: string };
export type PostTotals = Omit<PostFigures, 'zaikan' | 'followersGained'> & { publicationId: string };

export interface MetricsLimits {
  /** The platform's calendar: its days start at midnight in this zone. */
  timeZone: string;
  /** Days one accountDays call may span (WeChat getusersummary: 7). */
  accountSpanDays: number;
  /** How many days before yesterday the platform still answers (the backfill of a new account). */
  backfillDays: number;
  /** Hours after a day's end until its figures are final (WeChat: 8, i.e. 08:00 the next morning). */
  finalAfterHours: number;
  /** Whether today's (partial) figures may be asked for; WeChat's datacube refuses today. */
  today: boolean;
  /** days: postDays gives per-day figures; snapshots: postTotals gives running totals only. */
  postData: 'days' | 'snapshots';
  /** Post days are answered for this many days after publication. */
  postWindowDays: number;
  /** Figures the API does not give at all (shown as "import needed"; an imported value is kept). */
  missing: { account: (keyof Omit<AccountDayFigures, 'day'>)[]; post: (keyof PostFigures)[] };
  /** The APIs (as the call meter counts them) one sync spends. */
  apis: string[];
  /** Scopes the grant must hold for these reads (absent: the 'data' capability is enough). */
  scopes?: string[];
}

export interface MetricsReader {
  limits: MetricsLimits;
  /** Account figures for from..to (inclusive, at most accountSpanDays), one row per day answered. */
  accountDays(from: string, to: string): Promise<AccountDayFigures[]>;
  /** postData 'days': the posts' figures on from..to. */
  postDays?(refs: PostRef[], from: string, to: string): Promise<PostDayFigures[]>;
  /** postData 'snapshots': the posts' running totals now. */
  postTotals?(refs: PostRef[]): Promise<PostTotals[]>;
}

/**
 * The account day of a platform that only tells its follower count now (Weibo, Bilibili,
 * Kuaishou): today's figure, the rest unknown; a past day cannot be asked for and gives nothing.
 */
export async function followersToday(l: MetricsLimits, to: string, followers: () => Promise<number | null>): Promise<AccountDayFigures[]> {
  if (to !== dayIn(l.timeZone, new Date())) return [];
  const unknown = { followersGained: null, followersLost: null, views: null, likes: null, comments: null, shares: null, favorites: null };
  return [{ day: to, followers: await followers(), ...unknown }];
}

/**
 * Running totals read one post at a time (Bilibili arc/stat, Kuaishou photo/info take one id): the
 * submit's id of each post, or its article id; `read` answers null for a post with nothing to read.
 */
export async function totalsEach(refs: PostRef[], read: (id: string) => Promise<Omit<PostTotals, 'publicationId'> | null>): Promise<PostTotals[]> {
  const out: PostTotals[] = [];
  for (const r of refs) {
    const id = r.publishId ?? r.articleId;
    const t = id ? await read(id) : null;
    if (t) out.push({ publicationId: r.publicationId, ...t });
  }
  return out;
}

/** "YYYY-MM-DD" of `at` in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
