import { getToken } from '../auth/session';
import { ApiError, renewSession, sessionExpired } from './client';

export interface UploadedFile {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** The measure's ETag after the upload (its stream revision): a form's later write names it in If-Match. */
  etag: string | null;
}

/**
 * Uploads one evidence file to a measure as multipart/form-data (field `file`), telling the
 * percentage sent as it goes (fetch cannot, XMLHttpRequest can). The Idempotency-Key makes a retry
 * of the same upload record once.
 */
export async function uploadEvidence(
  measureId: string,
  file: File,
  options: { idempotencyKey: string; onProgress?: (percent: number) => void; signal?: AbortSignal },
): Promise<UploadedFile> {
  try {
    return await sendUpload(measureId, file, options);
  } catch (error) {
    // An expired access token is renewed from the session cookie once, and the file sent again
    // (same Idempotency-Key: recorded once).
    if (!(error instanceof ApiError && error.status === 401)) throw error;
    if (await renewSession()) return sendUpload(measureId, file, options);
    sessionExpired();
    throw error;
  }
}

function sendUpload(
  measureId: string,
  file: File,
  {
    idempotencyKey,
    onProgress,
    signal,
  }: { idempotencyKey: string; onProgress?: (percent: number) => void; signal?: AbortSignal },
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/measures/${encodeURIComponent(measureId)}/attachments`);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', 'zh-CN');
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, '无法连接服务器，请检查网络后重试'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let body: Record<string, unknown> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body)
        return resolve({ ...(body as unknown as UploadedFile), etag: xhr.getResponseHeader('ETag') });
      reject(
        new ApiError(
          xhr.status,
          typeof body?.message === 'string' ? body.message : `上传失败（${xhr.status}）`,
          typeof body?.code === 'string' ? body.code : null,
          typeof body?.field === 'string' ? body.field : null,
        ),
      );
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** The file's bytes, fetched with the Bearer token, as an object URL the page can show (revoke it after). */
export async function evidenceObjectUrl(attachmentId: string, renewed = false): Promise<string> {
  const headers: Record<string, string> = { 'Accept-Language': 'zh-CN' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`/api/v1/attachments/${encodeURIComponent(attachmentId)}`, { headers });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      if (!renewed && (await renewSession())) return evidenceObjectUrl(attachmentId, true);
      sessionExpired();
    }
    throw new ApiError(
      response.status,
      typeof body?.message === 'string' ? body.message : `读取失败（${response.status}）`,
    );
  }
  return URL.createObjectURL(await response.blob());
}
