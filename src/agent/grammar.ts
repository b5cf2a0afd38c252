/**
 * A small grammar engine for the fast-path router: productions written as short strings over
 * words, vocabularies (with values), numbers and durations, compiled once and matched by
 * backtracking against a tokenized request. It returns every complete parse, so the router
 * can refuse a request that the grammar reads in two different ways.
 *
 * Production syntax, tokens separated by spaces:
 *   word          that word
 *   <name>        a definition: a vocabulary (captures its value under the vocabulary's slot)
 *                 or a list of alternative productions (captures nothing of its own)
 *   <number>      digits or number words (slot `number`); <duration>: "10m", "2 hours" (slot `since`)
 *   <pod>         a pod name of the release's components, "todo-backend-6f7c9d8b4-q2xkz" (slot `pod`)
 *   <remark>      one to eight words of a remark that changes nothing ("i just changed <remark> ,"),
 *                 none of them a negation, a conjunction, a condition or a number (`REMARK_STOPS`)
 *   <chart-key>   a dotted chart value key, "ingress.host" (slot `setKey`); <chart-value>: one word
 *                 or number as said, "todo.example.test", "false", "2" (slot `setValue`);
 *                 <env-file>: a dotenv file's path, "config/prod.env" (slot `secretsFile`)
 *   ( a b | c )   one of the alternatives
 *   [ a b | c ]   optional (one of the alternatives, or nothing);  [ ... ]*  zero or more times
 *   @name         sets the flag `name` (slot value `true`) when the parse passes here
 */

/** Slot values captured by a parse: vocabulary values, numbers, durations and flags. */
export type Slots = Readonly<Record<string, string | number | true>>;

/** A vocabulary: the words (and phrases) people use for each value of one slot. */
export interface Vocabulary {
  slot: string;
  values: Readonly<Record<string, readonly string[]>>;
}

/** What `<name>` can refer to. */
export type Definition = readonly string[] | Vocabulary;

/** A set of word sequences, indexed by first word; with a slot, each carries a value. */
interface Phrases {
  kind: 'phrases';
  slot?: string;
  byFirst: Map<string, Array<{ words: string[]; value: string }>>;
}

type GrammarNode =
  | { kind: 'word'; word: string }
  | { kind: 'optional'; body: GrammarNode[]; repeat: boolean }
  | { kind: 'choice'; options: GrammarNode[][] }
  | Phrases
  | { kind: 'number' }
  | { kind: 'duration' }
  | { kind: 'pod' }
  | { kind: 'remark' }
  | { kind: 'said'; said: SaidKind }
  | { kind: 'flag'; flag: string };

/** Words taken as said, into a slot of their own (never a production's first word). */
type SaidKind = 'chart-key' | 'chart-value' | 'env-file';
const SAID: Record<SaidKind, { slot: string; pattern: RegExp }> = {
  'chart-key': { slot: 'setKey', pattern: /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+$/ },
  'chart-value': { slot: 'setValue', pattern: /^[a-z0-9][a-z0-9._-]{0,99}$/ },
  'env-file': {
    slot: 'secretsFile',
    pattern: /^(?:~\/|\.{0,2}\/)?(?:[a-z0-9_-]+\/)*\.?[a-z0-9_-]*\.?env(?:\.[a-z0-9_-]+)?$/,
  },
};

/** Words, and whether numbers, durations or pod names are among them. */
export type WordSet = {
  words: Set<string>;
  numbers: boolean;
  durations: boolean;
  pods: boolean;
  /** Words taken as said (`<chart-key>`, `<chart-value>`, `<env-file>`). */
  said?: boolean;
};

/** A compiled production. */
export interface Production {
  source: string;
  readonly nodes: GrammarNode[];
  /** Words every match contains. */
  required: string[];
  /**
   * Every word a match can contain. Worked out on first use: most productions are ruled out
   * by the word a request starts with (`first`), and the router starts with the process.
   */
  readonly vocabulary: WordSet;
  /** The words a match can start with. */
  first: WordSet;
  /** The words a match can end with. */
  last: WordSet;
}

const emptyWordSet = (): WordSet => ({
  words: new Set<string>(),
  numbers: false,
  durations: false,
  pods: false,
});

const isVocabulary = (d: Definition): d is Vocabulary => !Array.isArray(d);

function lex(source: string): string[] {
  return source
    .replace(/([[\]()|])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean);
}

function phrases(entries: Array<{ words: string[]; value: string }>, slot?: string): Phrases {
  const byFirst = new Map<string, Array<{ words: string[]; value: string }>>();
  for (const entry of entries) {
    const first = entry.words[0] as string;
    const same = byFirst.get(first);
    if (same) same.push(entry);
    else byFirst.set(first, [entry]);
  }
  return slot === undefined ? { kind: 'phrases', byFirst } : { kind: 'phrases', slot, byFirst };
}

/** A choice among plain word sequences becomes an indexed phrase set. */
function choice(options: GrammarNode[][]): GrammarNode {
  const plain = options.every((option) => option.every((node) => node.kind === 'word'));
  if (!plain) return { kind: 'choice', options };
  return phrases(
    options.map((option) => ({
      words: option.map((node) => (node.kind === 'word' ? node.word : '')),
      value: '',
    })),
  );
}

