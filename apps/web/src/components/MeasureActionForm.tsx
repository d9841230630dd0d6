import { useMutation } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiWithEtag, ApiError } from '../api/client';
import { newIdempotencyKey } from '../lib/measure-light';
import { EvidenceUpload } from './Evidence';

/** `files`: evidence files (佐证材料) uploaded at once, the field's value their ids. */
type FieldKind = 'text' | 'textarea' | 'percent' | 'date' | 'files';

interface FieldSpec {
  /** The API's body field: its errors name it, so they land beside this input. */
  name: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
}

export interface ActionSpec {
  key: string;
  label: string;
  submitLabel: string;
  danger?: boolean;
  fields: FieldSpec[];
  /** The route under /api/v1/measures/:id, given the pending extension's request id where needed. */
  path: (requestId: string | null) => string;
}

const reason = (label = '理由'): FieldSpec => ({ name: 'reason', label, kind: 'textarea', required: true });
const opinion: FieldSpec = { name: 'opinion', label: '审核意见', kind: 'textarea' };
const evidenceFiles: FieldSpec = { name: 'attachmentIds', label: '上传佐证材料', kind: 'files' };

/** Every action allowedActions may name that is taken through a form (acknowledgeAlert is a button on the alert). */
export const ACTIONS: Record<string, ActionSpec> = {
  reportProgress: {
    key: 'reportProgress',
    label: '报告进展',
    submitLabel: '提交进展',
    fields: [
      { name: 'note', label: '进展情况', kind: 'textarea', required: true },
      { name: 'percent', label: '完成百分比', kind: 'percent', required: true },
      evidenceFiles,
    ],
    path: () => 'progress',
  },
  requestExtension: {
    key: 'requestExtension',
    label: '申请延期',
    submitLabel: '提交延期申请',
    fields: [{ name: 'newDueDate', label: '申请延期至', kind: 'date', required: true }, reason('延期理由')],
    path: () => 'extension-requests',
  },
  approveExtension: {
    key: 'approveExtension',
    label: '同意延期',
    submitLabel: '同意延期',
    fields: [opinion],
    path: (requestId) => `extension-requests/${encodeURIComponent(requestId ?? '')}/approve`,
  },
  rejectExtension: {
    key: 'rejectExtension',
    label: '不同意延期',
    submitLabel: '不同意延期',
    danger: true,
    fields: [reason('不同意理由')],
    path: (requestId) => `extension-requests/${encodeURIComponent(requestId ?? '')}/reject`,
  },
  submitCompletion: {
    key: 'submitCompletion',
    label: '提交完成',
    submitLabel: '提交完成',
    fields: [
      { name: 'summary', label: '完成情况', kind: 'textarea', required: true },
      { name: 'evidence', label: '佐证材料', kind: 'textarea' },
      evidenceFiles,
    ],
    path: () => 'completion',
  },
  signOff: {
    key: 'signOff',
    label: '销号',
    submitLabel: '同意销号',
    fields: [opinion],
    path: () => 'sign-off',
  },
  return: {
    key: 'return',
    label: '退回',
    submitLabel: '退回',
    danger: true,
    fields: [reason('退回理由')],
    path: () => 'return',
  },
  reopen: {
    key: 'reopen',
    label: '回头看重新打开',
    submitLabel: '重新打开',
    danger: true,
    fields: [reason('重新打开理由'), { name: 'newDueDate', label: '新的完成时限', kind: 'date' }],
    path: () => 'reopen',
  },
  cancel: {
    key: 'cancel',
    label: '撤销措施',
    submitLabel: '撤销措施',
    danger: true,
    fields: [reason('撤销理由')],
    path: () => 'cancel',
  },
  recordOutcome: {
    key: 'recordOutcome',
    label: '记录建章立制成果',
    submitLabel: '记录成果',
    fields: [{ name: 'title', label: '制度成果名称', kind: 'text', required: true }],
    path: () => 'outcomes',
  },
  urge: {
    key: 'urge',
    label: '催办',
    submitLabel: '发出催办',
    fields: [{ name: 'message', label: '催办内容', kind: 'textarea', required: true }],
    path: () => 'urge',
  },
  lookBack: {
    key: 'lookBack',
    label: '回头看',
    submitLabel: '确认未反弹',
    fields: [{ name: 'finding', label: '回头看情况', kind: 'textarea', required: true }],
    path: () => 'look-back',
  },
};

