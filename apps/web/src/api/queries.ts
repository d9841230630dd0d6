import { useQuery } from '@tanstack/react-query';
import { joinBoardPages } from '../lib/board';
import { Board, Campaign, InboxAlert, LadderStep, SessionUser } from '../lib/types';
import { api, ApiError } from './client';

export function useCampaigns(refetchInterval?: number) {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api<Campaign[]>('/api/v1/campaigns'),
    refetchInterval,
  });
}

/** The API's largest page: the court-wide board (no campaign) is only ever answered in pages. */
const COURT_PAGE_SIZE = 1000;

export function boardPath(campaignId: string | undefined, asOf: string | undefined, page?: number): string {
  const params = new URLSearchParams();
  if (campaignId) params.set('campaignId', campaignId);
  if (asOf) params.set('asOf', asOf);
  if (page !== undefined) {
    params.set('page', String(page));
    params.set('pageSize', String(COURT_PAGE_SIZE));
  }
  const query = params.toString();
  return `/api/v1/board${query ? `?${query}` : ''}`;
}

/**
 * One campaign's board comes whole; the court's comes in pages, read here one after another and
 * joined (a group split over two pages appears once, its totals being over all its rows anyway),
 * so the wall and its charts count every measure, not the first page's.
 */
async function fetchBoard(campaignId: string | undefined, asOf: string | undefined, signal: AbortSignal) {
  if (campaignId) return api<Board>(boardPath(campaignId, asOf), { signal });
  const pages = [await api<Board>(boardPath(undefined, asOf, 1), { signal })];
  for (let page = 2; page <= (pages[0].page?.pages ?? 1); page++) {
    pages.push(await api<Board>(boardPath(undefined, asOf, page), { signal }));
  }
  return joinBoardPages(pages);
}

export function useBoard(
  campaignId: string | undefined,
  asOf: string | undefined,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: ['board', campaignId ?? null, asOf ?? null],
    queryFn: ({ signal }) => fetchBoard(campaignId, asOf, signal),
    enabled: options.enabled ?? true,
    refetchInterval: options.refetchInterval,
    placeholderData: (previous) => previous,
  });
}

/**
 * GET /api/v1/me where the API has it; until then (404) the user the login returned. Either way the
 * header shows the name and role the server knows.
 */
export function useMe(fallback: SessionUser | null) {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        return await api<SessionUser>('/api/v1/me');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && fallback) return fallback;
        throw error;
      }
    },
    enabled: fallback !== null,
    staleTime: 60_000,
  });
}

export function useInbox() {
  return useQuery({
    queryKey: ['me', 'alerts'],
    queryFn: () => api<InboxAlert[]>('/api/v1/me/alerts'),
    refetchInterval: 60_000,
  });
}

/** GET /api/v1/court: the court's name (COURT_NAME) and the bulletin issuer; needs no login. */
export interface CourtInfo {
  name: string;
  bulletinIssuer: string;
}

export function useCourt() {
  return useQuery({
    queryKey: ['court'],
    queryFn: () => api<CourtInfo>('/api/v1/court'),
    staleTime: Infinity,
  });
}

/** GET /api/v1/supervision-ladder: the court's 督办阶梯, which changes only with a restart. */
export function useSupervisionLadder() {
  return useQuery({
    queryKey: ['supervision-ladder'],
    queryFn: () => api<{ steps: LadderStep[] }>('/api/v1/supervision-ladder'),
    staleTime: 600_000,
  });
}
