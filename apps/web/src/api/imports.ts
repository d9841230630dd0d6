import { getToken } from '../auth/session';
import { ApiError, renewSession, sessionExpired } from './client';

/** A cell the server could not take, by the sheet's row and its own column header. */
export interface ImportCellError {
  row: number;
  column: string;
  message: string;
}

/** What POST /campaigns/:id/imports answers: the plan read from the file, and every bad cell. */
export interface ImportPreview {
  importId: string;
  campaignId: string;
  fileName: string;
  columns: { key: string; header: string }[];
  problems: { row: number; title: string; departmentNames: string[] }[];
  measures: { row: number; problemRow: number; content: string }[];
  rows: { row: number; role: string; cells: Record<string, string> }[];
  errors: ImportCellError[];
  warnings: string[];
}

export interface AppliedImport {
  created: { problems: number; measures: number };
  problems: { row: number; id: string; number: number | null; title: string; created: boolean }[];
  measures: { row: number; id: string; number: string; content: string; created: boolean }[];
}

/** Uploads a problem list (Excel, CSV, Word) for a preview; nothing is recorded until it is applied. */
export async function previewImport(campaignId: string, file: File, renewed = false): Promise<ImportPreview> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const form = new FormData();
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`/api/v1/campaigns/${encodeURIComponent(campaignId)}/imports`, {
      method: 'POST',
      headers,
      body: form,
    });
  } catch {
    throw new ApiError(0, '无法连接服务器，请检查网络后重试');
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401) {
      if (!renewed && (await renewSession())) return previewImport(campaignId, file, true);
      sessionExpired();
    }
    throw new ApiError(
      response.status,
      typeof body?.message === 'string' ? body.message : `上传失败（${response.status}）`,
      body?.code ?? null,
      body?.field ?? null,
    );
  }
  return body as ImportPreview;
}
