// Pure helpers of the people pages (tested in model.test.ts).
import type { CandidateStage } from '../../types';

export const STAGES: CandidateStage[] = ['applied', 'trial', 'interview', 'offer', 'hired', 'rejected'];
const NEXT: Partial<Record<CandidateStage, CandidateStage>> = { applied: 'trial', trial: 'interview', interview: 'offer', offer: 'hired' };

/** The one step forward from a stage (as the server allows), or null at the end. */
export const nextStage = (s: CandidateStage): CandidateStage | null => NEXT[s] ?? null;

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text as article HTML: one paragraph per non-empty line, nothing in it read as markup. */
export function textToHtml(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeText(l)}</p>`)
    .join('');
}

/** The text of stored HTML, read without running or loading anything (DOMParser documents are inert). */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  return [...doc.body.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n') || (doc.body.textContent ?? '');
}

/** "question|option|option|right option number" lines as a quiz; the error names the line. */
export function parseQuiz(text: string): { questions: { question: string; options: string[]; answer: number }[] } | { error: number } {
  const questions = [];
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  for (const [i, line] of lines.entries()) {
    const parts = line.split('|').map((p) => p.trim());
    const answer = Number(parts.pop()) - 1;
    const [question, ...options] = parts;
    if (!question || options.length < 2 || !Number.isInteger(answer) || answer < 0 || answer >= options.length) return { error: i + 1 };
    questions.push({ question, options, answer });
  }
  return { questions };
}

/** A stored quiz back as the lines parseQuiz reads (the edit form starts from it). */
export function quizToText(quiz: { questions: { question: string; options: string[]; answer?: number }[] } | null): string {
  return (quiz?.questions ?? []).map((q) => [q.question, ...q.options, (q.answer ?? 0) + 1].join('|')).join('\n');
}

/** "criterion|score" lines as interview scores; null when a line is not a 1–5 score. */
export function parseScores(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const [name, raw] = line.split('|').map((p) => p.trim());
    const n = Number(raw);
    if (!name || !Number.isInteger(n) || n < 1 || n > 5) return null;
    out[name] = n;
  }
  return Object.keys(out).length ? out : null;
}
