import type { MessengerVendor } from '@tessera/schema';
import { type Kysely, sql } from 'kysely';
import { phoneNumbersOf } from './message-outbox.writer';

/** How a message reaches users: the vendor's ids to @-mention, and the numbers to mention or text. */
export interface UserContacts {
  readonly userIds: readonly string[];
  readonly mobiles: readonly string[];
}

/**
 * Who of these users a messenger can reach, from the org directory (users' `mobile` and `im_ids`):
 * an IM robot @-mentions a user by their id in that vendor when they have one, else by mobile; an
 * SMS goes to their mobile. Users with neither are left out (they still get in-app and e-mail).
 */
export async function userContactsFor(
  executor: Kysely<any>,
  userIds: readonly string[],
  vendor: MessengerVendor,
): Promise<UserContacts> {
  if (userIds.length === 0) return { userIds: [], mobiles: [] };
  const r = await sql<{ mobile: string | null; im_id: string | null }>`
    select mobile, im_ids ->> ${vendor}::text as im_id from tessera.users
    where id = any(${[...userIds]}::uuid[]) and status = 'active' order by lower(username)`.execute(executor);
  const ids = vendor === 'aliyun_sms' ? [] : r.rows.flatMap((u) => (u.im_id ? [u.im_id] : []));
  const byMobile = r.rows
    .filter((u) => vendor === 'aliyun_sms' || !u.im_id)
    .flatMap((u) => (u.mobile ? [u.mobile] : []));
  return { userIds: [...new Set(ids)], mobiles: phoneNumbersOf(byMobile) };
}
