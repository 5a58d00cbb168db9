// The text module: one reading of Chinese text for the inbox, the risk monitor and the trend
// board. `analyse` folds the text once with the risk screener's folding for reading
// (traditional → simplified, width, case, evasive spacing such as 垃 * 圾) and derives
// everything from that folded text.
import { foldForReading } from '../risk/screener';
import { isComplaint, isQuestion } from './detect';
import { type Keyword, keywords } from './keywords';
import { classifyFolded, type Sentiment } from './sentiment';
import { segment } from './segment';

export { isComplaint, isQuestion } from './detect';
export { type Keyword, keywords } from './keywords';
export { classifySentiment, type Sentiment } from './sentiment';
export { segment } from './segment';

export interface Analysis {
  /** The folded text everything below was read from. */
  folded: string;
  tokens: string[];
  keywords: Keyword[];
  sentiment: Sentiment;
  isQuestion: boolean;
  isComplaint: boolean;
}

export function analyse(text: string): Analysis {
  const folded = foldForReading(text);
  const tokens = segment(folded);
  return {
    folded,
    tokens,
    keywords: keywords(folded, 5, tokens),
    sentiment: classifyFolded(folded, tokens),
    isQuestion: isQuestion(folded),
    isComplaint: isComplaint(folded),
  };
}

/** What an arriving comment or message is tagged with, without keywords (the ingestion path). */
export function classify(text: string): Pick<Analysis, 'sentiment' | 'isQuestion' | 'isComplaint'> {
  const folded = foldForReading(text);
  return { sentiment: classifyFolded(folded), isQuestion: isQuestion(folded), isComplaint: isComplaint(folded) };
}
