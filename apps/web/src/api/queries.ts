import { useQuery } from '@tanstack/react-query';
import { Board, Campaign, InboxAlert, SessionUser } from '../lib/types';
import { api, ApiError } from './client';

export function useCampaigns(refetchInterval?: number) {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api<Campaign[]>('/api/v1/campaigns'),
    refetchInterval,
  });
}

export function boardPath(campaignId: string | undefined, asOf: string | undefined): string {
  const params = new URLSearchParams();
  if (campaignId) params.set('campaignId', campaignId);
  if (asOf) params.set('asOf', asOf);
  const query = params.toString();
  return `/api/v1/board${query ? `?${query}` : ''}`;
}

export function useBoard(
  campaignId: string | undefined,
  asOf: string | undefined,
  options: { enabled?: boolean; refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: ['board', campaignId ?? null, asOf ?? null],
    queryFn: ({ signal }) => api<Board>(boardPath(campaignId, asOf), { signal }),
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