/** Compiles productions against a set of definitions; definitions are compiled once each. */
export function grammarCompiler(definitions: Readonly<Record<string, Definition>>) {
  const compiled = new Map<string, GrammarNode>();
  const compiling = new Set<string>();
  // Nodes are values: two that match alike are one node, kept once in the compiled table
  // (the same "[<the>]" or "(is | are)" in a hundred productions is written once).
  const ids = new Map<GrammarNode, number>();
  const byContent = new Map<string, GrammarNode>();
  const id = (node: GrammarNode): number => ids.get(node) ?? -1;
  const intern = (node: GrammarNode): GrammarNode => {
    let key: string;
    switch (node.kind) {
      case 'word':
        key = `w ${node.word}`;
        break;
      case 'optional':
        key = `o ${node.repeat} ${node.body.map(id).join(' ')}`;
        break;
      case 'choice':
        key = `c ${node.options.map((option) => option.map(id).join(' ')).join('|')}`;
        break;
      case 'phrases':
        key = `p ${node.slot ?? ''} ${JSON.stringify([...node.byFirst.values()].flat())}`;
        break;
      case 'said':
        key = `s ${node.said}`;
        break;
      case 'flag':
        key = `f ${node.flag}`;
        break;
      default:
        key = node.kind;
    }
    const known = byContent.get(key);
    if (known) return known;
    byContent.set(key, node);
    ids.set(node, ids.size);
    return node;
  };

  function reference(name: string, source: string): GrammarNode {
    if (name === 'number') return intern({ kind: 'number' });
    if (name === 'duration') return intern({ kind: 'duration' });
    if (name === 'pod') return intern({ kind: 'pod' });
    if (name === 'remark') return intern({ kind: 'remark' });
    if (name in SAID) return intern({ kind: 'said', said: name as SaidKind });
    const done = compiled.get(name);
    if (done) return done;
    const definition = definitions[name];
    if (!definition) throw new Error(`grammar: <${name}> is not defined (in "${source}")`);
    if (compiling.has(name)) throw new Error(`grammar: <${name}> refers to itself`);
    compiling.add(name);
    const node: GrammarNode = intern(
      isVocabulary(definition)
        ? phrases(
            Object.entries(definition.values).flatMap(([value, spellings]) =>
              spellings.map((spelling) => ({ words: spelling.split(' '), value })),
            ),
            definition.slot,
          )
        : choice(definition.map((alt) => parse(alt))),
    );
    compiling.delete(name);
    compiled.set(name, node);
    return node;
  }

  function parse(source: string): GrammarNode[] {
    const tokens = lex(source);
    let at = 0;
    // Alternatives separated by "|" up to the closing bracket, which is consumed.
    const alternatives = (closer: string): GrammarNode[][] => {
      const options = [sequence(['|', closer])];
      while (tokens[at] === '|') {
        at += 1;
        options.push(sequence(['|', closer]));
      }
      if (tokens[at++] !== closer) throw new Error(`grammar: unclosed bracket in "${source}"`);
      return options;
    };
    const sequence = (closers: string[]): GrammarNode[] => {
      const nodes: GrammarNode[] = [];
      while (at < tokens.length && !closers.includes(tokens[at] as string)) {
        const token = tokens[at++] as string;
        if (token === '[') {
          const options = alternatives(']');
          const body =
            options.length === 1 ? (options[0] as GrammarNode[]) : [intern(choice(options))];
          const repeat = tokens[at] === '*';
          if (repeat) at += 1;
          nodes.push(intern({ kind: 'optional', body, repeat }));
        } else if (token === '(') {
          nodes.push(intern(choice(alternatives(')'))));
        } else if (token.startsWith('<') && token.endsWith('>')) {
          nodes.push(reference(token.slice(1, -1), source));
        } else if (token.startsWith('@')) {
          nodes.push(intern({ kind: 'flag', flag: token.slice(1) }));
        } else if (/^[\])|*]$/.test(token)) {
          throw new Error(`grammar: unexpected "${token}" in "${source}"`);
        } else {
          nodes.push(intern({ kind: 'word', word: token }));
        }
      }
      return nodes;
    };
    const nodes = sequence([]);
    if (at !== tokens.length) throw new Error(`grammar: unexpected "${tokens[at]}" in "${source}"`);
    return nodes;
  }

  return (source: string): Production => {
    const nodes = parse(source);
    const first = emptyWordSet();
    collectFirst(nodes, first);
    const last = emptyWordSet();
    collectFirst(nodes, last, true);
    return production(
      source,
      nodes,
      nodes.flatMap((node) => (node.kind === 'word' ? [node.word] : [])),
      first,
      last,
    );
  };
}

/** A production; `nodes` may be given as a function, called once on first use. */
function production(
  source: string,
  nodesOf: GrammarNode[] | (() => GrammarNode[]),
  required: string[],
  first: WordSet,
  last: WordSet,
  vocabularyOf?: () => WordSet,
): Production {
  let nodes = typeof nodesOf === 'function' ? undefined : nodesOf;
  let vocabulary: WordSet | undefined;
  return {
    source,
    get nodes() {
      nodes ??= (nodesOf as () => GrammarNode[])();
      return nodes;
    },
    required,
    get vocabulary() {
      if (!vocabulary) {
        vocabulary = vocabularyOf?.();
        if (!vocabulary) {
          vocabulary = emptyWordSet();
          for (const node of this.nodes) collectWords(node, vocabulary);
        }
      }
      return vocabulary;
    },
    first,
    last,
  };
}

/**
 * Compiled productions as text: every node once in a table (a vocabulary shared by a hundred
 * productions is written once), productions pointing into it. The build compiles the
 * router's grammar this way, so a start of the CLI only reads it back. Each node is a line of
 * its own (nodeText), node lists are indices joined by commas, and word sets are words joined
 * by spaces: no JSON, whose parser makes every word a string of the string table (a
 * vocabulary of a few hundred words took milliseconds), and only the productions a request
 * can start are read on.
 */
export interface GrammarData {
  /** Each node as nodeText writes it. */
  nodes: string[];
  /** Every word any production can contain, joined by spaces (what a typo is measured against). */
  words: string;
  /** The productions by what they can start with, as startsText writes it. */
  starts: string;
  productions: Array<{
    source: string;
    /** The node indices, joined by commas. */
    nodes: string;
    required: string[];
    /** Word sets as text (wordSetText). */
    first: string;
    last: string;
    vocabulary: string;
  }>;
}

/**
 * Separators of a node's text: a tab between the fields of a phrase set, a bar between the
 * options of a choice, commas between indices (which are all a choice or an optional part
 * holds). The build refuses a word, value, slot or flag that holds a tab or a line break, so
 * a text always reads back as written.
 */
