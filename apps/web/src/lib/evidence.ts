/** 佐证材料 as the API lists them (GET /measures/:id/attachments). */
export interface EvidenceFile {
  id: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  note?: string | null;
  attachedAt?: string;
  attachedBy?: { userId: string; displayName: string | null };
  /** In the list: null, or when, by whom and why; on the measure: a flag. */
  withdrawn:
    null | boolean | { reason: string; at: string; by: { userId: string; displayName: string | null } };
}

/** The types the API accepts (read from the content), for the file picker's filter. */
export const ACCEPTED_EVIDENCE =
  '.pdf,.ofd,.jpg,.jpeg,.png,.webp,.doc,.docx,.xls,.xlsx,.pptx,.txt,.mp4,application/pdf,image/jpeg,image/png,image/webp,video/mp4,text/plain';

/** Whether the page can show the file itself (an image or a PDF), rather than only offer a download. */
export function previewKind(mediaType: string): 'image' | 'pdf' | 'video' | null {
  if (mediaType.startsWith('image/')) return 'image';
  if (mediaType === 'application/pdf') return 'pdf';
  if (mediaType === 'video/mp4') return 'video';
  return null;
}

/** 1.2 MB, 340 KB, 12 B: sizes as a court clerk reads them. */
export function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function isWithdrawn(file: Pick<EvidenceFile, 'withdrawn'>): boolean {
  return file.withdrawn !== null && file.withdrawn !== false;
}
