/**
 * The fast path: a deterministic router that maps everyday requests straight to one tool
 * call, with no model round trip and no tokens. A request is routed only when the grammar in
 * `router-grammar.ts` explains every word of it, in exactly one way, with values in bounds.
 * Anything else (negated, compound, ambiguous, out of bounds, unknown words, hostile text)
 * goes to the model, or, without a key, to a list of what works without one.
 */
import type { ToolName } from '../../tools/names.js';
import {
  CONJUNCTIONS,
  DURATION_WORDS,
  endsOf,
  type GrammarData,
  grammarCompiler,
  grammarDataFromText,
  grammarFromData,
  grammarToData,
  grammarWords,
  isPodName,
  NEGATIONS,
  NUMBER_WORDS,
  type Production,
  parseAll,
  REMARK_STOPS,
  START_KIND_KEYS,
  sortedWords,
  startsFromText,
  startsText,
  TOKEN_KIND,
  type TypoIndex,
  tokenKinds,
  typoIndex,
  typoOf,
  type WordList,
} from './grammar.js';
import { DEFINITIONS, INTENTS, type Intent, READ_ACTIONS, STATE_TOOLS } from './router-grammar.js';

export { ROUTED_REPLICAS } from './router-grammar.js';

/** A routed request: exactly one tool call. */
export interface RoutedCall {
  tool: ToolName;
  args: Record<string, unknown>;
}

/** Why a request was left to the model. */
export type NotRoutedReason =
  | 'empty'
  | 'too_long'
  | 'unsafe'
  | 'out_of_range'
  | 'ambiguous'
  | 'compound'
  | 'negated'
  | 'no_match';

/** The router's answer. */
export type RouteResult =
  | { routed: true; call: RoutedCall }
  | { routed: false; reason: NotRoutedReason };

const MAX_REQUEST_CHARS = 120;