const FIELD = '\t';
const OPTION = '|';
const INDEX = ',';

/** Kinds of node, by the first character of their text. */
const NODE_KIND = {
  w: 'word',
  o: 'optional',
  r: 'optional',
  c: 'choice',
  p: 'phrases',
  n: 'number',
  d: 'duration',
  q: 'pod',
  m: 'remark',
  s: 'said',
  f: 'flag',
} as const;

function checkedText(text: string): string {
  if (/[\t\n\r]/.test(text)) throw new Error(`grammar: "${text}" cannot be written as text`);
  return text;
}

/**
 * One node as text, children as table indices: a kind letter, then a word (`w`), the
 * indices of an optional body (`o`, repeated: `r`), options of indices (`c`), a slot, then
 * words and values by turns (`p`), a said kind (`s`) or a flag (`f`).
 */
function nodeText(node: GrammarNode, add: (node: GrammarNode) => number): string {
  switch (node.kind) {
    case 'word':
      return `w${checkedText(node.word)}`;
    case 'optional':
      return `${node.repeat ? 'r' : 'o'}${node.body.map(add).join(INDEX)}`;
    case 'choice':
      return `c${node.options.map((option) => option.map(add).join(INDEX)).join(OPTION)}`;
    case 'phrases': {
      const fields = [node.slot === undefined ? '' : checkedText(node.slot)];
      for (const entries of node.byFirst.values())
        for (const entry of entries)
          fields.push(entry.words.map(checkedText).join(' '), checkedText(entry.value));
      return `p${fields.join(FIELD)}`;
    }
    case 'number':
      return 'n';
    case 'duration':
      return 'd';
    case 'pod':
      return 'q';
    case 'remark':
      return 'm';
    case 'said':
      return `s${node.said}`;
    case 'flag':
      return `f${checkedText(node.flag)}`;
  }
}

/** Indices joined by commas, back as numbers. */
function indices(text: string): number[] {
  return text ? text.split(INDEX).map(Number) : [];
}

/** Markers of numbers, durations and pod names in a word set's text; no word holds a `#`. */
const NUMBERS = '#number';
const DURATIONS = '#duration';
const PODS = '#pod';
const SAIDS = '#said';

function wordSetText(set: WordSet): string {
  return [
    ...set.words,
    ...(set.numbers ? [NUMBERS] : []),
    ...(set.durations ? [DURATIONS] : []),
    ...(set.pods ? [PODS] : []),
    ...(set.said ? [SAIDS] : []),
  ].join(' ');
}

function wordSetFromText(text: string): WordSet {
  const words = new Set(text ? text.split(' ') : []);
  const numbers = words.delete(NUMBERS);
  const durations = words.delete(DURATIONS);
  const pods = words.delete(PODS);
  const said = words.delete(SAIDS);
  return { words, numbers, durations, pods, ...(said ? { said } : {}) };
}

/** The productions as text (see GrammarData). */
export function grammarToData(productions: readonly Production[]): GrammarData {
  const nodes: string[] = [];
  const index = new Map<GrammarNode, number>();
  const add = (node: GrammarNode): number => {
    const known = index.get(node);
    if (known !== undefined) return known;
    const text = nodeText(node, add);
    index.set(node, nodes.length);
    nodes.push(text);
    return nodes.length - 1;
  };
  return {
    productions: productions.map((p) => ({
      source: p.source,
      nodes: p.nodes.map(add).join(INDEX),
      required: p.required.map(checkedText),
      first: wordSetText(p.first),
      last: wordSetText(p.last),
      vocabulary: wordSetText(p.vocabulary),
    })),
    nodes,
    words: grammarWords(productions).join(' '),
    starts: startsText(productions),
  };
}

/**
 * The productions by each word they can start with, and by each kind of token (a number, a
 * duration, a pod name: their markers in a word set's text), one line each: the word, a tab,
 * the indices of the productions in table order, joined by commas. The build writes it, so a
 * start reads the one line of a request's first word instead of every production's first
 * words.
 */
export function startsText(productions: readonly Production[]): string {
  const starts = new Map<string, number[]>();
  productions.forEach(({ first }, i) => {
    for (const key of wordSetText(first).split(' ')) {
      if (!key || key === SAIDS) continue;
      const list = starts.get(key);
      if (list) list.push(i);
      else starts.set(key, [i]);
    }
  });
  return [...starts].map(([key, list]) => `${key}${FIELD}${list.join(INDEX)}`).join('\n');
}

/**
 * startsText read back: the indices of the productions that can start with a word (or a
 * kind's key), in table order. Only the lines are split at once; a line's indices are read
 * when its word is first asked for.
 */
export function startsFromText(text: string): (key: string) => readonly number[] {
  const lines = new Map<string, string>();
  for (const line of text ? text.split('\n') : []) {
    const tab = line.indexOf(FIELD);
    lines.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const read = new Map<string, readonly number[]>();
  return (key) => {
    let list = read.get(key);
    if (!list) {
      list = indices(lines.get(key) ?? '');
      read.set(key, list);
    }
    return list;
  };
}

/** Every word any of the productions can contain, sorted. */
export function grammarWords(productions: readonly Production[]): string[] {
  const words = new Set<string>();
  for (const p of productions) for (const word of p.vocabulary.words) words.add(word);
  return [...words].sort();
}

/** Words to look up: `has`, and every word in order. */
export interface WordList extends Iterable<string> {
  has(word: string): boolean;
}

/**
 * Sorted words (as grammarWords gives them, in the order of `<`) looked up by binary search:
 * the list of all the grammar's words is read at every start, where a set of them would be
 * built at every start.
 */
export function sortedWords(sorted: readonly string[]): WordList {
  return {
    has(word: string): boolean {
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const at = sorted[middle] as string;
        if (at === word) return true;
        if (at < word) low = middle + 1;
        else high = middle;
      }
      return false;
    },
    [Symbol.iterator]: () => sorted[Symbol.iterator](),
  };
}

