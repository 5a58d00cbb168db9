// Trains the sentiment model (server/src/modules/text/model/) from every category of the shared
// shopping reviews and the training third of the comment set (the recipe: text/recipe.ts);
// deterministic (seeded shuffling, a fixed order of float operations), so the same files give the
// same model. How well the recipe does on domains it was not trained on is measured by
// `npm run eval:sentiment`. See the text module's README.
//   npm run train:sentiment
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONFIG, prepare, trainRecipe } from '../server/src/modules/text/recipe';
import { MODEL_BIN, MODEL_JSON, type SentimentModel } from '../server/src/modules/text/sentiment';
import { COMMENTS_FILE, loadComments, loadReviews, reviewsFile, sha256 } from '../server/src/modules/text/training';

const started = Date.now();
const reviews = loadReviews();
const comments = loadComments();
const categories = [...new Set(reviews.map((r) => r.category))].sort();
const trained = trainRecipe(prepare(reviews, comments, CONFIG), categories, CONFIG);

const model: SentimentModel = {
  bias: trained.bias,
  scale: trained.scale,
  neutral: trained.neutral,
  config: CONFIG,
  categories,
  data: {
    reviews: { sha256: sha256(reviewsFile()), rows: reviews.length },
    comments: { sha256: sha256(COMMENTS_FILE), rows: comments.length },
  },
  weightsSha256: createHash('sha256').update(trained.bytes).digest('hex'),
};
writeFileSync(MODEL_BIN, trained.bytes);
writeFileSync(MODEL_JSON, `${JSON.stringify(model, null, 2)}\n`);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  `trained on ${reviews.length} reviews (${categories.join(', ')}) and the training comments in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `neutral below ±${trained.neutral.band}, plain questions below ±${trained.neutral.questionBand} ` +
    `(calibration comments ${pct(trained.calibration.comments)}, training reviews scored by a model without their category ${pct(trained.calibration.reviews)}); ` +
    `wrote ${fileURLToPath(MODEL_BIN)}`,
);
