// The sentiment classifier: logistic regression over hashed character 1–3-grams of the folded
// text (features.ts), trained by scripts/train-sentiment.ts on the shared shopping reviews and
// the training third of data/comments.csv. The weights are model/sentiment.bin (one signed byte
// per bucket, times `scale`); model/sentiment.json holds the bias, the scale, the neutral band,
// the training configuration and the hashes of the data it was trained on. Pure and synchronous:
// the model is read once, on first use.
import { readFileSync } from 'node:fs';
import { foldForReading } from '../risk/screener';
import { forEachFeature } from './features';
import type { TrainConfig } from './training';

export interface SentimentModel {
  bias: number;
  scale: number;
  /** score ≤ negativeAt is negative, score ≥ positiveAt positive, in between neutral. */
  neutralBand: { negativeAt: number; positiveAt: number };
  config: TrainConfig;
  data: { reviews: { sha256: string; rows: number }; comments: { sha256: string; rows: number } };
  weightsSha256: string;
}

export interface Sentiment {
  label: 'positive' | 'neutral' | 'negative';
  /** 2 × P(positive) − 1, in [−1, 1], rounded to 3 places: −1 surely negative, 1 surely positive. */
  score: number;
}

export const MODEL_JSON = new URL('./model/sentiment.json', import.meta.url);
export const MODEL_BIN = new URL('./model/sentiment.bin', import.meta.url);

let loaded: { model: SentimentModel; weights: Int8Array } | undefined;

export function sentimentModel() {
  if (loaded) return loaded;
  const model: SentimentModel = JSON.parse(readFileSync(MODEL_JSON, 'utf8'));
  const bin = readFileSync(MODEL_BIN);
  loaded = { model, weights: new Int8Array(bin.buffer, bin.byteOffset, bin.byteLength) };
  return loaded;
}

/** The model's score of a text already folded by foldForReading. */
export function scoreFolded(folded: string): number {
  const { model, weights } = sentimentModel();
  let sum = 0;
  let count = 0;
  forEachFeature(folded, (b) => {
    sum += weights[b];
    count++;
  });
  const z = model.bias + (sum * model.scale) / Math.sqrt(Math.max(1, count));
  return Math.round((2 / (1 + Math.exp(-z)) - 1) * 1000) / 1000;
}

export function labelOf(score: number, band = sentimentModel().model.neutralBand): Sentiment['label'] {
  if (score <= band.negativeAt) return 'negative';
  if (score >= band.positiveAt) return 'positive';
  return 'neutral';
}

/** A text without a letter, digit, ideograph or emoji (empty, only punctuation) says nothing. */
const READABLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** Sentiment of a text folded by foldForReading (index.ts folds once for every analysis). */
export function classifyFolded(folded: string): Sentiment {
  if (!READABLE.test(folded)) return { label: 'neutral', score: 0 };
  const score = scoreFolded(folded);
  return { label: labelOf(score), score };
}

/** Sentiment of a comment, review or message: positive, neutral or negative, with its score. */
export function classifySentiment(text: string): Sentiment {
  return classifyFolded(foldForReading(text));
}