/**
 * The grammar data as one text, as the build writes it: a first line with the number of
 * nodes, of productions and the width of an offset; then the offset of every part, each
 * written in base 36 in that width; then the parts one after another: every node's text, then
 * for each production its source, node indices, required words, the words it can start
 * with, end with and contain (word sets as wordSetText writes them), then all the grammar's
 * words, sorted, then the productions by what they can start with (startsText). Reading it back (grammarDataFromText) parses nothing at once: each part is
 * sliced out by its offsets when first read, and a request reads only the productions its
 * first word allows.
 */
export function grammarDataToText(data: GrammarData): string {
  const parts: string[] = [...data.nodes];
  for (const p of data.productions)
    parts.push(p.source, p.nodes, p.required.join(' '), p.first, p.last, p.vocabulary);
  parts.push(data.words, data.starts);
  const starts = [0];
  for (const part of parts) starts.push((starts.at(-1) as number) + part.length);
  const width = (starts.at(-1) as number).toString(36).length;
  return `${data.nodes.length} ${data.productions.length} ${width}\n${starts
    .map((start) => start.toString(36).padStart(width, '0'))
    .join('')}${parts.join('')}`;
}

/** The parts of a production in grammarDataToText's text, in order. */
const PRODUCTION_PARTS = 6;

/** A grammarDataToText text read back: each part sliced out of the text when first read. */
export function grammarDataFromText(text: string): GrammarData {
  const newline = text.indexOf('\n');
  const [nodeCount = 0, productionCount = 0, width = 1] = text
    .slice(0, newline)
    .split(' ')
    .map(Number);
  const index = newline + 1;
  const body = index + (nodeCount + productionCount * PRODUCTION_PARTS + 3) * width;
  const offset = (i: number): number =>
    Number.parseInt(text.slice(index + i * width, index + (i + 1) * width), 36);
  const part = (i: number): string => text.slice(body + offset(i), body + offset(i + 1));
  // Indexed like an array; each node's text is sliced out when read.
  const nodes = new Proxy([] as string[], {
    get: (target, key) =>
      key === 'length'
        ? nodeCount
        : typeof key === 'string' && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57
          ? part(Number(key))
          : Reflect.get(target, key),
  });
  // A production's parts, read through the prototype's getters: no closures per production.
  class ProductionText {
    constructor(readonly at: number) {}
    get source(): string {
      return part(this.at);
    }
    get nodes(): string {
      return part(this.at + 1);
    }
    get required(): string[] {
      const words = part(this.at + 2);
      return words ? words.split(' ') : [];
    }
    get first(): string {
      return part(this.at + 3);
    }
    get last(): string {
      return part(this.at + 4);
    }
    get vocabulary(): string {
      return part(this.at + 5);
    }
  }
  const productions: GrammarData['productions'] = [];
  for (let p = 0; p < productionCount; p += 1)
    productions.push(new ProductionText(nodeCount + p * PRODUCTION_PARTS));
  return {
    get words() {
      return part(nodeCount + productionCount * PRODUCTION_PARTS);
    },
    get starts() {
      return part(nodeCount + productionCount * PRODUCTION_PARTS + 1);
    },
    nodes,
    productions,
  };
}

/**
 * Productions back from their text (grammarToData), sharing nodes as the compiled ones did.
 * A production's source and required words are read at once, its nodes and word sets on
 * first use: the build's index of first words (startsText) tells which productions a request's
 * first word allows, and the rest are never read on. A node's children are revived when
 * the parse (or a word set) first reaches them, so a rule such as the tail, whose options
 * the parse indexes by their first words, is read back no further than those.
 */
export function grammarFromData(data: GrammarData): Production[] {
  const revived: Array<GrammarNode | undefined> = [];
  const at = (i: number): GrammarNode => {
    let node = revived[i];
    if (!node) {
      node = nodeFromText(data.nodes[i] as string, at);
      revived[i] = node;
    }
    return node;
  };
  // Productions often start (or end) with the same words ("<show> ..."): one set for each.
  const sets = new Map<string, WordSet>();
  const wordSet = (text: string): WordSet => {
    let set = sets.get(text);
    if (!set) {
      set = wordSetFromText(text);
      sets.set(text, set);
    }
    return set;
  };
  return data.productions.map((p) => {
    let nodes: GrammarNode[] | undefined;
    let first: WordSet | undefined;
    let last: WordSet | undefined;
    let vocabulary: WordSet | undefined;
    return {
      source: p.source,
      get nodes() {
        nodes ??= indices(p.nodes).map(at);
        return nodes;
      },
      required: p.required,
      get vocabulary() {
        vocabulary ??= wordSetFromText(p.vocabulary);
        return vocabulary;
      },
      get first() {
        first ??= wordSet(p.first);
        return first;
      },
      get last() {
        last ??= wordSet(p.last);
        return last;
      },
    };
  });
}

/**
 * One node back from its text (nodeText); `at` gives the node at a table index. The
 * children of an optional part or a choice are revived when first read.
 */
function nodeFromText(text: string, at: (i: number) => GrammarNode): GrammarNode {
  const kind = NODE_KIND[text[0] as keyof typeof NODE_KIND];
  const rest = text.slice(1);
  switch (kind) {
    case 'word':
      return { kind, word: rest };
    case 'optional': {
      let body: GrammarNode[] | undefined;
      return {
        kind,
        get body() {
          body ??= indices(rest).map(at);
          return body;
        },
        repeat: text[0] === 'r',
      };
    }
    case 'choice': {
      let options: GrammarNode[][] | undefined;
      return {
        kind,
        get options() {
          options ??= rest.split(OPTION).map((option) => indices(option).map(at));
          return options;
        },
      };
    }
    case 'phrases': {
      const [slot = '', ...fields] = rest.split(FIELD);
      const entries: Array<{ words: string[]; value: string }> = [];
      for (let i = 0; i + 1 < fields.length; i += 2)
        entries.push({ words: (fields[i] as string).split(' '), value: fields[i + 1] as string });
      return phrases(entries, slot || undefined);
    }
    case 'number':
    case 'duration':
    case 'pod':
    case 'remark':
      return { kind };
    case 'said':
      return { kind, said: rest as SaidKind };
    case 'flag':
      return { kind, flag: rest };
    default:
      throw new Error(`grammar: no node reads "${text.slice(0, 20)}"`);
  }
}

