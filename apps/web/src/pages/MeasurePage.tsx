import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { kindLabel, statusLabel } from '../lib/labels';
import { MeasureKind, MeasureStatus } from '../lib/types';

interface MeasureDetail {
  id: string;
  number: string;
  content: string;
  target: string | null;
  kind: MeasureKind;
  responsibleLeaderName: string | null;
  departmentName: string | null;
  responsiblePerson: string;
  originalDueDate: string | null;
  dueDate: string | null;
  reportEveryDays: number | null;
  milestones: { title: string; dueDate: string }[];
  status: MeasureStatus;
  returned: boolean;
  reopened: boolean;
  percent: number;
  lastReportedOn: string | null;
  extensionsGranted: number;
}

/** 措施详情, first slice: the measure's facts as GET /measures/:id gives them. */
export default function MeasurePage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const measure = useQuery({
    queryKey: ['measure', id],
    queryFn: () => api<MeasureDetail>(`/api/v1/measures/${encodeURIComponent(id)}`),
  });
  const back = (
    // Opened from a link in another tab there is no page to go back to: the board then.
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => (window.history.length > 1 ? navigate(-1) : navigate('/board'))}
    >
      返回
    </Button>
  );
  if (measure.isPending) return <Skeleton active />;
  if (measure.isError) {
    const notFound = measure.error instanceof ApiError && measure.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? '未找到该整改措施' : measure.error.message}
        extra={back}
      />
    );
  }
  const m = measure.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {back}
      <Card title={`整改措施 ${m.number}`}>
        <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
          <Descriptions.Item label="整改措施" span={2}>
            {m.content}
          </Descriptions.Item>
          <Descriptions.Item label="整改目标" span={2}>
            {m.target ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="类型">{kindLabel(m.kind)}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Space>
              {statusLabel(m.status)}
              {m.returned && <Tag color="orange">退回</Tag>}
              {m.reopened && <Tag color="purple">回头看</Tag>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="责任领导">{m.responsibleLeaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="责任部门">{m.departmentName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="责任人">{m.responsiblePerson}</Descriptions.Item>
          <Descriptions.Item label="进度">{m.percent}%</Descriptions.Item>
          <Descriptions.Item label="原定完成时限">
            {m.originalDueDate ?? (m.kind === 'long_term' ? '长期坚持' : '—')}
          </Descriptions.Item>
          <Descriptions.Item label="当前完成时限">
            {m.dueDate ?? (m.reportEveryDays ? `每${m.reportEveryDays}天报告一次` : '—')}
            {m.extensionsGranted > 0 && <Tag style={{ marginLeft: 8 }}>已延期{m.extensionsGranted}次</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="最近报告">{m.lastReportedOn ?? '尚未报告'}</Descriptions.Item>
          <Descriptions.Item label="节点">
            {m.milestones.length === 0 ? '—' : m.milestones.map((x) => `${x.dueDate} ${x.title}`).join('；')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Alert type="info" showIcon title="完整的措施详情（历史时间线、可办理的操作）将在后续版本提供。" />
    </Space>
  );
}
