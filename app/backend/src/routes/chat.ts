/** The AI chat and its stored conversations. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app.ts';
import { ModelError, runChatTurn } from '../chat/agent.ts';
import { HttpError, notFound, parseInput } from '../http/errors.ts';
import {
  findConversation,
  listConversations,
  listMessages,
  storeAssistantMessage,
  storeUserMessage,
} from '../store/conversations.ts';
import { idSchema, pathId } from './user-scope.ts';

/** How many stored messages the model sees; older ones stay stored but are not sent. */
const HISTORY_LIMIT = 50;

const chatBody = z.strictObject({
  conversation_id: idSchema.nullable().optional(),
  message: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(4000, 'must be at most 4000 characters'),
});

export function chatRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post('/chat', async (request) => {
    const body = parseInput(chatBody, request.body, 'body');
    const model = ctx.chatModel;
    if (!model) {
      throw new HttpError(503, {
        error: 'chat_not_configured',
        message:
          'Chat is not configured: set OPENAI_API_KEY (and optionally OPENAI_BASE_URL, OPENAI_MODEL) on the API server',
      });
    }
    const userId = request.userId;
    const db = ctx.database.db;
    if (
      body.conversation_id != null &&
      !(await findConversation(db, userId, body.conversation_id))
    ) {
      throw notFound('conversation', body.conversation_id);
    }
    // Stored before the model is asked, so a failed turn still keeps what the user said.
    const conversationId = await storeUserMessage(
      db,
      userId,
      body.conversation_id ?? undefined,
      body.message,
    );
    const history = await listMessages(db, conversationId, HISTORY_LIMIT);
    let turn: Awaited<ReturnType<typeof runChatTurn>>;
    try {
      turn = await runChatTurn({ model, history, store: ctx.tasks, userId });
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      request.log.warn({ status: error.status, reason: error.message }, 'chat model failed');
      throw new HttpError(502, {
        error: 'model_error',
        message: `The AI model failed: ${error.message}. Your message was saved in conversation ${conversationId}; try again.`,
        conversation_id: conversationId,
      });
    }
    await storeAssistantMessage(db, userId, conversationId, turn.text, turn.toolCalls);
    return { conversation_id: conversationId, response: turn.text, tool_calls: turn.toolCalls };
  });

  app.get('/conversations', async (request) => listConversations(ctx.database.db, request.userId));

  app.get('/conversations/:id/messages', async (request) => {
    const id = pathId(request.params, 'id');
    if (!(await findConversation(ctx.database.db, request.userId, id)))
      throw notFound('conversation', id);
    return listMessages(ctx.database.db, id);
  });
}
