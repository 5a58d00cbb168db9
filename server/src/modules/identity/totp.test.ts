import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base32Decode, base32Encode, hotp, matchStep, newRecoveryCodes, normalizeRecoveryCode, otpauthUri, stepAt, totpAt } from './totp';
import { parseUserAgent } from './user-agent';

// RFC 4226 appendix D and RFC 6238 appendix B: the shared secret is the ASCII "12345678901234567890".
const RFC_KEY = Buffer.from('12345678901234567890');

test('HOTP matches the RFC 4226 test values', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  assert.deepEqual(
    expected.map((_, i) => hotp(RFC_KEY, i)),
    expected,
  );
});

test('TOTP (SHA-1) matches the RFC 6238 test values, read as 8 digits', () => {
  const cases: [number, string][] = [
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ];
  for (const [t, code] of cases) assert.equal(hotp(RFC_KEY, stepAt(t * 1000), 8), code, `T=${t}`);
});

test('base32 round-trips and reads what authenticator apps show (lower case, spaces)', () => {
  const b32 = base32Encode(RFC_KEY);
  assert.equal(b32, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  assert.deepEqual(base32Decode(b32.toLowerCase().replace(/(.{4})/g, '$1 ')), RFC_KEY);
});

test('a code is accepted one step either side of now, not two', () => {
  const secret = base32Encode(RFC_KEY);
  const now = 1_700_000_000_000;
  const s = stepAt(now);
  assert.equal(matchStep(secret, totpAt(secret, now), now), s);
  assert.equal(matchStep(secret, totpAt(secret, now - 30_000), now), s - 1);
  assert.equal(matchStep(secret, totpAt(secret, now + 30_000), now), s + 1);
  assert.equal(matchStep(secret, totpAt(secret, now - 60_000), now), null);
  assert.equal(matchStep(secret, '12345', now), null);
});

test('the otpauth URI names the issuer and account and carries the parameters apps need', () => {
  const u = new URL(otpauthUri('JBSWY3DPEHPK3PXP', 'wang@example.com'));
  assert.equal(u.protocol, 'otpauth:');
  assert.equal(u.host, 'totp');
  assert.equal(decodeURIComponent(u.pathname), '/Meiyun:wang@example.com');
  assert.deepEqual(Object.fromEntries(u.searchParams), { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Meiyun', algorithm: 'SHA1', digits: '6', period: '30' });
});

test('recovery codes: ten different ones, compared without dashes or case', () => {
  const codes = newRecoveryCodes();
  assert.equal(new Set(codes).size, 10);
  for (const c of codes) assert.match(c, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  assert.equal(normalizeRecoveryCode(' AB12-cd34-EF56 '), 'ab12cd34ef56');
});

test('user agents read as browser and OS', () => {
  const cases: [string, string][] = [
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36', 'Chrome 126 · Windows'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.56', 'Edge 126 · Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari 17 · macOS'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003129) NetType/WIFI',
      'WeChat 8 · iOS',
    ],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Firefox 127 · Linux'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36', 'Chrome 126 · Android'],
  ];
  for (const [ua, label] of cases) assert.equal(parseUserAgent(ua).label, label, ua);
  assert.equal(parseUserAgent(undefined).label, '—');
});
