import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/pool';
import type { Joined } from '../identity/joined';
import { candidates } from './tables';

/** When a hired candidate accepts their invitation, the candidate row records the member they became. */
export async function linkHiredMember(tx: Executor, j: Joined) {
  await tx.update(candidates).set({ memberId: j.userId }).where(eq(candidates.invitationId, j.invitationId));
}
