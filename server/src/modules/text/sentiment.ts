// The sentiment classifier: logistic regression over hashed character 1–3-grams of the folded
// text (features.ts), trained by scripts/train-sentiment.ts on the shared shopping reviews and
// the training third of data/comments.csv. The weights are model/sentiment.bin (one signed byte
// per bucket, times `scale`); model/sentiment.json holds the bias, the scale, the neutral
// decision, the training configuration and the hashes of the data it was trained on. Neutral is
// decided apart from the score's sign: a score close to 0 (a narrow band), or a plain question
// (asking, not complaining) whose score is not far from 0. Pure and synchronous: the model is
// read once, on first use.
import { readFileSync } from 'node:fs';
import { foldForReading } from '../risk/screener';
import { isComplaint, isQuestion } from './detect';
import { featureValue, forEachFeature, forEachWordFeature } from './features';
import { segment } from './segment';
import type { TrainConfig } from './training';

export interface SentimentModel {
  bias: number;
  scale: number;
  neutral: Neutral;
  config: TrainConfig;
  /** The review categories trained on: all of them (the evaluation leaves each out in turn). */
  categories: string[];
  data: { reviews: { sha256: string; rows: number }; comments: { sha256: string; rows: number } };
  weightsSha256: string;
}

/** When a text is neutral: |score| < band, or it is a plain question and |score| < questionBand. */
export interface Neutral {
  band: number;
  questionBand: number;
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

/** The model's score of a text already folded by foldForReading, with its jieba words. */
export function scoreFolded(folded: string, words = segment(folded)): number {
  const { model, weights } = sentimentModel();
  let sum = 0;
  let count = 0;
  const add = (b: number) => {
    sum += weights[b];
    count++;
  };
  forEachFeature(folded, add);
  forEachWordFeature(words, add);
  const z = model.bias + sum * model.scale * featureValue(count);
  return Math.round((2 / (1 + Math.exp(-z)) - 1) * 1000) / 1000;
}

/**
 * A plain question is short (the comment set's plain questions: median 9 characters, 90 % within
 * 15); a long review that contains a question (为什么…？) is a review, not a question.
 */
const QUESTION_MAX_LENGTH = 30;

/** A short question that asks without complaining (请问有黑色的吗？, not 为什么还不退款？). */
export const isPlainQuestion = (folded: string): boolean => folded.length <= QUESTION_MAX_LENGTH && isQuestion(folded) && !isComplaint(folded);

/** The label of a score; `plainQuestion` widens the neutral band to `questionBand`. */
export function labelOf(score: number, plainQuestion: boolean, neutral = sentimentModel().model.neutral): Sentiment['label'] {
  const band = plainQuestion ? Math.max(neutral.band, neutral.questionBand) : neutral.band;
  if (score === 0 || Math.abs(score) < band) return 'neutral';
  return score > 0 ? 'positive' : 'negative';
}

/** A text without a letter, digit, ideograph or emoji (empty, only punctuation) says nothing. */
const READABLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/**
 * Sentiment of a text folded by foldForReading (index.ts folds once for every analysis), with
 * its words when the caller has segmented it already.
 */
export function classifyFolded(folded: string, words?: string[]): Sentiment {
  if (!READABLE.test(folded)) return { label: 'neutral', score: 0 };
  const score = scoreFolded(folded, words);
  return { label: labelOf(score, isPlainQuestion(folded)), score };
}

/** Sentiment of a comment, review or message: positive, neutral or negative, with its score. */
export function classifySentiment(text: string): Sentiment {
  return classifyFolded(foldForReading(text));
}
