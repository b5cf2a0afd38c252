/** Task queries, always scoped to one user: a task of another user is simply not found. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type TaskRow, tasks } from '../db/schema.ts';

/** A task as the API returns it. */
export interface TaskJson {
  id: number;
  user_id: number;
  title: string;
  description: string | null;
  completed: boolean;
  created_at: Date;
  updated_at: Date;
}

/** JSON Schema of {@link TaskJson}: lets Fastify serialize responses with fast-json-stringify. */
export const taskJsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    user_id: { type: 'integer' },
    title: { type: 'string' },
    description: { type: ['string', 'null'] },
    completed: { type: 'boolean' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
  },
  required: ['id', 'user_id', 'title', 'description', 'completed', 'created_at', 'updated_at'],
} as const;

/** Which tasks a list returns. */
export type StatusFilter = 'all' | 'pending' | 'completed';

/** Fields a caller may change. */
export interface TaskPatch {
  title?: string | undefined;
  description?: string | null | undefined;
  completed?: boolean | undefined;
}

/** Maps a row to the API's snake_case shape. */
export function taskJson(row: TaskRow): TaskJson {
  return {
    id: row.id,
    user_id: row.userId,
    title: row.title,
    description: row.description,
    completed: row.completed,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** Task queries over one database; the hot ones are prepared once and reused. */
export class TaskStore {
  private readonly db: Db;
  private readonly listAll;
  private readonly listByCompleted;
  private readonly getOne;
  private readonly insertOne;

  constructor(db: Db) {
    this.db = db;
    const userId = sql.placeholder('userId');
    this.listAll = db
      .select()
      .from(tasks)
      .where(eq(tasks.userId, userId))
      .orderBy(asc(tasks.id))
      .prepare('tasks_list_all');
    this.listByCompleted = db
      .select()
      .from(tasks)
      .where(and(eq(tasks.userId, userId), eq(tasks.completed, sql.placeholder('completed'))))
      .orderBy(asc(tasks.id))
      .prepare('tasks_list_by_completed');
    this.getOne = db
      .select()
      .from(tasks)
      .where(and(eq(tasks.id, sql.placeholder('id')), eq(tasks.userId, userId)))
      .prepare('tasks_get');
    this.insertOne = db
      .insert(tasks)
      .values({
        userId: sql.placeholder('userId'),
        title: sql.placeholder('title'),
        description: sql.placeholder('description'),
      })
      .returning()
      .prepare('tasks_insert');
  }

  /** The user's tasks, oldest first. */
  async list(userId: number, status: StatusFilter): Promise<TaskJson[]> {
    const rows =
      status === 'all'
        ? await this.listAll.execute({ userId })
        : await this.listByCompleted.execute({ userId, completed: status === 'completed' });
    return rows.map(taskJson);
  }

  async create(
    userId: number,
    input: { title: string; description?: string | null | undefined },
  ): Promise<TaskJson> {
    const [row] = await this.insertOne.execute({
      userId,
      title: input.title,
      description: input.description ?? null,
    });
    if (!row) throw new Error('INSERT ... RETURNING returned no row');
    return taskJson(row);
  }

  async get(userId: number, id: number): Promise<TaskJson | undefined> {
    const [row] = await this.getOne.execute({ userId, id });
    return row ? taskJson(row) : undefined;
  }

  async update(userId: number, id: number, patch: TaskPatch): Promise<TaskJson | undefined> {
    const [row] = await this.db
      .update(tasks)
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.description !== undefined && { description: patch.description }),
        ...(patch.completed !== undefined && { completed: patch.completed }),
        updatedAt: sql`now()`,
      })
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
      .returning();
    return row ? taskJson(row) : undefined;
  }

  /** Flips `completed`. */
  async toggle(userId: number, id: number): Promise<TaskJson | undefined> {
    const [row] = await this.db
      .update(tasks)
      .set({ completed: sql`not ${tasks.completed}`, updatedAt: sql`now()` })
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
      .returning();
    return row ? taskJson(row) : undefined;
  }

  /** Deletes a task; false when the user has no such task. */
  async remove(userId: number, id: number): Promise<boolean> {
    const rows = await this.db
      .delete(tasks)
      .where(and(eq(tasks.id, id), eq(tasks.userId, userId)))
      .returning({ id: tasks.id });
    return rows.length > 0;
  }
}
