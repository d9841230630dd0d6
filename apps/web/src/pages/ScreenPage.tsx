import { FullscreenOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMemo, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useBoard, useCampaigns } from '../api/queries';
import { Chart } from '../charts/Chart';
import { ChartOption } from '../charts/echarts';
import { lightsByDepartment, signOffsPerWeek, urgentMeasures } from '../lib/board';
import { chineseDate, relativeDue } from '../lib/dates';
import { LIGHTS, lightLegend } from '../lib/labels';
import { formatPercent } from '../lib/percent';
import { BoardMeasure } from '../lib/types';
import './screen.css';

const MINUTE = 60_000;
const AXIS = {
  axisLabel: { color: '#c9d6ee', fontSize: 16 },
  axisLine: { lineStyle: { color: '#4a5d80' } },
  splitLine: { lineStyle: { color: '#23324f' } },
};

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function UrgentList({ measures, today }: { measures: BoardMeasure[]; today: string }) {
  if (measures.length === 0) return <div className="screen-empty">暂无逾期或临期措施</div>;
  // Long lists roll; the copy makes the loop seamless. Short ones stand still.
  const rolling = measures.length > 8;
  const items = rolling ? [...measures, ...measures] : measures;
  return (
    <div className="screen-roll">
      <ul
        className={rolling ? 'rolling' : ''}
        style={rolling ? { animationDuration: `${measures.length * 3}s` } : undefined}
      >
        {items.map((m, i) => {
          const legend = lightLegend(m.light);
          return (
            <li key={`${m.id}-${i}`} aria-hidden={i >= measures.length}>
              <span className="screen-tag" style={{ borderColor: legend.hex, color: legend.hex }}>
                {legend.label}
              </span>
              <span className="num">{m.number}</span>
              <span className="text">{m.content}</span>
              <span className="dept">{m.departmentName}</span>
              <span className="due" style={{ color: legend.hex }}>
                {relativeDue(m.dueDate, today)?.text ?? ''}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** 大屏: the wall chart for the wall-mounted 1920×1080 screen; it refreshes itself every minute. */
export default function ScreenPage() {
  const [params] = useSearchParams();
  const campaigns = useCampaigns(MINUTE);
  const campaignId = params.get('campaignId') ?? undefined;
  const board = useBoard(campaignId, undefined, { refetchInterval: MINUTE });
  const now = useClock();
  const data = board.data;
  const measures = useMemo(() => data?.groups.flatMap((g) => g.measures) ?? [], [data]);

  const departmentOption = useMemo<ChartOption>(() => {
    const rows = lightsByDepartment(measures);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, textStyle: { color: '#c9d6ee', fontSize: 16 } },
      grid: { left: 16, right: 24, top: 40, bottom: 8, containLabel: true },
      // Every department named, even when the screen is narrower than the wall's.
      xAxis: {
        type: 'category',
        data: rows.map((r) => r.department),
        ...AXIS,
        axisLabel: { ...AXIS.axisLabel, interval: 0 },
      },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [...LIGHTS].reverse().map((l) => ({
        name: l.label,
        type: 'bar',
        stack: 'lights',
        barMaxWidth: 48,
        itemStyle: { color: l.hex },
        data: rows.map((r) => r.counts[l.light]),
      })),
    };
  }, [measures]);

  const weeklyOption = useMemo<ChartOption>(() => {
    const weeks = data ? signOffsPerWeek(measures, data.today, 12) : [];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 16, right: 24, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: weeks.map((w) => w.label), ...AXIS },
      yAxis: { type: 'value', minInterval: 1, ...AXIS },
      series: [
        {
          name: '销号数',
          type: 'bar',
          barMaxWidth: 36,
          itemStyle: { color: '#52c41a' },
          label: { show: true, position: 'top', color: '#e6f4ff', fontSize: 14 },
          data: weeks.map((w) => w.count),
        },
      ],
    };
  }, [measures, data]);

  const gaugeOption = useMemo<ChartOption>(() => {
    const rate = data?.totals.completionRate ?? 0;
    return {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          radius: '92%',
          progress: { show: true, width: 22, itemStyle: { color: '#52c41a' } },
          axisLine: { lineStyle: { width: 22, color: [[1, '#23324f']] } },
          axisTick: { show: false },
          // No scale: the ring and the figure say it all, and stay legible in a small panel.
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          title: { show: true, offsetCenter: [0, '42%'], color: '#c9d6ee', fontSize: 18 },
          detail: {
            valueAnimation: true,
            offsetCenter: [0, '0%'],
            fontSize: 40,
            color: '#fff',
            formatter: () => formatPercent(data?.totals.completionRate ?? null),
          },
          data: [{ value: Math.round(rate * 1000) / 10, name: '整改完成率' }],
        },
      ],
    };
  }, [data]);

  const title = campaignId ? (campaigns.data?.find((c) => c.id === campaignId)?.title ?? '') : '全部整改专项';
  const urgent = data ? urgentMeasures(measures, data.today) : [];
  const totals = data?.totals;
  const kpis: [string, string | number, string][] = totals
    ? [
        ['措施总数', totals.measures, '#e6f4ff'],
        ['已销号', totals.signedOff, '#52c41a'],
        ['推进中', totals.inProgress, '#4096ff'],
        ['临期', totals.dueSoon, '#faad14'],
        ['逾期', totals.overdue, '#ff4d4f'],
        ['整改完成率', formatPercent(totals.completionRate), '#52c41a'],
        ['按期完成率', formatPercent(totals.onTimeRate), '#36cfc9'],
      ]
    : [];

  return (
    <div className="screen">
      <header className="screen-header">
        <div className="screen-date">{data ? chineseDate(data.today, true) : ''}</div>
        <h1>整改任务挂图作战</h1>
        <div className="screen-actions">
          <span className="screen-clock">
            {now.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' })}
          </span>
          <button
            type="button"
            onClick={() => document.documentElement.requestFullscreen?.().catch(() => undefined)}
            aria-label="全屏显示"
          >
            <FullscreenOutlined /> 全屏
          </button>
          <Link to="/board" aria-label="退出大屏">
            <RollbackOutlined /> 退出
          </Link>
        </div>
      </header>
      <div className="screen-sub">
        {title}
        {board.isError ? ' · 数据刷新失败，显示的是上次的数据' : ''}
      </div>
      <section className="screen-kpis" data-testid="kpis">
        {kpis.map(([label, value, color]) => (
          <div className="kpi" key={label}>
            <div className="kpi-value" style={{ color }}>
              {value}
            </div>
            <div className="kpi-label">{label}</div>
          </div>
        ))}
      </section>
      <section className="screen-grid">
        <div className="panel wide">
          <h2>各部门整改措施灯号</h2>
          <div className="panel-body">
            <Chart option={departmentOption} label="各部门灯号" />
          </div>
        </div>
        <div className="panel">
          <h2>整改完成率</h2>
          <div className="panel-body">
            <Chart option={gaugeOption} label="整改完成率" />
          </div>
        </div>
        <div className="panel wide">
          <h2>每周销号数（近12周）</h2>
          <div className="panel-body">
            <Chart option={weeklyOption} label="每周销号数" />
          </div>
        </div>
        <div className="panel">
          <h2>逾期与临期措施（{urgent.length}）</h2>
          <div className="panel-body">{data && <UrgentList measures={urgent} today={data.today} />}</div>
        </div>
      </section>
    </div>
  );
}