/**
 * Adds the words a sequence can start with (or, `fromEnd`, end with); returns whether it can
 * match nothing at all. A number or a duration ends with a word of its own kind ("twenty
 * five", "ten minutes"), so its kind stands for its last word as for its first.
 */
function collectFirst(nodes: readonly GrammarNode[], into: WordSet, fromEnd = false): boolean {
  for (const node of fromEnd ? [...nodes].reverse() : nodes) {
    switch (node.kind) {
      case 'word':
        into.words.add(node.word);
        return false;
      case 'phrases':
        if (fromEnd)
          for (const entries of node.byFirst.values())
            for (const entry of entries) into.words.add(entry.words.at(-1) as string);
        else for (const word of node.byFirst.keys()) into.words.add(word);
        return false;
      case 'number':
        into.numbers = true;
        return false;
      case 'duration':
        into.durations = true;
        return false;
      case 'pod':
        into.pods = true;
        return false;
      // A remark is never where a production starts or ends (it would start with any word).
      case 'remark':
        return false;
      case 'said':
        into.said = true;
        return false;
      case 'flag':
        break;
      case 'optional':
        collectFirst(node.body, into, fromEnd);
        break;
      case 'choice': {
        let empty = false;
        for (const option of node.options) empty = collectFirst(option, into, fromEnd) || empty;
        if (!empty) return false;
        break;
      }
    }
  }
  return true;
}

/** The distinct words of a phrase set; vocabularies are shared by many productions. */
const wordsOfPhrases = new WeakMap<Phrases, string[]>();
function phraseWords(node: Phrases): string[] {
  let words = wordsOfPhrases.get(node);
  if (!words) {
    const distinct = new Set<string>();
    for (const entries of node.byFirst.values())
      for (const entry of entries) for (const word of entry.words) distinct.add(word);
    words = [...distinct];
    wordsOfPhrases.set(node, words);
  }
  return words;
}

function collectWords(node: GrammarNode, into: WordSet): void {
  switch (node.kind) {
    case 'word':
      into.words.add(node.word);
      return;
    case 'optional':
      for (const child of node.body) collectWords(child, into);
      return;
    case 'choice':
      for (const option of node.options) for (const child of option) collectWords(child, into);
      return;
    case 'phrases':
      for (const word of phraseWords(node)) into.words.add(word);
      return;
    case 'number':
      into.numbers = true;
      return;
    case 'duration':
      into.durations = true;
      return;
    case 'pod':
      into.pods = true;
      return;
    // A remark's words are not the production's: one inside an intent's production (after a
    // reason, in `<lead>`) is not read there, only in the lead cut off before the request.
    case 'said':
      into.said = true;
      return;
    case 'remark':
    case 'flag':
      return;
  }
}

const ONES: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const DIGITS = /^-?\d+(?:\.\d+)?$/;
/** Words that are (part of) a number. */
export const NUMBER_WORDS: ReadonlySet<string> = new Set([
  ...Object.keys(ONES),
  ...Object.keys(TENS),
  'a',
  'hundred',
  'single',
]);

/** Every way a number can start at `pos`: [tokens used, value]. */
function numbersAt(tokens: readonly string[], pos: number): Array<[number, number]> {
  const first = tokens[pos];
  if (first === undefined) return [];
  if (DIGITS.test(first)) return [[1, Number(first)]];
  const second = tokens[pos + 1];
  if (first === 'a' || first === 'one') {
    if (second === 'hundred') return [[2, 100]];
    if (first === 'a' && second === 'single') return [[2, 1]];
  }
  // "the last hundred lines", "five hundred lines".
  if (first === 'hundred') return [[1, 100]];
  if (first in ONES && second === 'hundred')
    return [
      [1, ONES[first] as number],
      [2, (ONES[first] as number) * 100],
    ];
  if (first in ONES) return [[1, ONES[first] as number]];
  if (first in TENS) {
    const tens = TENS[first] as number;
    const unit = second === undefined ? undefined : ONES[second];
    return unit !== undefined && unit >= 1 && unit <= 9
      ? [
          [1, tens],
          [2, tens + unit],
        ]
      : [[1, tens]];
  }
  return [];
}

const UNITS: Record<string, 's' | 'm' | 'h' | 'd'> = {
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
};
const SINGULAR_UNITS = new Set(['second', 'minute', 'hour', 'day']);
const COMPACT_DURATION = /^(\d+(?:\.\d+)?)(s|secs?|m|mins?|h|hrs?|d)$/;
/** Words that are (part of) a duration. */
export const DURATION_WORDS: ReadonlySet<string> = new Set([
  ...NUMBER_WORDS,
  ...Object.keys(UNITS),
  'an',
  'half',
]);

/**
 * A pod of one of the release's components: the component's name as one part of a
 * hyphenated name, a part with a digit after it ("todo-backend-6f7c9d8b4-q2xkz",
 * "todo-postgresql-0"). Pods of other workloads ("grafana-5d8f7-x2k4q") are not the fast
 * path's. The logs tool checks the name again against its own pattern.
 */
const POD_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*-(?:backend|frontend|postgresql)((?:-[a-z0-9]+)+)$/;

/** Whether a word is a pod name of the release (see `POD_NAME`). */
export function isPodName(word: string): boolean {
  const suffix = word.length <= 253 ? POD_NAME.exec(word)?.[1] : undefined;
  return suffix !== undefined && /\d/.test(suffix);
}

