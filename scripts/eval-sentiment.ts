// Measures the shipped sentiment model (server/src/modules/text/model/) against the targets of
// issue 9: accuracy ≥ 88 % and negative recall ≥ 85 % on reviews of the categories held out from
// training, ≥ 20,000 comments/s on one core. Also prints the test third of the comment set.
// Exits 1 when a target is missed.
//   npm run eval:sentiment
import { classifySentiment, sentimentModel } from '../server/src/modules/text/sentiment';
import { commentPart, type Example, type Label, loadComments, loadReviews } from '../server/src/modules/text/training';

const TARGETS = { accuracy: 0.88, negativeRecall: 0.85, perSecond: 20_000 };
const LABELS: Label[] = ['positive', 'neutral', 'negative'];
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function report(title: string, examples: Example[]) {
  const predicted = examples.map((e) => classifySentiment(e.text).label);
  const correct = predicted.filter((p, i) => p === examples[i].label).length;
  console.log(`\n${title}: ${examples.length} texts, accuracy ${pct(correct / examples.length)}`);
  const recall: Partial<Record<Label, number>> = {};
  for (const label of LABELS) {
    const gold = examples.filter((e) => e.label === label).length;
    const said = predicted.filter((p) => p === label).length;
    const hit = predicted.filter((p, i) => p === label && examples[i].label === label).length;
    if (!gold && !said) continue;
    recall[label] = gold ? hit / gold : 0;
    console.log(
      `  ${label.padEnd(8)} precision ${said ? pct(hit / said) : '—'}  recall ${gold ? pct(hit / gold) : '—'}  (${gold} labelled, ${said} predicted)`,
    );
  }
  return { accuracy: correct / examples.length, negativeRecall: recall.negative ?? 0 };
}

const { model } = sentimentModel();
const held = model.config.heldOutCategories;
console.log(
  `model: neutral when |score| < ${model.neutral.band}, a plain question when |score| < ${model.neutral.questionBand}; held-out categories ${held.join(', ')}`,
);
const reviews = loadReviews().filter((r) => held.includes(r.category));
const heldOut = report(`(a) held-out reviews (${held.join(', ')}; a review scored neutral counts as wrong)`, reviews);
for (const category of held)
  report(
    `    ${category}`,
    reviews.filter((r) => r.category === category),
  );

const comments = loadComments();
const testComments = comments.filter((c) => commentPart(c) === 'test');
report('(b) social-media comments, test third (not trained on, not calibrated on)', testComments);
for (const kind of [...new Set(testComments.map((c) => c.kind))]) {
  const of = testComments.filter((c) => c.kind === kind);
  const right = of.filter((c) => classifySentiment(c.text).label === c.label).length;
  console.log(`    ${kind.padEnd(12)} ${right}/${of.length}`);
}

// Throughput: one thread, the whole comment set over and over, at least 100,000 calls.
const texts = comments.map((c) => c.text);
const calls = Math.ceil(200_000 / texts.length) * texts.length;
let sink = 0;
for (const t of texts) sink += classifySentiment(t).score; // warm-up
const start = process.hrtime.bigint();
for (let i = 0; i < calls; i++) sink += classifySentiment(texts[i % texts.length]).score;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const perSecond = calls / seconds;
console.log(`\n(c) throughput: ${calls} calls in ${seconds.toFixed(2)} s on one thread = ${Math.round(perSecond)} comments/s${sink === 0.5 ? '' : ''}`);

const missed = [
  heldOut.accuracy < TARGETS.accuracy && `held-out accuracy ${pct(heldOut.accuracy)} < ${pct(TARGETS.accuracy)}`,
  heldOut.negativeRecall < TARGETS.negativeRecall && `held-out negative recall ${pct(heldOut.negativeRecall)} < ${pct(TARGETS.negativeRecall)}`,
  perSecond < TARGETS.perSecond && `throughput ${Math.round(perSecond)}/s < ${TARGETS.perSecond}/s`,
].filter(Boolean);
console.log(missed.length ? `\nTARGETS MISSED: ${missed.join('; ')}` : '\nall targets met');
process.exitCode = missed.length ? 1 : 0;
