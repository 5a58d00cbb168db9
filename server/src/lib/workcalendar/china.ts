// China's official public holidays and make-up working days (调休), as the State Council's
// General Office publishes them each autumn for the next year. Each day below was read from the
// notice named above its year (text as printed by Xinhua / the People's Daily / 中国政府网);
// nothing is derived from the lunar calendar. Years without a notice here (2023 and before,
// 2027 and after) are treated as ordinary weeks: add the next year when its notice is out.

type Year = { off: [string, string][]; work: string[] };

const YEARS: Record<number, Year> = {
  // 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）.
  // 除夕 (2月9日) is only "encouraged" as a day off, so it stays a working day here.
  2024: {
    off: [
      ['2024-01-01', '2024-01-01'], // 元旦, joined to the weekend
      ['2024-02-10', '2024-02-17'], // 春节
      ['2024-04-04', '2024-04-06'], // 清明节
      ['2024-05-01', '2024-05-05'], // 劳动节
      ['2024-06-10', '2024-06-10'], // 端午节, joined to the weekend
      ['2024-09-15', '2024-09-17'], // 中秋节
      ['2024-10-01', '2024-10-07'], // 国庆节
    ],
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  // 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）.
  2025: {
    off: [
      ['2025-01-01', '2025-01-01'], // 元旦, no make-up day
      ['2025-01-28', '2025-02-04'], // 春节 (除夕 to 正月初七)
      ['2025-04-04', '2025-04-06'], // 清明节
      ['2025-05-01', '2025-05-05'], // 劳动节
      ['2025-05-31', '2025-06-02'], // 端午节
      ['2025-10-01', '2025-10-08'], // 国庆节、中秋节
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  // 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日; its document number was not in
  // the copies read).
  2026: {
    off: [
      ['2026-01-01', '2026-01-03'], // 元旦
      ['2026-02-15', '2026-02-23'], // 春节 (腊月二十八 to 正月初七)
      ['2026-04-04', '2026-04-06'], // 清明节
      ['2026-05-01', '2026-05-05'], // 劳动节
      ['2026-06-19', '2026-06-21'], // 端午节
      ['2026-09-25', '2026-09-27'], // 中秋节
      ['2026-10-01', '2026-10-07'], // 国庆节
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

const DAY_MS = 86_400_000;
const daysOf = ([from, to]: [string, string]) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** Every official day off (weekend days inside a holiday included). */
export const CHINA_HOLIDAYS: ReadonlySet<string> = new Set(Object.values(YEARS).flatMap((y) => y.off.flatMap(daysOf)));
/** Every make-up working day (调休: a Saturday or Sunday worked). */
export const CHINA_MAKEUP_DAYS: ReadonlySet<string> = new Set(Object.values(YEARS).flatMap((y) => y.work));
/** The years whose notice is in this file. */
export const CHINA_YEARS = Object.keys(YEARS).map(Number);