/** Characters of shells, templates and markup: never part of an everyday request. */
const UNSAFE_CHARS = /[;|&$`<>\\{}[\]()*#~^%@"+]/;
/** Anything outside these is not in the grammar either. */
const REQUEST_CHARS = /^[a-z0-9\s',.?!:=/~-]*$/;
/** A path in the home directory ("~/todo/.env"): the one place a tilde may stand. */
const HOME_PATH = /(^|\s)~\//g;
/**
 * The word "secret" routes only to deploy, naming its dotenv file (`secretsFile`), and to a
 * restart, as the secret changed that it is to pick up: the grammar has it nowhere else.
 */
const SECRET_WORDS = new Set(['secret', 'secrets']);
/** Words that never belong to an everyday request: injection, shells, secrets, scope. */
const UNSAFE_WORDS = new Set([
  'ignore',
  'disregard',
  'instruction',
  'instructions',
  'prompt',
  'jailbreak',
  'pretend',
  'override',
  'bypass',
  'sudo',
  'rm',
  'exec',
  'eval',
  'shell',
  'bash',
  'sh',
  'zsh',
  'powershell',
  'curl',
  'wget',
  'namespace',
  'namespaces',
  'secret',
  'secrets',
  'password',
  'passwords',
  'passwd',
  'token',
  'tokens',
  'credential',
  'credentials',
  'apikey',
]);
/**
 * Words a typo is never read as: a typo nearest one of them stays unknown, so the request goes
 * to the model. Negations and conjunctions (a misspelt "without" must not vanish), words the
 * router refuses, numbers and durations (a count is never guessed), and the verbs of the
 * actions that remove or undo things: "teardwon" or "rollbak" is better asked about.
 */
const NEVER_A_TYPO_OF = new Set([
  ...NEGATIONS,
  ...CONJUNCTIONS,
  ...UNSAFE_WORDS,
  ...DURATION_WORDS,
  'teardown',
  'uninstall',
  'uninstalled',
  'undeploy',
  'undeployed',
  'remove',
  'delete',
  'destroy',
  'decommission',
  'rollback',
  'revert',
  'reverted',
  'downgrade',
  'restore',
  'reinstate',
  // The cluster's nodes are no typo of "nodejs": "check nodes and docker" is two requests.
  'nodes',
  // Words that carry no thing or action of their own: a typo of one is too easily another word.
  'about',
  'again',
  'along',
  'another',
  'being',
  'could',
  'every',
  'other',
  'should',
  'their',
  'there',
  'these',
  'those',
  'through',
  'where',
  'which',
  'would',
]);

/** Contractions and shorthand, expanded so the grammar has one spelling for each. */
const SPELLINGS: Record<string, string> = {
  "what's": 'what is',
  whats: 'what is',
  'w/': 'with',
  "what're": 'what are',
  "it's": 'it is',
  "how's": 'how is',
  hows: 'how is',
  "that's": 'that is',
  "there's": 'there is',
  "where's": 'where is',
  "who's": 'who is',
  "why's": 'why is',
  "when's": 'when is',
  // The frontend by its framework: "next.js logs".
  'next.js': 'nextjs',
  nextjs: 'nextjs',
  "something's": 'something is',
  "everything's": 'everything is',
  "anything's": 'anything is',
  "let's": 'let us',
  lets: 'let us',
  "isn't": 'is not',
  isnt: 'is not',
  "aren't": 'are not',
  arent: 'are not',
  "wasn't": 'was not',
  "don't": 'do not',
  dont: 'do not',
  "doesn't": 'does not',
  doesnt: 'does not',
  "didn't": 'did not',
  didnt: 'did not',
  "won't": 'will not',
  wont: 'will not',
  "can't": 'can not',
  cant: 'can not',
  cannot: 'can not',
  "couldn't": 'could not',
  "shouldn't": 'should not',
  "wouldn't": 'would not',
  "haven't": 'have not',
  "hasn't": 'has not',
  "i'm": 'i am',
  im: 'i am',
  "i'd": 'i would',
  "i'll": 'i will',
  "i've": 'i have',
  "we're": 'we are',
  "we'd": 'we would',
  "we've": 'we have',
  "you're": 'you are',
  "they're": 'they are',
  k8s: 'kubernetes',
  // The most common typo there is, too short for typo correction.
  teh: 'the',
  // "sho pods": too short for typo correction.
  sho: 'show',
  hte: 'the',
  da: 'the',
  pls: 'please',
  frm: 'from',
  r: 'are',
  k: 'ok',
  plz: 'please',
  u: 'you',
  w: 'with',
  wanna: 'want to',
  gotta: 'got to',
  gimme: 'give me',
  incl: 'including',
  lemme: 'let me',
};

/**
 * Verbs as "would you mind ...ing" asks for them, and the form the grammar reads: "would you
 * mind restarting the backend" is "could you restart the backend".
 */
const GERUNDS: Record<string, string> = Object.fromEntries(
  [
    'add',
    'build',
    'bounce',
    'bring',
    'check',
    'cycle',
    'debug',
    'delete',
    'deploy',
    'diagnose',
    'display',
    'fetch',
    'get',
    'give',
    'grab',
    'install',
    'investigate',
    'kick',
    'list',
    'look',
    'make',
    'print',
    'pull',
    'put',
    'read',
    'reboot',
    'rebuild',
    'recycle',
    'redeploy',
    'remove',
    'restart',
    'revert',
    'roll',
    'run',
    'scale',
    'set',
    'show',
    'spin',
    'start',
    'tail',
    'take',
    'tear',
    'tell',
    'test',
    'troubleshoot',
    'undo',
    'uninstall',
    'upgrade',
    'verify',
    'wipe',
  ].map((verb) => [gerund(verb), verb]),
);

function gerund(verb: string): string {
  if (/[^aeiou][aeiou][bgnpt]$/.test(verb) && !verb.startsWith('re') && verb !== 'install')
    return `${verb}${verb.at(-1)}ing`;
  return verb.endsWith('e') ? `${verb.slice(0, -1)}ing` : `${verb}ing`;
}

/**
 * "please" inside a request ("give me please the log of database", "show me please recent
 * events") changes nothing: it goes. At either end it is the lead's or the tail's ("please to
 * restart the frontend", "..., please").
 */
function withoutPlease(tokens: string[]): string[] {
  // After a comma, "please to" opens what follows, the lead's ("hi! please to restart the
  // frontend").
  const inner = (t: string, i: number) =>
    t === 'please' &&
    i > 0 &&
    i < tokens.length - 1 &&
    !(tokens[i - 1] === ',' && tokens[i + 1] === 'to');
  if (!tokens.some(inner)) return tokens;
  return tokens.filter(
    (t, i) =>
      // "can you please to restart the database": the "to" goes with it.
      !(t === 'to' && inner(tokens[i - 1] ?? '', i - 1) && tokens[i - 2] !== ',') &&
      (!inner(t, i) || (tokens[i - 1] === ',' && tokens[i + 1] === ',')),
  );
}

/**
 * Where "namespace" may be said: the app's own ("in the namespace", "the todo namespace").
 * Any other namespace, or one named, is the model's.
 */
function namedNamespace(tokens: readonly string[], i: number): boolean {
  const before = tokens[i - 1];
  return !(
    before === 'the' ||
    (before === 'todo' && (tokens[i - 2] === 'the' || tokens[i - 2] === 'in'))
  );
}

/**
 * "kubectl" named among the tools doctor checks ("are helm, kubectl and minikube installed?",
 * "any tools like helm or kubectl"): next to a list separator with another tool beyond it.
 */
function inToolList(tokens: readonly string[], i: number): boolean {
  const separator = (t: string | undefined) => t === ',' || t === 'and' || t === 'or';
  const tools = new Set(['docker', 'helm', 'minikube', 'node', 'nodejs', 'npm']);
  return (
    (separator(tokens[i - 1]) && tools.has(tokens[i - 2] ?? '')) ||
    // One more asked after a question on one: "is helm installed? and kubectl?".
    (tokens[i - 1] === 'and' && tokens[i - 2] === ',' && tokens[i - 3] === 'installed') ||
    (separator(tokens[i + 1]) && tools.has(tokens[i + 2] ?? '')) ||
    // A list without commas: "check my machine for helm kubectl and docker".
    (tools.has(tokens[i - 1] ?? '') && separator(tokens[i + 1]) && tools.has(tokens[i + 2] ?? ''))
  );
}

/**
 * "would you mind restarting ..." and "do you mind restarting ..." as "could you restart ...";
 * a verb tried ("could you try restarting the backend", "let's try restarting postgres") as the
 * verb itself.
 */
function politeGerund(tokens: string[]): string[] {
  // Said without the question's first words: "mind showing me the api logs?".
  if (tokens[0] === 'mind' && GERUNDS[tokens[1] ?? ''] !== undefined)
    return ['could', 'you', GERUNDS[tokens[1] ?? ''] as string, ...tokens.slice(2)];
  const tried = tokens.findIndex(
    (t, i) => t === 'try' && GERUNDS[tokens[i + 1] ?? ''] !== undefined,
  );
  if (tried >= 0)
    return politeGerund([
      ...tokens.slice(0, tried),
      GERUNDS[tokens[tried + 1] as string] as string,
      ...tokens.slice(tried + 2),
    ]);
  const at = tokens.findIndex(
    (t, i) => (t === 'would' || t === 'do') && tokens[i + 1] === 'you' && tokens[i + 2] === 'mind',
  );
  const verb = GERUNDS[tokens[at + 3] ?? ''];
  if (at < 0 || verb === undefined) return tokens;
  return [...tokens.slice(0, at), 'could', 'you', verb, ...tokens.slice(at + 4)];
}

/**
 * Splits a request into the grammar's words: lower case, trailing punctuation removed,
 * contractions expanded, hyphenated words split ("back-end" -> "back end") unless they are a
 * pod name ("todo-backend-6f7c9d8b4-q2xkz"), a sentence's end or a colon inside the request read
 * as a comma, commas and "=" as words of their own.
 */
export function tokenize(text: string): string[] {
  const spaced = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .trim()
    .replace(/[\s.!?]+$/, '')
    // A question in a statement's order, as non-native speakers ask it: "how I can see the pods".
    .replace(/\b(how|where|what|when) (i|we) (can|could|should|do)\b/g, '$1 $3 $2')
    // A request in a statement's order, asked as a question: "you can show me the log of the
    // database?" is "can you show me ...".
    .replace(/(^|,\s*)((?:please |pls )?)you (can|could) (?=[a-z])/g, '$1$2$3 you ')
    // kubectl by its everyday alias, as a request of its own: "k get po", "k logs deploy/...".
    .replace(/(^|,\s*)k (?=(get|describe|logs|scale|rollout) )/, '$1kubectl ')
    // "show to me the logs", as non-native speakers say it: "show me the logs".
    .replace(/\b(show|give|tell|send|say|bring) to (me|us)\b/g, '$1 $2')
    // A time of day: "10am" is "10 am".
    .replace(/\b(\d{1,2})(am|pm)\b/g, '$1 $2')
    // A sentence ended inside the request is a pause, like a comma: "it is down. restart it".
    .replace(/[.!?:]+(?=\s)/g, ',')
    // A dash between words is a pause too: "first time here - deploy the app".
    .replace(/\s[-\u2013\u2014]+(?=\s)/g, ' ,')
    // A kubectl object by kind: "deploy/todo-app-backend" is "deploy todo-app-backend".
    .replace(/\b(deploy|deployment|statefulset|sts)\/(?=[a-z])/g, '$1 ')
    .replace(/([,=])/g, ' $1 ');
  // Two pauses in a row are one: "is the app up? - urgent".
  return spaced
    .split(/\s+/)
    .filter((word, i, all) => word && !(word === ',' && all[i - 1] === ','))
    .flatMap((word) =>
      isPodName(word)
        ? [word]
        : word
            .replace(/^re-(?=[a-z])/, 're')
            .replace(/([a-z])-(?=[a-z])/g, '$1 ')
            .split(' '),
    )
    .flatMap((word) => {
      const spelled = SPELLINGS[word] ?? word.replace(/'s$/, '').replace(/s'$/, 's');
      return spelled.split(' ');
    });
}

/** The request as the grammar sees it, words joined by single spaces. */
export function normalizeRequest(text: string): string {
  return tokenize(text).join(' ');
}

interface CompiledIntent {
  intent: Intent;
  production: Production;
}

interface CompiledGrammar {
  /** Every word the grammar knows (typos are measured against them). */
  words: WordList;
  /** Greetings and politeness before a request, and thanks after it: they change nothing. */
  lead: Production;
  tail: Production;
  productions: CompiledIntent[];
  /**
   * Indices of the productions (in `productions`) that can start with a word, or with a kind
   * of token by its key (START_KIND_KEYS), in table order.
   */
  startingWith: (key: string) => readonly number[];
}

/**
 * The routing table compiled by the build (scripts/build-cli.mjs, from routerGrammarData, as
 * grammarDataToText writes it); undefined when running from the sources.
 */
declare const TODO_OPS_ROUTER_GRAMMAR: string | undefined;

/** Every rule of the routing table, in order: the lead, the tail, then each intent's. */
function rules(): string[] {
  return [
    '[<lead> | <opening>]*',
    '[<tail>]*',
    ...INTENTS.flatMap((intent) => [...intent.commands, ...intent.questions]),
  ];
}

/** The routing table compiled, as JSON (the build puts it in the bundle). */
export function routerGrammarData(): GrammarData {
  return grammarToData(rules().map(grammarCompiler(DEFINITIONS)));
}

let compiled: CompiledGrammar | undefined;

/**
 * The routing table, compiled on first use (or read back from the build's copy): a command
 * that never routes a request (`--version`, `mcp`, a tool subcommand) does not pay for it.
 */
function grammar(): CompiledGrammar {
  if (compiled) return compiled;
  const sources = rules();
  const data =
    typeof TODO_OPS_ROUTER_GRAMMAR === 'string'
      ? grammarDataFromText(TODO_OPS_ROUTER_GRAMMAR)
      : undefined;
  const built = data ? grammarFromData(data) : undefined;
  // The build's copy is of these very rules; anything else is compiled here.
  const fromBuild =
    built?.length === sources.length && built.every((p, i) => p.source === sources[i]);
  const productions = fromBuild && built ? built : sources.map(grammarCompiler(DEFINITIONS));
  const words = sortedWords(
    fromBuild && data?.words ? data.words.split(' ') : grammarWords(productions),
  );
  const [lead, tail, ...rest] = productions as [Production, Production, ...Production[]];
  let next = 0;
  const intents = INTENTS.flatMap((intent) => {
    if (
      intent.questions.length &&
      !(STATE_TOOLS as readonly string[]).includes(intent.tool) &&
      !(READ_ACTIONS as readonly string[]).includes(intent.id)
    )
      throw new Error(`router: ${intent.tool} may not answer questions about state`);
    return [...intent.commands, ...intent.questions].map(() => ({
      intent,
      production: rest[next++] as Production,
    }));
  });
  // Productions by a word (or a kind of token) they can start with: the build's index, or
  // one made from the productions' first words. Its indices count the lead and the tail.
  const starts = startsFromText(fromBuild && data ? data.starts : startsText(productions));
  const byIntent = new Map<string, readonly number[]>();
  const startingWith = (key: string): readonly number[] => {
    let list = byIntent.get(key);
    if (!list) {
      list = starts(key)
        .filter((i) => i >= 2)
        .map((i) => i - 2);
      byIntent.set(key, list);
    }
    return list;
  };
  compiled = { words, lead, tail, productions: intents, startingWith };
  return compiled;
}

/** The productions that can start with this token, in table order (a cheap cut before parsing). */
function candidates(token: string, kind: number): CompiledIntent[] {
  const { productions, startingWith } = grammar();
  const lists = [startingWith(token)];
  for (const [bit, key] of START_KIND_KEYS) if (kind & bit) lists.push(startingWith(key));
  const indices =
    lists.length === 1 ? (lists[0] as number[]) : [...new Set(lists.flat())].sort((a, b) => a - b);
  return indices.map((i) => productions[i] as CompiledIntent);
}

/**
 * Whether a match of the lead or the tail can start at this token. Both rules (`[<lead>]*`,
 * `[<tail>]*`) also match nothing, so where none of their first words is they end where they
 * start, and are neither read back nor parsed.
 */
function mayStart(rule: Production, token: string | undefined): boolean {
  const { first } = rule;
  if (token === undefined) return false;
  return first.words.has(token) || first.numbers || first.durations || first.pods || !!first.said;
}

/** Whether the words before `i` are all greetings and remarks that open a request. */
function startsRequest(tokens: readonly string[], i: number): boolean {
  const { lead } = grammar();
  return mayStart(lead, tokens[0]) && endsOf(lead, tokens, 0).includes(i);
}

/** Every way to cut the politeness off both ends: the candidate request bodies. */
function bodies(tokens: readonly string[]): string[][] {
  const { lead, tail } = grammar();
  const out: string[][] = [];
  for (const start of mayStart(lead, tokens[0]) ? endsOf(lead, tokens, 0) : [0])
    for (let end = tokens.length; end > start; end -= 1)
      if (
        end === tokens.length ||
        (mayStart(tail, tokens[end]) && endsOf(tail, tokens, end).includes(tokens.length))
      )
        out.push(tokens.slice(start, end));
  return out;
}

interface Reading {
  key: string;
  call: RoutedCall | undefined;
}

/**
 * Words an aside never holds: besides a remark's stops (negations, conjunctions, conditions,
 * question words, numbers), what could change or add a request: a component, a tool or guide
 * topic, the verbs and objects of the router's actions, where or when it runs, how (with,
 * using, only, a dry run), modal verbs (a question: "should I?"), and hostile words.
 */
const ASIDE_STOP_WORDS = [
  // An option of the request said after it: "backend logs, previous container" is not the
  // logs of the running container with an aside.
  'previous',
  'prior',
  'crashed',
  'dead',
  'container',
  'containers',
  'instance',
  'instances',
  'lines',
  'line',
  'tail',
  'since',
  'ago',
  'hour',
  'hours',
  'minute',
  'minutes',
  'day',
  'days',
  'warnings',
  'warning',
  'errors',
  'error',
  'proof',
  'smoke',
  'fresh',
  'with',
  'using',
  'via',
  'in',
  'on',
  'at',
  'into',
  'onto',
  'to',
  'for',
  'as',
  'by',
  'only',
  'too',
  'both',
  'each',
  'every',
  'all',
  'everything',
  'again',
  'instead',
  'last',
  'later',
  'tomorrow',
  'tonight',
  'soon',
  'morning',
  'evening',
  'weekend',
  'next',
  'wait',
  'schedule',
  'scheduled',
  'maybe',
  'perhaps',
  'dry',
  'run',
  'preview',
  'plan',
  'simulate',
  'can',
  'could',
  'should',
  'would',
  'will',
  'may',
  'might',
  'must',
  'shall',
  'do',
  'does',
  'safe',
  'sure',
  'ok',
  'okay',
  'staging',
  'prod',
  'production',
  'dev',
  'development',
  'test',
  'testing',
  'qa',
  'cluster',
  'context',
  'kube',
  'k8s',
  'minikube',
  'kind',
  'remote',
  'node',
  'nodes',
  'env',
  'environment',
  'release',
  'chart',
  'helm',
  'version',
  'revision',
  'image',
  'images',
  'tag',
  'replica',
  'replicas',
  'pod',
  'pods',
  'logs',
  'log',
  'events',
  'deploy',
  'redeploy',
  'install',
  'reinstall',
  'upgrade',
  'uninstall',
  'teardown',
  'tear',
  'delete',
  'remove',
  'destroy',
  'nuke',
  'wipe',
  'build',
  'rebuild',
  'verify',
  'check',
  'diagnose',
  'doctor',
  'hosts',
  'guide',
  'setup',
  'set',
  'start',
  'restart',
  'stop',
  'scale',
  'rollback',
  'roll',
  'revert',
  'show',
  'list',
  'get',
  'give',
  'tell',
  'act',
  'system',
  'forget',
  'admin',
  'root',
  'me',
  'us',
  'it',
  'them',
  'that',
  'this',
  'i',
];
let asideStops: ReadonlySet<string> | undefined;

/** The one-word alternatives of a definition and of those it names (the aside's stops). */
function definitionWords(name: string, into: Set<string>): void {
  const definition = DEFINITIONS[name];
  if (!definition) return;
  const texts = Array.isArray(definition)
    ? (definition as readonly string[])
    : Object.values((definition as { values: Record<string, readonly string[]> }).values).flat();
  // Only words said alone: "the" in "the server part of the app" is no component.
  for (const text of texts) {
    for (const ref of text.matchAll(/<([a-z-]+)>/g)) definitionWords(ref[1] as string, into);
    for (const alternative of text.split(/[|()[\]]/))
      if (/^[a-z][a-z0-9-]*$/.test(alternative.trim())) into.add(alternative.trim());
  }
}

/**
 * An aside: one to eight words before the request's first comma or after its last one that
 * change nothing ("first time here, deploy the app", "shrink the frontend to 1 pod, my laptop
 * is running out of memory"). None of its words is a stop (`ASIDE_STOP_WORDS`), a component,
 * a topic, or a verb of an action; a question after a command is never an aside.
 */
function isAside(words: readonly string[]): boolean {
  if (words.length < 2 || words.length > 8) return false;
  if (!asideStops) {
    const stops = new Set<string>([...REMARK_STOPS, ...ASIDE_STOP_WORDS, ...NEGATIONS]);
    for (const name of [
      'workload-name',
      'topic',
      'any-topic',
      'scale-verb',
      'restart-verb',
      'rollback-verb',
      'diagnose-verb',
    ])
      definitionWords(name, stops);
    asideStops = stops;
  }
  const stops = asideStops;
  return words.every(
    (w) => /^[a-z][a-z']*$/.test(w) && !stops.has(w) && (w === 'a' || !NUMBER_WORDS.has(w)),
  );
}

/**
 * The request with an aside cut off its start or its end (at most one of each), when the
 * grammar reads nothing in it as said; a question mark after a command keeps it whole.
 */
function withoutAsides(tokens: readonly string[], text: string): string[][] {
  const first = tokens.indexOf(',');
  if (first < 0) return [];
  const last = tokens.lastIndexOf(',');
  const before = isAside(tokens.slice(0, first)) ? first + 1 : 0;
  // After the request, every word of an aside is one the grammar knows: an unknown word at the
  // end may be what the request is about ("show me the pods, thanks banana").
  const tail = tokens.slice(last + 1);
  const { words } = grammar();
  const after =
    !/\?\s*$/.test(text) && isAside(tail) && tail.every((w) => words.has(w)) ? last : tokens.length;
  const out: string[][] = [];
  if (before) out.push(tokens.slice(before));
  if (after < tokens.length) out.push(tokens.slice(0, after));
  if (before && after < tokens.length && before < after) out.push(tokens.slice(before, after));
  // A greeting before the aside: "hey, first time here, deploy the app" is "hey, deploy the
  // app", "ok so first time here, deploy the app" is "ok so deploy the app".
  const { lead } = grammar();
  if (mayStart(lead, tokens[0]))
    for (const end of endsOf(lead, tokens, 0)) {
      const comma = tokens.indexOf(',', end);
      if (end === 0 || comma <= end || !isAside(tokens.slice(end, comma))) continue;
      out.push([...tokens.slice(0, end), ...tokens.slice(comma + 1)]);
      if (comma < after) out.push([...tokens.slice(0, end), ...tokens.slice(comma + 1, after)]);
    }
  return out.filter((body) => body.length > 0);
}

/**
 * The same request said twice, in two or three sentences ("what happened in the cluster
 * lately? show me the events", "where is the app reachable? what's the ingress host?"): every
 * sentence, read on its own, has exactly one reading, and it is the same call. A sentence with
 * no reading (a remark, a condition, another request) keeps the whole request the model's.
 */
function restated(lower: string): Reading[] {
  const sentences = lower.split(/[.?!]+\s+/).filter((s) => /[a-z0-9]/.test(s));
  if (sentences.length < 2 || sentences.length > 3) return [];
  let same: Reading | undefined;
  for (const sentence of sentences) {
    const found = readings(withoutPlease(correctTypos(politeGerund(tokenize(sentence)))));
    const [only] = found;
    if (found.length !== 1 || !only?.call || (same && same.key !== only.key)) return [];
    same = only;
  }
  return same ? [same] : [];
}

/** Every distinct reading of the tokens (stops early at a second one: that is enough). */
function readings(tokens: readonly string[]): Reading[] {
  const found = new Map<string, Reading>();
  for (const body of bodies(tokens)) {
    const kinds = tokenKinds(body);
    for (const { intent, production } of candidates(body[0] as string, kinds[0] ?? 0)) {
      for (const slots of parseAll(production, body, kinds)) {
        const args = intent.args(slots);
        const call = args ? { tool: intent.tool, args } : undefined;
        const key = call
          ? `${call.tool} ${JSON.stringify(call.args)}`
          : `${intent.id} out of range`;
        found.set(key, { key, call });
      }
      if (found.size > 1) return [...found.values()];
    }
  }
  return [...found.values()];
}

let typos: TypoIndex | undefined;

/**
 * Typing errors corrected ("bakend" -> "backend", "restrat" -> "restart"): a word the grammar
 * does not know, and that is no number, shorthand or pod name, becomes the one known word it
 * is a typo of (see `typoOf`), unless that word is one a typo never stands for
 * (`NEVER_A_TYPO_OF`). The index is built on the first unknown word.
 */
function correctTypos(tokens: string[]): string[] {
  const { words } = grammar();
  const kinds = tokenKinds(tokens);
  let out: string[] | undefined;
  tokens.forEach((token, i) => {
    // Dotted words and paths ("ingress.host", "config/prod.env") are taken as said.
    const typed = (kinds[i] ?? 0) & (TOKEN_KIND.number | TOKEN_KIND.duration | TOKEN_KIND.pod);
    if (words.has(token) || typed || NEVER_A_TYPO_OF.has(token) || /[./]/.test(token)) return;
    typos ??= typoIndex([...words, ...NEVER_A_TYPO_OF]);
    const word = typoOf(typos, token);
    if (word === undefined || NEVER_A_TYPO_OF.has(word)) return;
    out ??= [...tokens];
    out[i] = word;
  });
  return out ?? tokens;
}

/** Names of settings that hold a secret: never set from the fast path. */
const SECRET_KEY = /secret|passw|token|credential|api.?key|private/;

/**
 * Chart values and file paths are taken as said, and the request was read in lower case: the
 * call stands only when each is written so in the request (keys and paths are case-sensitive:
 * "backend.logLevel" is the model's to carry over), and never for a secret's key.
 */
function saidAsWritten(call: RoutedCall, text: string): boolean {
  const set = call.args.set as Record<string, string> | undefined;
  const said = [...Object.entries(set ?? {}).flat(), call.args.secretsFile];
  if (Object.keys(set ?? {}).some((key) => SECRET_KEY.test(key))) return false;
  return said.every((word) => typeof word !== 'string' || text.includes(word));
}

/** Maps a request to one tool call, or says why it is left to the model. */
export function routeRequest(text: string): RouteResult {
  if (/[\n\r]/.test(text)) return { routed: false, reason: 'unsafe' };
  if (text.length > MAX_REQUEST_CHARS) return { routed: false, reason: 'too_long' };
  // An arrow between words reads "to": "backend replicas -> 2".
  const lower = text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\u2026/g, '...')
    // A smiley or an emoji changes nothing: "restart backend :)", "restart backend 🙏".
    .replace(
      /\p{Extended_Pictographic}(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f)*/gu,
      ' ',
    )
    .replace(/\s[:;]-?[()dp]+(?=\s*$)/g, '')
    .trim()
    .replace(/ -> (?=\w)/g, ' to ')
    // A note in parentheses before the request, as an editor's chat adds it ("(from cursor) can
    // you check the backend logs?"), is read as a remark before a comma: its words are still
    // checked like any other.
    .replace(/^\(([a-z][a-z ]{0,40})\)\s*(?=[a-z])/, '$1, ')
    // The same after the request, as a remark in passing ("what's wrong? (new to k8s, sorry)"):
    // a remark after a comma, its words still checked.
    .replace(/(?<=[a-z0-9])[?.!]*\s*\(([a-z][a-z0-9 ,']{0,40})\)$/, ', $1')
    // The product addressed by name, as a chat mention: "@todo-ops grab the api logs".
    .replace(/(^|\s)@(?=todo[- ]?ops\b)/g, '$1')
    // A count given as a value: "frontend replicas: 3" reads "frontend replicas = 3", "frontend:
    // 2 replicas" "frontend = 2 replicas".
    .replace(/\b(replicas?|pods?|instances?|copies|count):(?= *\d)/g, '$1 =')
    .replace(/\b(backend|frontend|api|ui|web):(?= *\d+ +(replicas?|pods?|instances?)\b)/g, '$1 =')
    // A count changed from one figure to another is the new figure: "scale the backend from 2
    // to 4" (only where replicas are spoken of).
    .replace(/\bfrom \d+ to (?=\d+\b)/g, (from, _at, all: string) =>
      /\b(scale|scaled|replicas?|pods?|instances?|copies)\b/.test(all) ? 'to ' : from,
    )
    // A semicolon between sentences ends one ("the upgrade broke things; go back to the
    // previous version"): the grammar still has to read every word on both sides.
    .replace(/(?<=[a-z]);(?= [a-z])/g, '.');
  if (UNSAFE_CHARS.test(lower.replace(HOME_PATH, '$1/')))
    return { routed: false, reason: 'unsafe' };
  const tokens = withoutPlease(correctTypos(politeGerund(tokenize(lower))));
  if (tokens.length === 0) return { routed: false, reason: 'empty' };
  if (
    tokens.some(
      (t, i) =>
        (UNSAFE_WORDS.has(t) &&
          !SECRET_WORDS.has(t) &&
          (t !== 'namespace' || namedNamespace(tokens, i))) ||
        // kubectl as a request of its own ("kubectl get pods -n todo": the grammar reads only
        // the docs' commands), after a greeting only ("hey, kubectl get pods"), as a tool doctor
        // checks, or said installed; anywhere else, a command for the model to weigh.
        (t === 'kubectl' &&
          i > 0 &&
          // Right after the greetings and remarks that open a request: "hi! kubectl get pods",
          // "yo kubectl get pods" (the grammar still reads only the docs' commands).
          !startsRequest(tokens, i) &&
          tokens[i + 1] !== 'ai' &&
          tokens[i + 1] !== 'installed' &&
          !inToolList(tokens, i)),
    )
  )
    return { routed: false, reason: 'unsafe' };
  if (tokens.includes('api') && tokens.includes('key')) return { routed: false, reason: 'unsafe' };
  if (REQUEST_CHARS.test(lower)) {
    let found = readings(tokens);
    if (found.length === 0) {
      // An aside cut off: only when the whole request has no reading, and the rest has one.
      const cut = new Map<string, Reading>();
      // Thanks or a greeting cut first: "tear everything down, demo is over, thanks".
      for (const said of [tokens, ...bodies(tokens).filter((b) => b.length < tokens.length)])
        for (const body of withoutAsides(said, lower))
          for (const reading of readings(body)) cut.set(reading.key, reading);
      found = [...cut.values()];
    }
    if (found.length === 0) found = restated(lower);
    const [only] = found;
    if (found.length === 1 && only?.call)
      return saidAsWritten(only.call, text) &&
        (only.call.args.secretsFile !== undefined ||
          only.call.tool === 'restart' ||
          !tokens.some((t) => SECRET_WORDS.has(t)))
        ? { routed: true, call: only.call }
        : { routed: false, reason: 'unsafe' };
    if (found.some((r) => r.call === undefined)) return { routed: false, reason: 'out_of_range' };
    if (found.length > 1) return { routed: false, reason: 'ambiguous' };
  }
  // Not explained by the grammar: say why, for logs and tests.
  if (tokens.some((t) => CONJUNCTIONS.has(t) || /[.!?]$/.test(t)))
    return { routed: false, reason: 'compound' };
  if (tokens.some((t) => NEGATIONS.has(t))) return { routed: false, reason: 'negated' };
  return { routed: false, reason: 'no_match' };
}

/** What works without a model, one line per tool, from the routing table's examples. */
export const FAST_PATH_EXAMPLES: readonly string[] = (() => {
  const byTool = new Map<string, string[]>();
  for (const intent of INTENTS)
    byTool.set(intent.tool, [...(byTool.get(intent.tool) ?? []), ...intent.examples]);
  return [...byTool.values()].map((examples) => examples.join(' / '));
})();
