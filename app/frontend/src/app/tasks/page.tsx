import type { Metadata } from 'next';
import { AppHeader } from '@/components/AppHeader';
import { TasksView } from '@/components/TasksView';
import type { TaskFilter } from '@/lib/api-client';
import { requireUser } from '@/lib/session';

export const metadata: Metadata = { title: 'Tasks' };

const filters: readonly TaskFilter[] = ['all', 'pending', 'completed'];

export default async function TasksPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const status = (await searchParams).status;
  const filter = filters.find((f) => f === status) ?? 'all';
  const user = await requireUser(filter === 'all' ? '/tasks' : `/tasks?status=${filter}`);
  return (
    <>
      <AppHeader user={user} current="tasks" />
      <main id="main" className="page">
        <TasksView userId={user.id} filter={filter} />
      </main>
    </>
  );
}
