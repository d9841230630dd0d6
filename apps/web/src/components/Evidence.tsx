import { InboxOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Input, List, Modal, Space, Spin, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { downloadFile } from '../api/download';
import { evidenceObjectUrl, uploadEvidence } from '../api/upload';
import { ACCEPTED_EVIDENCE, EvidenceFile, fileSize, isWithdrawn, previewKind } from '../lib/evidence';
import { courtTime } from '../lib/timeline';
import { newIdempotencyKey } from '../lib/measure-light';

const attachmentsPath = (measureId: string) =>
  `/api/v1/measures/${encodeURIComponent(measureId)}/attachments`;

/** The measure's files with who attached each and when (readers of its history only). */
export function useEvidence(measureId: string, enabled = true) {
  return useQuery({
    queryKey: ['measure', measureId, 'attachments'],
    queryFn: () => api<EvidenceFile[]>(attachmentsPath(measureId)),
    enabled,
  });
}

/** Shows an image, a PDF or a video in the page, fetched with the user's token. */
export function EvidencePreview({ file, onClose }: { file: EvidenceFile | null; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return undefined;
    let revoked = false;
    let made: string | null = null;
    setUrl(null);
    setError(null);
    evidenceObjectUrl(file.id).then(
      (objectUrl) => {
        made = objectUrl;
        if (revoked) URL.revokeObjectURL(objectUrl);
        else setUrl(objectUrl);
      },
      (e: Error) => setError(e.message),
    );
    return () => {
      revoked = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [file]);
  const kind = file ? previewKind(file.mediaType) : null;
  return (
    <Modal
      open={file !== null}
      title={file ? `预览：${file.fileName}` : ''}
      onCancel={onClose}
      footer={
        file ? (
          <Space>
            <Button
              onClick={() =>
                void downloadFile(`/api/v1/attachments/${encodeURIComponent(file.id)}`, file.fileName)
              }
            >
              下载原文件
            </Button>
            <Button type="primary" onClick={onClose}>
              关闭
            </Button>
          </Space>
        ) : null
      }
      width={kind === 'pdf' ? 960 : 760}
      destroyOnHidden
    >
      <div data-testid="evidence-preview">
        {error ? (
          <Alert type="error" showIcon title={error} />
        ) : !url ? (
          <Spin />
        ) : kind === 'image' ? (
          <img
            src={url}
            alt={file?.fileName}
            style={{ maxWidth: '100%' }}
            data-testid="evidence-preview-image"
          />
        ) : kind === 'pdf' ? (
          <iframe src={url} title={file?.fileName} style={{ width: '100%', height: '70vh', border: 0 }} />
        ) : kind === 'video' ? (
          <video src={url} controls style={{ maxWidth: '100%' }} />
        ) : (
          <Typography.Text>该类型文件不能在页面中预览，请下载后查看。</Typography.Text>
        )}
      </div>
    </Modal>
  );
}

/** One file as a line: its name, size, who and when; preview, download and (for its department) withdraw. */
function EvidenceLine({
  file,
  onPreview,
  onWithdraw,
}: {
  file: EvidenceFile;
  onPreview: (file: EvidenceFile) => void;
  onWithdraw?: (file: EvidenceFile) => void;
}) {
  const { message } = AntApp.useApp();
  const withdrawn = isWithdrawn(file);
  const actions = [
    previewKind(file.mediaType) ? (
      <Button
        key="preview"
        size="small"
        type="link"
        onClick={() => onPreview(file)}
        aria-label={`预览 ${file.fileName}`}
      >
        预览
      </Button>
    ) : null,
    <Button
      key="download"
      size="small"
      type="link"
      aria-label={`下载 ${file.fileName}`}
      onClick={() =>
        downloadFile(`/api/v1/attachments/${encodeURIComponent(file.id)}`, file.fileName).catch((e: Error) =>
          message.error(e.message),
        )
      }
    >
      下载
    </Button>,
    onWithdraw && !withdrawn ? (
      <Button key="withdraw" size="small" type="link" danger onClick={() => onWithdraw(file)}>
        撤回
      </Button>
    ) : null,
  ].filter(Boolean);
  const withdrawal = typeof file.withdrawn === 'object' ? file.withdrawn : null;
  return (
    <List.Item actions={actions} data-testid="evidence-file">
      <Space orientation="vertical" size={0}>
        <Space size={4} wrap>
          <PaperClipOutlined />
          <Typography.Text delete={withdrawn}>{file.fileName}</Typography.Text>
          <Typography.Text type="secondary">{fileSize(file.size)}</Typography.Text>
          {withdrawn && <Tag>已撤回</Tag>}
        </Space>
        {file.attachedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {file.attachedBy?.displayName ?? ''} {courtTime(file.attachedAt)} 上传
            {file.note ? `，说明：${file.note}` : ''}
            {withdrawal
              ? `；${withdrawal.by.displayName ?? ''} ${courtTime(withdrawal.at)} 撤回，理由：${withdrawal.reason}`
              : ''}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 11 }} copyable={{ text: file.sha256 }}>
          SHA-256 {file.sha256.slice(0, 16)}…
        </Typography.Text>
      </Space>
    </List.Item>
  );
}

/** A list of files with an in-page preview. */
export function EvidenceList({
  files,
  onWithdraw,
  empty = '暂无佐证材料',
}: {
  files: EvidenceFile[];
  onWithdraw?: (file: EvidenceFile) => void;
  empty?: string;
}) {
  const [preview, setPreview] = useState<EvidenceFile | null>(null);
  return (
    <>
      {files.length === 0 ? (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={files}
          renderItem={(f) => <EvidenceLine file={f} onPreview={setPreview} onWithdraw={onWithdraw} />}
        />
      )}
      <EvidencePreview file={preview} onClose={() => setPreview(null)} />
    </>
  );
}

/** 佐证材料 of a measure, for the measure page: the list, and withdrawal with a reason for its department. */
export function EvidencePanel({ measureId, mayWithdraw }: { measureId: string; mayWithdraw: boolean }) {
  const evidence = useEvidence(measureId);
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [withdrawing, setWithdrawing] = useState<EvidenceFile | null>(null);
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const withdraw = useMutation({
    mutationFn: (file: EvidenceFile) =>
      api(`${attachmentsPath(measureId)}/${encodeURIComponent(file.id)}/withdraw`, {
        method: 'POST',
        body: { reason: reason.trim() },
        headers: { 'Idempotency-Key': key },
      }),
    onSuccess: () => {
      message.success('佐证材料已撤回（文件仍留存备查）');
      setWithdrawing(null);
      setReason('');
      setKey(newIdempotencyKey());
      void queryClient.invalidateQueries({ queryKey: ['measure', measureId] });
    },
    onError: (error) => {
      setKey(newIdempotencyKey());
      message.error(error.message);
    },
  });
  if (evidence.isPending) return <Spin />;
  if (evidence.isError)
    return evidence.error instanceof ApiError && evidence.error.status === 403 ? (
      <Typography.Text type="secondary">佐证材料仅供党组成员、纪检监察人员和本部门查看</Typography.Text>
    ) : (
      <Alert type="error" showIcon title={evidence.error.message} />
    );
  return (
    <>
      <EvidenceList files={evidence.data} onWithdraw={mayWithdraw ? setWithdrawing : undefined} />
      <Modal
        open={withdrawing !== null}
        title={withdrawing ? `撤回佐证材料：${withdrawing.fileName}` : ''}
        okText="撤回"
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: withdraw.isPending }}
        cancelText="取消"
        onOk={() => withdrawing && withdraw.mutate(withdrawing)}
        onCancel={() => setWithdrawing(null)}
      >
        <Typography.Paragraph type="secondary">
          撤回后该文件不再作为佐证材料引用，但文件本身永久留存，不会删除。
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="撤回理由"
          placeholder="撤回理由"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2 }}
        />
      </Modal>
    </>
  );
}

