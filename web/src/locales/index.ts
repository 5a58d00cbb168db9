import { common } from './common';
import { content } from './content';
import { enums } from './enums';
import { ops } from './ops';

/** Each entry: key → [中文, English]. */
export type Dict = Record<string, [string, string]>;

export const dictionaries: Dict[] = [common, enums, content, ops];
