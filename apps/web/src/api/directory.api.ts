import type { DirectoryOut } from '@tessera/api';
import { http } from './http';

/** Names of active users and departments, readable by everyone signed in. */
export const directoryApi = {
  list: () => http.get<DirectoryOut>('/api/directory'),
};
