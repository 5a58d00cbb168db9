// The route table: every HTTP route of the product, once. The server registers each one from its
// entry (server/src/route.ts), contract/README.md's table is generated from it, and the tests
// derive the role matrix and the bad-input walk from it. To add a route, see contract/README.md.
import { accounts } from './accounts';
import { analytics } from './analytics';
import { content } from './content';
import { dashboard } from './dashboard';
import { feedback } from './feedback';
import { goals } from './goals';
import { health } from './health';
import { identity } from './identity';
import { inbox } from './inbox';
import { incidents } from './incidents';
import { links } from './links';
import { notify } from './notify';
import { originality } from './originality';
import { people } from './people';
import { publishing } from './publishing';
import { reports } from './reports';
import { requests } from './requests';
import { risk } from './risk';
import { security } from './security';
import { strategy } from './strategy';
import { sync } from './sync';
import { tasks } from './tasks';
import { team } from './team';
import type { RouteDef } from './route';

export * from './route';

export const R = {
  health,
  identity,
  security,
  accounts,
  content,
  publishing,
  analytics,
  sync,
  goals,
  strategy,
  dashboard,
  reports,
  links,
  inbox,
  feedback,
  incidents,
  notify,
  risk,
  originality,
  requests,
  people,
  tasks,
  team,
};

export type Module = keyof typeof R;

/** Every route with its module and name, in table order. */
export const ROUTES: { module: Module; name: string; def: RouteDef }[] = (Object.keys(R) as Module[]).flatMap((module) =>
  Object.entries(R[module] as Record<string, RouteDef>).map(([name, def]) => ({ module, name, def })),
);
