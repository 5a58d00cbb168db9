// Short links: made by writers for a post, a variant (post + account) or a publication, found
// through the content, accounts and publishing modules; read by every member with their clicks
// and conversions.
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import type { CreateLinkBody, UpdateLinkBody } from '../../../../contract/links';
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { isoOr } from '../../lib/time';
import { requireAccount } from '../accounts/service';
import { findPost } from '../content/repository';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { findPublications } from '../publishing/lookup';
import { newCode, redirectUrl } from './codes';
import * as repo from './repository';
import { conversionRate } from './stats';

const LINK = { zh: '短链', en: 'Link' };
export const CONVERSION_DEFINITION = {
  zh: '转化率 = 转化数 ÷ 点击数（不含预览和爬虫）；没有点击时为空',
  en: 'Conversion rate = conversions ÷ clicks (previews and crawlers left out); empty without clicks',
};

export const shortUrlOf = (deps: Pick<Deps, 'config'>, code: string) =>
  deps.config.MEIYUN_PUBLIC_URL ? new URL(`/l/${code}`, deps.config.MEIYUN_PUBLIC_URL).toString() : `/l/${code}`;

const utmOf = (l: repo.LinkRow) => ({ source: l.utmSource, medium: l.utmMedium, campaign: l.utmCampaign, content: l.utmContent });
export const targetOf = (l: repo.LinkRow) => redirectUrl(l.targetUrl, utmOf(l));

function view(deps: Deps, l: repo.LinkListRow) {
  return {
    id: l.id,
    code: l.code,
    shortUrl: shortUrlOf(deps, l.code),
    targetUrl: l.targetUrl,
    redirectUrl: targetOf(l),
    postId: l.postId,
    postTitle: l.postTitle,
    accountId: l.accountId,
    accountName: l.accountName,
    platform: l.platform as never,
    publicationId: l.publicationId,
    campaign: l.campaign,
    utmSource: l.utmSource,
    utmMedium: l.utmMedium,
    utmCampaign: l.utmCampaign,
    utmContent: l.utmContent,
    createdBy: l.createdBy,
    createdAt: isoOr(l.createdAt),
    archived: l.archived,
    clicks: l.clicks,
    conversions: l.conversions,
  };
}

const invalid = (zh: string, en: string, path: string) => new AppError('validation_failed', { zh, en }, [{ path, message: `${zh} / ${en}` }]);

/** What the link is for, each reference checked in the workspace by the module that owns it. */
async function resolveRefs(tx: Executor, workspaceId: string, b: z.infer<typeof CreateLinkBody>) {
  let { postId, accountId } = b;
  let platform: string | null = null;
  if (b.publicationId) {
    const [pub] = await findPublications(tx, workspaceId, { ids: [b.publicationId], links: [] });
    if (!pub) throw notFound({ zh: '发布任务', en: 'Publication' });
    if ((postId && postId !== pub.postId) || (accountId && accountId !== pub.accountId)) {
      throw invalid('发布任务不属于所选的稿件或账号', 'The publication is not of the chosen post or account', 'publicationId');
    }
    postId = pub.postId;
    accountId = pub.accountId;
    platform = pub.platform;
  }
  if (postId && !(await findPost(tx, workspaceId, postId))) throw notFound({ zh: '稿件', en: 'Post' });
  if (accountId && !platform) platform = (await requireAccount(tx, workspaceId, accountId)).platform;
  return { postId: postId ?? null, accountId: accountId ?? null, publicationId: b.publicationId ?? null, platform };
}

export async function createLink(deps: Deps, actor: Actor, b: z.infer<typeof CreateLinkBody>) {
  assertCan(actor.role, 'links.write');
  return deps.db.transaction(async (tx) => {
    const refs = await resolveRefs(tx, actor.workspaceId, b);
    const values = {
      workspaceId: actor.workspaceId,
      targetUrl: b.targetUrl,
      ...refs,
      campaign: b.campaign ?? null,
      utmSource: b.utmSource ?? refs.platform ?? 'meiyun',
      utmMedium: b.utmMedium ?? 'social',
      utmCampaign: b.utmCampaign ?? b.campaign ?? null,
      utmContent: b.utmContent ?? null,
      createdBy: actor.userId,
    };
    // A taken code (one in 10^8 for a million links) is drawn again.
    for (let i = 0; i < 5; i++) {
      const row = await repo.insertLink(tx, { ...values, code: newCode() });
      if (!row) continue;
      await audit(tx, actor, {
        action: 'link.create',
        entityType: 'link',
        entityId: row.id,
        after: { code: row.code, targetUrl: row.targetUrl, postId: row.postId },
      });
      return view(deps, await requireLink(tx, actor.workspaceId, row.id));
    }
    throw new Error('no free short code after 5 draws');
  });
}

