/**
 * The fast path: a deterministic router that maps everyday requests straight to one tool
 * call, with no model round trip and no tokens. It never guesses. Every pattern is anchored
 * to the whole request, so anything compound, negated, ambiguous, out of bounds or hostile
 * falls through to the model (or, without a key, to a list of what works without one).
 */
import type { ToolName } from '../../tools/names.js';

/** A routed request: exactly one tool call. */
export interface RoutedCall {
  tool: ToolName;
  args: Record<string, unknown>;
}

/** The router's answer. */
export type RouteResult =
  | { routed: true; call: RoutedCall }
  | {
      routed: false;
      reason: 'empty' | 'too_long' | 'unsafe' | 'negated' | 'compound' | 'no_match';
    };

/** Replica counts the fast path accepts; anything else is for the model to question. */
export const ROUTED_REPLICAS = { min: 1, max: 10 } as const;
const MAX_REQUEST_CHARS = 120;

const COMPONENT = '(backend|frontend|api|ui|web ui)';
const LOG_SOURCE = '(backend|frontend|api|ui|web ui|postgresql|postgres|database|db)';
const THE = '(?:the )?';

function component(word: string | undefined): 'backend' | 'frontend' | undefined {
  switch (word) {
    case 'backend':
    case 'api':
      return 'backend';
    case 'frontend':
    case 'ui':
    case 'web ui':
      return 'frontend';
    default:
      return undefined;
  }
}

function logSource(word: string | undefined): string | undefined {
  if (word === 'postgresql' || word === 'postgres' || word === 'database' || word === 'db')
    return 'postgresql';
  return component(word);
}

type Rule = [RegExp, (m: RegExpMatchArray) => RoutedCall | undefined];

function replicas(text: string | undefined): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= ROUTED_REPLICAS.min && n <= ROUTED_REPLICAS.max
    ? n
    : undefined;
}

function scaleCall(word: string | undefined, count: string | undefined): RoutedCall | undefined {
  const c = component(word);
  const n = replicas(count);
  return c && n !== undefined ? { tool: 'scale', args: { component: c, replicas: n } } : undefined;
}

const SINCE = '(\\d{1,3})\\s?(m|min|mins|minutes|h|hr|hrs|hours)';
function since(amount: string | undefined, unit: string | undefined): string | undefined {
  if (!amount || !unit) return undefined;
  const n = Number(amount);
  if (n < 1) return undefined;
  return `${n}${unit.startsWith('h') ? 'h' : 'm'}`;
}

const call = (tool: ToolName, args: Record<string, unknown> = {}): RoutedCall => ({ tool, args });

