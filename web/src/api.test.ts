import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, fieldErrors, localMessage, toQueryString } from './api';

function respond(status: number, body: unknown, contentType = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn(async () => new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType } }));
}

afterEach(() => vi.unstubAllGlobals());

/** The error a call rejects with (fails the test when it resolves). */
const failure = (p: Promise<unknown>): Promise<ApiError> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: ApiError) => e,
  );

describe('api client', () => {
  it('sends JSON with same-origin credentials and parses the answer', async () => {
    const fetchMock = respond(200, { ok: true });
    vi.stubGlobal('fetch', fetchMock);
    await expect(api.post('/auth/sign-in', { email: 'a@b.c', password: 'x' })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/sign-in');
    expect(init.credentials).toBe('same-origin');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(init.body).toBe(JSON.stringify({ email: 'a@b.c', password: 'x' }));
  });

  it("throws the server's message, code, status and request id", async () => {
    vi.stubGlobal('fetch', respond(409, { error: { code: 'invalid_state', message: '已发布 / already published', requestId: 'r-1' } }));
    const err = await failure(api.post('/posts/x/schedule', {}));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('已发布 / already published');
    expect(err.code).toBe('invalid_state');
    expect(err.status).toBe(409);
    expect(err.requestId).toBe('r-1');
  });

  it('copes with an error body that is not JSON', async () => {
    vi.stubGlobal('fetch', respond(502, '<html>Bad Gateway</html>', 'text/html'));
    const err = await failure(api.get('/me'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('http_502');
    expect(err.message).toContain('502');
  });

  it('turns a network failure into an ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const err = await failure(api.get('/me'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('network');
    expect(err.status).toBe(0);
  });

  it('answers undefined for 204 No Content', async () => {
    vi.stubGlobal('fetch', respond(204, ''));
    await expect(api.del('/topics/1')).resolves.toBeUndefined();
  });

  it('builds query strings without empty values', () => {
    expect(toQueryString({ page: 2, q: '', status: undefined, accountId: null, x: 'a b' })).toBe('?page=2&x=a+b');
    expect(toQueryString({})).toBe('');
    expect(toQueryString()).toBe('');
  });
});

describe('messages', () => {
  it('picks the part of a bilingual message in the current language', () => {
    expect(localMessage('标题不能为空 / title must not be empty', 'zh-CN')).toBe('标题不能为空');
    expect(localMessage('标题不能为空 / title must not be empty', 'en')).toBe('title must not be empty');
    expect(localMessage('plain message', 'en')).toBe('plain message');
    expect(localMessage('服务器内部错误（请求 r1）/ Internal server error (request r1)', 'en')).toBe('Internal server error (request r1)');
    expect(localMessage('服务器内部错误（请求 r1）/ Internal server error (request r1)', 'zh-CN')).toBe('服务器内部错误（请求 r1）');
    expect(localMessage('either a / b', 'zh-CN')).toBe('either a / b');
  });

  it('maps validation details to fields', () => {
    const err = new ApiError('校验失败 / invalid', 'validation_failed', 400, undefined, [
      { path: ['title'], message: '标题不能为空 / title must not be empty' },
      { path: '/digest', message: 'too long' },
      { path: [], message: 'whole body' },
    ]);
    expect(fieldErrors(err)).toEqual({ title: '标题不能为空 / title must not be empty', digest: 'too long' });
    expect(fieldErrors(new ApiError('x', 'validation_failed', 400, undefined, { issues: [{ path: ['email'], message: 'bad' }] }))).toEqual({ email: 'bad' });
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
