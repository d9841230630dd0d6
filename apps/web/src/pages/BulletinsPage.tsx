import { ArrowLeftOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Modal,
  Result,
  Space,
  Table,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { useMe } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { newIdempotencyKey } from '../lib/forms';
import { downloadFile } from '../api/download';
import { chineseDate } from '../lib/dates';
import { bulletinPath, courtDateTime, formatPercentage } from '../lib/reports';

/** One department's line (libs/domain/src/bulletins/bulletin.figures.ts), named by the API. */
interface BulletinLine {
  rank: number;
  departmentId: string;
  departmentName: string;
  total: number;
  open: number;
  dueSoon: number;
  overdue: number;
  escalated: number;
  signedOff: number;
  completionRate: number;
}

/** An overdue measure the bulletin names. */
interface OverdueMeasure {
  measureId: string;
  number: string;
  content: string;
  departmentName: string;
  dueDate: string | null;
  daysOverdue: number;
}

interface Bulletin {
  id: string;
  /** 2026年第3期; the date for a bulletin issued before numbering. */
  label: string;
  number: number | null;
  issuer: string;
  issuedOn: string;
  periodStart: string;
  asOf: string;
  issuedAt: string;
  lines: BulletinLine[];
  overdueMeasures: OverdueMeasure[];
}

const period = (b: Bulletin) => `${chineseDate(b.periodStart)} 至 ${chineseDate(b.asOf)}`;

function DownloadButton({ bulletin, primary }: { bulletin: Bulletin; primary?: boolean }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(bulletinPath(bulletin.id, 'xlsx'), `督办通报${bulletin.label}.xlsx`);
      message.success(`已下载 ${name}`);
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      type={primary ? 'primary' : 'link'}
      size={primary ? 'middle' : 'small'}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={download}
    >
      下载Excel
    </Button>
  );
}

/** 发布通报: the secretary and the discipline inspectors issue one now, for the last seven days or a period they pick. */
function IssueButton() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [key, setKey] = useState(() => newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const issue = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const body = {
        ...(range?.[0] ? { periodStart: range[0].format('YYYY-MM-DD') } : {}),
        ...(range?.[1] ? { periodEnd: range[1].format('YYYY-MM-DD') } : {}),
      };
      const issued = await api<Bulletin>('/api/v1/bulletins', {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      });
      setKey(newIdempotencyKey());
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['bulletins'] });
      message.success(`已发布督办通报${issued.label}`);
      navigate(`/bulletins/${encodeURIComponent(issued.id)}`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button
        type="primary"
        icon={<SendOutlined />}
        onClick={() => setOpen(true)}
        data-testid="issue-bulletin"
      >
        发布通报
      </Button>
      <Modal
        title="发布督办通报"
        open={open}
        okText="发布"
        cancelText="取消"
        confirmLoading={busy}
        onOk={issue}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph type="secondary">
          立即统计各责任部门整改进度并发布一期通报，编号为本年度下一期。不选期间时统计截至今天的最近七天。
        </Typography.Paragraph>
        <DatePicker.RangePicker
          aria-label="统计期间"
          style={{ width: '100%' }}
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)}
        />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}