const NUMBER = 1;
const DURATION = 2;
const POD = 4;
const SAID_KIND = 8;
/** The bits of `tokenKinds` a production can start with. */
export const TOKEN_KIND = { number: NUMBER, duration: DURATION, pod: POD } as const;
/** Each TOKEN_KIND bit with its key in startsText. */
export const START_KIND_KEYS: ReadonlyArray<readonly [number, string]> = [
  [NUMBER, NUMBERS],
  [DURATION, DURATIONS],
  [POD, PODS],
];
const isSaid = (t: string) =>
  SAID['chart-key'].pattern.test(t) ||
  SAID['chart-value'].pattern.test(t) ||
  SAID['env-file'].pattern.test(t);

/**
 * What each token could be besides a word: part of a number (1), of a duration (2), a pod (4),
 * a word taken as said (8: a chart value, a file's path).
 */
export function tokenKinds(tokens: readonly string[]): number[] {
  return tokens.map(
    (t) =>
      (DIGITS.test(t) || NUMBER_WORDS.has(t) ? NUMBER : 0) |
      (DIGITS.test(t) || COMPACT_DURATION.test(t) || DURATION_WORDS.has(t) ? DURATION : 0) |
      (isPodName(t) ? POD : 0) |
      (isSaid(t) ? SAID_KIND : 0),
  );
}

/** Whether a word set holds a token of this kind (a cheap test before parsing). */
function holds(set: WordSet, token: string, kind: number): boolean {
  return (
    set.words.has(token) ||
    (set.numbers && (kind & NUMBER) !== 0) ||
    (set.durations && (kind & DURATION) !== 0) ||
    (set.pods && (kind & POD) !== 0) ||
    (set.said === true && (kind & SAID_KIND) !== 0)
  );
}

/** Every way a duration can start at `pos`: [tokens used, "10m"-style value]. */
function durationsAt(tokens: readonly string[], pos: number): Array<[number, string]> {
  const first = tokens[pos];
  if (first === undefined) return [];
  const compact = COMPACT_DURATION.exec(first);
  if (compact) return [[1, `${compact[1]}${UNITS[compact[2] as string]}`]];
  const found: Array<[number, string]> = [];
  // "the last hour": a bare singular unit is one of it.
  if (SINGULAR_UNITS.has(first)) found.push([1, `1${UNITS[first]}`]);
  // "half an hour", "half hour", "a half hour".
  const half = first === 'a' ? 1 : 0;
  if (tokens[pos + half] === 'half') {
    if (tokens[pos + half + 1] === 'hour') found.push([half + 2, '30m']);
    if (!half && tokens[pos + 1] === 'an' && tokens[pos + 2] === 'hour') found.push([3, '30m']);
  }
  if ((first === 'a' || first === 'an') && SINGULAR_UNITS.has(tokens[pos + 1] ?? ''))
    found.push([2, `1${UNITS[tokens[pos + 1] as string]}`]);
  for (const [used, value] of numbersAt(tokens, pos)) {
    const unit = UNITS[tokens[pos + used] ?? ''];
    if (unit && (tokens[pos + used]?.length ?? 0) > 1) found.push([used + 1, `${value}${unit}`]);
  }
  return found;
}

/**
 * Words that end a remark: negations, conjunctions, conditions, questions and counts change
 * what a request asks ("i changed it, do not restart", "i changed it if ...", "... and now").
 */
/** Words that say no to what follows or precedes them. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'without',
  'except',
  'unless',
  'instead',
  'avoid',
  'nothing',
  'nor',
  'cancel',
  'stop',
]);
/** Words that join two requests, or a request and its condition. */
export const CONJUNCTIONS: ReadonlySet<string> = new Set([
  ',',
  'and',
  'then',
  'also',
  'plus',
  'or',
  'but',
  'after',
  'before',
  'while',
  'if',
  'afterwards',
]);
export const REMARK_STOPS: ReadonlySet<string> = new Set([
  ...NEGATIONS,
  ...CONJUNCTIONS,
  'when',
  'once',
  'until',
  'so',
  'please',
  'why',
  'what',
  'how',
  'which',
  'who',
  'where',
]);
const MAX_REMARK = 8;

/** A word a remark may hold: a word or a path, never a stop word or a number. */
function isRemarkWord(token: string): boolean {
  return (
    /^[a-z/.][a-z0-9/._-]*$/.test(token) &&
    !REMARK_STOPS.has(token) &&
    (token === 'a' || !NUMBER_WORDS.has(token)) &&
    !/^\d/.test(token)
  );
}

interface ParseState {
  pos: number;
  slots: Slots;
}

/**
 * A slot filled once, or again with the same value ("the frontend is down, restart the
 * frontend", "the crash logs of the previous container"); a second, different value is no
 * parse ("scale the backend to 3 frontend").
 */
function capture(
  state: ParseState,
  used: number,
  slot: string,
  value: string | number | true,
): ParseState[] {
  if (!(slot in state.slots))
    return [{ pos: state.pos + used, slots: { ...state.slots, [slot]: value } }];
  return state.slots[slot] === value ? [{ pos: state.pos + used, slots: state.slots }] : [];
}

const NO_SLOTS: Slots = Object.freeze({});

/**
 * What each choice matched from each position of the tokens being parsed, with the slots it
 * filled there. A definition is one node shared by every production that refers to it
 * ("<problem-stated>" in a dozen productions), so a request is read at each place once.
 */
const choices = {
  tokens: undefined as readonly string[] | undefined,
  kinds: [] as number[],
  found: new Map(),
} as {
  tokens: readonly string[] | undefined;
  kinds: number[];
  found: Map<GrammarNode, Map<number, ParseState[]>>;
};

/**
 * The options of a choice by the words they can start with; `always` are the options that
 * can match nothing (tried at any word), the others by kind of token.
 */
interface OptionIndex {
  byWord: Map<string, number[]>;
  always: number[];
  numbers: number[];
  durations: number[];
  pods: number[];
}

const optionIndices = new WeakMap<GrammarNode, OptionIndex>();

