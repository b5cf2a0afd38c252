/** The session as server components see it. */
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  isUsableToken,
  parseUserCookie,
  type SessionUser,
  tokenCookie,
  userCookie,
} from './session-cookie';

/** The signed-in user, or undefined when there is no usable session. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const store = await cookies();
  if (!isUsableToken(store.get(tokenCookie)?.value)) return undefined;
  return parseUserCookie(store.get(userCookie)?.value);
}

/** The signed-in user; sends anyone else to sign in, then back to `returnTo`. */
export async function requireUser(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  return user;
}
