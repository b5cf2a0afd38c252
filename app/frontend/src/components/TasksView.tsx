'use client';

import Link from 'next/link';
import { type FormEvent, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createApiClient, type Task, type TaskFilter } from '@/lib/api-client';
import { ConfirmDialog } from './ConfirmDialog';
import { TaskItem } from './TaskItem';

const filterLabels: Record<TaskFilter, string> = {
  all: 'All',
  pending: 'Pending',
  completed: 'Completed',
};

const emptyText: Record<TaskFilter, string> = {
  all: 'No tasks yet. Add your first one above, or ask the assistant in Chat.',
  pending: 'Nothing pending. Nice work!',
  completed: 'No completed tasks yet.',
};

/** Where the list stands; `filter` says which filter the loaded tasks belong to. */
type Load =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; filter: TaskFilter };

function belongs(task: Task, filter: TaskFilter): boolean {
  return filter === 'all' || (filter === 'completed') === task.completed;
}

/** The task list: filter, add, edit, complete, delete. */
export function TasksView({ userId, filter }: { userId: number | string; filter: TaskFilter }) {
  const api = useMemo(() => createApiClient(userId), [userId]);
  const [tasks, setTasks] = useState<Task[]>([]);
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [actionError, setActionError] = useState<string | undefined>();
  const [adding, setAdding] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<Task | undefined>();
  const titleRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = useId();

  // Only the latest list request may fill the list: filters can change mid-flight.
  const latestRequest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    setLoad({ state: 'loading' });
    const result = await api.listTasks(filter);
    if (request !== latestRequest.current) return;
    if (result.ok) {
      setTasks(result.data);
      setLoad({ state: 'ready', filter });
    } else {
      if (result.error.status === 401) window.location.assign('/signin?next=/tasks');
      setLoad({ state: 'error', message: result.error.message });
    }
  }, [api, filter]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  function reportFailure(message: string) {
    setActionError(message);
    setAnnouncement('');
  }

  async function addTask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const title = String(form.get('title') ?? '').trim();
    const description = String(form.get('description') ?? '').trim();
    if (!title) {
      reportFailure('Give the task a title.');
      titleRef.current?.focus();
      return;
    }
    setAdding(true);
    setActionError(undefined);
    const result = await api.createTask(description ? { title, description } : { title });
    setAdding(false);
    if (!result.ok) return reportFailure(`Could not add the task: ${result.error.message}`);
    formElement.reset();
    titleRef.current?.focus();
    if (belongs(result.data, filter)) setTasks((list) => [...list, result.data]);
    setAnnouncement(`Added “${result.data.title}”.`);
  }

  async function saveTask(task: Task, input: { title: string; description: string | null }) {
    setActionError(undefined);
    const result = await api.updateTask(task.id, input);
    if (!result.ok) {
      reportFailure(`Could not save the task: ${result.error.message}`);
      return false;
    }
    setTasks((list) => list.map((t) => (t.id === task.id ? result.data : t)));
    setAnnouncement(`Saved “${result.data.title}”.`);
    return true;
  }

  async function toggleTask(task: Task) {
    setActionError(undefined);
    // Show the new state at once; put the old one back if the API refuses.
    setTasks((list) =>
      list.map((t) => (t.id === task.id ? { ...t, completed: !task.completed } : t)),
    );
    const result = await api.toggleTask(task.id);
    if (!result.ok) {
      setTasks((list) => list.map((t) => (t.id === task.id ? task : t)));
      return reportFailure(`Could not update the task: ${result.error.message}`);
    }
    const updated = result.data;
    setTasks((list) =>
      belongs(updated, filter)
        ? list.map((t) => (t.id === task.id ? updated : t))
        : list.filter((t) => t.id !== task.id),
    );
    setAnnouncement(
      updated.completed ? `Completed “${updated.title}”.` : `Marked “${updated.title}” as pending.`,
    );
  }

  async function confirmDelete() {
    const task = pendingDelete;
    if (!task) return;
    setPendingDelete(undefined);
    setActionError(undefined);
    const result = await api.deleteTask(task.id);
    if (!result.ok) return reportFailure(`Could not delete the task: ${result.error.message}`);
    setTasks((list) => list.filter((t) => t.id !== task.id));
    setAnnouncement(`Deleted “${task.title}”.`);
    // The focused Delete button is gone; put focus somewhere predictable.
    headingRef.current?.focus();
  }

  return (
    <div className="tasks">
      <h1 ref={headingRef} tabIndex={-1}>
        Tasks
      </h1>

      <form className="card add-task" onSubmit={addTask} aria-labelledby={`${ids}-add`}>
        <h2 id={`${ids}-add`} className="visually-hidden">
          Add a task
        </h2>
        <div className="field">
          <label htmlFor={`${ids}-title`}>New task</label>
          <input
            id={`${ids}-title`}
            ref={titleRef}
            name="title"
            maxLength={200}
            required
            placeholder="What needs doing?"
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-description`}>
            Description <span className="optional">(optional)</span>
          </label>
          <textarea id={`${ids}-description`} name="description" maxLength={1000} rows={2} />
        </div>
        <button type="submit" className="button button--primary" disabled={adding}>
          {adding ? 'Adding…' : 'Add task'}
        </button>
      </form>

      <nav aria-label="Filter tasks" className="filters">
        {(Object.keys(filterLabels) as TaskFilter[]).map((f) => (
          <Link
            key={f}
            href={f === 'all' ? '/tasks' : `/tasks?status=${f}`}
            aria-current={f === filter ? 'page' : undefined}
            className="filter"
            replace
          >
            {filterLabels[f]}
          </Link>
        ))}
      </nav>

      {actionError ? (
        <p className="alert" role="alert">
          {actionError}
        </p>
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      <section aria-labelledby={`${ids}-list`}>
        <h2 id={`${ids}-list`} className="visually-hidden">
          {filterLabels[filter]} tasks
        </h2>
        {load.state === 'loading' || (load.state === 'ready' && load.filter !== filter) ? (
          <p className="muted" role="status">
            Loading tasks…
          </p>
        ) : load.state === 'error' ? (
          <div className="alert" role="alert">
            <p>Could not load your tasks: {load.message}</p>
            <button type="button" className="button" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        ) : tasks.length === 0 ? (
          <p className="empty">{emptyText[filter]}</p>
        ) : (
          <ul className="task-list" aria-label={`${filterLabels[filter]} tasks`}>
            {tasks.map((task) => (
              <TaskItem
                key={task.id}
                task={task}
                onToggle={() => toggleTask(task)}
                onSave={(input) => saveTask(task, input)}
                onDelete={() => setPendingDelete(task)}
              />
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={pendingDelete !== undefined}
        title="Delete task?"
        confirmLabel="Delete"
        onConfirm={() => void confirmDelete()}
        onCancel={() => setPendingDelete(undefined)}
      >
        “{pendingDelete?.title}” will be deleted. This cannot be undone.
      </ConfirmDialog>
    </div>
  );
}
