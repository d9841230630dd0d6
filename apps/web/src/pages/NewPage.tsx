import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { Created, useCommand } from '../api/command';
import { useCampaigns } from '../api/queries';
import { CAMPAIGN_SOURCES, kindHasDeadline, measureBody } from '../lib/forms';
import { MeasureKind } from '../lib/types';
import { ImportPanel } from './ImportPanel';

interface Department {
  id: string;
  name: string;
  retired?: boolean;
}
interface Leader {
  id: string;
  displayName: string;
  secretary: boolean;
}
interface CampaignDetail {
  id: string;
  title: string;
  problems: { id: string; number: number; title: string }[];
}

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : undefined);

/** The departments that may take new work: a retired (撤销) one is not offered. */
function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => api<Department[]>('/api/v1/departments'),
    select: (all) => all.filter((d) => !d.retired),
  });
}

const LAYOUT = { labelCol: { flex: '120px' }, wrapperCol: { flex: '1' }, style: { maxWidth: 760 } } as const;

function CampaignForm() {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const command = useCommand(form, ['title', 'source', 'issuedOn', 'description']);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const submit = async (v: { title?: string; source?: string; issuedOn?: Dayjs; description?: string }) => {
    const result = await command.send<{ id: string }>('/api/v1/campaigns', {
      title: v.title?.trim() ?? '',
      source: v.source,
      issuedOn: day(v.issuedOn),
      ...(v.description?.trim() ? { description: v.description.trim() } : {}),
    });
    if (!result) return;
    setCreated({ id: result.id, title: v.title?.trim() ?? '' });
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  };
  return (
    <>
      {created && (
        <Created onAgain={() => setCreated(null)}>
          已创建整改专项“{created.title}”：
          <Link to={`/board?campaignId=${created.id}`}>在挂图作战中查看</Link>
          <Typography.Text type="secondary">，或在“新建问题”中为它添加问题。</Typography.Text>
        </Created>
      )}
      {command.banner}
      <Form form={form} name="campaign" {...LAYOUT} onFinish={submit}>
        <Form.Item label="专项名称" name="title" required>
          <Input maxLength={200} placeholder="如：2026年巡察反馈问题整改" />
        </Form.Item>
        <Form.Item label="问题来源" name="source" required>
          <Select options={CAMPAIGN_SOURCES} placeholder="请选择" />
        </Form.Item>
        <Form.Item label="印发日期" name="issuedOn" required>
          <DatePicker placeholder="选择日期" />
        </Form.Item>
        <Form.Item label="说明" name="description">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={command.pending}>
            创建专项
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

// Form.Item hands its field id down; the Select's input must carry it for the label to name it.
function CampaignPicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (id: string) => void;
}) {
  const campaigns = useCampaigns();
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={campaigns.isLoading}
      placeholder="请选择整改专项"
      options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.title }))}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}

