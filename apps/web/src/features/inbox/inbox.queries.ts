import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type InboxBox, type InstanceQuery, tasksApi } from '../../api/tasks.api';

/** A box, a page at a time (keyset cursor from the server). */
export function useInboxBox(box: InboxBox) {
  return useInfiniteQuery({
    queryKey: ['tasks', 'box', box],
    queryFn: ({ pageParam, signal }) => tasksApi.list(box, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
}

export const useTask = (id: string) =>
  useQuery({ queryKey: ['tasks', 'detail', id], queryFn: () => tasksApi.task(id) });

export const useTimeline = (instanceId: string | undefined) =>
  useQuery({
    queryKey: ['flow-instances', instanceId, 'timeline'],
    queryFn: () => tasksApi.timeline(instanceId!),
    enabled: Boolean(instanceId),
  });

export const useInstances = (query: InstanceQuery, enabled = true) =>
  useQuery({
    queryKey: ['flow-instances', 'list', query],
    queryFn: () => tasksApi.instances(query),
    enabled,
  });

export { useMonitoredFlows } from '../shell/shell.queries';

/** After an action: every box, the counts, the timelines and the records may have moved. */
export function useRefreshAfterAction() {
  const client = useQueryClient();
  return async (app?: string, form?: string) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['tasks'] }),
      client.invalidateQueries({ queryKey: ['flow-instances'] }),
      client.invalidateQueries({ queryKey: ['notifications'] }),
      ...(app && form
        ? [client.invalidateQueries({ queryKey: ['apps', app, 'forms', form, 'records'] })]
        : []),
    ]);
  };
}
