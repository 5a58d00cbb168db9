// Signatures and message encryption of pushes to the developer's server, written from WeChat's
// 消息加解密说明 and its 技术方案 (nothing shared with the product):
// signature = sha1 of the sorted concatenation of token, timestamp, nonce (plus Encrypt for
// msg_signature); AESKey = base64(EncodingAESKey + '='), AES-256-CBC, IV = the key's first 16
// bytes, PKCS#7 padding to 32-byte blocks; the plaintext is 16 random bytes, the message length
// as 4 bytes big-endian, the message, then the appid.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

const BLOCK = 32;

export function sha1Signature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

export function aesKey(encodingAESKey: string): Buffer {
  return Buffer.from(`${encodingAESKey}=`, 'base64');
}

/** Base64 of AES-256-CBC(random 16 B + length + message + appid). */
export function encryptMessage(encodingAESKey: string, appid: string, message: string): string {
  const key = aesKey(encodingAESKey);
  const msg = Buffer.from(message, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(appid, 'utf8')]);
  const pad = BLOCK - (plain.length % BLOCK);
  const padded = Buffer.concat([plain, Buffer.alloc(pad, pad)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** Decimal digits, as WeChat's nonce and echostr look. */
export function randomDigits(n: number): string {
  let out = '';
  for (const b of randomBytes(n)) out += String(b % 10);
  return out.replace(/^0/, '1');
}
