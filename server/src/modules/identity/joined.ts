// What other modules do when someone joins a workspace by accepting an invitation (the people
// module starts their onboarding checklist). Identity calls the listeners inside the accepting
// transaction and knows nothing of what they do; a failing listener rolls the join back.
import type { Executor } from '../../db/pool';

export interface Joined {
  workspaceId: string;
  userId: string;
  invitationId: string;
}
type Listener = (tx: Executor, j: Joined) => Promise<void>;

const listeners = new Set<Listener>();

/** Registers a listener once (a module registers at load; registering the same function again is a no-op). */
export function onMemberJoined(fn: Listener) {
  listeners.add(fn);
}

export async function memberJoined(tx: Executor, j: Joined) {
  for (const fn of listeners) await fn(tx, j);
}
