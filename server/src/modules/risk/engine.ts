// Screening a post's texts against the workspace's dictionaries and each target account's brand
// kit. Screeners are cached per process: the workspace's by the version in risk_settings (every
// change to the policy, word lists or ad-law switches bumps it), a brand kit's by its updated_at,
// so a screen costs one indexed read for the version, one for the accounts, and the scans.
import type { z } from 'zod';
import type { Finding, RiskPolicy, ScreenAccount, ScreenText } from '../../../../contract/risk';
import type { Executor } from '../../db/pool';
import { htmlToText } from './html';
import * as repo from './repository';
import { AD_LAW_TERMS, type ScreenEntry, type ScreenMatch, type Screener, createScreener } from './screener';

export type Policy = z.infer<typeof RiskPolicy>;
export type RiskFinding = z.infer<typeof Finding>;
export type Category = keyof Policy;

export const DEFAULT_POLICY: Policy = {
  ad_law: 'warn',
  sensitive: 'block',
  brand_banned: 'block',
  competitor: 'warn',
  custom: 'warn',
  brand_required: 'warn',
};

export function policyOf(stored: unknown): Policy {
  const out = { ...DEFAULT_POLICY };
  if (stored && typeof stored === 'object') {
    for (const k of Object.keys(out) as Category[]) {
      const v = (stored as Record<string, unknown>)[k];
      if (v === 'block' || v === 'warn' || v === 'off') out[k] = v;
    }
  }
  return out;
}

interface WorkspaceScreen {
  version: number;
  policy: Policy;
  screener: Screener;
}

const MAX_CACHED = 500;
const workspaceCache = new Map<string, WorkspaceScreen>();
const kitCache = new Map<string, { banned: Screener; required: Screener }>();

