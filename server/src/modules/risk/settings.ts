// The workspace's screening settings: policy per category, word lists (with pasted-text import),
// the built-in ad-law list's switches. Everyone reads; risk.manage changes, audited, and every
// change bumps the workspace's screening version so cached screeners are rebuilt.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AdLawQuery, ImportWordsBody, UpdatePolicyBody, WordBody } from '../../../../contract/risk';
import type { Deps } from '../../context';
import { AppError, notFound } from '../../lib/errors';
import { paged } from '../../lib/paging';
import { iso, isoOr } from '../../lib/time';
import { type Actor, audit } from '../identity/audit';
import { assertCan } from '../identity/roles';
import { policyOf } from './engine';
import * as repo from './repository';
import { AD_LAW_TERMS } from './screener';
import { riskAdLawDisabled, riskWords } from './tables';

const WORD = { zh: '词条', en: 'Word' };
type WordRow = typeof riskWords.$inferSelect;
const wordView = (w: WordRow) => ({
  id: w.id,
  term: w.term,
  category: w.category as z.infer<typeof WordBody>['category'],
  severity: w.severity as 'high' | 'medium' | 'low',
  note: w.note,
  createdAt: isoOr(w.createdAt),
});

export async function getPolicy(deps: Deps, actor: Actor) {
  const s = await repo.settingsOf(deps.db, actor.workspaceId);
  const disabled = await repo.disabledAdLaw(deps.db, actor.workspaceId);
  return { policy: policyOf(s?.policy), adLawDisabled: disabled.size, version: s?.version ?? 0, updatedAt: iso(s?.updatedAt) };
}

export async function updatePolicy(deps: Deps, actor: Actor, body: z.infer<typeof UpdatePolicyBody>) {
  assertCan(actor.role, 'risk.manage');
  await deps.db.transaction(async (tx) => {
    const before = policyOf((await repo.settingsOf(tx, actor.workspaceId))?.policy);
    const after = { ...before, ...body };
    await repo.bumpVersion(tx, actor.workspaceId, actor.userId, after);
    await audit(tx, actor, { action: 'risk.policy.update', entityType: 'risk_policy', entityId: actor.workspaceId, before, after });
  });
  return getPolicy(deps, actor);
}

export async function listWords(deps: Deps, actor: Actor, q: { category?: string; q?: string; page: number; pageSize: number }) {
  return paged(
    q,
    (limit, offset) => repo.listWords(deps.db, actor.workspaceId, q, limit, offset),
    repo.countWords(deps.db, actor.workspaceId, q),
    (rows) => rows.map(wordView),
  );
}

const duplicate = (term: string) => new AppError('conflict', { zh: `「${term}」已在这个词表里`, en: `"${term}" is already in this list` });

export async function addWord(deps: Deps, actor: Actor, body: z.infer<typeof WordBody>) {
  assertCan(actor.role, 'risk.manage');
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(riskWords)
      .values({ ...body, workspaceId: actor.workspaceId, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw duplicate(body.term);
    await repo.bumpVersion(tx, actor.workspaceId, actor.userId);
    await audit(tx, actor, { action: 'risk.word.create', entityType: 'risk_word', entityId: row.id, after: body });
    return wordView(row);
  });
}

export async function updateWord(deps: Deps, actor: Actor, id: string, body: { severity?: string; note?: string }) {
  assertCan(actor.role, 'risk.manage');
  return deps.db.transaction(async (tx) => {
    const before = await repo.findWord(tx, actor.workspaceId, id);
    if (!before) throw notFound(WORD);
    const [row] = await tx.update(riskWords).set(body).where(eq(riskWords.id, id)).returning();
    await repo.bumpVersion(tx, actor.workspaceId, actor.userId);
    await audit(tx, actor, {
      action: 'risk.word.update',
      entityType: 'risk_word',
      entityId: id,
      before: { term: before.term, severity: before.severity, note: before.note },
      after: body,
    });
    return wordView(row);
  });
}

export async function deleteWord(deps: Deps, actor: Actor, id: string) {
  assertCan(actor.role, 'risk.manage');
  await deps.db.transaction(async (tx) => {
    const before = await repo.findWord(tx, actor.workspaceId, id);
    if (!before) throw notFound(WORD);
    await tx.delete(riskWords).where(eq(riskWords.id, id));
    await repo.bumpVersion(tx, actor.workspaceId, actor.userId);
    await audit(tx, actor, {
      action: 'risk.word.delete',
      entityType: 'risk_word',
      entityId: id,
      before: { term: before.term, category: before.category, severity: before.severity },
    });
  });
}

const SEVERITY: Record<string, 'high' | 'medium' | 'low'> = { high: 'high', medium: 'medium', low: 'low', 高: 'high', 中: 'medium', 低: 'low' };
const MAX_LINES = 5000;

/**
 * One term per line; a severity may follow the last comma (, or ，) or tab: `国家级,high`, `竞品A\t低`.
 * Blank lines are skipped. Every bad line is reported (line number and why) and nothing is imported.
 */