function optionIndex(node: Extract<GrammarNode, { kind: 'choice' }>): OptionIndex {
  let index = optionIndices.get(node);
  if (!index) {
    const built: OptionIndex = {
      byWord: new Map(),
      always: [],
      numbers: [],
      durations: [],
      pods: [],
    };
    node.options.forEach((option, i) => {
      const first = emptyWordSet();
      if (collectFirst(option, first)) {
        built.always.push(i);
        return;
      }
      for (const word of first.words) {
        const list = built.byWord.get(word);
        if (list) list.push(i);
        else built.byWord.set(word, [i]);
      }
      if (first.numbers) built.numbers.push(i);
      if (first.durations) built.durations.push(i);
      if (first.pods) built.pods.push(i);
    });
    index = built;
    optionIndices.set(node, index);
  }
  return index;
}

/** The options of a choice that can start with this token, in their order. */
function optionsAt(
  node: Extract<GrammarNode, { kind: 'choice' }>,
  token: string | undefined,
  kind: number,
): number[] {
  const index = optionIndex(node);
  if (token === undefined) return index.always;
  const lists = [index.byWord.get(token), index.always];
  if (kind & NUMBER) lists.push(index.numbers);
  if (kind & DURATION) lists.push(index.durations);
  if (kind & POD) lists.push(index.pods);
  const found = lists.filter((list): list is number[] => list !== undefined && list.length > 0);
  if (found.length <= 1) return found[0] ?? [];
  return [...new Set(found.flat())].sort((a, b) => a - b);
}

function choiceFrom(
  node: Extract<GrammarNode, { kind: 'choice' }>,
  tokens: readonly string[],
  pos: number,
): ParseState[] {
  if (choices.tokens !== tokens) {
    choices.tokens = tokens;
    choices.kinds = tokenKinds(tokens);
    choices.found = new Map();
  }
  let byPos = choices.found.get(node);
  if (!byPos) {
    byPos = new Map();
    choices.found.set(node, byPos);
  }
  let found = byPos.get(pos);
  if (!found) {
    found = [];
    // Only the options that can start with this token (or match nothing) are tried.
    for (const i of optionsAt(node, tokens[pos], choices.kinds[pos] ?? 0))
      found.push(...run(node.options[i] as GrammarNode[], tokens, [{ pos, slots: NO_SLOTS }]));
    byPos.set(pos, found);
  }
  return found;
}

/** Slots filled before and slots filled by a choice, or undefined when they disagree. */
function merge(before: Slots, added: Slots): Slots | undefined {
  if (added === NO_SLOTS) return before;
  let out: Record<string, string | number | true> | undefined;
  for (const [slot, value] of Object.entries(added)) {
    if (slot in before) {
      if (before[slot] !== value) return undefined;
    } else {
      out ??= { ...before };
      out[slot] = value;
    }
  }
  return out ?? before;
}

/** The states after `node`, from one state before it. */
function step(node: GrammarNode, tokens: readonly string[], state: ParseState): ParseState[] {
  const { pos } = state;
  switch (node.kind) {
    case 'word':
      return tokens[pos] === node.word ? [{ pos: pos + 1, slots: state.slots }] : [];
    case 'choice': {
      const out: ParseState[] = [];
      for (const found of choiceFrom(node, tokens, pos)) {
        const slots = merge(state.slots, found.slots);
        if (slots) out.push({ pos: found.pos, slots });
      }
      return out;
    }
    case 'optional': {
      const out: ParseState[] = [state];
      let frontier = [state];
      do {
        const next: ParseState[] = [];
        // A repeat must consume something each time round, or it would never end.
        for (const from of frontier)
          for (const after of run(node.body, tokens, [from]))
            if (!node.repeat || after.pos > from.pos) next.push(after);
        out.push(...next);
        frontier = next;
      } while (node.repeat && frontier.length);
      return out;
    }
    case 'phrases': {
      const out: ParseState[] = [];
      for (const entry of node.byFirst.get(tokens[pos] as string) ?? []) {
        let w = 1;
        while (w < entry.words.length && tokens[pos + w] === entry.words[w]) w += 1;
        if (w < entry.words.length) continue;
        if (node.slot === undefined) out.push({ pos: pos + w, slots: state.slots });
        else out.push(...capture(state, w, node.slot, entry.value));
      }
      return out;
    }
    case 'number':
      return numbersAt(tokens, pos).flatMap(([used, value]) =>
        capture(state, used, 'number', value),
      );
    case 'duration':
      return durationsAt(tokens, pos).flatMap(([used, value]) =>
        capture(state, used, 'since', value),
      );
    case 'pod': {
      const word = tokens[pos];
      return word !== undefined && isPodName(word) ? capture(state, 1, 'pod', word) : [];
    }
    case 'remark': {
      const out: ParseState[] = [];
      for (let end = pos; end < tokens.length && end - pos < MAX_REMARK; end += 1) {
        if (!isRemarkWord(tokens[end] as string)) break;
        out.push({ pos: end + 1, slots: state.slots });
      }
      return out;
    }
    case 'said': {
      const word = tokens[pos];
      const { slot, pattern } = SAID[node.said];
      return word !== undefined && pattern.test(word) ? capture(state, 1, slot, word) : [];
    }
    case 'flag':
      return capture(state, 0, node.flag, true);
  }
}

/** The states after a sequence of nodes. */
function run(
  nodes: readonly GrammarNode[],
  tokens: readonly string[],
  start: ParseState[],
): ParseState[] {
  let states = start;
  for (const node of nodes) {
    const next: ParseState[] = [];
    for (const state of states) for (const after of step(node, tokens, state)) next.push(after);
    if (next.length === 0) return next;
    states = next;
  }
  return states;
}

