#!/usr/bin/env node
import { Command } from 'commander';
import { loadConfig } from './config';
import { createDb } from './db/pool';
import { createOwner } from './modules/identity/service';
import { openDatabase, type Runtime, startRuntime } from './runtime';

const program = new Command().name('meiyun').description('媒运 Meiyun: self-media operations platform');

function onSignals(stop: () => Promise<void>) {
  let count = 0;
  // Ctrl-C reaches the embedded PostgreSQL at the same moment (same process group), so a
  // connection may die under a client between two queries while we stop: that is expected.
  process.on('uncaughtException', (err) => {
    if (count > 0) return;
    console.error(err);
    process.exit(1);
  });
  const handler = () => {
    count += 1;
    if (count > 1) process.exit(1);
    console.log('\n正在停止… / stopping…');
    stop().then(() => process.exit(0));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

async function run(roles: { serve: boolean; worker: boolean }, demo: boolean) {
  const config = loadConfig();
  let emulator: { url: string; close(): Promise<void> } | null = null;
  if (demo) {
    const { startEmulator } = await import('../../emulator/src/server');
    emulator = await startEmulator({ port: 9990 });
    process.env.MEIYUN_WECHAT_API_BASE = emulator.url;
    config.MEIYUN_WECHAT_API_BASE = emulator.url;
  }
  const rt: Runtime = await startRuntime(config, roles);
  onSignals(async () => {
    await rt.stop();
    await emulator?.close();
  });
  if (demo) {
    const { seedDemo } = await import('./demo/seed');
    const creds = await seedDemo(rt.deps, emulator!.url, rt.url);
    console.log('\n演示数据已就绪 / demo workspace ready. 登录 / sign in with (password for all):', creds.password);
    for (const u of creds.users) console.log(`  ${u.role.padEnd(9)} ${u.email}`);
    console.log(`平台模拟器 / platform emulator: ${emulator!.url}`);
  }
  if (rt.url) {
    const needs = (await rt.deps.db.execute('select count(*)::int as n from users')).rows[0] as { n: number };
    console.log(`\n媒运 Meiyun 已启动 / is up: ${rt.url}`);
    if (needs.n === 0) {
      console.log(`首次使用：打开上面的地址创建所有者账号，或运行 / first run: open the address above to create the owner, or run`);
      console.log('  npm run meiyun -- admin create-owner --email you@example.com --name 你的名字 --password <password>');
    } else if (!demo) {
      console.log('用你的邮箱和密码登录 / sign in with your email and password');
    }
    console.log('按 Ctrl-C 停止 / press Ctrl-C to stop');
  } else {
    console.log('worker 已启动 / worker running; Ctrl-C to stop');
  }
}

program
  .command('start')
  .description('server + worker in one process (default)')
  .option('--demo', 'also start the platform emulator and seed a demo workspace')
  .action((o) => run({ serve: true, worker: true }, Boolean(o.demo)));
program
  .command('serve')
  .description('HTTP API and web UI only')
  .action(() => run({ serve: true, worker: false }, false));
program
  .command('worker')
  .description('job worker only (publishing)')
  .action(() => run({ serve: false, worker: true }, false));
program
  .command('migrate')
  .description('apply database migrations and exit')
  .action(async () => {
    const config = loadConfig();
    const { embedded } = await openDatabase(config, console.log);
    await embedded?.stop();
    console.log('migrations applied');
  });

/**
 * Runs an admin command against the product's database (the embedded one is started and stopped
 * around it). A failure prints its bilingual message and exits 1.
 */
async function withDatabase(fn: (db: ReturnType<typeof createDb>, config: ReturnType<typeof loadConfig>) => Promise<void>) {
  const config = loadConfig();
  const { url, embedded } = await openDatabase(config, () => {});
  const db = createDb(url, 2);
  let failed = false;
  try {
    await fn(db, config);
  } catch (e) {
    console.error((e as { bilingual?: string }).bilingual ?? String(e));
    failed = true;
  } finally {
    await db.$client.end();
    await embedded?.stop();
  }
  // process.exitCode = 1 set here was seen to end as exit status 0 (cause not found): exit explicitly.
  if (failed) process.exit(1);
}

const admin = program.command('admin').description('administration');
admin
  .command('create-owner')
  .description('create a user who owns a new workspace')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>')
  .option('--workspace <name>', 'workspace name', '我的团队')
  .action(async (o) => {
    const { SetupBody } = await import('../../contract/identity');
    const body = SetupBody.safeParse({ email: o.email, name: o.name, password: o.password, workspaceName: o.workspace });
    if (!body.success) {
      console.error(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      process.exit(2);
    }
    await withDatabase(async (db) => {
      await db.transaction((tx) => createOwner(tx, body.data));
      console.log(`已创建所有者 / owner created: ${o.email}`);
    });
  });

admin
  .command('reset-password')
  .description('print a one-time password-reset link for a user (valid 24 h), or set the password directly with --password')
  .requiredOption('--email <email>')
  .option('--password <password>', 'set this password now instead of printing a link; every session of the user ends')
  .option('--disable-2fa', 'also turn off two-factor sign-in (the person lost their phone and recovery codes)')
  .action(async (o) => {
    if (o.password !== undefined && (o.password.length < 8 || o.password.length > 200)) {
      console.error('密码需 8–200 位 / the password must be 8 to 200 characters');
      process.exit(2);
    }
    await withDatabase(async (db, config) => {
      const { issueResetByEmail, setPasswordByEmail } = await import('./modules/identity/security');
      const { clearTotp } = await import('./modules/identity/two-factor');
      let userId: string;
      if (o.password !== undefined) {
        const r = await setPasswordByEmail(db, o.email, o.password);
        userId = r.userId;
        console.log(`已设置新密码，结束了 ${r.revoked} 个会话 / password set; ${r.revoked} session(s) ended: ${o.email}`);
      } else {
        const link = await issueResetByEmail(db, config, o.email);
        userId = link.userId;
        console.log(`一次性重置链接，${link.expiresAt} 前有效 / one-time reset link, valid until ${link.expiresAt}:`);
        console.log(link.url ?? `http://${config.HOST}:${config.PORT}${link.path}`);
      }
      if (o.disable2fa) await clearTotp({ db }, userId);
      if (o.disable2fa) console.log('两步验证已关闭 / two-factor sign-in turned off');
    });
  });

program.parseAsync().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
