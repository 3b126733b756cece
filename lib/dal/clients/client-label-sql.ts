import 'server-only';
import { sql, type SQL } from 'drizzle-orm';

/** How a client user is named outside the client pages: by their account's codename, never their real name. */
export const clientLabelSql = (
  userId: SQL,
) => sql<string>`coalesce((select string_agg(ca.codename, ', ' order by ca.codename)
  from client_account_members cm join client_accounts ca on ca.id = cm.client_account_id
  where cm.user_id = ${userId}) || ' (client)', 'Client user')`;
