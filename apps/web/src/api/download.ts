import { getToken } from '../auth/session';
import { fileNameFromDisposition } from '../lib/reports';
import { ApiError, renewSession, sessionExpired } from './client';

/**
 * Fetches a file the API serves only with the Bearer token (a plain link would carry none) and hands
 * it to the browser as a download, named as the server's Content-Disposition says.
 */
export async function downloadFile(path: string, fallbackName: string, renewed = false): Promise<string> {
  const headers: Record<string, string> = { 'Accept-Language': 'zh-CN' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    if (response.status === 401) {
      if (!renewed && (await renewSession())) return downloadFile(path, fallbackName, true);
      sessionExpired();
    }
    throw new ApiError(
      response.status,
      typeof body?.message === 'string' ? body.message : `下载失败（${response.status}）`,
      body?.code ?? null,
      body?.field ?? null,
      Array.isArray(body?.errors) ? body.errors : [],
    );
  }
  const name = fileNameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // Let the click start the download before the object URL goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
