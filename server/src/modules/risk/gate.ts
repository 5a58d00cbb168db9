// The pre-publish gate: a post is screened when it is submitted for review and when it is
// approved. A blocking finding stops both unless a manager overrode the blocking findings of
// this very version with a reason (editing the post makes a new version, which voids it).
// Warnings pass and are written to the audit log with the step they passed.
import type { Deps } from '../../context';
import type { Executor } from '../../db/pool';
import { AppError } from '../../lib/errors';
import { isoOr } from '../../lib/time';
import type { PostRow } from '../content/repository';
import { loadPost } from '../content/posts';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { type RiskFinding, distinctFindings, findingKey, screenTexts } from './engine';
import * as repo from './repository';
import { screeningOverrides } from './tables';

/** Screens a stored post: its main text and, per target account, its variant and brand kit. */
export async function screenStoredPost(tx: Executor, post: PostRow) {
  const variants = await repo.variantsOf(tx, post.id);
  return screenTexts(
    tx,
    post.workspaceId,
    { title: post.title, digest: post.digest, bodyHtml: post.bodyHtml },
    variants.map((v) => v.accountId),
    variants,
  );
}

type Override = NonNullable<Awaited<ReturnType<typeof repo.latestOverride>>>;

/** The blocking findings the override of the post's current version does not cover (all of them without one). */
async function uncovered(tx: Executor, post: PostRow, blocking: RiskFinding[]) {
  const row = await repo.latestOverride(tx, post.id, post.version);
  const covered = new Set(((row?.o.findings ?? []) as RiskFinding[]).map(findingKey));
  const left = blocking.filter((f) => !covered.has(findingKey(f)));
  return { row: left.length ? null : row, left };
}

const FIELD = { title: ['标题', 'title'], digest: ['摘要', 'digest'], body: ['正文', 'body'] } as const;

function describe(f: RiskFinding, names: Map<string, string>, lang: 0 | 1): string {
  const account = f.accountId ? (names.get(f.accountId) ?? f.accountId.slice(0, 8)) : null;
  if (f.category === 'brand_required') {
    return lang === 0 ? `缺少必含内容「${f.term}」（账号「${account}」）` : `missing required "${f.term}" (account "${account}")`;
  }
  const where = f.field ? FIELD[f.field][lang] : '';
  const place = account ? (lang === 0 ? `账号「${account}」的${where}` : `${where} of account "${account}"`) : where;
  return lang === 0 ? `「${f.term}」（${place}）` : `"${f.term}" (${place})`;
}

export function blockedError(blocking: RiskFinding[], names: Map<string, string>) {
  const list = distinctFindings(blocking);
  const shown = list.slice(0, 10);
  const more = list.length - shown.length;
  const zh = shown.map((f) => describe(f, names, 0)).join('、') + (more > 0 ? ` 等 ${list.length} 处` : '');
  const en = shown.map((f) => describe(f, names, 1)).join(', ') + (more > 0 ? ` and ${more} more` : '');
  return new AppError(
    'screening_blocked',
    {
      zh: `内容审查未通过，含禁止发布的内容：${zh}。请修改后再试，或由经理填写理由后放行`,
      en: `Screening blocked this post: ${en}. Edit them out, or a manager can override with a reason`,
    },
    { findings: list },
  );
}

const summary = (fs: RiskFinding[]) =>
  distinctFindings(fs).map(({ accountId, field, term, category, action }) => ({ accountId, field, term, category, action }));

/**
 * Called by the content workflow inside its transaction, with the post locked. Throws
 * `screening_blocked` (409) when a blocking finding has no override for this version.
 */
export async function gate(tx: Executor, actor: Actor, post: PostRow, step: 'submit' | 'approve') {
  const result = await screenStoredPost(tx, post);
  const blocking = result.findings.filter((f) => f.action === 'block');
  let override: Override | null = null;
  if (blocking.length) {
    const check = await uncovered(tx, post, blocking);
    // The message names only what is still blocked: what an override covers is settled.
    if (check.left.length) throw blockedError(check.left, new Map(result.accounts.map((a) => [a.accountId, a.accountName])));
    override = check.row;
  }
  if (result.findings.length) {
    await audit(tx, actor, {
      action: `post.screening.${step}`,
      entityType: 'post',
      entityId: post.id,
      after: { version: post.version, findings: summary(result.findings), overrideBy: override?.o.actorId ?? null, overrideReason: override?.o.reason ?? null },
    });
  }
  return result;
}

async function screeningView(tx: Executor, post: PostRow) {
  const result = await screenStoredPost(tx, post);
  const blocking = result.findings.filter((f) => f.action === 'block');
  const row = blocking.length ? (await uncovered(tx, post, blocking)).row : await repo.latestOverride(tx, post.id, post.version);
  const override = row
    ? {
        version: row.o.postVersion,
        reason: row.o.reason,
        actorName: row.actorName ?? '',
        at: isoOr(row.o.createdAt),
        findings: row.o.findings as RiskFinding[],
      }
    : null;
  return { ...result, postVersion: post.version, override, passes: !blocking.length || !!override };
}

export async function postScreening(deps: Deps, actor: Actor, postId: string) {
  const post = await loadPost(deps.db, actor, postId);
  return screeningView(deps.db, post);
}

/** A manager lets this version's blocking findings through, with a reason; audited with the findings. */
export async function overrideScreening(deps: Deps, actor: Actor, postId: string, reason: string) {
  assertCan(actor.role, 'risk.manage');
  return deps.db.transaction(async (tx) => {
    const post = await loadPost(tx, actor, postId, true);
    const result = await screenStoredPost(tx, post);
    const blocking = distinctFindings(result.findings.filter((f) => f.action === 'block'));
    if (!blocking.length) {
      throw new AppError('invalid_state', { zh: '这一版没有需要放行的拦截项', en: 'Nothing in this version is blocked; there is nothing to override' });
    }
    await tx
      .insert(screeningOverrides)
      .values({ workspaceId: actor.workspaceId, postId, postVersion: post.version, actorId: actor.userId, reason, findings: blocking });
    await audit(tx, actor, {
      action: 'post.screening.override',
      entityType: 'post',
      entityId: postId,
      after: { version: post.version, reason, findings: summary(blocking) },
    });
    return screeningView(tx, post);
  });
}
