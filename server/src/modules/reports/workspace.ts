import type { Deps } from '../../context';
import type { Actor } from '../identity/audit';
import { getWorkspace } from '../identity/service';

/** The workspace's name and time zone, through identity's service (jobs have no session). */
export const workspaceOf = (deps: Deps, workspaceId: string) => getWorkspace(deps, { workspaceId } as Actor);
