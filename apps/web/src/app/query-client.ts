import { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error';

/** Server state lives here. Client errors (4xx) are not retried: retrying cannot change them. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
