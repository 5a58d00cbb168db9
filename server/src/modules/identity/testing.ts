// Helpers for the identity tests: sign-ins from a given address, two-factor enrolment through the API.
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { type Member, PASSWORD, type TestEnv } from '../../test/app';
import { totpAt } from './totp';

export interface SignInOpts {
  ip?: string;
  password?: string;
  totpCode?: string;
  headers?: Record<string, string>;
}

export function signInFrom(t: TestEnv, email: string, o: SignInOpts = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    remoteAddress: o.ip ?? '127.0.0.1',
    headers: o.headers,
    payload: { email, password: o.password ?? PASSWORD, ...(o.totpCode ? { totpCode: o.totpCode } : {}) },
  });
}

/** The `cookie` header value for the session a response set. */
export function cookieOf(r: LightMyRequestResponse): string {
  const c = r.cookies.find((x) => x.name === 'meiyun_session');
  assert.ok(c?.value, `no session cookie in ${r.statusCode} ${r.body}`);
  return `meiyun_session=${c.value}`;
}

/** A code from the authenticator app `steps` time steps from now (±1 is accepted). */
export const codeAt = (secret: string, steps = 0) => totpAt(secret, Date.now() + steps * 30_000);

/**
 * Turns two-factor on for a member as the UI does. The enrolment uses the previous step's code,
 * so the current and the next step are still free for sign-ins in the test.
 */
export async function enrolTotp(t: TestEnv, m: Member): Promise<{ secret: string; recoveryCodes: string[] }> {
  const setup = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/setup', headers: { cookie: m.cookie } });
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret } = setup.json() as { secret: string };
  const on = await t.app.inject({ method: 'POST', url: '/api/v1/me/totp/enable', headers: { cookie: m.cookie }, payload: { code: codeAt(secret, -1) } });
  assert.equal(on.statusCode, 200, on.body);
  return { secret, recoveryCodes: on.json().recoveryCodes };
}
