import { useInfiniteQuery } from '@tanstack/react-query';
import type { ListParams } from '../../../api/records.api';
import { recordsApi } from '../../../api/records.api';

export const PAGE_SIZE = 100;

/**
 * Keyset pages of a list, fetched as the user scrolls (the grid asks for the next page near the
 * end): 100k rows scroll without all of them being loaded; the first page also brings the total.
 */
export function useRecordPages(
  app: string,
  form: string,
  params: Omit<ListParams, 'cursor' | 'limit' | 'count'>,
) {
  return useInfiniteQuery({
    queryKey: ['apps', app, 'forms', form, 'records', 'list', params],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      recordsApi.list(
        app,
        form,
        { ...params, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : { count: 'exact' }) },
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 15_000,
  });
}
