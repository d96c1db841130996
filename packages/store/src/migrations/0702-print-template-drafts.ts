import { type Kysely, sql } from 'kysely';

/**
 * A print template's draft: what the template editor saves while the published definition keeps
 * printing; publishing checks the draft, makes it the definition (version + 1) and clears it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.print_templates
    add column draft jsonb, add column draft_updated_at timestamptz, add column draft_updated_by uuid`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tessera.print_templates
    drop column draft, drop column draft_updated_at, drop column draft_updated_by`.execute(db);
}
