import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Result, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
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

interface Bulletin {
  id: string;
  periodStart: string;
  asOf: string;
  issuedAt: string;
  lines: BulletinLine[];
}

const period = (b: Bulletin) => `${chineseDate(b.periodStart)} 至 ${chineseDate(b.asOf)}`;

function DownloadButton({ bulletin, primary }: { bulletin: Bulletin; primary?: boolean }) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const name = await downloadFile(bulletinPath(bulletin.id, 'xlsx'), `督办通报-${bulletin.asOf}.xlsx`);
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

function BulletinList() {
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
    <Card size="small" title="督办通报">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        系统每周按责任部门统计整改进度并发布通报，按整改完成率排名。
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
          <span>督办通报{b ? `（截至${chineseDate(b.asOf)}）` : ''}</span>
        </Space>
      }
      extra={b && <DownloadButton bulletin={b} primary />}
    >
      {b && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
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
