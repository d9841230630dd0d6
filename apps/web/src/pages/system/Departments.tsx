import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { Created, useCommand } from '../../api/command';
import { newIdempotencyKey } from '../../lib/forms';
import { Department, useDepartments } from './directory';

export function Departments() {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const command = useCommand(form, ['name']);
  const [created, setCreated] = useState<string | null>(null);
  const submit = async (v: { name?: string }) => {
    const result = await command.send<{ id: string }>('/api/v1/departments', { name: v.name?.trim() ?? '' });
    if (!result) return;
    setCreated(v.name?.trim() ?? '');
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['departments'] });
  };
  return (
    <>
      {created && <Created onAgain={() => setCreated(null)}>已创建部门“{created}”，可在下表中看到。</Created>}
      {command.banner}
      <Form form={form} name="department" layout="inline" onFinish={submit} style={{ marginBottom: 16 }}>
        <Form.Item label="部门名称" name="name" required>
          <Input maxLength={50} placeholder="如：立案庭" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={command.pending}>
            新建部门
          </Button>
        </Form.Item>
      </Form>
      <Table<Department>
        size="small"
        rowKey="id"
        data-testid="departments-table"
        loading={departments.isLoading}
        dataSource={departments.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无部门' }}
        columns={[
          { title: '部门名称', dataIndex: 'name' },
          {
            title: '创建时间',
            dataIndex: 'createdAt',
            render: (t: string) => t.slice(0, 16).replace('T', ' '),
          },
          {
            title: '状态',
            key: 'status',
            render: (_, d) => (d.retired ? <Tag>已撤销</Tag> : <Tag color="green">正常</Tag>),
          },
          { title: '操作', key: 'actions', render: (_, d) => <DepartmentActions department={d} /> },
        ]}
      />
    </>
  );
}

/** 更名 and 撤销 on one department row (机构改革); a retired department keeps its records. */
function DepartmentActions({ department }: { department: Department }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [renaming, setRenaming] = useState(false);
  const [form] = Form.useForm<{ name?: string }>();
  const command = useCommand(form, ['name']);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['departments'] });
  const retire = async () => {
    try {
      await api(`/api/v1/departments/${encodeURIComponent(department.id)}/retire`, {
        method: 'POST',
        headers: { 'Idempotency-Key': newIdempotencyKey() },
      });
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : '操作失败，请稍后重试');
    } finally {
      await refresh();
    }
  };
  if (department.retired) return null;
  return (
    <Space size="small">
      <Button size="small" onClick={() => setRenaming(true)}>
        更名
      </Button>
      <Popconfirm
        title={`撤销“${department.name}”？`}
        description="撤销后保留其全部记录，但不能再承担新的问题和措施。"
        onConfirm={retire}
      >
        <Button size="small" danger>
          撤销
        </Button>
      </Popconfirm>
      <Modal
        open={renaming}
        title={`“${department.name}”更名`}
        okText="保存"
        confirmLoading={command.pending}
        onCancel={() => setRenaming(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {command.banner}
        <Form
          form={form}
          name="rename-department"
          layout="vertical"
          initialValues={{ name: department.name }}
          onFinish={async (v) => {
            const done = await command.patch(`/api/v1/departments/${encodeURIComponent(department.id)}`, {
              name: v.name?.trim() ?? '',
            });
            if (done === null) return;
            setRenaming(false);
            await refresh();
          }}
        >
          <Form.Item label="新名称" name="name" required>
            <Input maxLength={50} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
