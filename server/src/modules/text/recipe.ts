// The training recipe of the sentiment model: which data a model learns from and how its neutral
// decision is chosen. The shipped model is this recipe run on every review category; the
// evaluation runs it once per category with that category left out, so each review is read by a
// model that never saw its domain (scripts/eval-sentiment.ts). Not used at run time.
import { foldForReading } from '../risk/screener';
import { isPlainQuestion, labelOf, type Neutral } from './sentiment';
import {
  type Comment,
  commentPart,
  type Label,
  quantize,
  quantizedScore,
  type Review,
  type TrainConfig,
  type TrainingRow,
  train,
  trainingRow,
} from './training';

/** The trainer's settings: AdaGrad, 6 epochs, a training comment weighs as 10 reviews, seeded shuffling. */
export const CONFIG: TrainConfig = {
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-6,
  commentWeight: 10,
  seed: 20240601,
};

/** A review or comment read once: its training row, label, category and whether it is a plain question. */
export interface Prepared extends TrainingRow {
  label: Label;
  category: string;
  question: boolean;
}

export interface Data {
  reviews: Prepared[];
  /** The comments whose id % 3 == 1, trained on with `commentWeight`. */
  trainComments: TrainingRow[];
  /** The comments whose id % 3 == 2: the neutral decision's three-class set. */
  calibration: Prepared[];
}

const prepared = (example: Review | Comment, category: string, weight: number): Prepared => ({
  ...trainingRow(example, weight),
  label: example.label,
  category,
  question: isPlainQuestion(foldForReading(example.text)),
});

/** Featurizes the data once, so the many models of an evaluation do not read each text again. */
export function prepare(reviews: Review[], comments: Comment[], config: TrainConfig): Data {
  return {
    reviews: reviews.map((r) => prepared(r, r.category, 1)),
    trainComments: comments.filter((c) => commentPart(c) === 'train').map((c) => trainingRow(c, config.commentWeight)),
    calibration: comments.filter((c) => commentPart(c) === 'calibrate').map((c) => prepared(c, 'comment', 1)),
  };
}

export interface TrainedModel {
  bytes: Int8Array;
  scale: number;
  bias: number;
  neutral: Neutral;
  /** The two accuracies the neutral decision maximised the mean of. */
  calibration: { comments: number; reviews: number };
}

function trainOn(rows: TrainingRow[], data: Data, config: TrainConfig) {
  const { bias, weights } = train([...rows, ...data.trainComments], config);
  return { ...quantize(weights), bias: Math.round(bias * 1e6) / 1e6 };
}

/** The label a model gives a prepared text under a neutral decision. */
export const labelWith = (model: TrainedModel, x: Prepared): Label => labelOf(quantizedScore(model, x), x.question, model.neutral);

/**
 * Trains on the reviews of `categories` and the training comments. The neutral decision (the band
 * and the plain-question band, steps of 0.05) maximises the mean of two accuracies: the calibration
 * comments (three classes), and the training reviews each scored by a model trained without their
 * pair of categories (two classes: a review called neutral is wrong). So it is chosen on domains
 * the scoring model has not seen, and never on a review of a category outside `categories`.
 */
export function trainRecipe(data: Data, categories: string[], config: TrainConfig): TrainedModel {
  const reviews = data.reviews.filter((r) => categories.includes(r.category));
  const sorted = [...categories].sort();
  const unseen: { label: Label; score: number; question: boolean }[] = [];
  for (let i = 0; i < sorted.length; i += 2) {
    const fold = sorted.slice(i, i + 2);
    const model = trainOn(
      reviews.filter((r) => !fold.includes(r.category)),
      data,
      config,
    );
    for (const r of reviews.filter((r) => fold.includes(r.category))) unseen.push({ label: r.label, score: quantizedScore(model, r), question: r.question });
  }
  const final = trainOn(reviews, data, config);
  const calibration = data.calibration.map((c) => ({ label: c.label, score: quantizedScore(final, c), question: c.question }));
  const accuracy = (set: typeof unseen, neutral: Neutral) => set.filter((x) => labelOf(x.score, x.question, neutral) === x.label).length / set.length;
  let best = { neutral: { band: 0, questionBand: 0 }, objective: -1, comments: 0, reviews: 0 };
  for (let b = 0; b <= 18; b++)
    for (let q = b; q <= 19; q++) {
      const neutral = { band: b / 20, questionBand: q / 20 };
      const c = accuracy(calibration, neutral);
      const r = accuracy(unseen, neutral);
      if ((c + r) / 2 > best.objective) best = { neutral, objective: (c + r) / 2, comments: c, reviews: r };
    }
  return { ...final, neutral: best.neutral, calibration: { comments: best.comments, reviews: best.reviews } };
}
