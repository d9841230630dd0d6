import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Spin } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useBoard, useCampaigns, useCourt } from '../api/queries';
import { filterMeasures, groupMeasures, totalsOf } from '../lib/board';
import { chineseDate } from '../lib/dates';
import { lightLegend, statusLabel } from '../lib/labels';
import { formatPercent } from '../lib/percent';
import { Grouping, Light } from '../lib/types';
import './board-print.css';

/**
 * 挂图作战 as a sheet to print (A4 landscape, the browser's print): the court, the campaign and
 * the day on top, the totals, then every measure of the board as shown (same campaign, day,
 * grouping and filters), its light written out beside the colour so a black-and-white copy reads.
 */
export default function BoardPrintPage() {
  const [params] = useSearchParams();
  const court = useCourt();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaignId') ?? campaigns.data?.[0]?.id;
  const asOf = params.get('asOf') ?? undefined;
  const board = useBoard(campaignId, asOf, { enabled: campaignId !== undefined });
  const grouping = (params.get('groupBy') as Grouping | null) ?? 'problem';
  const departmentId = params.get('departmentId') ?? undefined;
  const leaderId = params.get('leaderId') ?? undefined;
  const light = (params.get('light') as Light | null) ?? undefined;
  const search = params.get('q') ?? undefined;
  const lookBackDue = params.get('lookBackDue') === '1';
  const stepId = params.get('step') ?? undefined;

  const all = useMemo(() => board.data?.groups.flatMap((g) => g.measures) ?? [], [board.data]);
  const shown = useMemo(
    () => filterMeasures(all, { departmentId, leaderId, light, search, lookBackDue, stepId }),
    [all, departmentId, leaderId, light, search, lookBackDue, stepId],
  );
  const groups = useMemo(() => groupMeasures(shown, grouping), [shown, grouping]);
  const filtered = Boolean(departmentId || leaderId || light || search || lookBackDue || stepId);
  const totals = board.data ? (filtered ? totalsOf(shown) : board.data.totals) : null;
  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const day = board.data ? (asOf ?? board.data.today) : null;
  const back = `/board${params.toString() ? `?${params.toString()}` : ''}`;

  const error = campaigns.error ?? board.error;
  return (
    <div className="board-print">
      <Space className="no-print" style={{ marginBottom: 12 }}>
        <Link to={back}>
          <ArrowLeftOutlined /> 返回挂图作战
        </Link>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => window.print()}
          disabled={!board.data}
        >
          打印
        </Button>
        <span className="hint">打印时请选择 A4 横向；如需彩色灯号，请勾选“背景图形”。</span>
      </Space>
      {error && <Alert type="error" showIcon title={error.message} />}
      {!board.data && !error ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {board.data && totals && day && (
        <>
          <h1 data-testid="print-title">
            {court.data?.name ?? ''}
            {campaign ? `${campaign.title}` : ''}挂图作战表
          </h1>
          <div className="subtitle" data-testid="print-day">
            {asOf ? `截至${chineseDate(day)}日终` : `截至${chineseDate(day)}`}
            {filtered ? '（筛选结果）' : ''}
            {'\u3000'}措施 {totals.measures} 项，已销号 {totals.signedOff} 项，逾期 {totals.overdue} 项，临期{' '}
            {totals.dueSoon} 项，整改完成率 {formatPercent(totals.completionRate)}
          </div>
          <table data-testid="print-table">
            <thead>
              <tr>
                <th style={{ width: '7%' }}>编号</th>
                <th>整改措施</th>
                <th style={{ width: '8%' }}>责任领导</th>
                <th style={{ width: '10%' }}>责任部门</th>
                <th style={{ width: '7%' }}>责任人</th>
                <th style={{ width: '10%' }}>完成时限</th>
                <th style={{ width: '7%' }}>状态</th>
                <th style={{ width: '8%' }}>灯号</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => [
                <tr key={`group:${g.key}`} className="group">
                  <td colSpan={8}>
                    {g.label}（{g.measures.length} 项）
                  </td>
                </tr>,
                ...g.measures.map((m) => {
                  const legend = lightLegend(m.light);
                  return (
                    <tr key={m.id}>
                      <td className="center">{m.number}</td>
                      <td>{m.content}</td>
                      <td className="center">{m.responsibleLeaderName ?? '—'}</td>
                      <td className="center">{m.departmentName ?? '—'}</td>
                      <td className="center">{m.responsiblePerson}</td>
                      <td className="center">
                        {m.dueDate ?? (m.kind === 'long_term' ? '长期坚持' : '—')}
                        {m.originalDueDate && m.originalDueDate !== m.dueDate
                          ? `（原${m.originalDueDate}）`
                          : ''}
                      </td>
                      <td className="center">{statusLabel(m.status)}</td>
                      <td className="center">
                        <span className="light" style={{ background: legend.hex }} />
                        {legend.label}
                      </td>
                    </tr>
                  );
                }),
              ])}
            </tbody>
          </table>
          {shown.length === 0 && <p>没有符合条件的整改措施。</p>}
        </>
      )}
    </div>
  );
}
