/**
 * Lambda cost per million predictions from a warm latency. Prices as published by AWS for
 * us-east-1 (per GB-second of duration, billed per 1 ms rounded up, plus a per-request charge);
 * not re-checked here: this machine has no internet.
 */
export const LAMBDA_PRICES = {
  source: 'aws.amazon.com/lambda/pricing, us-east-1, as published (the rates in force since 1 ms billing, Dec 2020); not re-checked here, no internet; taken 2026-11-25',
  x86PerGbSecond: 0.0000166667,
  armPerGbSecond: 0.0000133334,
  perMillionRequests: 0.2,
  /** Lambda gives a function one full vCPU at 1769 MB and CPU in proportion below that. */
  mbPerVcpu: 1769,
};

/** Dollars per million requests at `memoryMb` when each takes `ms` of billed duration. */
export function dollarsPerMillion(ms, memoryMb, perGbSecond = LAMBDA_PRICES.x86PerGbSecond) {
  const billedMs = Math.max(1, Math.ceil(ms));
  const compute = 1e6 * (billedMs / 1000) * (memoryMb / 1024) * perGbSecond;
  return compute + LAMBDA_PRICES.perMillionRequests;
}

/**
 * Two estimates per memory size: billed at the latency measured here (a full core), and scaled
 * by Lambda's CPU share at that size (a CPU-bound request on 128 MB gets ~7% of a vCPU, so it
 * runs ~14× longer; assumes this machine's core is like a Lambda vCPU).
 */
export function costTable(warmP50Ms) {
  const rows = {};
  for (const memoryMb of [128, 256]) {
    const share = Math.min(1, memoryMb / LAMBDA_PRICES.mbPerVcpu);
    const scaledMs = warmP50Ms / share;
    rows[memoryMb] = {
      atLocalLatency: round4(dollarsPerMillion(warmP50Ms, memoryMb)),
      cpuShareScaledMs: Math.round(scaledMs * 10) / 10,
      atCpuShareLatency: round4(dollarsPerMillion(scaledMs, memoryMb)),
      atCpuShareLatencyArm: round4(dollarsPerMillion(scaledMs, memoryMb, LAMBDA_PRICES.armPerGbSecond)),
    };
  }
  return rows;
}

function round4(value) {
  return Math.round(value * 10000) / 10000;
}
