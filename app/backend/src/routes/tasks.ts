/** Task CRUD under `/api/{user_id}/tasks`. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app.ts';
import { notFound, parseInput } from '../http/errors.ts';
import { taskJsonSchema } from '../store/tasks.ts';
import { pathId } from './user-scope.ts';

const title = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
const description = z.string().max(1000, 'must be at most 1000 characters');

const createBody = z.strictObject({
  title,
  description: description.nullable().optional(),
});
const updateBody = z
  .strictObject({
    title: title.optional(),
    description: description.nullable().optional(),
    completed: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'send at least one of title, description, completed',
  });
const listQuery = z.object({
  status: z
    .enum(['all', 'pending', 'completed'], { error: 'must be one of all, pending, completed' })
    .default('all'),
});

// Response schemas only serialize (validation is zod's job); errors keep their own shape.
const one = { response: { 200: taskJsonSchema, 201: taskJsonSchema } };
const many = { response: { 200: { type: 'array', items: taskJsonSchema } } };

export function taskRoutes(app: FastifyInstance, ctx: AppContext): void {
  const store = ctx.tasks;

  app.get('/tasks', { schema: many }, async (request) => {
    const { status } = parseInput(listQuery, request.query, 'status');
    return store.list(request.userId, status);
  });

  app.post('/tasks', { schema: one }, async (request, reply) => {
    const body = parseInput(createBody, request.body, 'body');
    return reply.code(201).send(await store.create(request.userId, body));
  });

  app.get('/tasks/:id', { schema: one }, async (request) => {
    const id = pathId(request.params, 'id');
    return (await store.get(request.userId, id)) ?? Promise.reject(notFound('task', id));
  });

  app.put('/tasks/:id', { schema: one }, async (request) => {
    const id = pathId(request.params, 'id');
    const body = parseInput(updateBody, request.body, 'body');
    return (await store.update(request.userId, id, body)) ?? Promise.reject(notFound('task', id));
  });

  app.delete('/tasks/:id', async (request, reply) => {
    const id = pathId(request.params, 'id');
    if (!(await store.remove(request.userId, id))) throw notFound('task', id);
    return reply.code(204).send();
  });

  app.patch('/tasks/:id/complete', { schema: one }, async (request) => {
    const id = pathId(request.params, 'id');
    return (await store.toggle(request.userId, id)) ?? Promise.reject(notFound('task', id));
  });
}
