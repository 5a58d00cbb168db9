// Fault injection rules set through /__control/wechat/faults.
import { type FaultRule, type WechatState, nextSeq } from './state';

export const FAULT_MODES = ['errcode', 'latency', 'timeout', 'drop_after_accept', 'http_status'] as const;

/**
 * First rule matching this call, or undefined. A rule with `probability` applies to that
 * share of matching calls for as long as it exists; otherwise it applies to the next
 * `times` matching calls (default 1) and is then removed.
 */
export function takeFault(s: WechatState, path: string, appid: string): FaultRule | undefined {
  for (let i = 0; i < s.faults.length; i++) {
    const rule = s.faults[i];
    if (rule.path !== '*' && rule.path !== path) continue;
    if (rule.appid !== undefined && rule.appid !== appid) continue;
    if (rule.probability !== undefined) {
      if (Math.random() < rule.probability) return rule;
      continue;
    }
    const left = (rule.times ?? 1) - 1;
    if (left <= 0) s.faults.splice(i, 1);
    else rule.times = left;
    return rule;
  }
  return undefined;
}

/** Validates a control-API fault body; returns an error message or the rule. */
export function parseFaultRule(s: WechatState, body: Record<string, unknown>): string | FaultRule {
  const { path, appid, mode, errcode, errmsg, latencyMs, times, probability, status } = body;
  if (typeof path !== 'string' || (path !== '*' && !path.startsWith('/'))) {
    return 'path must be "*" or a cgi path starting with "/", e.g. "/cgi-bin/freepublish/submit"';
  }
  if (appid !== undefined && (typeof appid !== 'string' || appid === '')) {
    return 'appid, when given, must be a non-empty string';
  }
  if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
    return `mode must be one of ${FAULT_MODES.join(', ')}`;
  }
  if (mode === 'errcode' && !Number.isInteger(errcode)) {
    return 'mode "errcode" needs an integer errcode';
  }
  if (mode === 'http_status' && !(Number.isInteger(status) && (status as number) >= 500 && (status as number) <= 599)) {
    return 'mode "http_status" needs a status from 500 to 599';
  }
  if (errmsg !== undefined && typeof errmsg !== 'string') return 'errmsg must be a string';
  if (mode === 'latency' && !(typeof latencyMs === 'number' && latencyMs >= 0)) {
    return 'mode "latency" needs latencyMs >= 0';
  }
  if (times !== undefined && !(Number.isInteger(times) && (times as number) >= 1)) {
    return 'times must be an integer >= 1';
  }
  if (probability !== undefined && !(typeof probability === 'number' && probability >= 0 && probability <= 1)) {
    return 'probability must be a number between 0 and 1';
  }
  if (times !== undefined && probability !== undefined) {
    return 'give either times or probability, not both';
  }
  return {
    id: `fault-${nextSeq(s)}`,
    path,
    appid: appid as string | undefined,
    mode: mode as FaultRule['mode'],
    errcode: errcode as number | undefined,
    errmsg: errmsg as string | undefined,
    latencyMs: latencyMs as number | undefined,
    status: status as number | undefined,
    times: probability === undefined ? ((times as number | undefined) ?? 1) : undefined,
    probability: probability as number | undefined,
  };
}
