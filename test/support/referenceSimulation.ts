// The most readable statement of SIMULATION.md's rules: a literal reading of the page, every
// millisecond, every phone, every step in the page's order (1 events, 2 call ends, 3 registration
// completions, 4 detections and boots, 5 ticks), with none of the engine's shortcuts (no tick
// sets, no sorted runs, no skipping of idle milliseconds). Slow and small on purpose:
// test/simulation/engine.test.ts runs it on generated scenarios and requires the engine to match
// its timeline, figures, peaks, end, settled, `at T expect` counts and findings, figure for figure.
//
// What it does not cover: the findings capacity-exceeded, no-service and simulation-limit (it
// reports only event-no-effect and calls-not-placed); the 24-hour limit (it simulates a fixed
// horizon after the last event, which the scenario must settle within); cancellation and
// `limits`; expectation results other than the counts they read; and inputs the workspace would
// reject (unknown or repeated names, times that are not whole milliseconds, events before 0).
// docs/simulation-decisions.md gives the engine's readings where the page is silent.
import type { Counts, FindingCode, SimPool, SimScenario, SimTarget } from '../../server/src/core/simulation/model';
import { U } from './simulationBuilders';

interface RefRequest {
  phone: RefPhone;
  target: RefTarget;
  /** Exact done time in units of 1/rate ms. */
  done: number;
  seq: number;
  fallback: boolean;
}

interface RefTarget {
  def: SimTarget;
  up: boolean;
  free: number;
  lastRecover: number;
  registered: number;
  queue: RefRequest[];
}

interface RefPool {
  def: SimPool;
  targets: RefTarget[];
  isolated: boolean;
  lastReconnect: number;
  phones: RefPhone[];
  maxOutage: number;
  outage: number;
  preserved: number;
}

interface RefPhone {
  pool: RefPool;
  index: number;
  offset: number;
  reg: RefTarget | null;
  req: RefRequest | null;
  callEnd: number | null;
  detectAt: number | null;
  resetAtCallEnd: boolean;
  bootAt: number | null;
  outStart: number | null;
  affected: boolean;
}