export function parseWordList(text: string, fallback: 'high' | 'medium' | 'low') {
  const lines = text.split(/\r\n|\r|\n/);
  const words = new Map<string, 'high' | 'medium' | 'low'>();
  const errors: { path: (string | number)[]; message: string }[] = [];
  const bad = (n: number, zh: string, en: string) => errors.push({ path: ['text', n], message: `第 ${n} 行：${zh} / line ${n}: ${en}` });
  let count = 0;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i].trim();
    if (!line) continue;
    if (++count > MAX_LINES) {
      if (count === MAX_LINES + 1) bad(n, `一次最多导入 ${MAX_LINES} 个词`, `at most ${MAX_LINES} terms at a time`);
      continue;
    }
    let term = line;
    let severity = fallback;
    const cut = Math.max(line.lastIndexOf(','), line.lastIndexOf('，'), line.lastIndexOf('\t'));
    if (cut >= 0) {
      const tag = line.slice(cut + 1).trim();
      const s = SEVERITY[tag.toLowerCase()];
      if (!s) {
        bad(n, `无法识别的级别「${tag}」（可用 high/medium/low 或 高/中/低）`, `unknown severity "${tag}" (use high/medium/low or 高/中/低)`);
        continue;
      }
      severity = s;
      term = line.slice(0, cut).trim();
    }
    if (!term) bad(n, '词条为空', 'the term is empty');
    else if (term.length > 50) bad(n, `词条超过 50 字（${term.length} 字）`, `the term is longer than 50 characters (${term.length})`);
    else words.set(term, severity);
  }
  if (errors.length) {
    throw new AppError(
      'validation_failed',
      { zh: `导入失败，${errors.length} 行有误，未导入任何词`, en: `Import failed: ${errors.length} line(s) are wrong; nothing was imported` },
      errors.slice(0, 50),
    );
  }
  if (!words.size) throw new AppError('validation_failed', { zh: '没有可导入的词（每行一个词）', en: 'No terms to import (one term per line)' });
  return words;
}

export async function importWords(deps: Deps, actor: Actor, body: z.infer<typeof ImportWordsBody>) {
  assertCan(actor.role, 'risk.manage');
  const words = parseWordList(body.text, body.severity);
  return deps.db.transaction(async (tx) => {
    const terms = [...words.keys()];
    const existing = new Map<string, string>();
    for (let i = 0; i < terms.length; i += 1000) {
      const rows = await tx
        .select({ term: riskWords.term, severity: riskWords.severity })
        .from(riskWords)
        .where(and(eq(riskWords.workspaceId, actor.workspaceId), eq(riskWords.category, body.category), inArray(riskWords.term, terms.slice(i, i + 1000))));
      for (const r of rows) existing.set(r.term, r.severity);
    }
    const fresh = terms.filter((t) => !existing.has(t));
    const changed = terms.filter((t) => existing.has(t) && existing.get(t) !== words.get(t));
    for (let i = 0; i < fresh.length; i += 1000) {
      await tx
        .insert(riskWords)
        .values(
          fresh
            .slice(i, i + 1000)
            .map((term) => ({
              workspaceId: actor.workspaceId,
              category: body.category,
              term,
              severity: words.get(term) ?? body.severity,
              createdBy: actor.userId,
            })),
        );
    }
    for (const sev of ['high', 'medium', 'low'] as const) {
      const these = changed.filter((t) => words.get(t) === sev);
      if (these.length) {
        await tx
          .update(riskWords)
          .set({ severity: sev })
          .where(and(eq(riskWords.workspaceId, actor.workspaceId), eq(riskWords.category, body.category), inArray(riskWords.term, these)));
      }
    }
    const result = { added: fresh.length, updated: changed.length, unchanged: terms.length - fresh.length - changed.length };
    if (fresh.length || changed.length) await repo.bumpVersion(tx, actor.workspaceId, actor.userId);
    await audit(tx, actor, {
      action: 'risk.words.import',
      entityType: 'risk_word',
      after: { category: body.category, ...result, terms: [...fresh, ...changed].slice(0, 200) },
    });
    return result;
  });
}

export async function listAdLaw(deps: Deps, actor: Actor, q: z.infer<typeof AdLawQuery> & { page: number; pageSize: number }) {
  const disabled = await repo.disabledAdLaw(deps.db, actor.workspaceId);
  const all = AD_LAW_TERMS.map((e) => ({ term: e.term, severity: e.severity as 'high' | 'medium' | 'low', enabled: !disabled.has(e.term) })).filter(
    (e) =>
      (!q.q || e.term.toLowerCase().includes(q.q.toLowerCase())) &&
      (!q.severity || e.severity === q.severity) &&
      (q.enabled === undefined || String(e.enabled) === q.enabled),
  );
  const from = (q.page - 1) * q.pageSize;
  return { items: all.slice(from, from + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
}

export async function toggleAdLaw(deps: Deps, actor: Actor, body: { terms: string[]; enabled: boolean }) {
  assertCan(actor.role, 'risk.manage');
  const known = new Set(AD_LAW_TERMS.map((e) => e.term));
  const unknown = body.terms.filter((t) => !known.has(t));
  if (unknown.length) {
    throw new AppError('validation_failed', {
      zh: `不在广告法词表中：${unknown.slice(0, 10).join('、')}`,
      en: `Not in the ad-law list: ${unknown.slice(0, 10).join(', ')}`,
    });
  }
  const terms = [...new Set(body.terms)];
  await deps.db.transaction(async (tx) => {
    if (body.enabled) {
      await tx.delete(riskAdLawDisabled).where(and(eq(riskAdLawDisabled.workspaceId, actor.workspaceId), inArray(riskAdLawDisabled.term, terms)));
    } else {
      await tx
        .insert(riskAdLawDisabled)
        .values(terms.map((term) => ({ workspaceId: actor.workspaceId, term, createdBy: actor.userId })))
        .onConflictDoNothing();
    }
    await repo.bumpVersion(tx, actor.workspaceId, actor.userId);
    await audit(tx, actor, {
      action: body.enabled ? 'risk.adlaw.enable' : 'risk.adlaw.disable',
      entityType: 'risk_policy',
      entityId: actor.workspaceId,
      after: { terms },
    });
  });
  const [{ n }] = await deps.db.select({ n: sql<number>`count(*)::int` }).from(riskAdLawDisabled).where(eq(riskAdLawDisabled.workspaceId, actor.workspaceId));
  return { disabled: n };
}
