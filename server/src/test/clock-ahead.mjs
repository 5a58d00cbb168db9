// Preloaded into a worker process by a test (`node --import …/clock-ahead.mjs`): its wall clock runs
// MEIYUN_CLOCK_AHEAD_MS ahead of the machine's, as a worker with a badly set clock would. Timers and
// the database are unaffected.
const ahead = Number(process.env.MEIYUN_CLOCK_AHEAD_MS ?? 0);
const RealDate = Date;
class AheadDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + ahead);
    else super(...args);
  }
  static now() {
    return RealDate.now() + ahead;
  }
}
globalThis.Date = AheadDate;
