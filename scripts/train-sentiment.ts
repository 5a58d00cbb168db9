// Trains the sentiment model (server/src/modules/text/model/) from the shared shopping reviews
// and the training third of the comment set; deterministic (seeded shuffling, a fixed order of
// float operations), so the same files give the same model. See the text module's README.
//   npm run train:sentiment
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { foldForReading } from '../server/src/modules/risk/screener';
import { isPlainQuestion, labelOf, MODEL_BIN, MODEL_JSON, type Neutral, type SentimentModel } from '../server/src/modules/text/sentiment';
import {
  COMMENTS_FILE,
  commentPart,
  type Label,
  loadComments,
  loadReviews,
  quantize,
  quantizedScore,
  type Review,
  reviewsFile,
  sha256,
  type TrainConfig,
  train,
} from '../server/src/modules/text/training';

/** Held out: phones, dairy and books, three domains unlike the rest (tablets, fruit, shampoo, water heaters, clothes, computers). */
export const CONFIG: TrainConfig = {
  heldOutCategories: ['手机', '蒙牛', '书籍'],
  epochs: 6,
  learningRate: 0.2,
  l2: 1e-6,
  commentWeight: 10,
  seed: 20240601,
};

const started = Date.now();
const reviews = loadReviews();
const comments = loadComments();
const trainComments = comments.filter((c) => commentPart(c) === 'train');
const trainReviews = reviews.filter((r) => !CONFIG.heldOutCategories.includes(r.category));

function trainOn(of: Review[]) {
  const examples = [...of.map((example) => ({ example, weight: 1 })), ...trainComments.map((example) => ({ example, weight: CONFIG.commentWeight }))];
  const { bias, weights } = train(examples, CONFIG);
  return { ...quantize(weights), bias: Math.round(bias * 1e6) / 1e6 };
}

// Out-of-domain scores of the training reviews: each pair of training categories is scored by a
// model trained without it, so the neutral decision is calibrated on domains the model has not
// seen (as the held-out categories are), never on the held-out categories themselves.
const categories = [...new Set(trainReviews.map((r) => r.category))].sort();
const unseen: { label: Label; score: number; question: boolean }[] = [];
for (let i = 0; i < categories.length; i += 2) {
  const fold = categories.slice(i, i + 2);
  const model = trainOn(trainReviews.filter((r) => !fold.includes(r.category)));
  for (const r of trainReviews.filter((r) => fold.includes(r.category)))
    unseen.push({ label: r.label, score: quantizedScore(model, r.text), question: isPlainQuestion(foldForReading(r.text)) });
}

const final = trainOn(trainReviews);
const calibration = comments
  .filter((c) => commentPart(c) === 'calibrate')
  .map((c) => ({ label: c.label, score: quantizedScore(final, c.text), question: isPlainQuestion(foldForReading(c.text)) }));

// The neutral decision: the band and the plain-question band (steps of 0.05) that maximise the
// mean of two accuracies, the calibration third of the comments (3 classes) and the unseen-domain
// training reviews (2 classes: a review called neutral is wrong).
const accuracy = (set: typeof unseen, neutral: Neutral) => set.filter((x) => labelOf(x.score, x.question, neutral) === x.label).length / set.length;
let best = { neutral: { band: 0, questionBand: 0 }, objective: -1, comments: 0, reviews: 0 };
for (let b = 0; b <= 18; b++)
  for (let q = b; q <= 19; q++) {
    const neutral = { band: b / 20, questionBand: q / 20 };
    const c = accuracy(calibration, neutral);
    const r = accuracy(unseen, neutral);
    if ((c + r) / 2 > best.objective) best = { neutral, objective: (c + r) / 2, comments: c, reviews: r };
  }

const model: SentimentModel = {
  bias: final.bias,
  scale: final.scale,
  neutral: best.neutral,
  config: CONFIG,
  data: {
    reviews: { sha256: sha256(reviewsFile()), rows: reviews.length },
    comments: { sha256: sha256(COMMENTS_FILE), rows: comments.length },
  },
  weightsSha256: createHash('sha256').update(final.bytes).digest('hex'),
};
writeFileSync(MODEL_BIN, final.bytes);
writeFileSync(MODEL_JSON, `${JSON.stringify(model, null, 2)}\n`);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `trained on ${trainReviews.length + trainComments.length} texts in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `neutral below ±${best.neutral.band}, plain questions below ±${best.neutral.questionBand} ` +
    `(calibration comments ${pct(best.comments)}, training reviews scored by a model without their category ${pct(best.reviews)}); ` +
    `wrote ${fileURLToPath(MODEL_BIN)}`,
);
