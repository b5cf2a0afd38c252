import { describe, expect, it } from 'vitest';
import {
  endsOf,
  grammarCompiler,
  grammarDataFromText,
  grammarDataToText,
  grammarFromData,
  grammarToData,
  parseAll,
  START_KIND_KEYS,
  startsFromText,
  TOKEN_KIND,
  typoIndex,
  typoOf,
} from '../../src/agent/grammar.js';
import { routerGrammarData } from '../../src/agent/router.js';
import { DEFINITIONS, INTENTS } from '../../src/agent/router-grammar.js';

const compile = grammarCompiler({
  the: ['(the | my)'],
  color: { slot: 'color', values: { red: ['red', 'crimson'], blue: ['blue', 'navy blue'] } },
  polite: ['(please | kindly) [,]'],
  loop: ['<loop>'],
  shade: ['[light | dark] <color>', 'pale <color>'],
});
const words = (text: string) => text.split(' ');
const parses = (rule: string, text: string) => parseAll(compile(rule), words(text));

describe('grammar engine', () => {
  it('matches words, optional parts, alternatives and repeats, and only whole requests', () => {
    const rule = '[<polite>]* paint [<the>] (wall | door | front gate) <color>';
    expect(parses(rule, 'paint the wall red')).toEqual([{ color: 'red' }]);
    expect(parses(rule, 'please , kindly paint my front gate navy blue')).toEqual([
      { color: 'blue' },
    ]);
    expect(parses(rule, 'paint the wall red now')).toEqual([]);
    expect(parses(rule, 'paint the wall')).toEqual([]);
    expect(parses(rule, 'paint the the wall red')).toEqual([]);
  });

  it('reads numbers as digits and words, durations in several spellings', () => {
    expect(parses('scale to <number>', 'scale to 7')).toEqual([{ number: 7 }]);
    expect(parses('scale to <number>', 'scale to seven')).toEqual([{ number: 7 }]);
    expect(parses('scale to <number>', 'scale to twenty five')).toEqual([{ number: 25 }]);
    expect(parses('scale to <number>', 'scale to a single')).toEqual([{ number: 1 }]);
    expect(parses('scale to <number>', 'scale to -1')).toEqual([{ number: -1 }]);
    expect(parses('scale to <number>', 'scale to many')).toEqual([]);
    for (const [text, since] of [
      ['since 10m', '10m'],
      ['since 10 minutes', '10m'],
      ['since two hours', '2h'],
      ['since an hour', '1h'],
      ['since hour', '1h'],
      ['since 30 secs', '30s'],
      ['since half an hour', '30m'],
      ['since a half hour', '30m'],
    ])
      expect(parses('since <duration>', text as string)).toEqual([{ since }]);
  });

  it("reads a pod name of the release's components, and no other name", () => {
    expect(parses('logs of <pod>', 'logs of todo-backend-6f7c9d8b4-q2xkz')).toEqual([
      { pod: 'todo-backend-6f7c9d8b4-q2xkz' },
    ]);
    expect(parses('logs of <pod>', 'logs of todo-app-postgresql-0')).toEqual([
      { pod: 'todo-app-postgresql-0' },
    ]);
    for (const name of ['grafana-5d8f7-x2k4q', 'todo-backend', 'todo-backend-abc-xyz', 'backend-1'])
      expect(parses('logs of <pod>', `logs of ${name}`)).toEqual([]);
  });

  it('sets flags and refuses a second, different value for the same slot', () => {
    expect(parses('[crashed @previous] logs', 'crashed logs')).toEqual([{ previous: true }]);
    expect(parses('[crashed @previous] logs', 'logs')).toEqual([{}]);
    expect(parses('[@flag] logs', 'logs')).toHaveLength(2);
    expect(parses('[@flag] logs', 'logs')).toEqual(expect.arrayContaining([{ flag: true }, {}]));
    expect(parses('<color> <color>', 'red blue')).toEqual([]);
    expect(parses('<color> <color>', 'red crimson')).toEqual([{ color: 'red' }]);
    expect(parses('crashed @previous logs @previous', 'crashed logs')).toEqual([
      { previous: true },
    ]);
  });

  it('returns every reading, so an ambiguous request can be refused', () => {
    const readings = parses('[<color>] [red @twice] car', 'red car');
    expect(readings).toHaveLength(2);
    expect(readings).toEqual(expect.arrayContaining([{ color: 'red' }, { twice: true }]));
  });

  it('reads a shared definition once per place, each production keeping its own slots', () => {
    const tokens = words('paint the wall dark red');
    const first = compile('paint <the> wall <shade>');
    const second = compile('[<color>] paint <the> wall <shade>');
    expect(parseAll(first, tokens)).toEqual([{ color: 'red' }]);
    expect(parseAll(second, tokens)).toEqual([{ color: 'red' }]);
    // The same tokens again, the definition's reading now kept: slots still checked.
    const blue = words('blue paint the wall dark red');
    expect(parseAll(second, blue)).toEqual([]);
    expect(parseAll(compile('<color> paint <the> wall <shade>'), blue)).toEqual([]);
    expect(parseAll(second, words('red paint the wall dark crimson'))).toEqual([{ color: 'red' }]);
    // An option that cannot start where the choice is tried is no reading, one that can is.
    expect(parseAll(first, words('paint the wall pale blue'))).toEqual([{ color: 'blue' }]);
    expect(parseAll(first, words('paint the wall pale'))).toEqual([]);
  });

  it('finds where a prefix can end', () => {
    expect(endsOf(compile('[<polite>]*'), words('please , kindly go'), 0).sort()).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it('reads a typo as the one known word it is one edit from (two from a long word)', () => {
    const index = typoIndex(['backend', 'frontend', 'scale', 'status', 'doctor', 'docker', 'logs']);
    const known = ['restart', 'postgresql', 'hosts', 'finished'];
    const all = typoIndex([...known, 'backend', 'frontend', 'scale', 'status']);
    // A letter dropped, added, changed; two neighbours swapped.
    expect(typoOf(index, 'bakend')).toBe('backend');
    expect(typoOf(index, 'fronted')).toBe('frontend');
    expect(typoOf(index, 'sttaus')).toBe('status');
    expect(typoOf(index, 'scael')).toBe('scale');
    // Two edits only from a word of nine letters or more.
    expect(typoOf(all, 'postgrsl')).toBe('postgresql');
    expect(typoOf(all, 'rstat')).toBeUndefined();
    // Of two words as close, the one with the typed letters ("starts" is one change away too).
    expect(typoOf(typoIndex(['status', 'starts']), 'stauts')).toBe('status');
    // A four-letter word only with two neighbours swapped after its first letter.
    expect(typoOf(index, 'lgos')).toBe('logs');
    expect(typoOf(index, 'olgs')).toBeUndefined();
    expect(typoOf(index, 'lgs')).toBeUndefined();
    expect(typoOf(index, 'logz')).toBeUndefined();
    // Or a five-letter word with a letter after the first dropped, when it is the only one and
    // not another form of the typed word.
    const five = typoIndex(['check', 'build', 'start', 'state', 'nodes']);
    expect(typoOf(five, 'chek')).toBe('check');
    expect(typoOf(five, 'buld')).toBe('build');
    expect(typoOf(five, 'stat')).toBeUndefined();
    expect(typoOf(five, 'node')).toBeUndefined();
    expect(typoOf(five, 'heck')).toBeUndefined();
    // Never a shorter word, never two words as close, never another first letter or another
    // form of the same word.
    expect(typoOf(index, 'docter')).toBeUndefined();
    expect(typoOf(all, 'costs')).toBeUndefined();
    expect(typoOf(all, 'restarts')).toBeUndefined();
    expect(typoOf(all, 'finishes')).toBeUndefined();
    expect(typoOf(index, 'backend')).toBeUndefined();
  });

  it('rejects a malformed production with a clear error', () => {
    expect(() => compile('paint <colour>')).toThrow('grammar: <colour> is not defined');
    expect(() => compile('paint (red | blue')).toThrow('unclosed bracket');
    expect(() => compile('paint red )')).toThrow('unexpected ")"');
    expect(() => compile('<loop>')).toThrow('<loop> refers to itself');
  });

  it('writes a node that matches alike once, however many productions hold it', () => {
    const data = grammarToData(
      ['restart [the | my] (api | backend)', 'scale [the | my] (api | backend) to <number>'].map(
        compile,
      ),
    );
    // "[the | my]", "(api | backend)", the words and the number: each one node in the table.
    expect(new Set(data.nodes).size).toBe(data.nodes.length);
    expect(data.nodes.filter((n) => n.split('\t').includes('backend'))).toHaveLength(1);
    // The router's table too: the compiled grammar the CLI reads at every start.
    const router = routerGrammarData();
    expect(new Set(router.nodes).size).toBe(router.nodes.length);
  });

  it("reads back the build's copy of the router's grammar as compiled, node for node", () => {
    const written = routerGrammarData();
    // What the build writes, read back the way the bundle reads it.
    const data = grammarDataFromText(grammarDataToText(written));
    const compileRule = grammarCompiler(DEFINITIONS);
    const rules = [
      '[<lead> | <opening>]*',
      '[<tail>]*',
      ...INTENTS.flatMap((intent) => [...intent.commands, ...intent.questions]),
    ];
    // Deep equality, vocabularies (worked out on first use) included.
    const read = grammarFromData(data);
    expect(read).toEqual(rules.map(compileRule));
    // Pod names are a kind of token of their own, kept by the JSON form.
    expect(read.some((p) => p.vocabulary.pods)).toBe(true);
    expect(read.some((p) => p.first.pods)).toBe(true);
    // Shared definitions stay shared: each is written once.
    expect(grammarToData(grammarFromData(data))).toEqual(written);
    // The index of first words lists each production under every word it can start with, and
    // under the key of each kind of token it can start with, and under nothing else.
    const starts = startsFromText(data.starts);
    const listed = new Map<number, Set<string>>();
    for (const line of data.starts.split('\n')) {
      const key = line.split('\t')[0] as string;
      for (const i of starts(key)) listed.set(i, (listed.get(i) ?? new Set()).add(key));
    }
    read.forEach((p, i) => {
      const kinds = START_KIND_KEYS.filter(([bit]) =>
        bit === TOKEN_KIND.number
          ? p.first.numbers
          : bit === TOKEN_KIND.duration
            ? p.first.durations
            : p.first.pods,
      ).map(([, key]) => key);
      expect([...(listed.get(i) ?? [])].sort()).toEqual([...p.first.words, ...kinds].sort());
    });
    expect(starts('no-such-word')).toEqual([]);
  });
});