/** `"7"` → 7; anything else (no ETag) counts as older than any revision. */
function revisionOf(etag: string): number {
  const m = /^(?:W\/)?"(\d+)"$/.exec(etag.trim());
  return m ? Number(m[1]) : -1;
}

export const CONFLICT_MESSAGE = '该措施已被他人修改，已刷新为最新内容，请核对后重新提交';

/** The body the API expects: dates as YYYY-MM-DD, empty optional text left out. */
function bodyOf(fields: FieldSpec[], values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    body[field.name] =
      field.kind === 'date'
        ? (value as Dayjs).format('YYYY-MM-DD')
        : typeof value === 'string'
          ? value.trim()
          : value;
  }
  return body;
}

export interface MeasureActionFormProps {
  measureId: string;
  /** The ETag the page loaded: the write is refused (412) if the measure changed since. */
  etag: string;
  action: ActionSpec;
  requestId: string | null;
  onDone: () => void;
  onConflict: () => void;
  onCancel?: () => void;
}

/**
 * One action as a small form. Its Idempotency-Key is made when the form opens, so a double click or
 * a retry after a lost answer records once; a new one follows a refusal that recorded nothing.
 */
export function MeasureActionForm({
  measureId,
  etag,
  action,
  requestId,
  onDone,
  onConflict,
  onCancel,
}: MeasureActionFormProps) {
  const [form] = Form.useForm();
  const [key, setKey] = useState(newIdempotencyKey);
  const [formError, setFormError] = useState<string | null>(null);
  // Files uploaded in this form are recorded at once, each moving the revision on: the write names
  // the latest of those and of the page's own (reloaded after a conflict).
  const [uploadedEtag, setUploadedEtag] = useState<string | null>(null);
  const laterEtag = (next: string) =>
    setUploadedEtag((known) => (known === null || revisionOf(next) > revisionOf(known) ? next : known));
  const currentEtag =
    uploadedEtag !== null && revisionOf(uploadedEtag) > revisionOf(etag) ? uploadedEtag : etag;
  const names = new Set(action.fields.map((f) => f.name));
  const mutation = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiWithEtag(`/api/v1/measures/${encodeURIComponent(measureId)}/${action.path(requestId)}`, {
        method: 'POST',
        body,
        headers: { 'If-Match': currentEtag, 'Idempotency-Key': key },
      }),
    onSuccess: () => onDone(),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) {
        setKey(newIdempotencyKey());
        setFormError(null);
        onConflict();
        return;
      }
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) setKey(newIdempotencyKey());
      const fieldErrors = error instanceof ApiError ? error.errors.filter((e) => names.has(e.field)) : [];
      if (fieldErrors.length > 0) {
        form.setFields(fieldErrors.map((e) => ({ name: e.field, errors: [e.message] })));
        setFormError(null);
      } else setFormError(error.message);
    },
  });
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={action.label}
      data-testid={`action-form-${action.key}`}
      onFinish={(values) => {
        setFormError(null);
        mutation.mutate(bodyOf(action.fields, values));
      }}
      disabled={mutation.isPending}
    >
      {action.fields.map((field) => (
        <Form.Item
          key={field.name}
          name={field.name}
          label={field.label}
          rules={field.required ? [{ required: true, message: `请填写${field.label}` }] : []}
        >
          {field.kind === 'textarea' ? (
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          ) : field.kind === 'percent' ? (
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
          ) : field.kind === 'files' ? (
            <EvidenceUpload measureId={measureId} onEtag={laterEtag} />
          ) : field.kind === 'date' ? (
            <DatePicker format="YYYY-MM-DD" placeholder="YYYY-MM-DD" />
          ) : (
            <Input />
          )}
        </Form.Item>
      ))}
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
      <Space>
        <Button
          type="primary"
          danger={action.danger}
          htmlType="submit"
          loading={mutation.isPending}
          autoInsertSpace={false}
        >
          {action.submitLabel}
        </Button>
        {onCancel && <Button onClick={onCancel}>取消</Button>}
      </Space>
    </Form>
  );
}
