/** Order statistics for timings: median and p95 (nearest rank), never a mean that one stall skews. */

/** The q-quantile (0..1) of `values` by nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `{ p50, p95, min, max, runs }` of a list of samples (ms unless the caller says otherwise). */
export function summarize(values) {
  return {
    p50: round(median(values)),
    p95: round(quantile(values, 0.95)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    runs: values.length,
  };
}

/** Three significant digits, kept as a number for the JSON file. */
export function round(value) {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(Math.min(digits, 6)));
}
