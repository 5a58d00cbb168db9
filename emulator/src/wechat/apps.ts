// Registering accounts through POST /__control/wechat/apps. Re-posting an appid updates it:
// `answers` is merged key by key; followers, tags, pushes and the server configuration stay as
// they were unless the body names them.
import { createHash } from 'node:crypto';
import { BadInput, type Body, int, oneOf, str } from './control-input';
import { type AnswerShapes, type App, DEFAULT_ANSWERS, type Tag, type WechatState } from './state';

const ANSWER_CHOICES: { [K in keyof AnswerShapes]: readonly AnswerShapes[K][] } = {
  submit: ['live', 'doc'],
  batchget: ['live', 'doc'],
  getId: ['number', 'string'],
};

function parseAnswers(raw: unknown, prev: AnswerShapes): AnswerShapes {
  if (raw === undefined) return prev;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new BadInput('answers must be an object');
  const out: AnswerShapes = { ...prev };
  for (const [key, value] of Object.entries(raw as Body)) {
    const allowed = ANSWER_CHOICES[key as keyof AnswerShapes] as readonly string[] | undefined;
    if (!allowed) throw new BadInput(`answers.${key} is not a setting; known: ${Object.keys(ANSWER_CHOICES).join(', ')}`);
    if (typeof value !== 'string' || !allowed.includes(value)) throw new BadInput(`answers.${key} must be one of ${allowed.join(', ')}`);
    (out as unknown as Record<string, string>)[key] = value;
  }
  return out;
}

/** A real account always has the system tag 2 (星标组); the tag-management doc's example shows it. */
const DEFAULT_TAGS: Tag[] = [{ id: 2, name: '星标组', count: 0 }];

function parseTags(raw: unknown): Tag[] {
  if (!Array.isArray(raw)) throw new BadInput('tags must be an array of {id, name, count}');
  const seen = new Set<number>();
  return raw.map((t, i) => {
    if (t === null || typeof t !== 'object') throw new BadInput(`tags[${i}] must be {id, name, count}`);
    const tag = t as Body;
    const id = int(tag, 'id', 0);
    if (seen.has(id)) throw new BadInput(`tags[${i}].id ${id} appears twice`);
    seen.add(id);
    return { id, name: str(tag, 'name', true) as string, count: int(tag, 'count', 0, 0) };
  });
}

function hash(appid: string, salt: string): string {
  return createHash('sha1').update(`${salt}:${appid}`).digest('hex');
}

/** openid-shaped id (28 characters starting with "o") derived from the appid and a salt. */
export function derivedOpenid(appid: string, salt: string): string {
  return `o${Buffer.from(hash(appid, salt), 'hex').toString('base64url').slice(0, 27)}`;
}

export function registerApp(s: WechatState, b: Body): App {
  const appid = str(b, 'appid', true) as string;
  const secret = str(b, 'secret', true) as string;
  const type = oneOf(b, 'type', ['subscription', 'service'] as const);
  const entity = oneOf(b, 'entity', ['company', 'personal'] as const);
  if (typeof b.verified !== 'boolean') throw new BadInput('verified must be a boolean');
  const name = b.name === undefined ? appid : (str(b, 'name', true) as string);
  const wl = b.ipWhitelist ?? [];
  if (!Array.isArray(wl) || wl.some((ip) => typeof ip !== 'string' || ip === '')) {
    throw new BadInput('ipWhitelist must be an array of IP strings');
  }
  if (b.publishIdAsNumber !== undefined) throw new BadInput('publishIdAsNumber is gone: use answers {submit, getId}');
  const existing = s.apps.get(appid);
  const ghid = b.ghid === undefined ? (existing?.ghid ?? `gh_${hash(appid, 'ghid').slice(0, 12)}`) : (str(b, 'ghid', true) as string);
  if (!/^gh_[0-9a-zA-Z]+$/.test(ghid)) throw new BadInput('ghid must look like gh_ followed by letters or digits');
  const app: App = {
    appid,
    secret,
    type,
    entity,
    verified: b.verified,
    name,
    ipWhitelist: wl as string[],
    answers: parseAnswers(b.answers, existing?.answers ?? DEFAULT_ANSWERS),
    pushes: b.pushes === undefined ? (existing?.pushes ?? 'on') : oneOf(b, 'pushes', ['on', 'off'] as const),
    followers: b.followers === undefined ? (existing?.followers ?? 0) : int(b, 'followers', 0),
    tags: b.tags === undefined ? (existing?.tags ?? DEFAULT_TAGS.map((t) => ({ ...t }))) : parseTags(b.tags),
    ghid,
    helperOpenid: existing?.helperOpenid ?? derivedOpenid(appid, 'mphelper'),
    server: existing?.server,
    biz: existing?.biz ?? Buffer.from(String(3_000_000_000 + s.apps.size + 1)).toString('base64'),
  };
  s.apps.set(appid, app);
  return app;
}