const RULES: Rule[] = [
  // scale
  [
    new RegExp(
      `^(?:scale|set) ${THE}${COMPONENT}(?: deployment| pods| replicas)? (?:to|=) (\\d+)(?: replicas?| pods?| instances?)?$`,
    ),
    (m) => scaleCall(m[1], m[2]),
  ],
  [new RegExp(`^scale ${THE}${COMPONENT} (\\d+)$`), (m) => scaleCall(m[1], m[2])],
  [
    new RegExp(`^(?:scale (?:up|down) )${THE}${COMPONENT} to (\\d+)(?: replicas?| pods?)?$`),
    (m) => scaleCall(m[1], m[2]),
  ],
  [
    new RegExp(`^(?:i want |run |use )?(\\d+) ${COMPONENT} (?:replicas|pods|instances)$`),
    (m) => scaleCall(m[2], m[1]),
  ],
  // status
  [
    /^(?:status|app status|show status|get status|show (?:me )?(?:the )?status|show (?:me )?(?:the )?pods|list (?:the )?pods|get pods|pods|what'?s running|is it running|how are the pods(?: doing)?|(?:show )?(?:the )?(?:deployment|release) status|are the pods (?:up|ready|healthy))$/,
    () => call('status'),
  ],
  // logs
  // Bare "logs" names no component: the model (or the person) has to say whose.
  [
    new RegExp(`^(?:show |get |tail )?(?:me )?${THE}${LOG_SOURCE} logs$`),
    (m) => call('logs', { component: logSource(m[1]) }),
  ],
  [
    new RegExp(`^(?:show |get |tail )(?:me )?${THE}logs (?:of|for|from) ${THE}${LOG_SOURCE}$`),
    (m) => call('logs', { component: logSource(m[1]) }),
  ],
  [
    new RegExp(
      `^(?:show |get |tail )?(?:me )?${THE}last (\\d{1,4}) (?:log )?lines (?:of|from|for) ${THE}${LOG_SOURCE}(?: logs)?$`,
    ),
    (m) => {
      const tail = Number(m[1]);
      return tail >= 1 && tail <= 5000
        ? call('logs', { component: logSource(m[2]), tail })
        : undefined;
    },
  ],
  [
    new RegExp(
      `^(?:show |get )?(?:me )?${THE}${LOG_SOURCE} logs (?:since|from|for) (?:the )?(?:last )?${SINCE}$`,
    ),
    (m) => {
      const s = since(m[2], m[3]);
      return s ? call('logs', { component: logSource(m[1]), since: s }) : undefined;
    },
  ],
  [
    new RegExp(
      `^(?:show |get )?(?:me )?${THE}(?:previous|crashed) ${LOG_SOURCE}(?: container)? logs$`,
    ),
    (m) => call('logs', { component: logSource(m[1]), previous: true }),
  ],
  // events
  [
    /^(?:show |get |list )?(?:me )?(?:the )?(?:recent |latest |cluster |kubernetes )?events$/,
    () => call('events'),
  ],
  [
    /^(?:show |get |list )?(?:me )?(?:the )?(?:warnings|warning events|events with warnings)$/,
    () => call('events', { warningsOnly: true }),
  ],
  [
    new RegExp(`^(?:show |get |list )?(?:me )?${THE}${COMPONENT} events$`),
    (m) => call('events', { component: component(m[1]) }),
  ],
  // diagnose
  [
    new RegExp(
      `^why (?:is|are|does|do) ${THE}${COMPONENT}(?: pods?)? (?:failing|crashing|down|broken|not working|not ready|restarting|pending|keep crashing|crash)$`,
    ),
    (m) => call('diagnose', { component: component(m[1]) }),
  ],
  [
    new RegExp(
      `^why (?:isn'?t|aren'?t) ${THE}${COMPONENT}(?: pods?)? (?:working|ready|running|starting)$`,
    ),
    (m) => call('diagnose', { component: component(m[1]) }),
  ],
  [
    new RegExp(`^(?:diagnose|troubleshoot|debug) ${THE}${COMPONENT}(?: pods?)?$`),
    (m) => call('diagnose', { component: component(m[1]) }),
  ],
  [
    new RegExp(`^what'?s wrong with ${THE}${COMPONENT}$`),
    (m) => call('diagnose', { component: component(m[1]) }),
  ],
  [
    /^(?:diagnose|troubleshoot|what'?s wrong|what is wrong|why is (?:the |my )?(?:app|deployment|release) (?:failing|broken|down|not working))$/,
    () => call('diagnose'),
  ],
  // restart
  [
    new RegExp(`^(?:restart|rollout restart|bounce) ${THE}${COMPONENT}(?: pods| deployment)?$`),
    (m) => call('restart', { component: component(m[1]) }),
  ],
  // rollback
  [
    /^(?:roll ?back|undo (?:the )?last (?:deploy|deployment|release|upgrade)|revert (?:the )?last (?:deploy|deployment|release|upgrade)|roll back (?:the )?(?:last )?(?:release|deploy|deployment|upgrade))$/,
    () => call('rollback'),
  ],
  [
    /^roll ?back to (?:revision |rev |release )?(\d{1,4})$/,
    (m) => {
      const revision = Number(m[1]);
      return revision >= 1 ? call('rollback', { revision }) : undefined;
    },
  ],
  // history
  [
    /^(?:show |get |list )?(?:me )?(?:the )?(?:release |helm |deploy |deployment |rollout )?(?:history|revisions)$/,
    () => call('history'),
  ],
  // teardown
  [
    /^(?:tear ?down|tear it down|tear down (?:the )?(?:app|release|deployment)|teardown (?:the )?(?:app|release|deployment)|uninstall|uninstall (?:the )?(?:app|todo app|release))$/,
    () => call('teardown'),
  ],
  // deploy
  [
    /^(?:deploy|redeploy|deploy (?:the )?(?:app|todo app|todo-app|application|release)|install (?:the )?(?:app|todo app|todo-app)|deploy it)$/,
    () => call('deploy'),
  ],
  // One request, one tool: deploy builds the images itself when asked to.
  [
    /^(?:deploy|redeploy) (?:the )?(?:app |todo app )?with (?:fresh |new |freshly built )?images$/,
    () => call('deploy', { build: true }),
  ],
  // build_images
  [/^(?:build|rebuild) (?:the )?(?:all )?(?:app )?images$/, () => call('build_images')],
  [
    new RegExp(`^(?:build|rebuild) ${THE}${COMPONENT} image$`),
    (m) => call('build_images', { component: component(m[1]) }),
  ],
  // hosts_entry
  [
    /^(?:show (?:the )?hosts entry|hosts entry|show (?:the )?hosts|check (?:the )?hosts entry)$/,
    () => call('hosts_entry', { action: 'show' }),
  ],
  [
    /^(?:add (?:the )?hosts entry|add todo\.local to (?:the )?hosts(?: file)?)$/,
    () => call('hosts_entry', { action: 'add' }),
  ],
  [
    /^(?:remove (?:the )?hosts entry|remove todo\.local from (?:the )?hosts(?: file)?)$/,
    () => call('hosts_entry', { action: 'remove' }),
  ],
  // verify
  [
    /^(?:verify|verify (?:the )?(?:deployment|app|install|release)|smoke test|run (?:the )?smoke tests?|is the app (?:up|healthy|working|reachable))$/,
    () => call('verify'),
  ],
  // guide
  [
    /^(?:guide|show (?:me )?(?:the )?guide)(?: (?:for|on|to))? (kubectl-ai|kagent|minikube|helm|docker)$/,
    (m) => call('guide', { topic: m[1] }),
  ],
  [
    /^how (?:do i )?(?:use|install|set up|setup) (kubectl-ai|kagent)$/,
    (m) => call('guide', { topic: m[1] }),
  ],
  // doctor
  [
    /^(?:doctor|run doctor|preflight|check (?:my )?(?:setup|prerequisites|environment|tools)|what'?s missing)$/,
    () => call('doctor'),
  ],
  // setup_cluster
  [
    /^(?:setup|set up|start|create) (?:the )?(?:cluster|minikube|local cluster)$/,
    () => call('setup_cluster'),
  ],
];

const POLITE_PREFIX =
  /^(?:(?:hey|hi|ok|okay|todo-ops),? )?(?:(?:please|pls|kindly|can you|could you|would you|will you|just) )*(?:please )?/;
const POLITE_SUFFIX = /(?: (?:please|pls|thanks|thank you|now|for me))+$/;
/** Characters and words that never belong to an everyday request. */
const UNSAFE =
  /[;|&$`<>\\{}[\]\n\r]|\b(?:ignore|instruction|prompt|sudo|rm|kubectl(?!-ai)|exec|shell|bash|curl|wget|namespace|secret|password|token)\b/;
const NEGATED =
  /\b(?:don'?t|do not|never|without|except|instead|unless|avoid|shouldn'?t|stop|cancel|not|no)\b/;
const COMPOUND = /,|\b(?:and|then|also|after|before|plus|or|if|while|but)\b/;

/** Lower-cases, trims, removes politeness and trailing punctuation. */
export function normalizeRequest(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\t ]+/g, ' ')
    .trim()
    .replace(/[.!?]+$/, '')
    .trim()
    .replace(POLITE_PREFIX, '')
    .replace(POLITE_SUFFIX, '')
    .trim();
}

/** Maps a request to one tool call, or says why it is left to the model. */
export function routeRequest(text: string): RouteResult {
  if (text.includes('\n') || text.includes('\r')) return { routed: false, reason: 'unsafe' };
  if (text.length > MAX_REQUEST_CHARS) return { routed: false, reason: 'too_long' };
  const request = normalizeRequest(text);
  if (!request) return { routed: false, reason: 'empty' };
  if (UNSAFE.test(request)) return { routed: false, reason: 'unsafe' };
  if (/^-|\s-\d/.test(request)) return { routed: false, reason: 'unsafe' };
  if (COMPOUND.test(request)) return { routed: false, reason: 'compound' };
  // "not working"/"isn't ready" are the only negations the rules accept, as symptoms.
  const withoutSymptoms = request
    .replace(/ not (?:working|ready)$/, '')
    .replace(/^why (?:isn'?t|aren'?t) /, 'why ');
  if (NEGATED.test(withoutSymptoms)) return { routed: false, reason: 'negated' };
  for (const [pattern, build] of RULES) {
    const match = request.match(pattern);
    if (!match) continue;
    const routed = build(match);
    // A matching rule that rejects its values (out of bounds) ends the search: never guess.
    return routed ? { routed: true, call: routed } : { routed: false, reason: 'no_match' };
  }
  return { routed: false, reason: 'no_match' };
}

/** What works without a model, for the answer given when a request is not routed. */
export const FAST_PATH_EXAMPLES = [
  'status / show pods',
  'scale backend to 3',
  'backend logs / last 50 lines of frontend / postgres logs',
  'events / warnings',
  'why is the frontend failing / diagnose backend',
  'restart backend',
  'deploy / verify / history / rollback / rollback to 2',
  'teardown',
  'build images / build backend image',
  'doctor / setup cluster / hosts entry',
  'guide kubectl-ai / guide kagent',
] as const;
