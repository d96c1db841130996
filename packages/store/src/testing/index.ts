export { createTestDatabase, type TestDatabase } from './create-test-database';
export type { TestDatabaseInfo } from './test-database-info';