function remember<V>(cache: Map<string, V>, key: string, value: V) {
  // Insertion order is age: drop the oldest once the cache is full.
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

export async function workspaceScreen(tx: Executor, workspaceId: string): Promise<WorkspaceScreen> {
  const settings = await repo.settingsOf(tx, workspaceId);
  const version = settings?.version ?? 0;
  const cached = workspaceCache.get(workspaceId);
  if (cached && cached.version === version) return cached;
  const policy = policyOf(settings?.policy);
  const entries: ScreenEntry[] = [];
  if (policy.ad_law !== 'off') {
    const disabled = await repo.disabledAdLaw(tx, workspaceId);
    for (const e of AD_LAW_TERMS) if (!disabled.has(e.term)) entries.push(e);
  }
  for (const w of await repo.wordEntries(tx, workspaceId)) {
    if (policy[w.category as Category] && policy[w.category as Category] !== 'off') entries.push(w);
  }
  return remember(workspaceCache, workspaceId, { version, policy, screener: createScreener(entries) });
}

function kitScreens(accountId: string, kit: repo.BrandKitRow | null) {
  const key = `${accountId}:${kit?.updatedAt ? new Date(kit.updatedAt).getTime() : 0}`;
  const cached = kitCache.get(key);
  if (cached) return cached;
  return remember(kitCache, key, {
    banned: createScreener((kit?.bannedWords ?? []).map((term) => ({ term, category: 'brand_banned' }))),
    required: createScreener((kit?.requiredPhrases ?? []).map((term) => ({ term, category: 'brand_required' }))),
  });
}

export interface Texts {
  title: string;
  digest: string;
  bodyHtml: string;
}
export interface VariantTexts {
  accountId: string;
  title?: string | null;
  digest?: string | null;
  bodyHtml?: string | null;
}

const FIELDS = ['title', 'digest', 'body'] as const;
type Plain = Record<(typeof FIELDS)[number], string>;

/**
 * Drops a match nested inside a longer match of the same category in the same place (最 inside
 * 最佳): the writer sees one finding per phrase, and a different category is never hidden.
 */
function outermost(matches: ScreenMatch[]): ScreenMatch[] {
  if (matches.length < 2) return matches;
  // By start, longest first: a match is nested when an earlier one of its category reaches as far.
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const reach = new Map<string, { end: number; start: number }>();
  const keep = new Set<ScreenMatch>();
  for (const m of sorted) {
    const r = reach.get(m.category);
    const nested = r !== undefined && (r.end > m.end || (r.end === m.end && r.start < m.start));
    if (!nested) keep.add(m);
    if (r === undefined || m.end > r.end) reach.set(m.category, { end: m.end, start: m.start });
  }
  return matches.filter((m) => keep.has(m));
}

function scanInto(out: RiskFinding[], screener: Screener, policy: Policy, texts: Plain, accountId: string | null, only?: Set<string>) {
  for (const field of FIELDS) {
    if (only && !only.has(field)) continue;
    const text = texts[field];
    for (const m of outermost(screener.scan(text))) {
      const action = policy[m.category as Category] ?? 'warn';
      if (action === 'off') continue;
      out.push({
        accountId,
        field,
        start: m.start,
        end: m.end,
        match: text.slice(m.start, m.end),
        term: m.term,
        category: m.category as Category,
        severity: m.severity ?? null,
        action,
      });
    }
  }
}

/**
 * Screens the main text with the workspace's dictionaries, and for each account its own text
 * (variant fields that replace the main ones) with the workspace's dictionaries and everything
 * it publishes with its brand kit: banned words found, required phrases missing.
 * Unknown or archived account ids are skipped (the caller validates them when it must).
 */
export async function screenTexts(tx: Executor, workspaceId: string, main: Texts, accountIds: string[], variants: VariantTexts[] = []) {
  const ws = await workspaceScreen(tx, workspaceId);
  const accounts = await repo.accountsWithKits(tx, workspaceId, [...new Set(accountIds)]);
  const mainPlain: Plain = { title: main.title, digest: main.digest, body: htmlToText(main.bodyHtml) };
  const findings: RiskFinding[] = [];
  const texts: z.infer<typeof ScreenText>[] = [{ accountId: null, ...mainPlain }];
  const views: z.infer<typeof ScreenAccount>[] = [];
  scanInto(findings, ws.screener, ws.policy, mainPlain, null);

  for (const a of accounts) {
    const v = variants.find((x) => x.accountId === a.id);
    const own = new Set<string>();
    const plain: Plain = { ...mainPlain };
    if (v?.title != null && v.title !== main.title) {
      plain.title = v.title;
      own.add('title');
    }
    if (v?.digest != null && v.digest !== main.digest) {
      plain.digest = v.digest;
      own.add('digest');
    }
    if (v?.bodyHtml != null && v.bodyHtml !== main.bodyHtml) {
      plain.body = htmlToText(v.bodyHtml);
      own.add('body');
    }
    if (own.size) {
      texts.push({ accountId: a.id, ...plain });
      scanInto(findings, ws.screener, ws.policy, plain, a.id, own);
    }
    const kit = kitScreens(a.id, a.kit);
    scanInto(findings, kit.banned, ws.policy, plain, a.id);
    const present = new Set<string>();
    for (const field of FIELDS) for (const m of kit.required.scan(plain[field])) present.add(m.term);
    const missing = (a.kit?.requiredPhrases ?? []).filter((p) => !present.has(p));
    if (ws.policy.brand_required !== 'off') {
      for (const term of missing) {
        findings.push({
          accountId: a.id,
          field: null,
          start: null,
          end: null,
          match: null,
          term,
          category: 'brand_required',
          severity: null,
          action: ws.policy.brand_required,
        });
      }
    }
    views.push({ accountId: a.id, accountName: a.name, toneNotes: a.kit?.toneNotes ?? '', requiredPhrases: a.kit?.requiredPhrases ?? [], missing });
  }
  return { blocked: findings.some((f) => f.action === 'block'), findings, texts, accounts: views };
}

/** One finding per (account, field, category, term): what an override, an error message or an audit entry needs. */
export function distinctFindings(findings: RiskFinding[]): RiskFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.accountId ?? ''}|${f.field ?? ''}|${f.category}|${f.term}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export const findingKey = (f: Pick<RiskFinding, 'accountId' | 'category' | 'term'>) => `${f.accountId ?? ''}|${f.category}|${f.term}`;
