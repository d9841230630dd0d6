/** A 0–1 rate as the reports print it: "66.7%", "100%"; "—" when there is nothing to divide. */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const text = (rate * 100).toFixed(digits);
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text}%`;
}
