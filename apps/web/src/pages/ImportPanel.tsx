import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { ComponentType, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { downloadFile } from '../api/download';
import { AppliedImport, ImportCellError, ImportPreview, previewImport } from '../api/imports';

const ROLE_LABEL: Record<string, string> = {
  problem: '问题',
  measure: '措施',
  'problem+measure': '问题及措施',
  heading: '分类',
  ignored: '',
};

/**
 * 导入: a leader uploads the court's existing problem list, sees every row as read with each bad
 * cell marked and its message, fixes the file and uploads again, then confirms.
 */
export function ImportPanel({
  CampaignSelect,
}: {
  /** The page's own campaign picker (a Form.Item control). */
  CampaignSelect: ComponentType<{ id?: string; value?: string; onChange?: (id: string) => void }>;
}) {
  const [form] = Form.useForm<{ campaignId?: string }>();
  const campaignId = Form.useWatch('campaignId', form);
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [applied, setApplied] = useState<AppliedImport | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    if (!campaignId) {
      form.setFields([{ name: 'campaignId', errors: ['请先选择整改专项'] }]);
      return;
    }
    setBusy(true);
    setFailure(null);
    setApplied(null);
    try {
      setPreview(await previewImport(campaignId, file));
    } catch (error) {
      setPreview(null);
      setFailure(error instanceof ApiError ? error.message : '上传失败');
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setFailure(null);
    try {
      setApplied(
        await api<AppliedImport>(`/api/v1/imports/${encodeURIComponent(preview.importId)}/apply`, {
          method: 'POST',
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['campaign', preview.campaignId] });
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : '导入失败');
    } finally {
      setBusy(false);
    }
  };

  const errorsAt = new Map<string, ImportCellError[]>();
  for (const e of preview?.errors ?? []) {
    const key = `${e.row}|${e.column}`;
    errorsAt.set(key, [...(errorsAt.get(key) ?? []), e]);
  }
  const columns = [
    { title: '行', dataIndex: 'row', key: 'row', width: 56, fixed: 'left' as const },
    {
      title: '识别为',
      key: 'role',
      width: 88,
      render: (_: unknown, r: ImportPreview['rows'][number]) =>
        ROLE_LABEL[r.role] ? <Tag>{ROLE_LABEL[r.role]}</Tag> : null,
    },
    ...(preview?.columns ?? []).map((c) => ({
      title: c.header,
      key: c.header,
      width: c.key === 'problem' || c.key === 'measure' ? 220 : 110,
      onCell: (r: ImportPreview['rows'][number]) =>
        errorsAt.has(`${r.row}|${c.header}`)
          ? { className: 'import-bad-cell', style: { background: '#fff1f0', outline: '1px solid #ff4d4f' } }
          : {},
      render: (_: unknown, r: ImportPreview['rows'][number]) => {
        const bad = errorsAt.get(`${r.row}|${c.header}`);
        const text = r.cells[c.header] ?? '';
        if (!bad) return text;
        return (
          <Tooltip title={bad.map((b) => b.message).join('\n')}>
            <div>
              <div>{text || '（空）'}</div>
              {bad.map((b) => (
                <Typography.Text key={b.message} type="danger" style={{ fontSize: 12 }}>
                  {b.message.replace(/^第\d+行「[^」]*」：/, '')}
                </Typography.Text>
              ))}
            </div>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">
        上传本院已有的问题清单（Excel、CSV 或 Word
        表格），先预览，逐格检查无误后再导入；导入前不会记录任何内容。
      </Typography.Paragraph>
      <Form form={form} layout="inline" name="import" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="整改专项" name="campaignId" required>
          <CampaignSelect />
        </Form.Item>
        <Form.Item>
          <Upload
            accept=".xlsx,.csv,.docx"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy && !preview}>
              {preview ? '重新上传' : '上传清单'}
            </Button>
          </Upload>
        </Form.Item>
        <Form.Item>
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void downloadFile('/api/v1/imports/template.xlsx', '问题清单导入模板.xlsx').catch(
                (e: unknown) => setFailure(e instanceof ApiError ? e.message : '下载失败'),
              )
            }
          >
            下载导入模板
          </Button>
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      {applied && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已导入 ${applied.created.problems} 个问题、${applied.created.measures} 条整改措施`}
          description={<Link to={`/board?campaignId=${preview?.campaignId ?? ''}`}>在挂图作战中查看</Link>}
        />
      )}
      {preview && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text strong>{preview.fileName}</Typography.Text>
            <Typography.Text>
              识别出 {preview.problems.length} 个问题、{preview.measures.length} 条整改措施
            </Typography.Text>
            {preview.errors.length > 0 ? (
              <Tag color="error">{preview.errors.length} 处错误，请修改文件后重新上传</Tag>
            ) : (
              <Tag color="success">未发现错误</Tag>
            )}
            <Button
              type="primary"
              disabled={preview.errors.length > 0 || busy || applied !== null}
              loading={busy}
              onClick={() => void apply()}
            >
              确认导入
            </Button>
          </Space>
          {preview.errors.length > 0 && (
            <Alert
              type="error"
              style={{ marginBottom: 12 }}
              message="错误"
              description={
                <ul className="import-errors" style={{ margin: 0, paddingLeft: 20 }}>
                  {preview.errors.map((e) => (
                    <li key={`${e.row}-${e.column}-${e.message}`}>{e.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {preview.warnings.length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 12 }}
              message="提示"
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {preview.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Table
            size="small"
            rowKey="row"
            bordered
            columns={columns}
            dataSource={preview.rows}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, showSizeChanger: false }}
          />
        </>
      )}
    </>
  );
}
