import {
  type CheckedVariant,
  checkVariant,
  countText,
  effectiveVariant,
  type MediaFacts,
  rulesOf,
  type VariantField,
  type VariantIssue,
} from '../../../../../contract/platforms';
import type { Media, PostDetail } from '../../../types';

/** What the form holds for one account: null means "inherit from the master post". */
export interface VariantDraft {
  title: string | null;
  digest: string | null;
  text: string | null;
  imageMediaIds: string[];
  videoMediaId: string | null;
  coverMediaId: string | null;
  topics: string[];
  tags: string[];
  options: Record<string, string | number | boolean | null>;
}

export const emptyDraft = (): VariantDraft => ({
  title: null,
  digest: null,
  text: null,
  imageMediaIds: [],
  videoMediaId: null,
  coverMediaId: null,
  topics: [],
  tags: [],
  options: {},
});

export function draftOf(post: PostDetail, accountId: string): VariantDraft {
  const v = post.variants.find((x) => x.accountId === accountId);
  if (!v) return emptyDraft();
  return {
    title: v.title,
    digest: v.digest,
    text: v.text,
    imageMediaIds: [...v.imageMediaIds],
    videoMediaId: v.videoMediaId,
    coverMediaId: v.coverMediaId,
    topics: [...v.topics],
    tags: [...v.tags],
    options: { ...(v.options as VariantDraft['options']) },
  };
}

/** A variant that differs from the post in anything. */
export const isCustomized = (d: VariantDraft) =>
  d.title != null ||
  d.digest != null ||
  d.text != null ||
  d.imageMediaIds.length > 0 ||
  d.videoMediaId != null ||
  d.coverMediaId != null ||
  d.topics.length > 0 ||
  d.tags.length > 0 ||
  Object.keys(d.options).length > 0;

/** The post body as plain text, the way the server's htmlToText gives it (close enough for a live counter). */
export function htmlText(html: string): string {
  return html
    .replace(/<(br|\/p|\/h[1-6]|\/li|\/blockquote|\/section|\/div)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export const factsOf = (files: readonly Media[]): Record<string, MediaFacts> =>
  Object.fromEntries(files.map((m) => [m.id, { size: m.size, contentType: m.contentType, width: m.width, height: m.height, durationMs: m.durationMs }]));

export function effective(post: Pick<PostDetail, 'title' | 'digest' | 'bodyHtml' | 'coverMediaId'>, d: VariantDraft): CheckedVariant {
  return effectiveVariant({ title: post.title, digest: post.digest, bodyText: htmlText(post.bodyHtml), coverMediaId: post.coverMediaId }, d);
}

/** The same check the server runs at submit, on what the form holds now. */
export function liveIssues(
  platform: string,
  post: Pick<PostDetail, 'title' | 'digest' | 'bodyHtml' | 'coverMediaId'>,
  d: VariantDraft,
  files: readonly Media[],
  safeDomain: string | null,
): VariantIssue[] {
  return checkVariant(platform, effective(post, d), factsOf(files), { safeDomain });
}

export function byField(issues: readonly VariantIssue[]): Partial<Record<VariantField, VariantIssue[]>> {
  const out: Partial<Record<VariantField, VariantIssue[]>> = {};
  for (const i of issues) out[i.field] = [...(out[i.field] ?? []), i];
  return out;
}

/** A field's help and status for antd's Form.Item: errors first, in the UI's language. */
export function fieldStatus(issues: readonly VariantIssue[] | undefined, lang: string): { status?: 'error' | 'warning'; help?: string } {
  if (!issues?.length) return {};
  const status = issues.some((i) => i.severity === 'error') ? 'error' : 'warning';
  const text = issues.map((i) => (lang.startsWith('zh') ? i.message.zh : i.message.en)).join('；');
  return { status, help: text };
}

/** The text counter the platform's way: "152 / 140", over when past the limit. */
export function counter(platform: string, field: 'title' | 'text', value: string): { count: number; max: number | null; over: boolean; label: string } {
  const r = rulesOf(platform)[field];
  const counting = field === 'text' ? (rulesOf(platform).text?.counting ?? 'chars') : 'chars';
  const count = countText(value.trim(), counting);
  const max = r?.max ?? null;
  return { count, max, over: max != null && count > max, label: max != null ? `${count} / ${max}` : `${count}` };
}

/** Topics are stored without '#': typing "#新品 #春季" gives two chips. */
export const splitTopics = (s: string) =>
  s
    .split(/[#\s,，]+/)
    .map((x) => x.trim())
    .filter(Boolean);
