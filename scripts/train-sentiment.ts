// Trains the sentiment model (server/src/modules/text/model/) from the shared shopping reviews
// and the training third of the comment set; deterministic (seeded shuffling, a fixed order of
// float operations), so the same files give the same model. See the text module's README.
//   npm run train:sentiment
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { labelOf, MODEL_BIN, MODEL_JSON, type SentimentModel } from '../server/src/modules/text/sentiment';
import {
  COMMENTS_FILE,
  commentPart,
  featurize,
  loadComments,
  loadReviews,
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
  commentWeight: 30,
  seed: 20240601,
};

const started = Date.now();
const reviews = loadReviews();
const comments = loadComments();
const trainSet = [
  ...reviews.filter((r) => !CONFIG.heldOutCategories.includes(r.category)).map((example) => ({ example, weight: 1 })),
  ...comments.filter((c) => commentPart(c) === 'train').map((example) => ({ example, weight: CONFIG.commentWeight })),
];
const { bias, weights } = train(trainSet, CONFIG);

// One signed byte per bucket: the scale maps ±127 to the largest weight.
let max = 0;
for (const w of weights) max = Math.max(max, Math.abs(w));
const scale = max / 127;
const bytes = new Int8Array(weights.length);
for (let i = 0; i < weights.length; i++) bytes[i] = Math.round(weights[i] / scale);

/** Raw score of the quantized model, before the neutral band is known. */
function score(text: string): number {
  const { buckets, value } = featurize(text);
  let sum = 0;
  for (const b of buckets) sum += bytes[b];
  const z = bias + sum * scale * value;
  return Math.round((2 / (1 + Math.exp(-z)) - 1) * 1000) / 1000;
}

// The neutral band: the symmetric band around 0 that labels the calibration third of the
// comments best (3-class accuracy), searched in steps of 0.05.
const calibration = comments.filter((c) => commentPart(c) === 'calibrate').map((c) => ({ label: c.label, score: score(c.text) }));
let best = { width: 0, correct: -1 };
for (let width = 0; width <= 0.9001; width += 0.05) {
  const band = { negativeAt: -width, positiveAt: width };
  const correct = calibration.filter((c) => labelOf(c.score, band) === c.label).length;
  if (correct > best.correct) best = { width: Math.round(width * 100) / 100, correct };
}

const model: SentimentModel = {
  bias: Math.round(bias * 1e6) / 1e6,
  scale,
  neutralBand: { negativeAt: -best.width, positiveAt: best.width },
  config: CONFIG,
  data: {
    reviews: { sha256: sha256(reviewsFile()), rows: reviews.length },
    comments: { sha256: sha256(COMMENTS_FILE), rows: comments.length },
  },
  weightsSha256: createHash('sha256').update(bytes).digest('hex'),
};
writeFileSync(MODEL_BIN, bytes);
writeFileSync(MODEL_JSON, `${JSON.stringify(model, null, 2)}\n`);
console.log(
  `trained on ${trainSet.length} texts in ${((Date.now() - started) / 1000).toFixed(1)} s; neutral band ±${best.width} ` +
    `(${best.correct}/${calibration.length} calibration comments right); wrote ${fileURLToPath(MODEL_BIN)}`,
);
