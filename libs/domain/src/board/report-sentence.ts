import { rate } from '../shared/rate';

/** The figures a court report quotes for one campaign (整改专项). */
export interface ReportFigures {
  problems: number;
  measures: number;
  signedOff: number;
  /** 建章立制: rules and systems formed as outcomes. */
  outcomes: number;
}

/**
 * The sentence court reports quote, e.g.
 * "共梳理问题9个，制定整改措施9条，已整改到位7条，整改完成率77.8%，形成制度成果2项。"
 */
export function reportSentence(f: ReportFigures): string {
  const completion = rate(f.signedOff, f.measures, 100, 1) ?? 0;
  const parts = [
    `共梳理问题${f.problems}个`,
    `制定整改措施${f.measures}条`,
    `已整改到位${f.signedOff}条`,
    `整改完成率${completion.toFixed(1)}%`,
  ];
  if (f.outcomes > 0) parts.push(`形成制度成果${f.outcomes}项`);
  return `${parts.join('，')}。`;
}
