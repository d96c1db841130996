import { useQuery } from '@tanstack/react-query';
import { appsApi } from '../../api/apps.api';
import { notificationsApi } from '../../api/notifications.api';
import { tasksApi } from '../../api/tasks.api';

export const useApps = () => useQuery({ queryKey: ['apps'], queryFn: appsApi.list, staleTime: 5 * 60_000 });

export const useForms = (app: string | undefined) =>
  useQuery({
    queryKey: ['apps', app, 'forms'],
    queryFn: () => appsApi.forms(app!),
    enabled: Boolean(app),
    staleTime: 5 * 60_000,
  });

export const useTaskCounts = () =>
  useQuery({ queryKey: ['tasks', 'counts'], queryFn: tasksApi.counts, refetchInterval: 60_000 });

/** The flows the user may follow in full (the flow monitor is shown to them only). */
export const useMonitoredFlows = () =>
  useQuery({ queryKey: ['flows', 'monitored'], queryFn: tasksApi.monitored, staleTime: 5 * 60_000 });

export const useOpenNotifications = () =>
  useQuery({
    queryKey: ['notifications', 'open'],
    queryFn: () => notificationsApi.list('open'),
    refetchInterval: 60_000,
  });