/** The slots of every complete parse of `tokens` by `production`. */
export function parseAll(
  production: Production,
  tokens: readonly string[],
  kinds: readonly number[] = tokenKinds(tokens),
): Slots[] {
  // The grammar must explain every word: a production that cannot use one is no candidate,
  // nor one that cannot start or end as the request does.
  const end = tokens.length - 1;
  if (
    end >= 0 &&
    (!holds(production.first, tokens[0] as string, kinds[0] ?? 0) ||
      !holds(production.last, tokens[end] as string, kinds[end] ?? 0))
  )
    return [];
  for (let i = 0; i < tokens.length; i += 1)
    if (!holds(production.vocabulary, tokens[i] as string, kinds[i] ?? 0)) return [];
  for (const word of production.required) if (!tokens.includes(word)) return [];
  return run(production.nodes, tokens, [{ pos: 0, slots: {} }])
    .filter((state) => state.pos === tokens.length)
    .map((state) => state.slots);
}

/** Every position a match of `production` starting at `from` can end at (no full match needed). */
export function endsOf(production: Production, tokens: readonly string[], from: number): number[] {
  return [...new Set(run(production.nodes, tokens, [{ pos: from, slots: {} }]).map((s) => s.pos))];
}

/**
 * Typing errors: a word one edit (a letter added, dropped, changed, or two neighbours swapped)
 * from a known word of at least five letters, or two edits from one of at least nine, reads as
 * that word when it is the only one that close. The index holds each known word and what it
 * becomes with one or two letters dropped, so a look-up drops letters from the typed word and
 * compares only the few words it meets (symmetric deletion); nothing is tried letter by letter.
 */
export interface TypoIndex {
  keys: Map<string, string[]>;
  /** The four-letter words: a typo of one is two neighbours swapped ("lgos"), nothing else. */
  short: Set<string>;
}

/** How many edits a typo of `word` may be away from it: none for short words. */
function editsAllowed(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** The word with up to `n` letters dropped, the word itself included. */
function deletions(word: string, n: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let round = 0; round < n; round += 1) {
    const next: string[] = [];
    for (const w of frontier)
      for (let i = 0; i < w.length; i += 1) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    frontier = next;
  }
  return out;
}

/** The index of the words a typo may stand for (see TypoIndex). */
export function typoIndex(words: Iterable<string>): TypoIndex {
  const keys = new Map<string, string[]>();
  const short = new Set<string>();
  for (const word of words) {
    if (word.length === 4 && /^[a-z]+$/.test(word)) short.add(word);
    const allowed = editsAllowed(word);
    if (!allowed || !/^[a-z]+$/.test(word)) continue;
    for (const key of deletions(word, allowed)) {
      const list = keys.get(key);
      if (!list) keys.set(key, [word]);
      else if (!list.includes(word)) list.push(word);
    }
  }
  return { keys, short };
}

/** A four-letter word with two neighbours after the first letter swapped, when it is one. */
function swapOf(index: TypoIndex, typed: string): string | undefined {
  const found = new Set<string>();
  for (let i = 1; i < 3; i += 1) {
    const swapped = typed.slice(0, i) + typed[i + 1] + typed[i] + typed.slice(i + 2);
    if (swapped !== typed && index.short.has(swapped)) found.add(swapped);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * A four-letter word that is a five-letter one with a letter after the first dropped ("chek",
 * "buld"), when it is only one ("stat" could be "start" or "state": none), and no other form
 * of it ("node" is not "nodes").
 */
function droppedOf(index: TypoIndex, typed: string): string | undefined {
  const found = (index.keys.get(typed) ?? []).filter(
    (word) => word.length === 5 && word[0] === typed[0],
  );
  const [only] = found;
  return found.length === 1 && only !== undefined && !otherForm(typed, only) ? only : undefined;
}

/** Edits between two words: letters added, dropped, changed, neighbours swapped (OSA). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** Endings of the same word in another form: "finishes" is no typo of "finished". */
const INFLECTIONS = ['s', 'es', 'd', 'ed', 'ing', 'er', 'ers', 'ion', 'ions', 'ly', 'y', 'al'];

function stems(word: string): Set<string> {
  const out = new Set([word]);
  for (const ending of INFLECTIONS)
    if (word.endsWith(ending) && word.length > ending.length + 2)
      out.add(word.slice(0, -ending.length));
  return out;
}

/** Whether two words are one word in two forms (the same stem, other endings). */
function otherForm(a: string, b: string): boolean {
  const ofB = stems(b);
  for (const stem of stems(a)) if (ofB.has(stem)) return true;
  return false;
}

/**
 * The one known word a typed word is a typo of, or undefined: when none is close enough, when
 * two are as close, when the typed word is short (under five letters; of four letters, only two
 * neighbours swapped after the first, "lgos", "pdos", or a letter dropped from a five-letter
 * word, "chek") or starts with another
 * letter (people rarely miss the first one, and "costs" is no typo of "hosts"), or when one is
 * the other in another form ("restarts" is not a typo of "restart", nor "finishes" of
 * "finished").
 */
export function typoOf(index: TypoIndex, typed: string): string | undefined {
  if (typed.length === 4 && /^[a-z]+$/.test(typed))
    return swapOf(index, typed) ?? droppedOf(index, typed);
  if (typed.length < 5 || !/^[a-z]+$/.test(typed)) return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tie = false;
  // Of two words as close, the one with the typed word's very letters (two neighbours swapped:
  // "stauts" is "status", not "starts").
  let sameLetters: string[] = [];
  const letters = (w: string) => [...w].sort().join('');
  const typedLetters = letters(typed);
  const seen = new Set<string>();
  for (const key of deletions(typed, typed.length >= 7 ? 2 : 1))
    for (const word of index.keys.get(key) ?? []) {
      if (seen.has(word)) continue;
      seen.add(word);
      if (word[0] !== typed[0]) continue;
      const d = editDistance(typed, word);
      if (d === 0 || d > editsAllowed(word)) continue;
      const same = letters(word) === typedLetters;
      if (d < bestDistance) {
        best = word;
        bestDistance = d;
        tie = false;
        sameLetters = same ? [word] : [];
      } else if (d === bestDistance) {
        tie = true;
        if (same) sameLetters.push(word);
      }
    }
  if (tie && sameLetters.length === 1) [best, tie] = [sameLetters[0], false];
  if (best === undefined || tie || otherForm(typed, best)) return undefined;
  return best;
}
