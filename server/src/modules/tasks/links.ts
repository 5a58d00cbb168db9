// A task's links to other things, each checked through its owner's service: the thing must
// exist in this workspace.
import type { Deps } from '../../context';
import { AppError } from '../../lib/errors';
import { loadPost } from '../content/posts';
import { topicExists } from '../content/topics';
import { getFeedback } from '../feedback/service';
import type { Actor } from '../identity/audit';
import { getIncident } from '../incidents/service';
import { requestExists } from '../requests/service';
import type { LinkRef } from './tables';

const KIND = {
  post: { zh: '稿件', en: 'post' },
  topic: { zh: '选题', en: 'topic' },
  feedback: { zh: '反馈', en: 'feedback item' },
  incident: { zh: '事件', en: 'incident' },
  request: { zh: '需求', en: 'request' },
} as const;

async function exists(deps: Deps, actor: Actor, l: LinkRef): Promise<boolean> {
  const missing = (e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return false;
    throw e;
  };
  switch (l.kind) {
    case 'post':
      return loadPost(deps.db, actor, l.id).then(() => true, missing);
    case 'topic':
      return topicExists(deps.db, actor.workspaceId, l.id);
    case 'feedback':
      return getFeedback(deps, actor, l.id).then(() => true, missing);
    case 'incident':
      return getIncident(deps, actor, l.id).then(() => true, missing);
    case 'request':
      return requestExists(deps.db, actor.workspaceId, l.id);
  }
}

/** The links without duplicates; 400 naming the first that does not exist here. */
export async function checkLinks(deps: Deps, actor: Actor, links: LinkRef[]): Promise<LinkRef[]> {
  const seen = new Set<string>();
  const out: LinkRef[] = [];
  for (const l of links) {
    const key = `${l.kind}:${l.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!(await exists(deps, actor, l)))
      throw new AppError('validation_failed', { zh: `关联的${KIND[l.kind].zh}不存在`, en: `The linked ${KIND[l.kind].en} does not exist` }, [
        { path: 'links', message: key },
      ]);
    out.push(l);
  }
  return out;
}
