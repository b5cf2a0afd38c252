/** User accounts. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type UserRow, users } from '../db/schema.ts';

/** A user as the API returns it (never the password hash). */
export interface UserJson {
  id: number;
  email: string;
  name: string | null;
  created_at: Date;
}

export function userJson(row: UserRow): UserJson {
  return { id: row.id, email: row.email, name: row.name, created_at: row.createdAt };
}

/** Creates a user; undefined when the email is taken. */
export async function createUser(
  db: Db,
  input: { email: string; name: string | null; passwordHash: string },
): Promise<UserRow | undefined> {
  const [row] = await db
    .insert(users)
    .values(input)
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

/** Deletes a user; their tasks, conversations and messages go with them (ON DELETE CASCADE). */
export async function deleteUser(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
  return rows.length > 0;
}
