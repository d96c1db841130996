import { http } from './http';
import type { UserRef } from './pending-contracts';

export interface DirectoryDepartment {
  readonly id: string;
  readonly code: string;
  readonly name: string;
}
export interface Directory {
  readonly users: readonly UserRef[];
  readonly departments: readonly DirectoryDepartment[];
}

/** Names of active users and departments, readable by everyone signed in. */
export const directoryApi = {
  list: () => http.get<Directory>('/api/directory'),
};
