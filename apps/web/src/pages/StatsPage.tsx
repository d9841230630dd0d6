import { CopyOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadFile } from '../api/download';
import { api } from '../api/client';
import { useCampaigns } from '../api/queries';
import { ClipboardHost, copyText } from '../lib/clipboard';
import { chineseDate } from '../lib/dates';
import { CampaignSummary, reportPath, summaryFigures, summaryPath } from '../lib/reports';

/** The browser's own clipboard and the execCommand fallback through a hidden text area. */
function browserClipboard(): ClipboardHost {
  return {
    clipboard: typeof navigator !== 'undefined' ? navigator.clipboard : null,
    execCopy: (text) => {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      try {
        return document.execCommand('copy');
      } finally {
        area.remove();
      }
    },
  };
}

/** 统计: the figures a report quotes for one campaign on a chosen day, and the sentence that quotes them. */
export default function StatsPage() {
  const { message } = AntApp.useApp();
  const [params, setParams] = useSearchParams();
  const campaigns = useCampaigns();
  const campaignId = params.get('campaignId') ?? campaigns.data?.[0]?.id;
  const today = dayjs().format('YYYY-MM-DD');
  const asOf = params.get('asOf') ?? today;
  const path = campaignId ? summaryPath(campaignId, asOf, today) : null;
  const summary = useQuery({
    queryKey: ['summary', path],
    queryFn: () => api<CampaignSummary>(path!),
    enabled: path !== null,
    placeholderData: (previous) => previous,
  });

  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const [downloading, setDownloading] = useState<string | null>(null);
  const downloadReport = async (document: 'report.docx' | 'summary.xlsx') => {
    if (!campaignId) return;
    setDownloading(document);
    try {
      const name = await downloadFile(
        reportPath(campaignId, asOf, summary.data?.today ?? today, document),
        document === 'report.docx' ? `整改进展情况报告-${asOf}.docx` : `整改情况统计表-${asOf}.xlsx`,
      );
      message.success(`已下载 ${name}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setDownloading(null);
    }
  };

  const copy = async (sentence: string) => {
    if (await copyText(sentence, browserClipboard())) message.success('已复制');
    else message.warning('无法访问剪贴板，请选中文字后手动复制');
  };

  const data = summary.data;
  const shownDay = data ? (data.asOf ?? data.today) : asOf;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          整改情况统计
        </Typography.Title>
        <Select
          aria-label="整改专项"
          style={{ width: 280 }}
          loading={campaigns.isPending}
          value={campaignId}
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
          onChange={(v) => set('campaignId', v)}
          placeholder="选择整改专项"
        />
        <DatePicker
          aria-label="截至日期"
          data-testid="as-of"
          allowClear={false}
          value={dayjs(asOf)}
          // The court's today once the API has said it: the browser's clock may differ.
          disabledDate={(d) => d.isAfter(dayjs(summary.data?.today ?? today), 'day')}
          onChange={(d) => set('asOf', d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : null)}
        />
        <Button
          icon={<FileWordOutlined />}
          disabled={!campaignId}
          loading={downloading === 'report.docx'}
          onClick={() => downloadReport('report.docx')}
          data-testid="download-report"
        >
          下载报告（Word）
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          disabled={!campaignId}
          loading={downloading === 'summary.xlsx'}
          onClick={() => downloadReport('summary.xlsx')}
          data-testid="download-figures"
        >
          导出统计表（Excel）
        </Button>
        {data && (
          <Typography.Text type="secondary" data-testid="stats-day">
            {data.asOf ? `截至 ${chineseDate(data.asOf)} 日终` : `截至 ${chineseDate(data.today)}（实时）`}
          </Typography.Text>
        )}
      </Space>

      {campaigns.error || summary.error ? (
        <Alert
          type="error"
          showIcon
          title={`统计数据加载失败：${(campaigns.error ?? summary.error)!.message}`}
        />
      ) : campaigns.data && campaigns.data.length === 0 ? (
        <Empty description="还没有整改专项" />
      ) : !data ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : (
        <Spin spinning={summary.isFetching}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small" title={`主要数据（${chineseDate(shownDay)}）`} data-testid="stats-figures">
              <Row gutter={[16, 16]}>
                {summaryFigures(data).map((f) => (
                  <Col key={f.key} xs={12} md={8} lg={4}>
                    <Card size="small" variant="outlined">
                      <Statistic
                        title={f.label}
                        value={f.value}
                        suffix={f.unit}
                        valueStyle={{ color: f.tone, fontSize: 24 }}
                        data-figure={f.key}
                      />
                    </Card>
                  </Col>
                ))}
              </Row>
            </Card>
            <Card
              size="small"
              title="报告表述"
              extra={
                <Button icon={<CopyOutlined />} onClick={() => copy(data.sentence)}>
                  复制
                </Button>
              }
            >
              <Typography.Paragraph style={{ fontSize: 16, margin: 0 }} data-testid="stats-sentence">
                {data.sentence}
              </Typography.Paragraph>
            </Card>
          </Space>
        </Spin>
      )}
    </Space>
  );
}
