/**
 * Reaching the model: settings from the environment (read once, at the edge, by the CLI)
 * and plain-language messages for the ways a model endpoint fails. The `openai` SDK is
 * loaded only when a request is about to go out, so commands that never talk to a model
 * (the fast path, `mcp`, `--help`) do not pay for loading it.
 */
import type OpenAI from 'openai';
import type {
  ChatCompletionChunk,
  ChatCompletionCreateParamsStreaming,
} from 'openai/resources/chat/completions';

/** Per-request options of the SDK (retries, timeout, abort signal). */
export type ModelRequestOptions = NonNullable<
  Parameters<OpenAI['chat']['completions']['create']>[1]
>;

/**
 * What the agent needs from a model client: one streamed Chat Completions request. An
 * `OpenAI` instance is one; `createModelClient` returns one that loads the SDK on first use.
 */
export interface ModelClient {
  chat: {
    completions: {
      create(
        body: ChatCompletionCreateParamsStreaming,
        options?: ModelRequestOptions,
      ): PromiseLike<AsyncIterable<ChatCompletionChunk>>;
    };
  };
}

/** Model used when TODO_OPS_MODEL is unset. */
export const DEFAULT_MODEL = 'gpt-5-mini';

/** Model settings, usually from OPENAI_API_KEY, OPENAI_BASE_URL and TODO_OPS_MODEL. */
export interface ModelSettings {
  apiKey?: string;
  baseURL?: string;
  model: string;
}

/** Reads the model settings from an environment (defaults to `process.env`). */
export function modelSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): ModelSettings {
  const settings: ModelSettings = { model: env.TODO_OPS_MODEL?.trim() || DEFAULT_MODEL };
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseURL = env.OPENAI_BASE_URL?.trim();
  if (apiKey) settings.apiKey = apiKey;
  if (baseURL) settings.baseURL = baseURL;
  return settings;
}

/**
 * Builds a client, or undefined when there is no model to talk to. A local
 * OpenAI-compatible server (Ollama, vLLM, LM Studio) often needs no key: a base URL is enough.
 */
export function createModelClient(settings: ModelSettings): ModelClient | undefined {
  if (!settings.apiKey && !settings.baseURL) return undefined;
  let client: Promise<OpenAI> | undefined;
  const load = () =>
    (client ??= import('openai').then(
      ({ default: OpenAI }) =>
        new OpenAI({
          apiKey: settings.apiKey ?? 'not-needed',
          ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
          // The agent loop sets retries and timeouts per request.
          maxRetries: 0,
        }),
    ));
  return {
    chat: {
      completions: {
        create: async (body, options) => (await load()).chat.completions.create(body, options),
      },
    },
  };
}

/** Why a model request failed, so callers can react (and tests can assert). */
export type ModelErrorKind =
  | 'auth'
  | 'model_not_found'
  | 'unreachable'
  | 'timeout'
  | 'rate_limited'
  | 'server'
  | 'bad_request'
  | 'cancelled';

/** A model failure with a message that tells a person what to do. */
export interface ModelError {
  kind: ModelErrorKind;
  message: string;
}

/**
 * Maps an error thrown by the openai client to a ModelError. Async because the SDK's error
 * classes load with the SDK; by the time a request has failed it is loaded already.
 */
export async function classifyModelError(
  error: unknown,
  settings: ModelSettings,
): Promise<ModelError> {
  const { default: OpenAI } = await import('openai');
  const where = settings.baseURL ?? 'https://api.openai.com/v1';
  if (error instanceof OpenAI.APIUserAbortError) return { kind: 'cancelled', message: 'cancelled' };
  if (error instanceof OpenAI.APIConnectionTimeoutError)
    return {
      kind: 'timeout',
      message: `the model at ${where} did not answer in time; try again, or check OPENAI_BASE_URL`,
    };
  if (error instanceof OpenAI.APIConnectionError)
    return {
      kind: 'unreachable',
      message: `cannot reach the model endpoint ${where}: check OPENAI_BASE_URL and that the server is running`,
    };
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError)
    return {
      kind: 'auth',
      message: `the model endpoint ${where} rejected the API key (HTTP ${error.status}): check OPENAI_API_KEY`,
    };
  if (error instanceof OpenAI.NotFoundError)
    return {
      kind: 'model_not_found',
      message: `model "${settings.model}" was not found at ${where}: set TODO_OPS_MODEL to a model that server offers`,
    };
  if (error instanceof OpenAI.RateLimitError)
    return {
      kind: 'rate_limited',
      message: `the model endpoint ${where} is rate limiting requests (HTTP 429) even after retries; wait and try again`,
    };
  if (error instanceof OpenAI.APIError && typeof error.status === 'number' && error.status >= 500)
    return {
      kind: 'server',
      message: `the model endpoint ${where} failed (HTTP ${error.status}) even after retries; try again later`,
    };
  if (error instanceof OpenAI.APIError)
    return {
      kind: 'bad_request',
      message: `the model endpoint ${where} refused the request (HTTP ${error.status ?? '?'}): ${error.message}`,
    };
  if (error instanceof Error && error.name === 'AbortError')
    return { kind: 'cancelled', message: 'cancelled' };
  return {
    kind: 'server',
    message: `talking to the model failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}