function BulletinList() {
  const { user } = useAuth();
  const me = useMe(user).data ?? user;
  const mayIssue = me !== null && (me.role === 'inspector' || (me.role === 'leader' && me.secretary));
  const bulletins = useQuery({
    queryKey: ['bulletins'],
    queryFn: () => api<Bulletin[]>('/api/v1/bulletins'),
  });
  if (bulletins.error instanceof ApiError && bulletins.error.status === 403) {
    return (
      <Result
        status="403"
        title="无权查看督办通报"
        subTitle="督办通报仅供党组成员、纪检监察人员和部门负责人查看。"
      />
    );
  }
  return (
    <Card size="small" title="督办通报" extra={mayIssue && <IssueButton />}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        系统每周按责任部门统计整改进度并发布通报，按整改完成率排名，数据相同的部门并列；党组书记和纪检监察人员也可随时发布一期。
      </Typography.Paragraph>
      {bulletins.error ? (
        <Alert type="error" showIcon title={`督办通报加载失败：${bulletins.error.message}`} />
      ) : (
        <Table<Bulletin>
          size="small"
          rowKey="id"
          data-testid="bulletin-list"
          loading={bulletins.isLoading}
          dataSource={bulletins.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '暂无督办通报' }}
          columns={[
            { title: '期号', dataIndex: 'label', width: 130 },
            {
              title: '通报期间',
              key: 'period',
              render: (_, b) => <Link to={`/bulletins/${encodeURIComponent(b.id)}`}>{period(b)}</Link>,
            },
            { title: '截至日期', dataIndex: 'asOf', width: 120 },
            { title: '发布时间', key: 'issuedAt', width: 160, render: (_, b) => courtDateTime(b.issuedAt) },
            { title: '部门数', key: 'departments', width: 90, render: (_, b) => b.lines.length },
            {
              title: '操作',
              key: 'actions',
              width: 220,
              render: (_, b) => (
                <Space size={0}>
                  <Link to={`/bulletins/${encodeURIComponent(b.id)}`}>查看</Link>
                  <DownloadButton bulletin={b} />
                </Space>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function BulletinDetail({ id }: { id: string }) {
  const bulletin = useQuery({
    queryKey: ['bulletins', id],
    queryFn: () => api<Bulletin>(bulletinPath(id)),
  });
  const back = (
    <Link to="/bulletins">
      <ArrowLeftOutlined /> 返回通报列表
    </Link>
  );
  if (bulletin.error) {
    return bulletin.error instanceof ApiError && bulletin.error.status === 404 ? (
      <Result status="404" title="督办通报不存在" extra={back} />
    ) : (
      <Alert type="error" showIcon title={`督办通报加载失败：${bulletin.error.message}`} action={back} />
    );
  }
  const b = bulletin.data;
  return (
    <Card
      size="small"
      loading={bulletin.isLoading}
      title={
        <Space>
          {back}
          <span>督办通报{b ? ` ${b.label}` : ''}</span>
        </Space>
      }
      extra={b && <DownloadButton bulletin={b} primary />}
    >
      {b && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="发文单位">{b.issuer}</Descriptions.Item>
            <Descriptions.Item label="期号">{b.label}</Descriptions.Item>
            <Descriptions.Item label="发布日期">{chineseDate(b.issuedOn)}</Descriptions.Item>
            <Descriptions.Item label="通报期间">{period(b)}</Descriptions.Item>
            <Descriptions.Item label="截至日期">{b.asOf}</Descriptions.Item>
            <Descriptions.Item label="发布时间">{courtDateTime(b.issuedAt)}</Descriptions.Item>
          </Descriptions>
          <Table<BulletinLine>
            size="small"
            bordered
            rowKey="departmentId"
            data-testid="bulletin-lines"
            dataSource={b.lines}
            pagination={false}
            locale={{ emptyText: '本期没有需要通报的措施' }}
            columns={[
              { title: '排名', dataIndex: 'rank', width: 70, align: 'center' },
              { title: '责任部门', dataIndex: 'departmentName' },
              { title: '措施总数', dataIndex: 'total', align: 'right' },
              { title: '未完成', dataIndex: 'open', align: 'right' },
              { title: '临期', dataIndex: 'dueSoon', align: 'right' },
              { title: '逾期', dataIndex: 'overdue', align: 'right' },
              { title: '督办', dataIndex: 'escalated', align: 'right' },
              { title: '已销号', dataIndex: 'signedOff', align: 'right' },
              {
                title: '整改完成率',
                dataIndex: 'completionRate',
                align: 'right',
                render: (v: number) => formatPercentage(v),
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            逾期措施（{b.overdueMeasures.length}条）
          </Typography.Title>
          <Table<OverdueMeasure>
            size="small"
            bordered
            rowKey="measureId"
            data-testid="bulletin-overdue"
            dataSource={b.overdueMeasures}
            pagination={false}
            locale={{ emptyText: '本期无逾期措施' }}
            columns={[
              {
                title: '措施',
                key: 'measure',
                render: (_, m) => (
                  <Link to={`/measures/${m.measureId}`}>
                    {m.number} {m.content}
                  </Link>
                ),
              },
              { title: '责任部门', dataIndex: 'departmentName', width: 140 },
              { title: '完成时限', dataIndex: 'dueDate', width: 120 },
              { title: '逾期天数', dataIndex: 'daysOverdue', width: 100, align: 'right' },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** 督办通报: the issued bulletins, and one bulletin's ranked department lines. */
export default function BulletinsPage() {
  const { id } = useParams();
  return id ? <BulletinDetail id={id} /> : <BulletinList />;
}
