import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/session';

/** The home page is the task list for the signed in, the sign-in page for everyone else. */
export default async function HomePage() {
  redirect((await currentUser()) ? '/tasks' : '/signin');
}
