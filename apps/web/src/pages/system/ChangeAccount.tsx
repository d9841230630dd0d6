import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useCommand } from '../../api/command';
import { ACCOUNT_ROLES, changeAccountBody, ChangeAccountValues } from '../../lib/forms';
import { Account, useDepartments } from './directory';

/**
 * 调整: the administrator changes an account's name or position. Making someone a leader or the
 * secretary only asks for it: the secretary confirms on 授权确认, and the dialog says so.
 */
export function ChangeAccount({ account }: { account: Account }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ChangeAccountValues>();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const command = useCommand(form, ['displayName', 'role', 'departmentId', 'secretary']);
  const role = Form.useWatch('role', form);
  const [asked, setAsked] = useState(false);
  const close = () => {
    setOpen(false);
    setAsked(false);
  };
  const submit = async (v: ChangeAccountValues) => {
    const body = changeAccountBody(account, v);
    if (Object.keys(body).length === 0) return close();
    const changed = await command.patch<Account>(`/api/v1/users/${encodeURIComponent(account.id)}`, body);
    await queryClient.invalidateQueries({ queryKey: ['users'] });
    if (changed === null) return;
    if (changed.pendingGrant) setAsked(true);
    else close();
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} disabled={account.pendingGrant !== null}>
        调整
      </Button>
      <Modal
        open={open}
        title={`调整 ${account.displayName}（${account.username}）`}
        okText={asked ? '知道了' : '保存'}
        confirmLoading={command.pending}
        onCancel={close}
        onOk={() => (asked ? close() : form.submit())}
        cancelButtonProps={asked ? { style: { display: 'none' } } : undefined}
        destroyOnHidden
      >
        {asked ? (
          <Alert
            type="info"
            showIcon
            data-testid="grant-asked"
            title="已提交授权申请"
            description="授予党组成员角色或党组书记职务须经现任党组书记在“授权确认”中确认后生效；在此之前该账号保持原有角色。"
          />
        ) : (
          <>
            {command.banner}
            <Form
              form={form}
              name="change-account"
              layout="vertical"
              onFinish={submit}
              initialValues={{
                displayName: account.displayName,
                role: account.role,
                departmentId: account.departmentId ?? undefined,
                secretary: account.secretary,
              }}
            >
              <Form.Item label="姓名" name="displayName" required>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                label="角色"
                name="role"
                required
                extra="改为党组成员须经党组书记确认；角色或部门变更后该账号须重新登录"
              >
                <Select options={ACCOUNT_ROLES} virtual={false} />
              </Form.Item>
              {role === 'department_head' && (
                <Form.Item label="所在部门" name="departmentId" required>
                  <Select
                    virtual={false}
                    placeholder="请选择部门"
                    options={(departments.data ?? [])
                      .filter((d) => !d.retired)
                      .map((d) => ({ value: d.id, label: d.name }))}
                    showSearch={{ optionFilterProp: 'label' }}
                  />
                </Form.Item>
              )}
              {role === 'leader' && (
                <Form.Item name="secretary" valuePropName="checked">
                  <Checkbox>党组书记（须经现任书记确认，确认后书记职务随之交接）</Checkbox>
                </Form.Item>
              )}
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
