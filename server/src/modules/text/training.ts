// Training data and the trainer of the sentiment model, used by recipe.ts (and so by
// scripts/train-sentiment.ts, scripts/eval-sentiment.ts and the model test). Not used at run
// time: the product loads only the weights the script wrote (model/).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { foldForReading } from '../risk/screener';
import { BUCKET_BITS, featureValue, forEachFeature, forEachWordFeature } from './features';
import { segment } from './segment';

export type Label = 'positive' | 'neutral' | 'negative';
export interface Example {
  label: Label;
  text: string;
}
export interface Review extends Example {
  category: string;
}
export interface Comment extends Example {
  id: number;
  question: boolean;
  complaint: boolean;
  kind: string;
}

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
export const COMMENTS_FILE = path.join(repoRoot, 'server/src/modules/text/data/comments.csv');
const REVIEWS_PATH = 'shared/data/sentiment/shopping-reviews.csv';

/** The shared reviews file: ../shared beside the repository (its parents are searched too), or null. */
export function findReviewsFile(): string | null {
  for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
    const file = path.join(dir, REVIEWS_PATH);
    if (existsSync(file)) return file;
    if (dir === path.dirname(dir)) return null;
  }
}

/** The shared reviews file, which training and evaluation need. */
export function reviewsFile(): string {
  const file = findReviewsFile();
  if (!file) throw new Error(`${REVIEWS_PATH} not found beside ${repoRoot} or its parents`);
  return file;
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export function loadReviews(file = reviewsFile()): Review[] {
  const rows: { label: string; category: string; text: string }[] = parse(readFileSync(file), { columns: true });
  return rows.map((r) => ({ label: r.label as Label, category: r.category, text: r.text }));
}

export function loadComments(file = COMMENTS_FILE): Comment[] {
  const rows: Record<string, string>[] = parse(readFileSync(file), { columns: true, comment: '#' });
  return rows.map((r) => ({
    id: Number(r.id),
    label: r.label as Label,
    question: r.question === '1',
    complaint: r.complaint === '1',
    kind: r.kind,
    text: r.text,
  }));
}

/** Comments are split by id: a third trains, a third calibrates the neutral band, a third tests. */
export const commentPart = (c: Comment): 'train' | 'calibrate' | 'test' => (['test', 'train', 'calibrate'] as const)[c.id % 3];

export interface TrainConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  commentWeight: number;
  seed: number;
}

/** A seeded generator (mulberry32), so a training run is reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The buckets of a text's features and the value each occurrence has (featureValue of their count). */
export function featurize(text: string): { buckets: Int32Array; value: number } {
  const out: number[] = [];
  const folded = foldForReading(text);
  forEachFeature(folded, (b) => out.push(b));
  forEachWordFeature(segment(folded), (b) => out.push(b));
  return { buckets: Int32Array.from(out), value: featureValue(out.length) };
}

const TARGET: Record<Label, number> = { positive: 1, neutral: 0.5, negative: 0 };

/** A featurized training example: its buckets, their value, its target (1, 0.5, 0) and its weight. */
export interface TrainingRow {
  buckets: Int32Array;
  value: number;
  y: number;
  weight: number;
}

export const trainingRow = (example: Example, weight: number): TrainingRow => ({ ...featurize(example.text), y: TARGET[example.label], weight });

/**
 * Logistic regression by AdaGrad over the hashed features. A neutral comment is a target of 0.5
 * (soft label): it pulls the words of plain statements and questions toward no weight.
 */
export function train(data: TrainingRow[], config: TrainConfig): { bias: number; weights: Float64Array } {
  const weights = new Float64Array(1 << BUCKET_BITS);
  const squares = new Float64Array(1 << BUCKET_BITS).fill(1e-8);
  let bias = 0;
  let biasSquares = 1e-8;
  const next = random(config.seed);
  const order = data.map((_, i) => i);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const k of order) {
      const { buckets, value, y, weight } = data[k];
      let z = bias;
      for (const b of buckets) z += weights[b] * value;
      const g = (1 / (1 + Math.exp(-z)) - y) * weight;
      for (const b of buckets) {
        const grad = g * value + config.l2 * weights[b];
        squares[b] += grad * grad;
        weights[b] -= (config.learningRate * grad) / Math.sqrt(squares[b]);
      }
      biasSquares += g * g;
      bias -= (config.learningRate * g) / Math.sqrt(biasSquares);
    }
  }
  return { bias, weights };
}

/** Weights as one signed byte per bucket: `scale` maps ±127 to the largest weight. */
export function quantize(weights: Float64Array): { bytes: Int8Array; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max / 127;
  const bytes = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) bytes[i] = Math.round(weights[i] / scale);
  return { bytes, scale };
}

/** The score (2·P(positive) − 1, 3 places) of a featurized text under quantized weights, as sentiment.ts computes it. */
export function quantizedScore(model: { bytes: Int8Array; scale: number; bias: number }, { buckets, value }: { buckets: Int32Array; value: number }): number {
  let sum = 0;
  for (const b of buckets) sum += model.bytes[b];
  const z = model.bias + sum * model.scale * value;
  return Math.round((2 / (1 + Math.exp(-z)) - 1) * 1000) / 1000;
}