/**
 * The file field of the progress and completion forms (a Form.Item's value: the ids of the files
 * uploaded here). Each file dropped or picked is uploaded at once, with a progress bar; the form
 * then cites the ones that arrived.
 */
export function EvidenceUpload({
  measureId,
  value = [],
  onChange,
  onEtag,
}: {
  measureId: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Each upload moves the measure's revision on: the form's own write must name the new one. */
  onEtag?: (etag: string) => void;
}) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const ids = (list: UploadFile[]) =>
    list.filter((f) => f.status === 'done' && f.response?.id).map((f) => String(f.response.id));
  return (
    <Upload.Dragger
      multiple
      accept={ACCEPTED_EVIDENCE}
      fileList={files}
      data-testid="evidence-upload"
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        uploadEvidence(measureId, file as File, {
          idempotencyKey: newIdempotencyKey(),
          onProgress: (percent) => onProgress?.({ percent }),
        }).then(
          (uploaded) => {
            if (uploaded.etag) onEtag?.(uploaded.etag);
            onSuccess?.(uploaded);
          },
          (error: Error) => onError?.(error),
        );
      }}
      onChange={({ fileList }) => {
        const shown = fileList.map((f) =>
          f.status === 'error' && f.error instanceof Error ? { ...f, response: f.error.message } : f,
        );
        setFiles(shown);
        const next = ids(shown);
        if (next.join() !== value.join()) onChange?.(next);
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">将文件拖到此处，或点击选择文件</p>
      <p className="ant-upload-hint">
        PDF、OFD、图片、Word、Excel、PowerPoint、纯文本或 MP4；文件类型按内容识别
      </p>
    </Upload.Dragger>
  );
}
