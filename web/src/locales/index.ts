import { analytics } from './analytics';
import { common } from './common';
import { content } from './content';
import { dashboard } from './dashboard';
import { editor } from './editor';
import { feedback } from './feedback';
import { enums } from './enums';
import { goals } from './goals';
import { inbox } from './inbox';
import { inboxRules } from './inbox-rules';
import { inboxService } from './inbox-service';
import { incidents } from './incidents';
import { links } from './links';
import { manual } from './manual';
import { notify } from './notify';
import { ops } from './ops';
import { originality } from './originality';
import { people } from './people';
import { platform } from './platform';
import { reports } from './reports';
import { requests } from './requests';
import { risk } from './risk';
import { security } from './security';
import { strategy } from './strategy';
import { tasks } from './tasks';
import { team } from './team';
import { variants } from './variants';

/** Each entry: key → [中文, English]. */
export type Dict = Record<string, [string, string]>;

export const dictionaries: Dict[] = [
  common,
  people,
  team,
  enums,
  content,
  editor,
  ops,
  risk,
  notify,
  inbox,
  inboxService,
  inboxRules,
  feedback,
  originality,
  incidents,
  security,
  platform,
  variants,
  analytics,
  dashboard,
  manual,
  goals,
  strategy,
  reports,
  links,
  requests,
  tasks,
];
