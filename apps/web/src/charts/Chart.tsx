import { useEffect, useRef } from 'react';
import { REDUCED_MOTION } from '../motion';
import { ChartOption, echarts } from './echarts';

/** One ECharts canvas that follows its box's size and its option. */
export function Chart({
  option,
  label,
  style,
}: {
  option: ChartOption;
  label: string;
  style?: React.CSSProperties;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(REDUCED_MOTION ? { ...option, animation: false } : option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      data-chart={label}
      style={{ width: '100%', height: '100%', ...style }}
    />
  );
}
