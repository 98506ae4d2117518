/** A probability as a whole percentage; tiny non-zero values read "<1%" rather than "0%". */
export function formatPercent(probability: number): string {
  const percent = Math.round(probability * 100);
  return percent === 0 && probability > 0 ? '<1%' : `${percent}%`;
}