export async function requireLink(ex: Executor, workspaceId: string, id: string) {
  const row = await repo.findLink(ex, workspaceId, id);
  if (!row) throw notFound(LINK);
  return row;
}

export async function updateLink(deps: Deps, actor: Actor, id: string, b: z.infer<typeof UpdateLinkBody>) {
  assertCan(actor.role, 'links.write');
  return deps.db.transaction(async (tx) => {
    const before = await requireLink(tx, actor.workspaceId, id);
    await repo.updateLink(tx, actor.workspaceId, id, b);
    const after = await requireLink(tx, actor.workspaceId, id);
    const fields = Object.keys(b) as (keyof typeof b)[];
    await audit(tx, actor, {
      action: b.archived === true ? 'link.archive' : 'link.update',
      entityType: 'link',
      entityId: id,
      before: Object.fromEntries(fields.map((k) => [k, before[k]])),
      after: b,
    });
    return view(deps, after);
  });
}

export async function listLinks(deps: Deps, actor: Actor, q: repo.LinkFilter & { page: number; pageSize: number }) {
  return paged(
    q,
    (limit, offset) => repo.listLinks(deps.db, actor.workspaceId, q, limit, offset),
    repo.countLinks(deps.db, actor.workspaceId, q),
    (rows) => rows.map((r) => view(deps, r)),
  );
}

export async function linkStatsByDay(deps: Deps, actor: Actor, id: string, q: { from?: string; to?: string }) {
  const link = await requireLink(deps.db, actor.workspaceId, id);
  const days = await repo.linkDays(deps.db, id, q.from ?? '1970-01-01', q.to ?? '9999-12-31');
  const sum = (k: 'clicks' | 'uniques' | 'previews' | 'bots' | 'conversions') => days.reduce((a, d) => a + d[k], 0);
  const values = days.filter((d) => d.value != null);
  const totals = {
    clicks: sum('clicks'),
    uniques: sum('uniques'),
    previews: sum('previews'),
    bots: sum('bots'),
    conversions: sum('conversions'),
    value: values.length ? values.reduce((a, d) => a + (d.value ?? 0), 0) : null,
  };
  return {
    link: view(deps, link),
    days,
    totals: { ...totals, conversionRate: conversionRate(totals.conversions, totals.clicks) },
    definition: CONVERSION_DEFINITION,
  };
}

const EXPORT_MAX = 10_000;

/** Every link of the filter (up to 10,000) as CSV, UTF-8 with a BOM so Excel reads the Chinese. */
export async function exportLinks(deps: Deps, actor: Actor, q: repo.LinkFilter) {
  const rows = await repo.listLinks(deps.db, actor.workspaceId, q, EXPORT_MAX, 0);
  const header = [
    '短码 Code',
    '短链 Short link',
    '目标 Target',
    '跳转地址 Redirect',
    '稿件 Post',
    '账号 Account',
    '平台 Platform',
    '活动 Campaign',
    '点击 Clicks',
    '转化 Conversions',
    '转化率 Conversion rate',
    '创建时间 Created',
    '已归档 Archived',
  ];
  const lines = rows.map((r) => [
    r.code,
    shortUrlOf(deps, r.code),
    r.targetUrl,
    targetOf(r),
    r.postTitle ?? '',
    r.accountName ?? '',
    r.platform ?? '',
    r.campaign ?? '',
    r.clicks,
    r.conversions,
    conversionRate(r.conversions, r.clicks) ?? '',
    isoOr(r.createdAt),
    r.archived ? 'yes' : 'no',
  ]);
  return Buffer.from(`\uFEFF${stringify([header, ...lines])}`, 'utf8');
}