export function referenceSimulate(scenario: SimScenario, horizonAfterLastEvent: number) {
  const K = scenario.settings.keepaliveMs;
  const targets: RefTarget[] = scenario.targets.map((def) => ({ def, up: true, free: 0, lastRecover: 0, registered: 0, queue: [] }));
  const byName = new Map(targets.map((t) => [t.def.name, t]));
  const pools: RefPool[] = scenario.pools.map((def) => ({
    def,
    targets: def.preference.map((n) => byName.get(n)!),
    isolated: false,
    lastReconnect: 0,
    phones: [],
    maxOutage: 0,
    outage: 0,
    preserved: 0,
  }));
  for (const pool of pools) {
    for (let i = 0; i < pool.def.phones; i++) {
      pool.phones.push({
        pool,
        index: i,
        offset: Math.floor((i * K) / pool.def.phones),
        reg: null,
        req: null,
        callEnd: null,
        detectAt: null,
        resetAtCallEnd: false,
        bootAt: null,
        outStart: null,
        affected: false,
      });
    }
  }
  const allPhones = pools.flatMap((p) => p.phones);
  const events = scenario.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at - b.e.at || a.i - b.i);
  const lastEvent = events.length ? events[events.length - 1]!.e.at : 0;
  const findings: Array<{ code: FindingCode; ref: number }> = [];
  let seq = 0;
  let now = 0;
  let lastActivity = 0;
  /** Only a millisecond in which some registration changed can need a timeline entry. */
  let registrationsMoved = true;

  const available = (t: RefTarget, pool: RefPool) => t.up && (t.def.kind === 'srst' || !pool.isolated);
  const hasRoom = (t: RefTarget) => t.registered + t.queue.length < t.def.capacity;
  const best = (pool: RefPool) => pool.targets.find((t) => available(t, pool) && hasRoom(t)) ?? null;
  const endOutage = (phone: RefPhone) => {
    if (phone.outStart === null) return;
    const length = now - phone.outStart;
    phone.pool.outage += length;
    phone.pool.maxOutage = Math.max(phone.pool.maxOutage, length);
    if (length > 0) phone.affected = true;
    phone.outStart = null;
  };
  const request = (phone: RefPhone, target: RefTarget, fallback: boolean) => {
    const r = target.def.registrationRate;
    const start = Math.max(now * r, target.free);
    const req: RefRequest = { phone, target, done: start + 1000, seq: seq++, fallback };
    target.free = req.done;
    target.queue.push(req);
    phone.req = req;
  };
  const requestBest = (phone: RefPhone) => {
    const target = best(phone.pool);
    if (target) request(phone, target, false);
  };
  const failed = (req: RefRequest) => {
    const phone = req.phone;
    phone.req = null;
    if (phone.reg === null && phone.detectAt === null) requestBest(phone);
  };
  const loseRegistration = (phone: RefPhone, detection: number) => {
    registrationsMoved = true;
    phone.reg!.registered--;
    phone.reg = null;
    if (phone.callEnd !== null) phone.pool.preserved++;
    else phone.outStart = now;
    phone.detectAt = detection;
  };
  const firstTick = (phone: RefPhone) => {
    let t1 = phone.offset;
    while (t1 < now) t1 += K;
    return t1;
  };
  const resetIdle = (phone: RefPhone) => {
    if (phone.reg) {
      registrationsMoved = true;
      phone.reg.registered--;
      phone.reg = null;
      phone.outStart = now;
    } else if (phone.outStart === null) phone.outStart = now;
    if (phone.req) {
      phone.req.target.queue.splice(phone.req.target.queue.indexOf(phone.req), 1);
      phone.req = null;
    }
    phone.detectAt = null;
    phone.bootAt = now + scenario.settings.resetTimeMs;
  };
  const ceil = (req: RefRequest) => Math.ceil(req.done / req.target.def.registrationRate - 1e-9);

  // start
  for (const pool of pools) {
    for (const phone of pool.phones) {
      const target = best(pool);
      if (target) {
        phone.reg = target;
        target.registered++;
      } else phone.outStart = 0;
    }
  }
  const timeline: Array<{ t: number; pools: Record<string, Counts> }> = [];
  const peaks = new Map(targets.map((t) => [t.def.name, { peak: 0, peakAt: 0 }]));
  const countsOf = (pool: RefPool): Counts => {
    const counts: Record<string, number> = {};
    for (const t of pool.targets) {
      const n = pool.phones.filter((p) => p.reg === t).length;
      if (n) counts[t.def.name] = n;
    }
    const out = pool.phones.filter((p) => p.reg === null).length;
    if (out) counts[U] = out;
    return counts;
  };
  let eventIndex = 0;
  for (now = 0; now <= lastEvent + horizonAfterLastEvent; now++) {
    // 1
    while (eventIndex < events.length && events[eventIndex]!.e.at === now) {
      const { e } = events[eventIndex++]!;
      if (e.kind === 'stop' || e.kind === 'crash' || e.kind === 'hang') {
        const target = byName.get(e.target)!;
        if (!target.up) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        target.up = false;
        for (const phone of allPhones) {
          if (phone.reg !== target) continue;
          const t1 = firstTick(phone);
          const delay = e.kind === 'crash' ? scenario.settings.tcpRetryMs : (scenario.settings.missedKeepalives - 1) * K;
          loseRegistration(phone, e.kind === 'stop' ? now : t1 + delay);
        }
        const flushed = target.queue;
        target.queue = [];
        flushed.forEach(failed);
      } else if (e.kind === 'recover') {
        const target = byName.get(e.target)!;
        if (target.up) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        target.up = true;
        target.free = now * target.def.registrationRate;
        target.lastRecover = now;
      } else if (e.kind === 'isolate') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        if (pool.isolated) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        pool.isolated = true;
        for (const phone of pool.phones) {
          if (phone.reg && phone.reg.def.kind === 'callmanager') loseRegistration(phone, firstTick(phone) + scenario.settings.tcpRetryMs);
        }
      } else if (e.kind === 'reconnect') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        if (!pool.isolated) {
          findings.push({ code: 'event-no-effect', ref: e.ref });
          continue;
        }
        pool.isolated = false;
        pool.lastReconnect = now;
      } else if (e.kind === 'calls') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        const n =
          e.count.kind === 'all'
            ? pool.def.phones
            : e.count.kind === 'none'
              ? 0
              : e.count.kind === 'number'
                ? e.count.value
                : Math.floor((e.count.value * pool.def.phones) / 100);
        let placed = 0;
        for (const phone of pool.phones) {
          if (placed >= n) break;
          if (phone.reg && phone.callEnd === null && phone.req === null) {
            phone.callEnd = now + e.durationMs;
            placed++;
          }
        }
        if (placed < n) findings.push({ code: 'calls-not-placed', ref: e.ref });
      } else if (e.kind === 'reset') {
        const pool = pools.find((p) => p.def.name === e.pool)!;
        for (const phone of pool.phones) {
          if (phone.callEnd !== null) phone.resetAtCallEnd = true;
          else resetIdle(phone);
        }
      }
    }
    // 2
    for (const phone of allPhones) {
      if (phone.callEnd !== now) continue;
      phone.callEnd = null;
      lastActivity = now;
      if (phone.resetAtCallEnd) {
        phone.resetAtCallEnd = false;
        resetIdle(phone);
      } else if (phone.reg === null) {
        phone.outStart = now;
        if (phone.detectAt === null) requestBest(phone); // it detected its loss during the call
      }
    }
    // 3 (a queue is in done order, so what is due sits at its front)
    const due: RefRequest[] = [];
    for (const t of targets) for (let k = 0; k < t.queue.length && ceil(t.queue[k]!) === now; k++) due.push(t.queue[k]!);
    due.sort((a, b) => a.done * b.target.def.registrationRate - b.done * a.target.def.registrationRate || a.seq - b.seq);
    for (const req of due) {
      const target = req.target;
      const phone = req.phone;
      target.queue.splice(target.queue.indexOf(req), 1);
      lastActivity = now;
      if (!available(target, phone.pool)) {
        failed(req);
        continue;
      }
      phone.req = null;
      registrationsMoved = true;
      if (phone.reg) phone.reg.registered--;
      else endOutage(phone);
      phone.detectAt = null;
      phone.reg = target;
      target.registered++;
    }
    // 4
    for (const phone of allPhones) {
      if (phone.detectAt === now) {
        phone.detectAt = null;
        lastActivity = now;
        // a phone in a call acts when the call ends (step 2 above)
        if (phone.callEnd === null && phone.req === null) requestBest(phone);
      } else if (phone.bootAt === now) {
        phone.bootAt = null;
        lastActivity = now;
        requestBest(phone);
      }
    }
    // 5
    for (const phone of allPhones) {
      if (now < phone.offset || (now - phone.offset) % K !== 0) continue;
      if (phone.callEnd !== null || phone.detectAt !== null || phone.bootAt !== null || phone.req !== null) continue;
      const pool = phone.pool;
      const target = best(pool);
      if (!target) continue;
      if (phone.reg === null) {
        request(phone, target, false);
        lastActivity = now;
        continue;
      }
      if (pool.targets.indexOf(target) >= pool.targets.indexOf(phone.reg)) continue;
      if (phone.reg.def.kind === 'srst' && now - Math.max(target.lastRecover, pool.lastReconnect) < pool.def.connectionMonitorMs) continue;
      const inQueue = target.queue.filter((r) => r.fallback).length;
      if (target.def.kind === 'callmanager' && inQueue >= target.def.fallbackQueueDepth) continue;
      request(phone, target, true);
      lastActivity = now;
    }
    // record
    if (!registrationsMoved && timeline.length > 0) continue;
    registrationsMoved = false;
    const entry = { t: now, pools: Object.fromEntries(pools.map((p) => [p.def.name, countsOf(p)])) };
    const previous = timeline[timeline.length - 1];
    if (!previous || JSON.stringify(previous.pools) !== JSON.stringify(entry.pools)) {
      timeline.push(entry);
      for (const t of targets) {
        const peak = peaks.get(t.def.name)!;
        if (!previous || t.registered > peak.peak) {
          peak.peak = t.registered;
          peak.peakAt = now;
        }
      }
    }
  }
  const lastAt = Math.max(0, ...scenario.expectations.map((x) => (x.kind === 'on' ? x.at : 0)));
  now = Math.max(lastEvent, lastAt, lastActivity);
  for (const phone of allPhones) endOutage(phone);
  return {
    end: now,
    settled: timeline[timeline.length - 1]!.t,
    timeline,
    pools: Object.fromEntries(
      pools.map((p) => [
        p.def.name,
        {
          phones: p.def.phones,
          maxOutage: p.maxOutage,
          outagePhoneSeconds: Math.round(p.outage) / 1000,
          affectedPhones: p.phones.filter((x) => x.affected).length,
          preservedCalls: p.preserved,
          final: countsOf(p),
        },
      ]),
    ),
    targets: Object.fromEntries(peaks),
    findings: findings.sort((a, b) => a.ref - b.ref),
  };
}
