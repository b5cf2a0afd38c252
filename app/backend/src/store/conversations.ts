/** Conversations and their stored messages, scoped to one user. */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { type ConversationRow, conversations, type MessageRow, messages } from '../db/schema.ts';

/** A conversation as the API returns it. */
export interface ConversationJson {
  id: number;
  title: string;
  created_at: Date;
  updated_at: Date;
}

/** A stored message as the API returns it. */
export interface MessageJson {
  id: number;
  role: 'user' | 'assistant';
  content: string;
  tool_calls: unknown[] | null;
  created_at: Date;
}

function conversationJson(row: ConversationRow): ConversationJson {
  return { id: row.id, title: row.title, created_at: row.createdAt, updated_at: row.updatedAt };
}

function messageJson(row: MessageRow): MessageJson {
  return {
    id: row.id,
    role: row.role,
    content: row.content,
    tool_calls: row.toolCalls ?? null,
    created_at: row.createdAt,
  };
}

export async function listConversations(db: Db, userId: number): Promise<ConversationJson[]> {
  const rows = await db
    .select()
    .from(conversations)
    .where(eq(conversations.userId, userId))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id));
  return rows.map(conversationJson);
}

export async function findConversation(
  db: Db,
  userId: number,
  id: number,
): Promise<ConversationJson | undefined> {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)));
  return row ? conversationJson(row) : undefined;
}

/** The last `limit` messages of a conversation, oldest first. */
export async function listMessages(
  db: Db,
  conversationId: number,
  limit = 1000,
): Promise<MessageJson[]> {
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.id))
    .limit(limit);
  return rows.reverse().map(messageJson);
}

/**
 * Stores the user's message, creating the conversation when `conversationId` is undefined.
 * One transaction: a conversation never exists without its first message.
 */
export async function storeUserMessage(
  db: Db,
  userId: number,
  conversationId: number | undefined,
  content: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    let id = conversationId;
    if (id === undefined) {
      const title = content.replace(/\s+/g, ' ').trim().slice(0, 100) || 'Conversation';
      const [row] = await tx
        .insert(conversations)
        .values({ userId, title })
        .returning({ id: conversations.id });
      if (!row) throw new Error('INSERT ... RETURNING returned no row');
      id = row.id;
    } else {
      await tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, id));
    }
    await tx.insert(messages).values({ conversationId: id, userId, role: 'user', content });
    return id;
  });
}

/** Stores the assistant's answer and what it did. */
export async function storeAssistantMessage(
  db: Db,
  userId: number,
  conversationId: number,
  content: string,
  toolCalls: unknown[],
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(messages).values({
      conversationId,
      userId,
      role: 'assistant',
      content,
      toolCalls: toolCalls.length > 0 ? toolCalls : null,
    });
    await tx
      .update(conversations)
      .set({ updatedAt: sql`now()` })
      .where(eq(conversations.id, conversationId));
  });
}
