import { type Kysely, sql } from 'kysely';

/**
 * What IM robots and SMS need of a user to reach them: a mobile number (mentioned by number, an
 * SMS destination) and their ids in DingTalk, WeCom and Feishu (`{ "dingtalk": "…", "wecom": "…",
 * "feishu": "ou_…" }`, mentioned by id), kept in the org directory.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .alterTable('users')
    .addColumn('mobile', 'text')
    .addColumn('im_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .withSchema('tessera')
    .alterTable('users')
    .dropColumn('im_ids')
    .dropColumn('mobile')
    .execute();
}
