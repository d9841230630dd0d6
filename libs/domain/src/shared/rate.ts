/**
 * The one rounding of a rate (完成率, 按期完成率): `part / whole` times `scale` (1 for a fraction, 100
 * for a percentage), rounded half up to `places` decimals; null when there is nothing to rate.
 */
export function rate(part: number, whole: number, scale: 1 | 100, places: number): number | null {
  if (whole === 0) return null;
  const unit = 10 ** places;
  // scale × unit first, so the quotient is multiplied once: 1/8 at scale 100, 1 place is 12.5, not 12.499….
  return Math.round((part / whole) * (scale * unit)) / unit;
}
