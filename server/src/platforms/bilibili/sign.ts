// The signed headers every open-platform call carries (接口签名实现标准,
// open.bilibili.com/doc/4/8673959e-f7bb-56e6-6e68-d225f971b81b; the official demo
// bilibili-openplatform/SignatureAlgorithm_DotnetDemo README): the `x-bili-*` headers sorted by
// name, written `name:value` and joined by "\n", HMAC-SHA256 with the app secret (hex) into
// `Authorization`. Version 2.0 also sends the OAuth `access-token` header (not signed).

import { createHash, createHmac, randomUUID } from 'node:crypto';

export interface SignInput {
  clientId: string;
  clientSecret: string;
  accessToken: string | null;
  /** The JSON body as sent; '' for GET, multipart and empty bodies. */
  body: string;
  nonce?: string;
  timestamp?: number;
}

export function signedHeaders(i: SignInput): Record<string, string> {
  const x: Record<string, string> = {
    'x-bili-accesskeyid': i.clientId,
    'x-bili-content-md5': createHash('md5').update(i.body, 'utf8').digest('hex'),
    'x-bili-signature-method': 'HMAC-SHA256',
    'x-bili-signature-nonce': i.nonce ?? randomUUID(),
    'x-bili-signature-version': '2.0',
    'x-bili-timestamp': String(i.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const headers: Record<string, string> = { ...x, Authorization: signature(x, i.clientSecret), Accept: 'application/json' };
  if (i.accessToken) headers['access-token'] = i.accessToken;
  return headers;
}

export function signature(xHeaders: Record<string, string>, secret: string): string {
  const text = Object.keys(xHeaders)
    .sort()
    .map((k) => `${k}:${xHeaders[k]}`)
    .join('\n');
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}
