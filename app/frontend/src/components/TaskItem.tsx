'use client';

import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { Task } from '@/lib/api-client';

/** One task: checkbox to complete, edit in place, delete (after confirmation). */
export function TaskItem({
  task,
  onToggle,
  onSave,
  onDelete,
}: {
  task: Task;
  onToggle: () => Promise<void>;
  onSave: (input: { title: string; description: string | null }) => Promise<boolean>;
  onDelete: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const titleInputRef = useRef<HTMLInputElement>(null);
  const returnFocus = useRef(false);
  const ids = useId();

  useEffect(() => {
    if (editing) {
      titleInputRef.current?.focus();
      titleInputRef.current?.select();
    } else if (returnFocus.current) {
      returnFocus.current = false;
      editButtonRef.current?.focus();
    }
  }, [editing]);

  function stopEditing() {
    returnFocus.current = true;
    setEditing(false);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const title = String(form.get('title') ?? '').trim();
    if (!title) {
      titleInputRef.current?.focus();
      return;
    }
    const description = String(form.get('description') ?? '').trim();
    setBusy(true);
    const saved = await onSave({ title, description: description || null });
    setBusy(false);
    if (saved) stopEditing();
  }

  function cancelOnEscape(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    }
  }

  async function toggle() {
    setBusy(true);
    await onToggle();
    setBusy(false);
  }

  if (editing) {
    return (
      <li className="task task--editing">
        <form onSubmit={save} onKeyDown={cancelOnEscape} aria-label={`Edit “${task.title}”`}>
          <div className="field">
            <label htmlFor={`${ids}-title`}>Title</label>
            <input
              id={`${ids}-title`}
              ref={titleInputRef}
              name="title"
              defaultValue={task.title}
              maxLength={200}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-description`}>Description</label>
            <textarea
              id={`${ids}-description`}
              name="description"
              defaultValue={task.description ?? ''}
              maxLength={1000}
              rows={2}
            />
          </div>
          <div className="task__actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button" onClick={stopEditing}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={task.completed ? 'task task--done' : 'task'}>
      <input
        id={`${ids}-done`}
        type="checkbox"
        className="task__check"
        checked={task.completed}
        disabled={busy}
        onChange={() => void toggle()}
        aria-describedby={task.description ? `${ids}-description` : undefined}
      />
      <div className="task__body">
        <label htmlFor={`${ids}-done`} className="task__title">
          {task.title}
        </label>
        {task.description ? (
          <p id={`${ids}-description`} className="task__description">
            {task.description}
          </p>
        ) : null}
      </div>
      <div className="task__actions">
        <button
          type="button"
          ref={editButtonRef}
          className="button button--quiet"
          onClick={() => setEditing(true)}
          aria-label={`Edit “${task.title}”`}
        >
          Edit
        </button>
        <button
          type="button"
          className="button button--danger-quiet"
          onClick={onDelete}
          aria-label={`Delete “${task.title}”`}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