function ProblemForm() {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const command = useCommand(form, ['title', 'departmentIds', 'category', 'rootCause', 'description']);
  const [created, setCreated] = useState<{ campaignId: string; number: number; title: string } | null>(null);
  const submit = async (v: {
    campaignId?: string;
    title?: string;
    departmentIds?: string[];
    category?: string;
    rootCause?: string;
  }) => {
    if (!v.campaignId) {
      form.setFields([{ name: 'campaignId', errors: ['请选择整改专项'] }]);
      return;
    }
    const optional = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);
    const result = await command.send<{ id: string; number: number }>(
      `/api/v1/campaigns/${encodeURIComponent(v.campaignId)}/problems`,
      {
        title: v.title?.trim() ?? '',
        departmentIds: v.departmentIds ?? [],
        category: optional(v.category),
        rootCause: optional(v.rootCause),
      },
    );
    if (!result) return;
    setCreated({ campaignId: v.campaignId, number: result.number, title: v.title?.trim() ?? '' });
    form.resetFields(['title', 'departmentIds', 'category', 'rootCause']);
    await queryClient.invalidateQueries({ queryKey: ['campaign', v.campaignId] });
  };
  return (
    <>
      {created && (
        <Created onAgain={() => setCreated(null)}>
          已记录问题 {created.number}“{created.title}”：
          <Link to={`/board?campaignId=${created.campaignId}`}>在挂图作战中查看</Link>
          <Typography.Text type="secondary">，或在“新建措施”中为它添加整改措施。</Typography.Text>
        </Created>
      )}
      {command.banner}
      <Form form={form} name="problem" {...LAYOUT} onFinish={submit}>
        <Form.Item label="整改专项" name="campaignId" required>
          <CampaignPicker />
        </Form.Item>
        <Form.Item label="问题" name="title" required>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item label="责任部门" name="departmentIds" required>
          <Select
            mode="multiple"
            loading={departments.isLoading}
            placeholder="可选择多个部门"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="问题类别" name="category">
          <Input maxLength={100} placeholder="如：作风建设、执法办案" />
        </Form.Item>
        <Form.Item label="原因分析" name="rootCause">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={command.pending}>
            记录问题
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

const KINDS: { value: MeasureKind; label: string }[] = [
  { value: 'immediate', label: '立行立改' },
  { value: 'deadline', label: '限期整改' },
  { value: 'long_term', label: '长期坚持' },
];

const MEASURE_FIELDS = [
  'content',
  'target',
  'kind',
  'responsibleLeaderId',
  'departmentId',
  'responsiblePerson',
  'dueDate',
  'reportEveryDays',
  'milestones',
];

function MeasureForm() {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  // GET /leaders: the leader accounts any signed-in user may read (GET /users is the administrator's).
  const leaders = useQuery({ queryKey: ['leaders'], queryFn: () => api<Leader[]>('/api/v1/leaders') });
  const campaignId = Form.useWatch('campaignId', form) as string | undefined;
  const kind = Form.useWatch('kind', form) as MeasureKind | undefined;
  const campaign = useQuery({
    queryKey: ['campaign', campaignId],
    queryFn: () => api<CampaignDetail>(`/api/v1/campaigns/${encodeURIComponent(campaignId ?? '')}`),
    enabled: Boolean(campaignId),
  });
  const command = useCommand(form, MEASURE_FIELDS);
  const [created, setCreated] = useState<{ id: string; number: string } | null>(null);

  const submit = async (v: Record<string, unknown>) => {
    if (!v.problemId) {
      form.setFields([{ name: 'problemId', errors: ['请选择所属问题'] }]);
      return;
    }
    const milestones = (v.milestones as { title?: string; dueDate?: Dayjs }[] | undefined) ?? [];
    const body = measureBody({
      ...(v as object),
      dueDate: day(v.dueDate as Dayjs | undefined),
      milestones: milestones.map((m) => m && { title: m.title, dueDate: day(m.dueDate) }),
    });
    const result = await command.send<{ id: string; number: string }>(
      `/api/v1/problems/${encodeURIComponent(String(v.problemId))}/measures`,
      body,
    );
    if (!result) return;
    setCreated(result);
    form.resetFields(MEASURE_FIELDS);
    await queryClient.invalidateQueries({ queryKey: ['board'] });
    await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  };

  return (
    <>
      {created && (
        <Created onAgain={() => setCreated(null)}>
          已添加整改措施 {created.number}：
          <Link to={`/measures/${created.id}`}>打开措施 {created.number}</Link>
        </Created>
      )}
      {command.banner}
      <Form form={form} name="measure" {...LAYOUT} initialValues={{ kind: 'deadline' }} onFinish={submit}>
        <Form.Item label="整改专项" name="campaignId" required>
          <CampaignPicker onChange={() => form.setFieldValue('problemId', undefined)} />
        </Form.Item>
        <Form.Item label="所属问题" name="problemId" required>
          <Select
            disabled={!campaignId}
            loading={campaign.isLoading && Boolean(campaignId)}
            placeholder={campaignId ? '请选择问题' : '请先选择整改专项'}
            options={(campaign.data?.problems ?? []).map((p) => ({
              value: p.id,
              label: `${p.number}. ${p.title}`,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="整改措施" name="content" required>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label="整改目标" name="target">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item label="措施类型" name="kind" required>
          <Radio.Group options={KINDS} optionType="button" />
        </Form.Item>
        {kindHasDeadline(kind) ? (
          <Form.Item label="完成时限" name="dueDate" required>
            <DatePicker placeholder="选择日期" />
          </Form.Item>
        ) : (
          <Form.Item
            label="报告周期（天）"
            name="reportEveryDays"
            required
            extra="长期坚持的措施无完成时限，按周期报告进展"
          >
            <InputNumber min={1} max={366} precision={0} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item label="责任领导" name="responsibleLeaderId" required>
          <Select
            loading={leaders.isLoading}
            placeholder="请选择党组成员"
            options={(leaders.data ?? []).map((l) => ({
              value: l.id,
              label: l.secretary ? `${l.displayName}（党组书记）` : l.displayName,
            }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="责任部门" name="departmentId" required>
          <Select
            loading={departments.isLoading}
            placeholder="请选择部门"
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label="责任人" name="responsiblePerson" required>
          <Input maxLength={100} style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label="节点">
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" data-testid="milestone">
                    <Form.Item name={[field.name, 'title']} noStyle={false} style={{ marginBottom: 0 }}>
                      <Input
                        placeholder="节点名称"
                        aria-label={`节点${index + 1}名称`}
                        style={{ width: 280 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueDate']} style={{ marginBottom: 0 }}>
                      <DatePicker placeholder="节点时间" aria-label={`节点${index + 1}时间`} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={`删除节点${index + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                  添加节点
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item label=" " colon={false}>
          <Button type="primary" htmlType="submit" loading={command.pending}>
            添加措施
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

const TABS = [
  { key: 'campaign', label: '新建专项', children: <CampaignForm /> },
  { key: 'problem', label: '新建问题', children: <ProblemForm /> },
  { key: 'measure', label: '新建措施', children: <MeasureForm /> },
  { key: 'import', label: '导入清单', children: <ImportPanel CampaignSelect={CampaignPicker} /> },
];

/** 新建: a leader writes the rectification plan — campaign, its problems, their measures (五定). */
export default function NewPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.some((t) => t.key === params.get('tab')) ? (params.get('tab') as string) : 'campaign';
  return (
    <Card title="新建" size="small">
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={TABS}
      />
    </Card>
  );
}
