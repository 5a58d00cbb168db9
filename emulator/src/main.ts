// CLI: tsx emulator/src/main.ts [--port 9990] [--host 127.0.0.1] [--publish-delay-ms 1000]
import { startEmulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function num(name: string): number | undefined {
  const v = arg(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    process.stderr.write(`${name} needs a number, got "${v}"\n`);
    process.exit(2);
  }
  return n;
}

const emu = await startEmulator({
  port: num('--port') ?? 9990,
  host: arg('--host'),
  publishDelayMs: num('--publish-delay-ms'),
  tokenTtlSeconds: num('--token-ttl-seconds'),
  supersededGraceSeconds: num('--superseded-grace-seconds'),
});

process.stdout.write(
  [
    `Meiyun platform emulator (WeChat Official Accounts) listening on ${emu.url}`,
    `  WeChat API base:   ${emu.url}   (use instead of https://api.weixin.qq.com)`,
    '  Control API:',
    `    POST   ${emu.url}/__control/wechat/apps            register an account (answers, followers, tags, pushes)`,
    `    PUT    ${emu.url}/__control/wechat/apps/:appid/server  服务器配置 (echostr handshake; DELETE removes)`,
    `    POST   ${emu.url}/__control/wechat/faults          inject a fault (DELETE clears)`,
    `    POST   ${emu.url}/__control/wechat/publish-outcome force publish results`,
    `    POST   ${emu.url}/__control/wechat/quota           set a daily limit`,
    `    POST   ${emu.url}/__control/wechat/mass-outcome    force mass-send results`,
    `    GET    ${emu.url}/__control/wechat/published       accepted submits`,
    `    GET    ${emu.url}/__control/wechat/mass            accepted mass sends`,
    `    GET    ${emu.url}/__control/wechat/pushes          event pushes and their attempts`,
    `    GET    ${emu.url}/__control/wechat/calls           call counts and recent calls`,
    `    POST   ${emu.url}/__control/clock                  advance the clock`,
    `    POST   ${emu.url}/__control/reset                  clear everything`,
    '',
  ].join('\n'),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping emulator\n`);
  emu.close().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`error while stopping: ${String(e)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
