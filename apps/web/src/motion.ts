/**
 * Whether the user asked the system for less motion (an accessibility setting). Read once at
 * start: antd's pop-ups and ECharts then appear and change at once instead of animating.
 */
export const REDUCED_MOTION =
  typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
