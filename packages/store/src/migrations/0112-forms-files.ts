import { type Kysely, sql } from 'kysely';

/**
 * Attachment files: one row per stored file (its bytes live in the file storage under
 * `storage_key` — a folder on disk or an S3 bucket). A row is created by the upload for one
 * attachment field (`field`: its key, or `lineItems.key` inside line items) of one form; a record
 * write that puts the file in its value sets `record_id`. `detached_at`: the record's value no
 * longer holds it; `deleted_at`: the record is soft-deleted (its files are kept for a restore);
 * `purged_at`: the bytes are to be deleted by the sweep, then the row. Uploads never attached and
 * files detached longer than the grace period are swept too.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .createTable('files')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'uuid', (c) => c.references('tessera.users.id').onDelete('set null'))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('tessera.forms.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('record_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('attached_at', 'timestamptz')
    .addColumn('detached_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('purged_at', 'timestamptz')
    .execute();
  await sql`create index files_record_idx on tessera.files (form_id, record_id) where record_id is not null`.execute(
    db,
  );
  // The sweep's three kinds of garbage, each found by its own small partial index.
  await sql`create index files_unattached_idx on tessera.files (created_at) where record_id is null`.execute(
    db,
  );
  await sql`create index files_detached_idx on tessera.files (detached_at) where detached_at is not null`.execute(
    db,
  );
  await sql`create index files_purged_idx on tessera.files (purged_at) where purged_at is not null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.withSchema('tessera').dropTable('files').execute();
}
