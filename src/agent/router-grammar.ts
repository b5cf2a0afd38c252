/**
 * The fast path's routing table: one intent per tool action, each with the productions
 * (grammar rules) that express it, the slots they fill and the vocabularies they draw on.
 * `router.ts` tokenizes a request and asks this grammar for every complete reading.
 *
 * Productions are written over normalized text: lower case, contractions expanded
 * ("what's" -> "what is", "isn't" -> "is not"), hyphens between words split
 * ("back-end" -> "back end"), trailing punctuation removed. Syntax: see `grammar.ts`.
 */
import type { ToolName } from '../../tools/names.js';
import type { Definition, Slots } from './grammar.js';

/**
 * Replica counts the fast path accepts (zero stops a component; like every change it is
 * confirmed with its plan); anything else is for the model to question.
 */
export const ROUTED_REPLICAS = { min: 0, max: 10 } as const;
/** Log lines the fast path asks for at most (the logs tool's own bound). */
const MAX_TAIL = 5000;
const MAX_REVISION = 9999;
/**
 * "since" amounts: 1 to 999 seconds, minutes or hours. Days are left to the model: "the last
 * day" is 24h to one reader and 1d to another.
 */
const SINCE = /^([1-9]\d{0,2})([smh])$/;

/**
 * Tools that answer questions about state. A question ("is the app up?", "how is it
 * doing?") may route only to these: they read and never write. `verify` is not one of them:
 * it signs up a throwaway user and writes tasks.
 */
export const STATE_TOOLS = [
  'status',
  'diagnose',
  'events',
  'logs',
  'history',
  'doctor',
  'guide',
] as const satisfies readonly ToolName[];
/** A tool that may answer a question about state. */
export type StateTool = (typeof STATE_TOOLS)[number];
/**
 * Actions of a tool that also writes, fixed by the intent to one that only reads (the tool's
 * own `effectOf` says so): they may answer a question too. "what line do I put in /etc/hosts?"
 * shows the line, never adds it.
 */
export const READ_ACTIONS = ['hosts_entry.show'] as const;

/** Names and aliases of each component (`app` and `workload` add the release's and everyday forms). */
const BACKEND = [
  'backend',
  'back end',
  'api',
  'server',
  'backend server',
  'backend service',
  'backend api',
  'rest api',
  'api service',
  'api backend',
  // By its framework (the app's API is Fastify).
  'fastify',
  'fastify api',
  'fastify server',
  'fastify backend',
];
const FRONTEND = [
  'frontend',
  'fe',
  'front end',
  'web frontend',
  'web front end',
  'ui',
  'web ui',
  'web',
  'website',
  'web site',
  'site',
  'web app',
  'webapp',
  'frontend app',
  'user interface',
  'web page',
  'webpage',
  // By its framework (the app's UI is Next.js): "next.js logs", "restart the nextjs frontend".
  'nextjs',
  'nextjs frontend',
  'nextjs app',
  'nextjs ui',
];
const POSTGRESQL = [
  'postgresql',
  'postgres',
  'database',
  'db',
  'pg',
  'postgres database',
  'postgres db',
  'postgresql database',
  'database server',
  'db server',
  'postgres server',
  'postgress',
  'postgre',
  'postgresql server',
  'data part',
  'data layer',
  'data store',
  'datastore',
];

/**
 * Problems stated before or as a request, with what fails named as `subject`, and since when
 * (`since`: a problem said alone with "today" is a remark, two writers agree; with a request or
 * a question after it, it is that request's reason).
 */
const namedProblems = (
  subject: string,
  since = '<problem-since>',
  symptoms: ReadonlyArray<readonly [subject: string, symptom: string]> = [[subject, '<symptom>']],
): string[] => [
  `<vague-problem> with ${subject}`,
  // Terse writers drop the verb: "api hung again", "ui pods stuck pending" ("site's
  // crawling" reads "site crawling": a possessive and "is" look the same).
  ...symptoms.map(
    ([who, symptom]) =>
      `${who} [is | are | seems | seem | looks | look | seems to be | seem to be | looks to be | feels | feel | feels kind of | has been | have been] [<symptom-adverb>] ${symptom} [<symptom-adverb>] [${since} | at <number> (am | pm)] [(on | when | during | at) <app-function>]`,
  ),
  // How long it takes: "the site takes ages to load".
  `${subject} (takes | take | is taking | are taking) (forever | ages | a long time | too long | minutes) to (load | respond | start | come up | answer)`,
  `${subject} (keeps | keep) [<symptom-adverb>] (<symptom> | <keep-symptom>)`,
  // What it keeps answering: "frontend keeps returning 502".
  `${subject} (keeps | keep) (returning | throwing | giving [me | us] | serving | showing) <seen-symptom>`,
  `${subject} [just] (crashed | died | went down | broke | stopped working | failed | fell over | blew up | went belly up | gave up | got oom killed | got oomkilled | got evicted | got killed) [again]`,
  `${subject} (seems | seem | looks | look) to have (crashed | died | gone down | failed | stopped | stopped working | broken)`,
  // What users see, from where: "getting a lot of 500s from the API".
  `[i am | we are | users are | people are | i keep | we keep] getting [a lot of | lots of | many | tons of] <seen-symptom> (from | on) ${subject}`,
  // Seen in it: "I'm seeing errors in the frontend", "lots of errors in the api".
  `[(i am | we are) seeing | (i | we) see | seeing] [a lot of | lots of | many | tons of | some] <seen-symptom> (in | from | on) ${subject}`,
  `(a lot of | lots of | tons of) <seen-symptom> (in | from | on) ${subject}`,
  `${subject} (crashes | crashloops | crash loops | fails | dies | errors | errors out | hangs | times out) [<symptom-adverb>]`,
  // Restarts said with how often ("the backend pod restarts all the time"): alone, "the backend
  // pod restarts" may be the restart counts, and "the pods restart again" an order.
  `${subject} [pod | pods] (restarts | restart | reboots | reboot | restarts itself) (all the time | constantly | every few minutes | over and over | repeatedly | nonstop | so often | a lot)`,
  // Tried already: "I restarted the backend earlier and it's still failing".
  `(i | we) [already | just] (restarted | redeployed | bounced | rebooted | rolled back) ${subject} [earlier | already | just now | twice | again] and (it | they) (is | are) still <symptom>`,
  // What users see, with nothing named: "I deployed and now I'm getting a 502 on todo.local".
  '<seen-problem>',
  // Who noticed: "getting paged about the api", "an alert fired for the backend".
  `[i am | we are | i keep | we keep] getting paged (about | for) ${subject}`,
  `[a | an | the] [prod | production] alert (fired | is firing | went off) (for | on | about) ${subject}`,
  // An alert got, and what it says: "got an alert about high memory on the api".
  `[(i | we)] [just] (got | received | are getting | keep getting) [an | a | some] (alert | alerts | page | pages) (about | for | on) [<resource-high> (on | in | for | from)] ${subject}`,
  `<resource-high> (on | in | for | from) ${subject}`,
  // What kubernetes shows for it: "my backend pod says ImagePullBackOff".
  `${subject} [pod | pods] (says | shows | is showing | reports | status is) (imagepullbackoff | errimagepull | crashloopbackoff | oomkilled | error | pending | containercreating)`,
  // The failure first, then where: "ImagePullBackOff on the api".
  `(imagepullbackoff | errimagepull | crashloopbackoff | crashloop | oomkilled | oom kills | image pull error | image pull errors | 5xx | 5xxs | 500s | 502s | 503s | errors | timeouts) (on | in | from | with) ${subject}`,
  // What fails to connect: "db connection errors", "connection refused from the api".
  `${subject} (connection | connectivity) (errors | issues | problems | failures | timeouts | refused)`,
  `(connection | connectivity) (errors | issues | problems | failures | timeouts | refused) (on | in | from | with | to) ${subject}`,
  // Tersely, as a pager says it: "CrashLoopBackOff backend".
  `(imagepullbackoff | errimagepull | crashloopbackoff | oomkilled) ${subject}`,
  // A restart it did not ask for: "the backend pod restarted, I need the previous logs".
  `${subject} [just] (restarted | got restarted | was restarted) [on its own | by itself] [again]`,
  `${subject} (will not | can not | does not | do not | is not | are not | not) (start | work | come up | run | respond | load | boot | start up | working | loading | responding | starting | answer | answering) [anymore | any more] [<problem-since>]`,
  // What a user sees: "the frontend shows a blank page", "the site's serving stale junk".
  `${subject} [is | are] [shows | showing | returns | returning | throws | throwing | gives | giving | serves | serving] <seen-symptom> [(on | when | during | for | at) <app-function> | (on | for) (every | each | all | most) (request | requests | call | calls | page | pages) | every time | all the time]`,
  // What users cannot do: "users can't log in".
  `((users | people | customers | i | we | they | nobody | no one) (can not | could not | are unable to | am unable to | is unable to) | (nobody | no one) (can | is able to)) (log in | login | sign in | sign up | register | create tasks | add tasks | save tasks | see their tasks | reach (the app | the site | it) | load (the app | the site | the page | it))`,
  // Since when: "Sign-in has been failing since this morning".
  `<app-function> (has been | have been) [<symptom-adverb>] (failing | broken | down | erroring | timing out) [since (this morning | yesterday | last night | the deploy | the last deploy | today)]`,
  // What a user cannot do: "logins broken", "sign-up is failing".
  `<app-function> [is | are] [<symptom-adverb>] (broken | failing | erroring | not working | down | timing out | hanging | slow)`,
  `<app-function> (fail | fails | do not work | does not work | time out | times out)`,
  // What it answers: "signup returns 500", "login gives me an error".
  `<app-function> (returns | return | is returning | gives | give | gives me | is giving | throws | throw | is throwing | shows | show) <seen-symptom>`,
  // "tasks aren't saving", "todos are not showing up".
  `<app-function> (is not | are not | will not | do not | does not) (saving | save | loading | load | showing up | show up | persisting | persist | going through | go through)`,
  // What users see from a function of the app: "the signup is throwing 500s".
  `<app-function> [page | pages | form | screen] (is | are) (showing | returning | throwing | giving | serving) <seen-symptom>`,
  `<app-function> [page | pages | form | screen] (shows | returns | throws | gives | serves) <seen-symptom>`,
];

/** Vocabularies and shared phrases, referred to as `<name>` in the productions. */
export const DEFINITIONS: Record<string, Definition> = {
  // Components. `app` can be scaled and built; `workload` also covers the database.
  // A component by name, also as the release names its objects ("todo-app-backend") and as
  // people new to it name a part of the app ("the server part of the app", "the api side").
  // The forms are written once here, not for every name: the compiled grammar stays small.
  app: ['[todo [app] | app] <app-name> [part [of the app] | side]'],
  'app-name': { slot: 'component', values: { backend: BACKEND, frontend: FRONTEND } },
  'app-plural': {
    slot: 'component',
    values: { backend: ['backends', 'back ends'], frontend: ['frontends', 'front ends'] },
  },
  workload: ['[todo [app] | app] <workload-name> [part [of the app] | side]'],
  'workload-name': {
    slot: 'component',
    values: { backend: BACKEND, frontend: FRONTEND, postgresql: POSTGRESQL },
  },
  // How-to verbs stay in the guide topic ("how do I configure kagent": "configure kagent").
  // Installing too: "how do I install kubectl-ai?" is the guide on kubectl-ai to some writers
  // and on "install kubectl-ai" to others, and the topic "install kubectl-ai" holds the words of
  // both (the evaluation compares a topic's words); the guide then answers with the install
  // section first.
  'how-to': {
    slot: 'action',
    values: {
      '': ['get'],
      install: ['install'],
      'set up': ['set up', 'setup'],
      use: ['use', 'run', 'try'],
      configure: ['configure', 'connect', 'integrate', 'enable'],
      'get started with': ['get started with', 'start with'],
    },
  },
  'how-to-help': {
    slot: 'action',
    values: {
      '': ['get', 'set up', 'setup'],
      use: ['use', 'run', 'try'],
      configure: ['configure', 'connect', 'integrate', 'enable'],
      'get started with': ['get started with', 'start with'],
      install: ['install'],
    },
  },
  // Round 14b: using a tool with the app, the app kept in the topic as said ("how do I use kagent
  // with this app?": "use kagent with this app", which holds "kagent" and "use kagent", what
  // writers expect; the guide answers with kagent's sections on the app first).
  'how-to-use': { slot: 'action', values: { use: ['use'] } },
  'with-app': {
    slot: 'with',
    values: {
      'with the app': ['with the app'],
      'with the todo app': ['with the todo app', 'with the todo ops app'],
      'with this app': ['with this app'],
      'with my app': ['with my app'],
      'with our app': ['with our app'],
      'with this': ['with this'],
      'for the app': ['for the app'],
      'for the todo app': ['for the todo app'],
      'for this app': ['for this app'],
      'with the cluster': ['with the cluster'],
      'with the todo cluster': ['with the todo cluster'],
    },
  },
  // Using or installing a tool with the app are <how-to-use> and the install question's.
  'how-to-with': {
    slot: 'action',
    values: {
      '': ['get'],
      'set up': ['set up', 'setup'],
      configure: ['configure', 'connect', 'integrate', 'enable'],
      'get started with': ['get started with', 'start with'],
    },
  },
  'how-to-ing': {
    slot: 'action',
    values: {
      '': ['getting'],
      'set up': ['setting up'],
      use: ['using', 'running', 'trying'],
      configure: ['configuring', 'connecting', 'integrating', 'enabling'],
      'get started with': ['getting started with', 'starting with'],
    },
  },
  // Kept as said in a topic: "the guide for installing kagent" looks up "installing kagent".
  doing: {
    slot: 'action',
    values: {
      using: ['using'],
      installing: ['installing'],
      'setting up': ['setting up'],
      configuring: ['configuring'],
    },
  },
  // What a topic is used with: "how do I configure kagent to talk to todo-ops".
  'with-todo-ops': [
    '(with | for | to talk to | to work with | to use | to connect to | to call) [<the>] (app | todo app | todo ops | cluster | todo cluster | todo ops tools | mcp server | todo ops mcp server)',
    '(with | for) this',
  ],
  // What part of a topic: "the guide on kubectl-ai troubleshooting".
  aspect: {
    slot: 'aspect',
    values: {
      troubleshooting: ['troubleshooting'],
      installation: ['installation'],
      setup: ['setup'],
      configuration: ['configuration'],
      usage: ['usage'],
      // What the tool does with the app, as its guide's sections name it.
      diagnose: ['diagnose'],
      mcp: ['mcp'],
      'example prompts': ['example prompts'],
    },
  },
  // The example prompts asked for: the topic's own section to some writers ("kubectl-ai example
  // prompts"), its whole guide to others ("kubectl-ai"); the topic holds the words of both.
  'example-prompts': {
    slot: 'aspect',
    values: {
      'example prompts': [
        'example prompts',
        'sample prompts',
        'prompt examples',
        'examples of prompts',
        'example requests',
        'sample requests',
      ],
    },
  },
  // A setup said before "guide": "kagent setup guide" ("kagent setup").
  'setup-aspect': {
    slot: 'aspect',
    values: {
      setup: ['setup', 'set up'],
      install: ['install'],
      installation: ['installation'],
    },
  },
  // Pointing a tool at todo-ops's MCP server, the topic kept as said: "point kagent at
  // todo-ops", "hook kagent up to todo-ops as an MCP server".
  'mcp-verb': {
    slot: 'action',
    values: { point: ['point'], connect: ['connect', 'hook', 'hook up', 'wire', 'wire up'] },
  },
  'mcp-verb-ing': {
    slot: 'action',
    values: {
      pointing: ['pointing'],
      connecting: ['connecting', 'hooking', 'hooking up', 'wiring', 'wiring up'],
    },
  },
  'mcp-target': {
    slot: 'aspect',
    values: {
      'at todo-ops': ['at todo ops'],
      'to todo-ops': ['to todo ops', 'up to todo ops'],
      'at todo-ops as a RemoteMCPServer': [
        'at todo ops as a remotemcpserver',
        'at todo ops as a remote mcp server',
      ],
      'to todo-ops as a RemoteMCPServer': [
        'to todo ops as a remotemcpserver',
        'to todo ops as a remote mcp server',
        'up to todo ops as a remotemcpserver',
        'up to todo ops as a remote mcp server',
      ],
      'at todo-ops as an MCP server': ['at todo ops as an mcp server'],
      'to todo-ops as an MCP server': [
        'to todo ops as an mcp server',
        'up to todo ops as an mcp server',
      ],
      'to the todo-ops MCP server': ['to the todo ops mcp server', 'up to the todo ops mcp server'],
      'at the todo-ops MCP server': ['at the todo ops mcp server'],
      'to todo-ops over MCP': [
        'to todo ops over mcp',
        'up to todo ops over mcp',
        'to todo ops via mcp',
      ],
      'at todo-ops over MCP': ['at todo ops over mcp', 'at todo ops via mcp'],
    },
  },
  // "example kubectl-ai prompts": the example said before the topic.
  'example-word': { slot: 'aspect', values: { 'example prompts': ['example', 'sample'] } },
  // A part of a topic said before "guide": not setup or installation, which name the guide.
  'aspect-first': {
    slot: 'aspect',
    values: {
      troubleshooting: ['troubleshooting'],
      configuration: ['configuration'],
      diagnose: ['diagnose'],
      mcp: ['mcp'],
    },
  },
  // Only after the word "guide", as typed: its words are the topic's.
  'guide-action': {
    slot: 'action',
    values: {
      install: ['install'],
      'set up': ['set up', 'setup'],
      configure: ['configure'],
      use: ['use'],
      troubleshoot: ['troubleshoot'],
    },
  },
  topic: {
    slot: 'topic',
    values: { 'kubectl-ai': ['kubectl ai', 'kubectlai'], kagent: ['kagent'] },
  },
  // Only after the word "guide": the other tools people ask about.
  'any-topic': {
    slot: 'topic',
    values: {
      'kubectl-ai': ['kubectl ai', 'kubectlai'],
      kagent: ['kagent'],
      minikube: ['minikube'],
      helm: ['helm'],
      docker: ['docker'],
    },
  },

  // Remarks that open a request and change nothing (read only at its start, before or after
  // the lead's greetings): what was done, who is asking and when.
  opening: [
    // A remark before the request that changes nothing: "I'm done for today, uninstall it",
    // "just deployed, run the smoke test".
    '(i am | we are) (done | finished) [for (today | now | the day | the night)] ,',
    // A filler that announces the request: "quick check: is the app deployed?", "while you're
    // at it, grab the api logs".
    '(quick check | quick question | quick one | quick q | [quick] sanity check | just checking in | checking in | one more thing | another thing | while you are at it | while you are there) [,]',
    // Round 14b: where in the work, which is now: "while I'm in here, pull up the backend logs",
    // "before I push, run the e2e check".
    '(while (i am | we are) (in here | here | at it | in there) | before (i | we) (push | merge | ship | commit | open a pr | open the pr | go live)) ,',
    '[i | we] just (deployed | redeployed | upgraded | released | shipped | rolled out | rolled back | restarted) [it | everything | <release-object>] [for the first time] ,',
    // What a developer just did, as said in an IDE chat: "I just changed the API code, ...",
    // "i edited app/frontend/app/page.tsx, ...". The remark stops at a negation, a condition,
    // a conjunction or a count (see grammar.ts), and a comma ends it.
    '(i | we) [just | have just | already] <dev-did> <remark> ,',
    // "I've made some changes to the backend, can you deploy them?".
    '(i | we) [just | have | have just | already] (made | did | pushed | committed) [a | some | a few | a couple of | my] (change | changes | edit | edits | fix | fixes | tweaks) [(to | in | on | for) <remark>] ,',
    '(i | we) (am | are) (done | finished) (testing | deploying | working | coding | debugging | with (it | this | that | the app | my changes | <demo-done>)) [for (today | now | the day | the night)] ,',
    '[the | my | our | all] (tests | unit tests | ci | the build | build) (are | is) [all] (green | passing) [locally | now] ,',
    '[the | my | our | all] (tests | unit tests | ci | build) (pass | passed) [locally | now] ,',
    '(done | finished) for (today | now | the day | the night) ,',
    'time to (ship | deploy | go live) ,',
    // What is about to happen, or just helped: "we're about to demo.", "ok that fixed it.",
    // "great, it works.".
    '(we are | i am) about to (demo | present | go live | give a demo | do a demo | start the demo) ,',
    '(that | it | this) (fixed it | worked | works [now] | did it | did the trick | helped) ,',
    // What was checked, and is fine: "machine looks good. spin up the cluster".
    '[my | the] (machine | setup | laptop | doctor | everything | tests) (looks | look | is | are | seems) (good | fine | ok | okay | green) [now] ,',
    // What is ready now: "ok cluster's up, let's deploy", "deploy finished i think. is
    // everything up now?".
    '[the | my | our] (cluster | minikube | <cluster-noun> | deploy | deployment | install | upgrade | rollout | rollback | restart | build) ([is] (up | running | ready | up and running | done | finished) | completed | went through | went fine | went ok | went well | worked | succeeded) [<hedge> | i think | i guess] [now] ,',
    // "the deploy just finished, ...".
    '[the | my | our] (deploy | deployment | install | upgrade | rollout | rollback | restart | build) just (finished | completed | went through | succeeded | worked | ended) ,',
    // Who is asking and when, which changes nothing: "on call here, ...", "new to kubernetes,
    // ...", "in the middle of a demo, ...", "prod alert fired, ...", "sorry, ...".
    '[i am | we are] (on call | oncall) [here | today | tonight | this week] ,',
    '[i am | we are] [pretty | totally | completely | still] new ((to | with) (kubernetes | k8s | this | todo ops | minikube | helm | all this) [here] | here) (, | and)',
    '(in the middle of | during | right before | before) [a | my | the | our] [next] [<number> (am | pm)] (demo | meeting | call | standup | presentation | review) ,',
    // Where the one asking is: "I'm in a meeting, is the todo app still up?".
    '(i am | we are) [stuck] (in | on | about to go into | heading into | between) (a | my | the | our | two) [<number> (am | pm)] (demo | meeting | meetings | call | calls | standup | presentation | review | train | phone) ,',
    // When it went off, which is now: "it's 3am and the pager went off, ...", "3am, pager went
    // off. ..." (a time of day before a request is a schedule, the model's).
    '[[it is] <number> (am | pm) [and | ,]] ([a | an | the] [prod | production] (alert | page) | [my | the] pager) (fired | went off | is firing | is going off | just fired | just went off) ,',
    '[[it is] <number> (am | pm) [and | ,]] <paged> ,',
    // What is over, or what it is for, which is now: "demo's done, ...", "for load testing i
    // need the backend at 7 replicas".
    '[the | our | my] (demo | presentation | load test | stress test | testing | test run) [is | was] (done | over | finished) ,',
    'for [a | the | our | my] [big] (load test | load testing | stress test | stress testing | demo | presentation | launch) [today | this afternoon | tonight] [,]',
    // Where it runs, which changes nothing: "I'm on a fresh laptop, create the cluster".
    '(i am | we are) on a (fresh | new | clean | brand new) (laptop | machine | computer | install | setup) ,',
    // A first time, said first: "first time using this - can you deploy the todo app?".
    '[it is | this is] [my | our] first time [here | (using | trying | running) (this | it | todo ops)] ,',
    '(sorry | cool | great | nice | awesome | perfect | thanks | thank you | good | got it | sweet | oops | oh) ,',
    // A yes that goes before the request: "yes, restart the backend", "sure, deploy it".
    '(yes | yeah | yep | yup | sure | of course | definitely | absolutely) [please] [,]',
    // Fillers and hedges that open a message: "just wondering, ...", "fyi the db is slow,
    // ...", "sorry if this is a dumb question, but ...", "re: the outage, ...".
    '(just wondering | i was wondering | wondering | so like | fyi | for your information | heads up | (sorry | apologies) if this is a (dumb | stupid | silly | basic | newbie) question [,] but | not sure if this is the right place [,] but | [honestly | frankly] [i have] no (idea | clue) what happened) [,]',
    '(re | regarding | about) [,] [the | this | that | our] (outage | incident | alert | page | pager | ticket | issue | problem | error | errors) ,',
    // Where in the session, which is now: "next step: deploy the app", "finally, verify it",
    // "to start, check my setup" (not "after that" or "instead": what they refer to is the
    // model's to know).
    '(next | next step | next up | finally | lastly | last thing | one last thing | last one | one more | to start | to begin | first off | first of all | first things first | first step | step <number>) [,]',
    // Leaving, which is now: "before I leave for the day, tear everything down", "I'm heading
    // out, ...".
    '(before (i | we) (leave | head out | go home | log off | sign off) | [i am | we are] (heading out | heading home | leaving | logging off | signing off)) [for (the day | today | the night | the weekend)] ,',
    // What is done, said as what now follows: "now that the cluster is up, deploy the app".
    'now that [the | my | our] (cluster | minikube | <cluster-noun> | deploy | deployment | install | build | images | app) (is | are) (up | running | ready | done | finished | built | deployed) ,',
    // Who shipped what, which is done: "the CI pipeline deployed a new version, ...".
    '[the] (ci | ci pipeline | pipeline | ci job | github actions | jenkins | my teammate | a teammate | a colleague | someone) [just] (deployed | released | shipped | pushed | rolled out) [a | the] [new] (version | release | build | update | change | changes) ,',
    // A meeting coming: "we have a demo in 10 minutes, is everything up?", "the demo starts
    // soon, ...".
    '(we have | i have | there is) a (demo | presentation | meeting | call | standup | review) (in <number> (minutes | mins | min | hours | hour) | in an hour | soon | shortly | this afternoon | today) ,',
    '(the | our | my) (demo | presentation | meeting | call | standup | review) ((starts | is starting | begins) (soon | shortly | in <number> (minutes | mins | min) | in an hour) | is about to start) ,',
    // When a meeting is, tersely ("demo's in an hour": the possessive is dropped): "demo in
    // 10 minutes, ...".
    '[the | our | my] (demo | presentation | meeting | call | standup | review) [is] (in <number> (minutes | mins | min | hours | hour) | in an hour | in half an hour | in a few minutes | soon | shortly | this afternoon | today | tomorrow) ,',
    // What the one asking is in the middle of: "I'm in the middle of debugging, ...".
    '(i am | we are) [right] in the middle of (debugging | something | testing | a deploy | a release | an incident | an outage | a demo | a meeting | a call | a migration | <remark>) ,',
    // Why it is asked, which changes nothing: "just to be safe, ...", "for my notes, ...".
    '(just to be safe | to be safe | just in case | to be sure | just to be sure | for my notes | for the record | for my own notes | out of curiosity | just curious | not urgent [,] but | no rush [,] but) [,]',
  ],
  // Words around the request that change nothing: greetings, politeness, thanks.
  lead: [
    '(hey | hey there | hi | hi there | hello | hello there | good morning | good afternoon | good evening | morning | hey team | hi team | hello team | hey all | hi all | hey folks | yo | ok | okay | ok so | alright | right | so | well | now | btw | by the way | also | and also | hmm | hm | um | uh | ugh | welp | argh | sigh | oh no | uh oh | omg | todo ops | please [to] | kindly | just | quickly | immediately | real quick | go ahead and | can you | could you | would you | will you | can you go ahead and | could you go ahead and | i want you to | i would like you to | i need you to | (i | we) (need | want | would like) that you | let us | i want to | want to | i would like to | i need to | need to | we need to | we have to | i have to | have to | got to | we got to | i got to | tell me | can we | could we | time to | is it possible to | it is possible to | is possible [to] | would it be possible to | is there a way to | is there any way to | is there a way (i | we) can | is there a way for (me | us) to | is it possible for you to | would you be able to | are you able to | could you be so kind as to | would you be so kind as to | could you be so kind to | would you be so kind to | i would appreciate it if you (could | would) | it would be great if you could | it would be (nice | great | good) to | if you could | i was wondering (if | whether) you could | i wonder (if | whether) you could | i was hoping you could | any chance you could | is there any chance you could | do you think you could | could you possibly | can you possibly | can someone | could someone) [,]',
    '(help | help me | please help | i need help | need help | we need help | urgent | emergency | sos) ,',
    // "to" after the modal, as non-native speakers write: "can you to show me the events?";
    // the verb said right after a want: "i want check my computer for the tools".
    '(can | could | would) you [please] to',
    '(i | we) (want | need) [please]',
    // An aside's marker, and whom the greeting is for: "btw, ...", "good morning team, ...".
    '(btw | by the way | oh by the way | fyi) [,]',
    // Asked as a chance the user has: "any chance I could see the frontend logs?".
    '[is there] any chance (i | we) (could | can)',
    '(good morning | good afternoon | good evening | morning | hey | hi | hello) (team | all | folks | everyone | everybody | guys) [,]',
    // Politeness said first that the tail has too: "when you get a chance, could you ...".
    '(when you get a chance | when you have a moment | when you have a minute | when you get a moment | when you get a minute | when you have a chance | when you have time | when you get time | if you do not mind | if it is not too much trouble | (sorry | sorry to bother you | sorry to bug you) [,] [but]) [,]',
  ],
  // What is over: "we're done with the demo, ...".
  'demo-done': [
    '(the | our | my) (demo | presentation | load test | stress test | test run | testing | tests)',
  ],
  // A page that went off: "pagerduty is screaming", "the pager went off".
  paged: [
    '([a | an | the] [prod | production] (alert | page) | [my | the | our] (pager | phone | on call phone) | pagerduty) (fired | went off | is firing | is going off | just fired | just went off | is screaming | is going crazy | is blowing up | keeps going off)',
  ],
  'dev-did': [
    '(changed | edited | updated | modified | pushed | committed | merged | added | fixed | touched | refactored | wrote | rewrote | bumped | tweaked | ran | hit | tested | renamed | moved | implemented | patched | cleaned up | deployed | redeployed | upgraded | released | shipped)',
  ],
  tail: [
    '[,] (please | thanks | thank you | thanks a lot | thanks in advance | cheers | thx | ty | now | right now | rn | for me | asap | quickly | immediately | right away | straight away | at once | again | real quick | ok | okay | when you can | when you get a chance | if you can | if possible | would you | could you | will you | can you | if you do not mind | if you would | when you have a moment | when you have a minute | when you have time | at your convenience | if it is not too much trouble | if that is ok | if that is okay | yet | already | at the moment | atm | by any chance | one more time | once more | quick | quick please | wtf | ugh | help | please help | help please)',
    // Thanks in more words: "..., much appreciated", "... please and thank you" ("please" inside
    // a request goes, see router.ts).
    '[,] (and (thank you | thanks) [so much | very much] | thank you so much | thanks so much | thank you very much | thanks very much | many thanks | thanks a bunch | thanks a ton | much appreciated | appreciate it | i appreciate it | i would appreciate it | appreciated | cheers mate)',
    // How soon, said after: "..., it's urgent", "..., no rush", "..., when you have a sec".
    '[,] ((it is | this is | that is) [kind of | a bit | pretty | really | super | very] urgent | urgent | urgently | no rush | no hurry | whenever you can | whenever you get a chance | when you have a sec | when you have a second | when you get a sec | need it (quick | quickly | fast | soon | asap) | pretty please | (ty | thx | thanks | thank you) in advance)',
    // Round 14b: why it is asked, said after: "is the app ok? just checking in before my 10am".
    '[,] [just] checking in',
    '[,] [[just] checking in] (before | ahead of) (a | my | the | our) [next] (<number> (am | pm) | [<number> (am | pm)] (demo | meeting | call | standup | presentation | review))',
    // A remark that changes nothing: "tear it down, I'm done for today".
    '[,] (i am | we are) (done | finished) [for (today | now | the day | the night | the week | the weekend) | testing | with (it | this | that) | here]',
    // What it did, said after: "could you restart the frontend? It stopped responding a few
    // minutes ago", "..., I think it got evicted".
    '[,] [<hedge>] (it | they) [just] (stopped | stopped responding | stopped working | went down | crashed | died | got evicted | was evicted | got oom killed | got killed | hung | froze | restarted | got restarted | rebooted) [(a few | a couple of | some) minutes ago | just now | again | earlier | this morning]',
    // A first time, said after: "could you install the application? I have never deployed it before".
    '[,] (i | we) have never (deployed | installed) (it | the app | the application | this) [before]',
    // What was just done, said after: "is the frontend up yet? just deployed it".
    '[,] [i | we] just (deployed | redeployed | upgraded | released | shipped | rolled out) [it | everything | <release-object>]',
    // The reason after the request: "just the warning events, something is off".
    '[,] [<hedge>] (something | it | things | stuff) (is | seems | looks | seems to be | looks to be) [a bit | kind of | really] (broken | wrong | off | weird | strange | failing | not working) [with (the data | the app | it | auth | authentication | the auth | <app-function>)] [<since-change>]',
    // "roll back asap, the new version is broken", "scale up the api, traffic is spiking".
    '[,] [<hedge>] <release-broken>',
    '[,] <load-stated>',
    '[,] it (broke | has broken) (everything | things | stuff | <app-function> [page | pages | screen | form] | <diag-subject>)',
    // The problem said again after the request: "..., it keeps restarting", "..., it's been
    // leaking memory all day" ("it's been" reads "it is been").
    '[,] (it | they) ((keeps | keep) | (is | has | have) been) [<symptom-adverb>] (<symptom> | <keep-symptom>) [all day | all night | all morning | for hours | for a while | since (this morning | lunch | noon | this afternoon | earlier | yesterday | last night) | lately | today | <since-change>]',
    // What a page shows, said after: "can you check what is wrong? The page show error 502 since
    // this morning.".
    '[,] (the | this | that | my | our) (page | pages | site | website | app | ui | url | browser) (shows | show | is showing | gives | give | is giving | returns | return | is returning | throws | throw | is throwing) <seen-symptom> [since (this morning | yesterday | last night | today | the deploy | the last deploy) | again]',
    // What stopped working, said after: "... Sign-in has been failing since this morning.".
    '[,] <app-function> (has been | have been | is | are) [<symptom-adverb>] (failing | broken | down | erroring | timing out | not working) [since (this morning | yesterday | last night | the deploy | the last deploy | today)]',
    // What it is for, which is now: "scale the api to 3 for a load test this afternoon".
    '[,] for (load testing | stress testing)',
    '[,] [it is | this is | that is] for (a | the | our | my) [big | weekly | daily] (load test | demo | presentation | launch | sale | stress test | report | standup | status update | status report) [today | this afternoon | tonight | soon]',
    // Whom it is for: "is the app healthy? I need to tell my boss".
    '[,] (i need to | i have to | i want to) (tell | update | report to) (my | the | our) (boss | manager | team | lead | team lead)',
    // Who is waiting for it: "is the site live? my manager is asking".
    '[,] (my | the | our) (boss | manager | team | lead | team lead | client | customer) (is asking | asked | wants to know | needs to know | is waiting)',
    // How soon and why, said after: "..., nothing urgent", "..., just to double check", "...,
    // we're about to demo".
    '[,] (nothing urgent | not urgent | just to double check | just to be sure | just to be safe | just in case)',
    '[,] (we are | i am) about to (demo | present | go live | give a demo | do a demo)',
    // On call, said after: "restart the backend, I'm on call".
    '[,] (i am | we are) (on call | oncall) [here | today | tonight | this week]',
    // Who is asking, said after: "check my machine before I start, I'm new to k8s".
    '[,] (i am | we are) [pretty | totally | completely | still] new (to | with) (kubernetes | k8s | this | todo ops | minikube | helm | all this)',
    // Who woke whom, said after: "diagnose backend, it's 3am and pagerduty is screaming".
    '[,] [it is <number> (am | pm) (and | ,)] <paged>',
    // What the one waiting asks: "how's the app doing? my manager is asking if it's up".
    '[,] (my | the | our) (boss | manager | team | lead | team lead | client | customer) (is asking | asked | wants to know | needs to know | is wondering) (if | whether) (it | the app | the site | everything) (is | are) <state-adjective>',
    // When, which is now: "check my machine before I start".
    '[,] before (i | we) (start | begin | get started | deploy | install the app | deploy the app)',
    // What a developer changed, said after: "rebuild the frontend image, I changed the css".
    '[,] (i | we) [just] (changed | edited | updated | modified | fixed | tweaked | touched | rewrote | refactored) (the | some | my | a few | a bit of) [frontend | backend | api | ui] (css | styles | styling | code | config | html | layout | markup | copy | templates | dockerfile | components | pages | page | source)',
    // What a developer changed, in words of their own that end with what it is: "rebuild the
    // backend image, I touched the auth code", "redeploy, I bumped the version".
    '[,] (i | we) [just | have just | already] <dev-did> (the | some | my | our | a few | a bit of | a | an) [<remark>] (code | handler | handlers | logic | component | components | page | pages | styles | css | config | version | versions | dependencies | deps | schema | migration | migrations | route | routes | endpoint | endpoints | tests | file | files | template | templates | function | functions | query | queries | model | models | module | modules | service | controller | controllers | middleware | dockerfile | image tag)',
    // The reason, joined by "because", "since" or "as": "restart the backend because it's
    // stuck", "roll back because the new version broke login", "scale the backend to 3 as
    // traffic is spiking".
    // ("since" only before a state: "logs since it crashed" asks for a window).
    '[,] (because | cause | cuz | bc | as) (<a-problem> | (it | they) (is | are | seems | seem | keeps | keep) [<symptom-adverb>] (<symptom> | <keep-symptom>) | <release-broken> | <load-stated> | (the | our | my) (config | configuration | env | env vars | settings) (changed | was changed | was updated))',
    '[,] since (it | they) (is | are | seems | seem | keeps | keep) [<symptom-adverb>] (<symptom> | <keep-symptom>)',
    // What it is for: "scale the frontend to 0 to save memory", "restart the backend to clear
    // the cache", "rebuild the images so I can test my changes".
    '[,] [in order] to (save | free | free up | reclaim) [some] (memory | ram | cpu | resources | space | disk space | battery) [on (my | the | this) (laptop | machine | computer)]',
    '[,] to (clear | reset | flush) [the] (cache | caches | connections | state)',
    '[,] so (i | we) can (test | try | check | try out | review | look at | play with) (it | them | my changes | the changes | my change | my fix | the fix | things | the app) [out]',
    '[,] so (i | we) can (show | do | give | run) (the | a | my | our) (demo | presentation)',
    // What is over: "teardown, we're not using it anymore", "clean up, the demo is over".
    '[,] (i am | we are) (not using | done with | finished with) (it | this | that | the app | <demo-done>) [anymore | any more]',
    '[,] (the | our | my) (demo | presentation | load test | testing | test run) is (over | done | finished)',
    // What it is to show: "restart the backend, see if that helps".
    '[,] [and | to] (see | check) (if | whether) (that | it | this) (helps | works | fixes (it | things | the problem))',
    // How long it is for, which is now: "scale the frontend down to zero for the night".
    '[,] for (the night | tonight | the weekend | the time being | now)',
    // Not in use, the reason to scale down or take down: "scale the frontend to 1 since
    // nobody's using it".
    '[,] [because | since | as | cuz | bc] (nobody | no one) [is] (using | on) (it | them | the app | the site) [right now | anymore | any more | at the moment | tonight | today]',
    // What is no longer needed: "get rid of the hosts entry, I don't need it anymore".
    '[,] (i | we) (do not | no longer) need (it | them | that | this) [anymore | any more]',
    // A first time: "check my setup, first time using this".
    '[,] [it is | this is] [my | our] first time [here | (using | trying | running) (this | it | todo ops)]',
    // A first deploy, said after: "anything running yet? just deployed for the first time".
    '[,] [i | we] just (deployed | installed) [it | everything | <release-object>] for the first time',
    // What it is for, which is a test: "scale the frontend down to 1, it's only for testing".
    '[,] [it is | this is | that is] [only | just] for (testing | a test | a quick test | local testing | debugging)',
    // Who is asking, tersely, and an apology: "what's wrong? (new to k8s, sorry)".
    '[,] [pretty | totally | completely | still] new (to | with) (kubernetes | k8s | this | todo ops | minikube | helm | all this) [here]',
    '[,] (sorry | sorry for the noob question | sorry for the dumb question | sorry if this is obvious)',
  ],

  the: ['(the | my | our | this | that | these | those)'],
  all: ['(all | all the | all of the | all my | every | both | both the)'],
  show: [
    '(show | show me | show us | get | get me | give me | give us | display | print | print out | view | see | fetch | fetch me | pull | pull up | bring up | open | check | check on | read | list | list out | look at | take a look at | have a look at | grab | grab me | dump | let me see | let me have | can i have a look at | could i have a look at | can i take a look at | i would love to see | let me read | let me view | let me look at | can i see | can i get | can i have | could i see | could i get | could i have | may i see | may i have | (i | we) (want | need | would like) [to] (see | look at | check) | i want | i need | i would like | i would love | need | need to see | point me to | point me at | provide | provide me | share | send me | (i | we) (wish | am wanting | are wanting) to (see | look at | check))',
  ],
  // After a component name: "the backend pods", "the database statefulset".
  'comp-noun': [
    '(pod | pods | deployment | service | container | containers | component | app | application | instance | instances | workload | workloads | statefulset | replicas | tier | layer)',
  ],
  // What a question about state can be about, and what it can ask.
  'state-subject': [
    '<whole-app>',
    // The ingress, whose address status shows: "is the ingress up?".
    '[the] ingress',
    '[<the> | <all>] <workload> [<comp-noun>]',
    '(it | everything | things | we)',
    '[<the>] ([minikube | kubernetes | local] cluster | minikube)',
    '[<the> | <all>] [new | running | current] (pods | services | replicas | instances | containers | workloads | workload)',
  ],
  // Not "reachable" or "responding": answering those takes a request through the ingress,
  // which is what `verify` does, and a question never runs it.
  'state-adjective': [
    '[still | currently | all | already | actually | really | even] (up | running | alive | live | online | ready | healthy | ok | okay | fine | good | green | working | deployed | up and running | down | offline) [fine | ok | okay | smoothly | properly | correctly | normally | well]',
    '[still | currently] in (a good | a healthy | an ok | an okay | a bad | good | bad) (state | shape)',
  ],
  // The restart counts asked with the pods: "which pods exist and how many times they restarted?".
  'restarts-too': [
    '[,] and (how many times (they | each [one] | each pod) [have] (restarted | restart) | how many times did (they | each [one] | each pod) restart | how many restarts (they | each [one] | each pod) (have | had | got) | their restart counts)',
  ],
  // The other answer of a yes/no question about state, said: "... or not?".
  'state-or': [
    '[,] or (not | down | up | running | dead | broken | gone)',
    '[,] or (did | has) (someone | somebody | anyone | something | it | the cluster | minikube) (nuke | nuked | delete | deleted | remove | removed | kill | killed | die | died | crash | crashed | uninstall | uninstalled | take it down | taken it down | break | broken) [it | them | everything]',
  ],
  // What status lists, by name.
  'status-noun': [
    '[<workload>] (pods | services | svc | deployments | statefulsets | ingress | ingresses | endpoints | workloads)',
  ],
  'whole-app': [
    '[<the>] (app | application | todo app | release | helm release | deployment | stack | system)',
    // The app's own: "the todo app deployment", "the app release".
    '[<the>] (todo | todo app | app) (deployment | release | helm release | stack | installation)',
  ],

  // scale
  'scale-verb': [
    '(scale | rescale | resize | set | bump | change | adjust | put | grow | shrink | increase | decrease | reduce | raise | lower | expand | take | bring | up | drop | cut | ramp | dial | crank | turn)',
    '(upscale | downscale)',
  ],
  direction: ['(up | down | out | in | back | back up | back down | horizontally)'],
  'replica-noun': [
    '(replica | replicas | pod | pods | instance | instances | copy | copies | container | containers)',
  ],
  'scale-noun': [
    '(<replica-noun> | deployment | workload | tier | layer | replica count | pod count | instance count | count | scale | size | number of replicas | number of pods | number of instances | replica set)',
  ],
  'scale-to': ['(to | at | = | into | on)'],
  want: [
    '(i want | i need | need | i would like | we want | we need | we would like | give me | give us | get me | run | use | have | let us have | let us run | make it | can we have | can we get | can i have | can i get)',
  ],

  // logs
  logs: [
    '(logs | log | log output | log file | log files | output | console output | stdout | stderr)',
  ],
  recency: ['(recent | latest | current | new | newest | most recent)'],
  previous: ['(previous | crashed | prior | last crashed | crash) @previous'],
  of: ['(of | for | from | on | in)'],
  last: ['(last | latest | most recent | final | newest | recent)'],
  lines: ['[log] (lines | line | entries | log entries)'],
  'logs-since': [
    '(since | from | for | in | over | during | within | of) [the] (last | past | previous) <duration>',
    '(since | from) <duration> ago',
    'since <duration>',
    '(last | past) <duration>',
  ],
  'previous-container': [
    '(from | of) [the] (previous | last | crashed | prior | dead) (container | instance | run | pod | restart) @previous',
  ],
  'logs-mod': [
    '[,] <logs-since>',
    '[,] [only | just] [the] <last> <number> <lines>',
    // The window with "only" or "the": "frontend logs, only the last 5 minutes".
    '[,] (only | just) <logs-since>',
    '[,] [only | just] the (last | past) <duration>',
    '[,] [only | just | at most | up to] <number> <lines> [max | maximum | at most | only]',
    // Right after the word "logs", a bare count is lines: "backend logs, last 50".
    '[,] [the] <last> <number>',
    '(from | of) [the] (previous | last | crashed | prior) (container | instance | run | pod | restart) @previous',
    ', [the] (previous | crashed | prior | last crashed) (container | instance | pod | one) @previous',
    // Terse, right after: "backend logs previous container".
    '(previous | crashed | prior) (container | instance) @previous',
    '<before-crash-from>',
    // The logs command's own options, as its users type them: "logs backend --tail 500".
    '(--tail | tail) [=] <number>',
    '--since [=] <duration>',
    '(--previous | -p) @previous',
    // A window said alone after the logs: "api logs 1h".
    '<duration>',
  ],
  'before-crash-from': ['[(from | of) [[the] (container | instance | pod)]] <before-crash>'],
  'before-crash': [
    'before [the | it | its | they | their] (crash | crashed | restart | restarted | last crash | last restart | died | went down | was killed | got killed | was restarted | got restarted) @previous',
  ],

  // What reading the logs is for, said after: "show the frontend logs, I want to check for
  // errors", "can you get me the api logs? want to see what broke", "..., need to debug a 500".
  'read-purpose': [
    '[,] [i | we] (want | need | would like | am trying | are trying) to (see | check | find out | figure out | understand | know | look at) (what broke | what happened | what went wrong | what is going on | what is happening | why it (crashed | broke | failed | died | restarted) | for errors | for exceptions | if there are [any] errors | whether there are [any] errors)',
    '[,] [i | we] (want | need | am trying | are trying) to debug [a | an | the | this | that | some] [<seen-symptom> | issue | problem | crash | error | bug]',
  ],
  // Logs of the component a problem statement named: "its last 30 log lines".
  'logs-of-it': [
    '[<show> | tail] [its | their | the] [<recency>] [<previous>] [container | pod] <logs> [<logs-mod>]*',
    '[<show> | tail] [its | their | the] [<last>] <number> <lines> [<logs-since>]',
    // What it wrote: "I need to see what it printed before it restarted".
    '<show> [to see] what (it | they | the old container | the previous container | the old pod | the crashed container | the crashed pod) (wrote | printed | logged | said | output | put out) [<before-crash>]',
  ],

  // events
  events: ['(events | event | event log | event stream)'],
  'events-qual': [
    '(recent | latest | new | newest | last | current | cluster | kubernetes | k8s | pod | namespace)',
    '(most recent | last few | latest few)',
    // Which kind, as the events' reasons say: "were there any image pull or scheduling events?".
    '<event-kind> [(or | and | ,) <event-kind>]',
  ],
  'event-kind': [
    '[failed] (image pull | pull | imagepull | scheduling | scheduler | probe | liveness | readiness | health check | oom | eviction | backoff | back off | restart | volume | mount)',
  ],
  // What the events are for: "I want to see if there were any failed probes".
  'events-purpose': [
    '[,] (i want to | i need to | to | so i can) (see | check | find out) (if | whether) there (were | are | have been) any (failed probes | probe failures | failures | errors | warnings | problems | crashes | restarts | oom kills | evictions)',
  ],
  'events-scope': [
    '(in | on | from | for | across | of) [the] (cluster | app | application | release | deployment | todo app | minikube | namespace | todo namespace)',
    'from kubernetes',
  ],
  warnings: [
    '(warnings | warning | warning events | warning messages | events with warnings | warn events)',
  ],

  // diagnose
  'diag-subject': [
    '[<the>] <workload> [<comp-noun>]',
    '[<the> | all | all the | all of the] [whole | entire] (app | application | todo app | release | helm release | deployment | pods | pod | stack | system | cluster | everything | things | it | services)',
    'the (whole | entire) thing',
  ],
  'named-subject': ['<named-part>', '<named-whole>'],
  'named-part': ['[<the>] <workload> [<comp-noun>]'],
  'named-whole': [
    '[<the> | all | all the | all of the] [whole | entire] (app | application | todo app | release | helm release | deployment | pods | pod | stack | system | cluster | everything | services)',
  ],
  // Slowness said of the whole app alone is a remark (five writers: "the app is slow", "the
  // app feels slow today"); of a part, or with a request or a question, it is a problem.
  symptom: ['<symptom-not-slow>', '<slowness>'],
  slowness: ['(slow | very slow | really slow | super slow)'],
  'symptom-not-slow': [
    '(out of disk | out of disk space | out of space | running out of space | running out of disk | running out of disk space | evicted | toast | kaput | unusable | completely unusable | dead in the water | flaky | being flaky | laggy | super laggy | slow to respond | slow to load | taking forever | taking forever to load | taking ages | eating memory | eating all the memory | using too much memory | hogging memory | eating cpu | using too much cpu | hogging cpu | pegging the cpu | failing | crashing | all red | showing red | crash looping | crashlooping | down | broken | dead | dying | erroring | erroring out | throwing errors | returning errors | restarting | pending | stuck | stuck pending | unhealthy | unavailable | offline | timing out | misbehaving | acting up | failing to start | failing health checks | not working | not ready | not running | not starting | not up | not healthy | not responding | not coming up | not loading | not available | not reachable | unreachable | in crashloopbackoff | in a crash loop | in crash loop | in an error state | in error | in pending | stuck in pending | stuck in crashloopbackoff | stuck in a crash loop | in a restart loop | stuck in a restart loop | stuck restarting | flapping | being evicted | getting evicted | returning 500s | returning 502s | returning 503s | throwing 500s | hung | hanging | frozen | oom killed | oomkilled | getting oom killed | being oom killed | in imagepullbackoff | stuck in imagepullbackoff | in errimagepull | stuck in errimagepull | wedged | hosed | borked | locked up | unresponsive | acting weird | acting strange | acting funny | weird | strange | odd | funny | wonky | glitchy | buggy | not right | behaving weirdly | behaving strangely | sluggish | crawling | lagging | overloaded | struggling | running out of memory | out of memory | leaking memory | ooming | on fire | crashloop | crashloopbackoff | in a crashloop | in crashloop | stuck in crashloop | oom)',
  ],
  // What a component keeps doing: "why does the api keep getting OOM killed?".
  'keep-symptom': [
    '(crashing | failing | restarting | dying | erroring | going down | crash looping | crashlooping | ooming | getting oom killed | being oom killed | getting oomkilled | leaking memory | getting killed | being killed | getting evicted | being evicted | getting restarted | timing out | hanging | freezing | running out of memory)',
  ],
  // A symptom that can only mean a failure (not "down" or "not ready", which status shows, nor
  // "restarting": its restart counts answer "any pods restarting?").
  'failure-state': [
    '(crashing | crash looping | crashlooping | erroring | failing | stuck | stuck pending | pending | in crashloopbackoff | in a crash loop | in crash loop | in an error state | in error | in imagepullbackoff | in errimagepull | stuck in crashloopbackoff | stuck in imagepullbackoff | oom killed | getting oom killed | in a restart loop)',
  ],
  // The symptom said after: "restart the db, it is stuck", "what's up with the database, it is
  // very slow".
  'it-symptom': [
    '[,] (it | they) (is | are | seems | seem | looks | look) [<symptom-adverb>] <symptom> [<since-change>]',
    // The verb dropped, as non-native speakers write: "..., it not answer".
    '[,] (it | they) [does | do | is | are] not (answer | answering | respond | responding | work | working | start | starting | load | loading)',
    // "its" for "it's", as fast typists write it: "..., its all red".
    '[,] its [<symptom-adverb>] <symptom>',
  ],
  // Since when, in words (a count here would be read as the request's): "the database is not
  // working since one hour", "the api is down for an hour", "since this morning".
  'problem-since': [
    '(since | for) (this morning | yesterday | last night | today | the deploy | the last deploy | a while | hours | ages | an hour | a day | half an hour | a few minutes | a few hours | a couple of hours | (one | two | three | four | five | ten | twenty | thirty | several | many) (hour | hours | minute | minutes | day | days))',
    'since (lunch | noon | this afternoon | earlier | earlier today)',
  ],
  'symptom-adverb': [
    '(still | constantly | always | so often | again | all the time | repeatedly | a lot | so much | totally | completely | really | super | every few minutes | over and over)',
  ],

  // Asked to find out why: "diagnose why the frontend is returning errors".
  'diagnose-verb': ['(diagnose | debug | troubleshoot | look into | dig into | root cause)'],
  // What embeds a question: "find out why ...", "do you know if ...".
  'find-out': [
    '([help me | help us] (find out | figure out | understand) | let me know | double check | work out | do you happen to know | happen to know | check | see | explain | investigate | tell me | say me | i wish to know | i want to know | i want know | i would like to know | i need to know | i wonder | do you know | any idea | any ideas)',
    // "to" dropped, as non-native speakers write: "i need know if database is working".
    '(i | we) (need | would like | wish) know',
  ],
  'diag-fix': [
    '[,] and (tell me | show me | suggest | explain | say) (what to fix | how to fix it | how to fix them | how to fix that | the fix | a fix | what is wrong)',
  ],
  // A problem stated before the request for a diagnosis: "something is broken, ...".
  'problem-stated': [
    // The time said before a problem is now ("it's 3am and the site is throwing 502s"); before
    // a request it may be when to do it, the model's.
    '[<reported> | <hedge> | <since-change> [,] | <change-made> | (it is | its) <number> (am | pm) (and | ,)] <a-problem> [<since-change>] [[,] and <a-problem>]',
  ],
  // What was just changed, then the problem: "I changed the env vars and now the api won't start".
  'change-made': [
    '(i | we) [just] (changed | updated | edited | modified | tweaked | touched | pushed | deployed | merged) [the | some | my | a] [env | environment | config | configuration | code | values | settings | configmap | migration | commit | change | changes] [vars | variables | file | files] and [now]',
  ],
  // How sure the user is of the problem: "I think the frontend is hanging".
  hedge: [
    '(i think | i guess | i believe | looks like | it looks like | seems like | it seems like)',
  ],
  // Since a change: "the backend keeps dying after the last deploy".
  'since-change': [
    '(since | after) [<the> | my | our] [last | latest | recent | new] (deploy | deployment | upgrade | release | update | rollout | change | push | commit | merge)',
  ],
  // A problem said on its own is a request only when it names what fails: "it's broken" and
  // "something is off" are complaints the model asks about; "the api is down" is a diagnosis.
  'problem-named': [
    '[<reported> | <hedge>] <problem-by-name> [<since-change>] [[,] and <a-problem>]',
    // Slowness reported by others is a problem to look into: "users say the app is slow".
    '<reported> <named-whole> [is | are | seems | seem | feels | feel] [<symptom-adverb>] <slowness> [<symptom-adverb>]',
    '[<reported>] <vague-problem> [,] and <problem-by-name>',
  ],
  'vague-problem': [
    '(something | it | things | stuff) (is | seems | looks | seems to be | looks to be) [a bit | kind of | really] (broken | wrong | off | weird | strange | failing | not working)',
  ],
  // Who noticed: "users are complaining the site is slow".
  reported: [
    '(users | people | customers | someone | a user | our users | the team | qa | monitoring) (are complaining | complain | complained | say | are saying | said | report | are reporting | reported | tell me) [that]',
    // One who noticed: "my teammate says the site is down", "a customer reported errors on
    // signup", "someone on slack says the app is slow".
    '((my | a | our | the) (teammate | colleague | coworker | manager | boss | customer | user | tester | lead | team lead | developer | dev | client) | someone [on (slack | teams | the team | support)] | support | qa | monitoring | grafana) (says | said | is saying | reported | reports | is reporting | told me | mentioned | noticed | complained) [that]',
    '(i am | we are | i keep | we keep) getting (complaints | reports | tickets) [from (users | customers | people)] that',
  ],
  'a-problem': ['<vague-problem>', '<named-problem>'],
  'named-problem': namedProblems('<diag-subject>', '<problem-since> | <problem-now>'),
  // A resource too high: "high memory on the api".
  'resource-high': [
    '(high | too much | very high | a lot of | spiking) (memory | cpu | memory usage | cpu usage | latency | error rate | load | disk usage)',
  ],
  // When, which is now: "the app is super slow today, any idea why?".
  'problem-now': ['(today | tonight | lately | recently | right now | all of a sudden | suddenly)'],
  // The same, when it names what fails: not "it" or "things" ("it's broken" is a complaint).
  'problem-by-name': namedProblems('<named-subject>', '<problem-since>', [
    ['<named-part>', '<symptom>'],
    ['<named-whole>', '<symptom-not-slow>'],
  ]),
  'seen-problem': [
    '[(i | we) (deployed | redeployed | upgraded) and] [now] (i am | we are | users are | people are | i keep | we keep) getting <seen-symptom> [(on | from | at) (todo.local | the url | the page | the app)]',
    // What the address answers: "todo.local gives a 502".
    '(todo.local | the url | the ingress) ((gives | is giving | keeps giving) [me | us] | returns | shows | throws | is returning | is showing | is throwing | keeps returning) <seen-symptom>',
    // On a function of the app: "errors on signup", "500s when creating tasks".
    '<seen-symptom> (on | when | during | with) <app-function>',
    // Tersely, with where: "502 on todo.local", "blank page on todo.local".
    '<seen-symptom> (on | at | from) (todo.local | the url | the site | the website | the app | the page)',
    // Said without who: "seeing lots of 503s", "getting a 502 on todo.local".
    '[(i am | we are | users are | people are)] (seeing | getting) [lots of | a lot of | many | tons of | a bunch of | some] <seen-symptom> [(on | from | at) (todo.local | the url | the page | the app | the site)]',
  ],
  'seen-symptom': [
    'a (500 | 502 | 503 | 504 | 404 | bad gateway | gateway timeout | timeout)',
    '[a] (500 | 502 | 503 | 504) (bad gateway | gateway timeout | service unavailable | internal server error)',
    '(exceptions | stack traces | a blank page | blank page | blank pages | a white page | white page | a blank screen | blank screen | errors | an error | error pages | an error page | error page | 500 | 502 | 503 | 504 | 404 | 500 errors | 502 errors | 503 errors | 504 errors | 500s | 502s | 503s | 504s | 5xx | 5xx errors | 5xxs | 404s | timeouts | garbage | junk | bad gateway | gateway timeouts)',
    '(stale | old | outdated | cached | wrong | broken) (content | data | pages | page | junk | stuff | assets | files | version | html)',
    // A pod state seen: "why am I getting CrashLoopBackOff on the backend?".
    '(crashloopbackoff | imagepullbackoff | errimagepull | oomkilled | oom kills | crash loops)',
    '(an old | the old | an outdated | the wrong) (version | page | build)',
    '[a | an] (5xx | 500 | 502 | error | errors | latency | timeout) (spike | spikes | surge)',
    // The code after the word, or "error" after the code: "error 502", "a 502 error".
    '[an] (error | http error | http | status | status code) (500 | 502 | 503 | 504 | 404)',
    '[a | an] (500 | 502 | 503 | 504 | 404) (error | errors | error page | page | status)',
  ],
  'app-function': [
    '[the] (task | tasks | todo) crud',
    '[the] (login | logins | log in | logging in | sign in | signin | sign ins | signing in | sign up | signup | sign ups | signups | signing up | registration | tasks | the todo list | todos | saving tasks | creating tasks | adding tasks | adding a task | creating a task | adding a todo | creating a todo)',
  ],
  // Load stated before a scale request: "traffic spike, scale the api to 6".
  'load-stated': [
    '(we have | there is) a (demo | launch | presentation | sale | big release | release party) [today | this afternoon | tonight | tomorrow | soon | later | this week]',
    '[the | a | our] load test (starts | is starting | begins | is about to start | is coming up) [soon | shortly | now | in (a few | a couple of | five | ten | fifteen | twenty | thirty) (minutes | mins)]',
    '[a | big | huge | massive | another | heavy] (traffic | load | usage | request) (spike | surge | peak | incoming | coming in | expected | wave) [incoming | coming | hitting us | right now]',
    // "we just had a spike in traffic", "we're seeing a surge of requests".
    '(we | i) [just] (had | got | have | are seeing | see | saw) a [big | huge | massive | sudden] (spike | surge | burst | wave) (in | of) (traffic | load | requests | users)',
    '(traffic | load | usage | demand) (is | seems) [really | very | way] (up | high | spiking | surging | growing | heavy | climbing | increasing | through the roof)',
    '(we are | i am | the app is | it is | everything is | <diag-subject> (is | are)) (getting | being) (hammered | slammed | flooded | swamped | overwhelmed | overloaded) [(with | by) [<load-noun>] (traffic | requests | load | users)]',
    '(we are | i am) (slammed | swamped | overwhelmed | under load | under heavy load | at capacity)',
    // Said without who: "getting slammed with requests, ...".
    '(getting | being) (hammered | slammed | flooded | swamped) (with | by) [<load-noun>] (traffic | requests | load | users)',
    '(lots of | a lot of | heavy | high | more | tons of) (traffic | load | users) [today | now | incoming | coming in | right now]',
    '[(we are | i am | we)] (expecting | expect) (lots of | a lot of | heavy | high | more | tons of | a spike in | a surge of) (traffic | load | users) [today | tonight | soon | later | this week | tomorrow]',
    '<diag-subject> (needs | need) more (capacity | headroom | pods | replicas | instances)',
  ],
  'load-noun': ['(lots of | a lot of | heavy | tons of | so much | too much)'],
  // Said before a request, in place of its reason; only a command comes after it.
  reason: ['(<problem-stated> | <load-stated>) [,] [so]'],
  // A broken release stated before asking for the rollback: "the new version is broken, ...".
  'release-broken': [
    '[<the>] [new | latest | last | current | recent] (version | release | deploy | deployment | upgrade | update) (has | introduced) (a bug | bugs | a regression | a problem | problems | issues)',
    '(prod | production) (is | was) [<symptom-adverb>] (broken | down | on fire | failing)',
    '[<the>] [new | latest | last | current | recent] (version | release | deploy | deployment | upgrade | update | rollout | build) (is | was | seems | looks) [<symptom-adverb>] (broken | bad | buggy | failing | not working | crashing | erroring | down)',
    // Said of the one running: "put back the version from before, this one is bad".
    '(this | the current | the new) one (is | was | seems | looks) [<symptom-adverb>] (broken | bad | buggy | failing | not working)',
    '[<the>] [new | latest | last | current | recent] (version | release | deploy | deployment | upgrade | update | rollout | change | changes | commit | push) (broke | has broken | broken) (everything | things | it all | stuff | it | prod | production | <diag-subject> | <app-function> [page | pages | screen | form | endpoint | endpoints | route | flow])',
    '[<the>] [new | latest | last | current | recent] (version | release | deploy | deployment | upgrade | update | rollout) (caused | is causing) (errors | problems | issues | an outage | failures)',
  ],

  // A change said failed, only before or after a rollback: "helm upgrade failed, roll back"
  // (after any other request it would be a reason to ask about).
  'release-failed': [
    '[<the>] [new | latest | last | current | recent] [helm] (deploy | deployment | upgrade | update | rollout | release) (failed | has failed | went wrong)',
  ],

  // restart
  // What a restart is for: "... so they pick it up" (a changed config, read at start).
  'secret-changed': [
    '(i | we) [just] (rotated | updated | changed | replaced | renewed | regenerated) [a | the | our | my] [jwt | database | db | app] (secret | secrets) [in the cluster | in kubernetes]',
  ],
  'restart-purpose': [
    '[,] (so | so that) (it | they) (picks | pick | will pick | can pick | reads | read | will read | loads | load | will load) (it | them | that | the change | the changes | the new config | the new configuration | the config | the configuration) [up]',
    '[,] (so | so that) (it | they) (picks | pick | will pick | can pick) up (it | them | that | the change | the changes | the new config | the new configuration | the config | the configuration)',
    '[,] to (pick up | apply | load | reload) (it | them | that | the change | the changes | the new config | the new configuration | the config | the configuration)',
    // The secret changed, said after: "restart the backend, I just rotated the JWT secret and
    // the pods need to pick it up".
    '[,] <secret-changed> [[,] and (the pods | it | they) (need | needs | have | has) to (pick | load | read) (it | them | that | the change | the new one) [up]]',
  ],
  'restart-verb': [
    '(restart | reboot | bounce | recycle | cycle | kick | rollout restart | rolling restart | restart rollout | recreate | kill and recreate | delete and recreate | kill and restart | respawn)',
  ],

  // rollback
  'rollback-verb': ['(rollback | roll back | revert | go back | downgrade | return | step back)'],
  change: [
    '(deploy | deployment | release | upgrade | change | update | rollout | helm release | helm upgrade | install | version | app | application | todo app)',
  ],
  'earlier-release': [
    '[the] (previous | last | prior | earlier | older | last good | last working | last known good | last stable | old) (release | revision | version | deploy | deployment | one | helm release | helm revision | state)',
    // Terse: "rollback to previous".
    '(previous | the previous | prior | last good | last working)',
    'the (release | revision | version | deploy | deployment | one) before [(this | that | the current) [one]]',
    // "put back the version from before", "the one we had before".
    'the (release | revision | version | deploy | deployment | one) (from before | we had before | that worked | that was working)',
  ],

  'rollback-request': [
    '<get-done> (it | [<the>] [last | latest | recent | most recent] <change>) rolled back',
    '(rollback | roll back | helm rollback) [[<the>] [last | latest | recent | most recent | previous] [bad | broken | failed | buggy] <change> | it]',
    '(restore | reinstate | bring back | put back | go back to | return to | switch back to | revert to) <earlier-release> [(of | for) <whole-app>]',
    '(restore | reinstate | go back to | return to | switch back to | revert to) [the] (revision | rev | release | version | helm revision) <number>',
    'helm rollback [<the> <change>] [to] [[the] (revision | rev | release | version)] <number>',
    'roll (it | [<the>] [last | latest | recent | most recent] <change>) back',
    'roll (it | [<the>] <change> | everything) back to <earlier-release>',
    'roll (it | [<the>] <change> | everything) back to [the] [revision | rev | release | version | helm revision | revision number | release number | number] <number>',
    '(undo | revert | back out) [<the>] (last | latest | most recent | previous | recent) <change>',
    '(take | bring | put) (it | [<the>] <change>) back to (<earlier-release> | [the] [revision | rev | release | version | helm revision] <number>)',
    'revert [<the>] (release | helm release | deployment | deploy | upgrade)',
    'undo [<the>] (deploy | upgrade | update | rollout | helm upgrade)',
    '<rollback-verb> [[<the>] <change> | it | everything] [back] to <earlier-release>',
    '<rollback-verb> [[<the>] <change> | it | everything] [back] to [the] [revision | rev | release | version | helm revision | revision number | release number | number] <number> [of [<the>] (release | app | application | todo app | helm release)]',
    '(go | get) back to (how it was | the way it was | how things were | the way things were) [before]',
    // The app taken back to how it was: "return the application to before".
    '(return | restore | revert) (it | everything | <whole-app>) to (before | how it was [before] | the way it was [before] | (its | the) (previous | earlier | last good | last working) state)',
    '(bring | put | take | get) (it | everything | <whole-app>) back to (before | how it was [before] | the way it was [before] | (its | the) (previous | earlier | last good | last working) state)',
    '(put | bring) [<the>] (old | previous | last | earlier | last good | last working) (one | version | release | revision) back',
    // "take us back to revision 2".
    '(take | bring | get) (us | me) back to (<earlier-release> | [the] [revision | rev | release | version | helm revision] <number>)',
    '(rollback | roll back) [<the> <change>] (revision | rev) <number>',
    '<rollback-verb> [back] [by] (one | a | 1) (revision | release | version | step)',
    '(do | perform | run | trigger) [a | an | the] (rollback | roll back) [(on | to) [the] [revision | rev | release | version | helm revision] <number>]',
    // The action as a thing, as other languages say it: "is it possible to make rollback?".
    'make [a | an | the] (rollback | roll back) [(on | to) [the] [revision | rev | release | version | helm revision] <number>]',
  ],

  // history
  // What the history is for: "which revisions do we have? need to pick one to roll back to".
  'rollback-purpose': [
    'before (i | we) (roll back | rollback | revert | downgrade | do a rollback | roll (anything | it | something | things) back | roll back anything)',
    // Which one is not known yet: "i want to roll back but not sure to which one".
    '[,] (i | we) (want | need | would like) to (roll back | rollback | revert | go back) [but] [(i am | we are)] not sure (to which one | which one | which | where to | how far)',
    '[,] [so] [(i | we)] [(need | want | have)] to (pick | choose | find | decide on | select | see) (one | a revision | a release | a version | which one | the one | where) to (roll back | rollback | revert | go back | return) to',
    // A rollback weighed, not asked for: "what revisions do we have? thinking about a rollback".
    '[,] [(i am | we are)] (thinking about | thinking of | considering | weighing) (a rollback | rolling back | reverting | going back)',
    // Round 14b: a rollback that may come: "what revisions do we have? I might need to roll back".
    '[,] [<hedge>] (i | we) (might | may | could | will probably | will likely) [(need | have | want) to] (roll back | rollback | revert | go back | do a rollback)',
    '[,] so (i | we) (can | could) (pick | choose | find | decide on | select | see) (one | a revision | a release | a version | which one | the one | where) to (roll back | rollback | revert | go back | return) to',
  ],
  'history-qual': [
    '(release | helm | deploy | deployment | deployments | rollout | revision | upgrade | version | app | todo app | helm release)',
  ],

  // teardown, deploy
  'release-object': [
    '[<the>] [whole | entire] [todo | todo app] (app | application | release | helm release | stack | installation)',
    '[<the>] todo',
    '[<the>] (todo | todo app) deployment',
    'the (whole | entire) thing',
  ],
  'deploy-target': ['<deploy-place> [<deploy-tool>]', '<deploy-tool> [<deploy-place>]'],
  'deploy-place': [
    '(to | on | onto | into | in) [<the> | a] [local] (cluster | minikube | kubernetes | minikube cluster | kubernetes cluster)',
    'locally',
  ],
  // How: "install the todo app with Helm" (what deploy does).
  'deploy-tool': ['(with | using | via | through) [the] helm [chart]'],
  fresh: [
    '(fresh | new | newly built | freshly built | rebuilt | latest | updated | just built | the latest | the new)',
  ],
  // deploy, as people ask for it; its build option is said around it (see the intent).
  // Where the dotenv file is: "using the dotenv file config/prod.env", "secrets are in
  // .env.prod", "reading secrets from ./config/.env", "with my env file at ~/todo/.env". The
  // word "secret" routes nowhere else (see router.ts).
  'secrets-from': [
    '[with | using | from | reading] [<the> | my] (dotenv | env | .env | secrets | secret) [file] [(at | in | from | is | are in | are at | is in | is at) [file]]',
  ],
  'deploy-option': [
    '<with-build> @build',
    '[,] (but | after | by) (build | rebuild | building | rebuilding) <images> [first] @build',
    '[,] [but | and] (building | rebuilding | build | rebuild) [<images>] first @build',
    // A chart value, as said ("deploy with ingress.host=todo.example.test", "install the app
    // with frontend.replicas set to 2"); the router routes it only when key and value are
    // written as the request has them (keys are case-sensitive), never a secret's.
    '[,] (with | setting | overriding | override | and set | and override | using) [--set] <chart-key> (= | to | set to | as | of) <chart-value>',
    // The dotenv file to read ("deploy using the dotenv file config/prod.env").
    '[,] <secrets-from> <env-file>',
    // The file first: "deploy it with the .env.local secrets".
    '[,] (with | using | from) [the | my] <env-file> (secrets | secret | env | env file | dotenv file | dotenv | file)',
    // Its command's own flags: "deploy --no-rollback", "deploy --no-proof".
    // Round 14b: after "with", and why: "deploy with --no-rollback, I want to debug the failure".
    '[with | using] --no rollback [<debug-it>] @noRollback',
    '[with | using] --no proof @noProof',
    // Without the proof after the rollout (a throwaway user's round trip).
    '[,] [but | and] (without | skip | skipping | with no | no) [the] [post deploy] (proof | smoke test | smoke tests | verification | e2e check | e2e test | e2e tests) [step | stage | part | check | run] [with [the | a] (throwaway | test | temporary) user] @noProof',
    // A failed change kept in place: "deploy and don't roll back if it fails, I want to debug it".
    '[,] [but | and] <no-rollback> [(if | when) it fails | on failure] [<debug-it>] @noRollback',
    // The condition first: "deploy, and if it fails leave it as is so I can debug".
    '[,] [but | and] ((if | when) it fails | on failure) [,] [just | then] <no-rollback> [<debug-it>] @noRollback',
    // "redeploy and keep it if it fails".
    '[,] [but | and] (keep | leave) it (if | when) it fails [<debug-it>] @noRollback',
  ],
  'no-rollback': [
    '((without | no) [automatic | auto] (rollback | rolling back) | do not roll back | (keep | leave) it (in place | there | up | as is | as it is | alone))',
  ],
  'debug-it': [
    '[,] (i want to | so i can | so that i can | to | i need to) debug [it | the failure | the problem | what failed] [in place]',
  ],
  'deploy-request': [
    '(deploy | redeploy) [it | them | everything | <release-object> | [<the>] (chart | helm chart | project) | (the | this) [whole] thing] [again] [<deploy-target>]',
    '(install | reinstall | launch | roll out) [<the>] (app | application | todo app | release | chart | helm chart | stack) [<deploy-target>]',
    'upgrade [<the>] (release | helm release | app | application | todo app)',
    'upgrade <release-object> to [<the>] (current | latest | new | newest) (chart | helm chart | version)',
    // "update the app to the latest version", "apply my changes to the cluster".
    'update <release-object> to [<the>] (current | latest | new | newest) (chart | helm chart | version | code | build)',
    'apply [<the>] [latest | newest | new | recent] (code | changes) <deploy-place>',
    'helm (install | upgrade) [<release-object> | [<the>] [todo | todo app] (chart | helm chart)] [(with | to) [<the>] (latest | newest | new | current) (chart | helm chart | version)]',
    '(ship | launch | roll out) (it | everything | <release-object>) [<deploy-target>]',
    '(deploy | redeploy | ship | roll out) [<the>] [latest | newest | new | current] (version | build | code | release | changes | chart | helm chart) [(of | for) <release-object>] [<deploy-target>]',
    // "push my latest changes to the cluster".
    '(push | ship) [<the>] [latest | newest | new] (code | changes | version | build) <deploy-place>',
    '(spin up | bring up | stand up) <release-object> [<deploy-target>]',
    '(spin | bring | stand) <release-object> up [<deploy-target>]',
    '(get | have) (it | everything | <release-object>) (running | up | up and running | deployed | installed) [<deploy-target>]',
    '(put | install | push) <release-object> (on | onto | into | in | to) [<the> | a] (cluster | minikube | kubernetes | local cluster | minikube cluster | kubernetes cluster)',
    '(do | make | run | perform | trigger | kick off | start) [a | an | the] [new | fresh | clean] (deploy | deployment | release | redeploy | helm upgrade | helm install | upgrade | rollout | install | reinstall) [(of | for) <release-object>] [<deploy-target>]',
    '(push | roll) (it | [<the>] (latest | newest | new) (code | version | build | changes)) out [<deploy-target>]',
    '(push | push out | roll out | ship | cut) [a | the] (new | fresh | latest) (release | version | build) [(of | for) <release-object>] [<deploy-target>]',
    '<get-done> (it | <release-object>) (deployed | redeployed | upgraded | installed | reinstalled) [<deploy-target>]',
    // As a thing: "fresh install of the app please".
    '[a | an] [new | fresh | clean] (install | installation | deploy | deployment | reinstall) of <release-object> [<deploy-target>]',
  ],
  // Before the outcome asked for: "I want the app deployed", "get the backend restarted".
  'get-done': ['((i | we) (want | need | would like) | get | have)'],
  // Deploy's build option: "with fresh images", "with a fresh image build", "--build".
  'with-build': [
    '(with | using | from) [<the> | a] <fresh> (images | image | build | builds | docker images | container images | image build | containers)',
    '(with | after | plus) [a | an] [fresh | new | full] (build | rebuild | image build | image rebuild) [of <images>]',
    '[with] --build',
  ],
  e2e: ['(smoke | e2e | end to end | functional)'],
  // How verify reaches the app: from outside, as a user would.
  'end-to-end': [
    '(end to end | by exercising it | from the outside | like a user would | as a user would | as a user)',
    '(through | via | over | from | using) [the] (ingress | ingress url | ingress host | todo.local | public url | url)',
  ],
  verified: [
    '(it | everything | [<the>] [deployed | running | live] (app | application | todo app | deployment | release | todo.local))',
  ],
  // What verify exercises: "sign-up, tasks and all".
  'verify-purpose': [
    '[,] ((i want to | i need to | i would like to) (make sure | check | confirm | see) [if | whether] | to make sure | to check | to confirm | to see if | to see whether | so i know) [that] (it | everything | <the> (app | application | todo app | deployment) | <app-functions>) [actually | really | still] (works | work | is working | are working)',
  ],
  // When: "now that it's deployed", "after the deploy I just did".
  'after-deploy': [
    '[,] (now that | since) (it | the app | everything | the deploy) (is | has been) (deployed | up | done | finished)',
    '[,] after [<the>] (deploy | deployment | upgrade | rollout | changes | change | fix | update) [(i | we) just (did | made)]',
  ],
  'app-functions': [
    '<app-function> [[,] [and] <app-function>]* [[,] and (all | everything | so on | the rest)]',
  ],
  // Images built and not deployed: "just build the frontend image, no deploy".
  'build-only': [
    '[,] (no deploy | no deploying | without deploying [it | them] | [but | and] do not deploy [it | them] [yet])',
  ],
  // Where images are built: "into minikube", "for the app".
  'build-target': [
    '(in | into | for | on | inside) [the] (minikube | minikube docker | app | application | todo app | cluster | local cluster)',
  ],
  images: ['[<the> | <all>] [<fresh>] [docker | container | app] (images | image)'],

  // hosts_entry
  // What the missing line does: "todo.local doesn't resolve in my browser".
  'hosts-symptom': [
    'todo.local (does not | will not | is not | can not) (resolve | resolving | load | loading | work | working | open) [in (my | the) browser | for me | on my (machine | laptop)]',
  ],
  'hosts-file': [
    '(hosts | hosts file | host file | /etc/hosts | etc hosts | /etc/hosts file | etc hosts file)',
  ],
  'hosts-thing': [
    'todo.local (hosts | host | hosts file | /etc/hosts) (entry | line | record | mapping)',
    '(hosts | host | hosts file | host file | /etc/hosts | etc hosts | todo.local) (entry | line | record | mapping) [for (todo.local | [<the>] (app | todo app | minikube | cluster | minikube cluster | ingress))]',
  ],

  'teardown-request': [
    '(teardown | tear down) [it | everything | [<all>] <release-object>]',
    '(uninstall | undeploy | helm uninstall) [it | everything | <release-object>]',
    'tear (it | everything | <release-object>) [all] down',
    'tear (it all | all of it) down',
    'take (it all | all of it | everything) down',
    '(uninstall | helm uninstall) [<the>] [todo | todo app] [helm] chart',
    '(remove | delete | destroy | nuke | wipe | wipe out | get rid of | decommission) <release-object> [from [the] (cluster | minikube | kubernetes)]',
    'take (down (<release-object> | everything) | (<release-object> | it | everything) down) [completely | entirely | fully]',
    '<get-done> (it | everything | <release-object>) (torn down | uninstalled | undeployed)',
    // What is taken down, then how, as a list: "nuke it all: uninstall, remove the images, ...".
    '((nuke | remove | delete | wipe | wipe out | destroy) (it | everything) [all] | clean (it | everything) [all] up | clean up everything) , (uninstall | uninstall it | uninstall the app | helm uninstall)',
    // The same list that names the release: "clean everything up: remove the release, the
    // images and stop minikube".
    '((nuke | wipe out | destroy) (it | everything) [all] | clean (it | everything) [all] up | clean up everything) , (remove | delete | uninstall) <release-object> [(, | and) [<the> | its | the app] [docker | container | app] images @removeImages]',
    // What the clean-up follows: "clean up after the demo: uninstall the app, remove its images".
    'clean [it | everything] [all] up [everything] after (the | my | our) (demo | presentation | testing | tests | load test | session | workshop) , (uninstall | uninstall it | uninstall the app | helm uninstall)',
    // One verb for both: "remove the release and the images".
    '(remove | delete | destroy | nuke | wipe out | get rid of) <release-object> and [<the> | its | the app] [docker | container | app] images @removeImages',
  ],
  // Teardown's own options, said after it: one call, not a second request.
  'teardown-option': [
    '(, | and | , and) [also] [then] (<stop-cluster> @stopMinikube | <remove-images> @removeImages) [too | as well | afterwards | after that]',
    '[,] (including | along with | together with | with) [<the> | its | the app] [docker | container | app] images @removeImages',
    // The cluster stopped with it: "tear everything down including minikube".
    '[,] (including | along with | together with) [the] (minikube | <cluster-noun>) @stopMinikube',
    // Both in one list: "tear down the app, including the images and minikube".
    '[,] (including | along with | together with | with) ([<the> | its | the app] [docker | container | app] images [,] and [the] (minikube | <cluster-noun>) | [the] (minikube | <cluster-noun>) [,] and [<the> | its | the app] [docker | container | app] images) @removeImages @stopMinikube',
    // In a list after it: "nuke the deployment, images too, and stop the cluster".
    ', [<the> | its | the app] [docker | container | app] images (too | as well | included) @removeImages',
    // What it leaves, which it does anyway: "... but leave minikube running".
    '[,] [but] (leave | keep) [the] (minikube | <cluster-noun>) [running | up | alone | as is | on]',
  ],
  'remove-images': [
    '(remove | delete | clean up | drop) [<the> | its | the app] [docker | container | app] images',
  ],
  'stop-cluster': [
    '(stop | shut down | halt | turn off | power off) [the] (minikube | <cluster-noun>)',
    '(stop | shut | turn | power) [the] (minikube | <cluster-noun>) (down | off)',
  ],
  'cluster-noun': ['[local | minikube | kubernetes] cluster'],
  // A cluster stated missing or stopped, before asking for one.
  'cluster-down': [
    '[the | my | our] (minikube | <cluster-noun> | kubernetes) [is] [<symptom-adverb>] (not running | down | stopped | off | not up | not started | dead | gone | missing)',
    '(there is | i have | we have) no [local] (cluster | minikube | <cluster-noun>) [running | yet]',
    '(i | we) (do not | did not) have a [local] (cluster | minikube | <cluster-noun>) [running | yet]',
  ],

  // doctor, setup_cluster
  'local-setup': [
    '[local] (setup | prerequisites | prereqs | environment | tools | tooling | dependencies | requirements | machine | workstation | laptop | computer | pc | dev environment | development environment)',
  ],
  // Why the check: "check my setup, I think I'm missing some tools".
  'doctor-reason': [
    '[,] [<hedge>] (i am | we are) missing (some | a few | a couple of) [tools | things | dependencies | prerequisites]',
  ],
  'prereq-noun': [
    '[the] [required | needed | necessary | missing] (prerequisites | prerequisite | prereqs | requirements | dependencies | tools | tooling)',
  ],
  // What doctor checks, by name: "check if docker and helm are installed".
  'tool-list': [
    '<tool-name> [[,] [and | or] <tool-name>]* [[,] (and so on | etc | and such | and the like | and the rest)]',
  ],
  'tool-name': ['(docker | helm | kubectl | minikube | node | nodejs | node.js | npm)'],
  cluster: [
    '[new | local | fresh] (cluster | minikube | minikube cluster | kubernetes cluster | kubernetes | local cluster)',
    '[new | fresh] local (minikube | kubernetes) cluster',
  ],
  // The kubectl and helm commands of the docs' request table, typed as requests: "kubectl get
  // pods -n todo", "kubectl logs deploy/todo-app-backend", "helm rollback todo-app 2". Only the
  // app's own namespace; any other option is the model's.
  'kube-ns': ['(-n | --namespace) [=] todo', '(in | on | from) the todo namespace'],
  'kube-kind': ['(deploy | deployment | statefulset | sts)'],
  'helm-release': ['[todo app | todo] [<kube-ns>]'],
};

type Args = Record<string, unknown>;

/** One tool action and the ways people ask for it. */
export interface Intent {
  /** Unique name: the tool, with the fixed action when one tool has several. */
  id: string;
  tool: ToolName;
  /** Requests that ask for the action. */
  commands: readonly string[];
  /** Questions about state; only read tools answer them (`STATE_TOOLS`). */
  questions: readonly string[];
  /** The call's arguments from the parse; undefined when a value is out of range. */
  args: (slots: Slots) => Args | undefined;
  /** Shown where todo-ops lists what works without a model (first one), and tested. */
  examples: readonly string[];
}

type IntentSpec<T extends ToolName> = {
  id?: string;
  tool: T;
  commands?: readonly string[];
  /**
   * What may be said before any of the commands, such as its reason (`REASON`: "the api is
   * hung, bounce it", "traffic spike, scale the api to 6"). The commands become the definition
   * `<id-commands>`, and each preamble one more production, `<preamble> <id-commands>` (one
   * production, not one per command: a request that starts so is tried once per intent).
   */
  preambles?: readonly string[];
  args?: (slots: Slots) => Args | undefined;
  examples: readonly string[];
} & (T extends StateTool | 'hosts_entry'
  ? { questions?: readonly string[] }
  : { questions?: never });

function intent<T extends ToolName>(spec: IntentSpec<T>): Intent {
  const id = spec.id ?? spec.tool;
  const commands = spec.commands ?? [];
  const preambles = spec.preambles ?? [];
  if (preambles.length) {
    if (DEFINITIONS[`${id}-commands`]) throw new Error(`router: <${id}-commands> is taken`);
    DEFINITIONS[`${id}-commands`] = commands;
  }
  return {
    id,
    tool: spec.tool,
    commands: [...commands, ...preambles.map((preamble) => `${preamble} <${id}-commands>`)],
    questions: spec.questions ?? [],
    args: spec.args ?? (() => ({})),
    examples: spec.examples,
  };
}

const text = (slots: Slots, slot: string): string | undefined =>
  typeof slots[slot] === 'string' ? (slots[slot] as string) : undefined;
const whole = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
const component = (slots: Slots): Args => {
  const c = text(slots, 'component');
  return c ? { component: c } : {};
};

/** A command's reason said before it: "the api is hung, bounce it". */
const REASON = '<reason> [<lead>]*';

/** The routing table, in the order the help lists it. */
export const INTENTS: readonly Intent[] = [
  intent({
    tool: 'status',
    examples: ['status', 'show pods', 'is the app up?', "what's running"],
    // A count asked about ("is the backend running 3 replicas?") is one the fast path could set
    // (a time of day said with a problem is no count: "it's 11pm and ...").
    args: (slots) =>
      !slots.count || whole(slots.number, ROUTED_REPLICAS.min, ROUTED_REPLICAS.max)
        ? {}
        : undefined,
    preambles: [REASON],
    commands: [
      'status',
      '(kubectl get | kubectl describe) (pods | pod | po | all | deployments | deployment | deploy | services | svc | ingress) [<kube-ns>]',
      'helm (status | list | ls) <helm-release>',
      '[<show>] [<the> | a] [current | overall | latest | quick] [app | application | release | helm | helm release | deployment | cluster | pod | pods | todo app | rollout | system | <workload>] (status | state | health | health status) [(of | for | on) [<the> | all | all the] (app | application | todo app | release | helm release | todo release | todo app release | todo helm release | deployment | cluster | pods | everything | things | system | <workload> [<comp-noun>])]',
      '[<show>] [<the>] [current] (replica count | replica counts | number of replicas | pod count | number of pods) (of | for | on) [<the>] <workload>',
      '[<show>] [a | the] [quick | short | full] status (update | report | check) [(on | for | of) (<whole-app> | everything | things | [<the>] <workload> [<comp-noun>] | [<the> | <all>] pods | [the] cluster)]',
      '[<show>] [<the> | <all>] [running | current | live] [<workload>] (pods | pod list | pods list | deployments) [(in | on) ([the] (cluster | minikube | app | release) | the [todo] namespace)] [(with | and) (their | the) (restart counts | restarts | restart count | status | statuses)]',
      '[<show>] [<the> | <all>] [running | current | live] (pods | deployments) (of | for | in) [<the>] <workload>',
      'check on (<whole-app> | everything | things | [<the>] <workload> [<comp-noun>] | [<the> | <all>] pods)',
      // What status shows, named together: "list the pods and services".
      '[<show>] [<the> | <all>] [running | current] <status-noun> [[,] and [<the> | their] <status-noun>] [[,] and [<the> | their] <status-noun>] [(in | on | of) [the] (cluster | minikube | app | release)]',
      '[<show>] [<the> | a | an] [quick | short | brief | high level] (overview | summary | rundown) [(of | on) (<whole-app> | everything | things | (what is running | what is deployed) [(in | on) [the] (cluster | minikube | namespace | todo namespace)] | [the] cluster | [<the> | <all>] pods)]',
      '[<show>] [<the>] [app | application | todo app | ingress] (url | address | ingress address | ingress host | ingress url | link)',
    ],
    questions: [
      // With its alternative: "is the app deployed or not?", "is the backend up or down?", "is
      // todo-app deployed or did someone nuke it?".
      '(is | are) <state-subject> <state-adjective> [(in | on) [the] (cluster | minikube | kubernetes)] [right now | now | at the moment] [after (last night | the night | the weekend | the outage | the incident | the restart | the deploy | the upgrade | the rollback | lunch)] [<state-or>]',
      '[is | are] (everything | things | all) <state-adjective> with (<whole-app> | [<the>] <workload> [<comp-noun>])',
      // Terse, without the verb: "everything green?" (not "down": a problem, diagnose's).
      '<state-subject> [all | still] (up | running | ready | healthy | ok | okay | fine | good | green | alive | online | up and running) [now | right now | at the moment]',
      // "everything running fine?".
      '<state-subject> [all] (up | running | working) (fine | ok | okay | smoothly | properly | normally | well)',
      // Where to see them, asked of what only reads: "how can I see the pods of the app?".
      '(how | where) (can | do) (i | we) (see | view | check | list | find) [<the> | <all>] [running] [<workload>] (pods | services | deployments | workloads) [(of | in | for) <whole-app>]',
      // After a restart: "did the backend pods come back up after the restart?".
      '(did | have | has) <state-subject> (come | came) [back] (up | online) [again] [after [<the>] (restart | deploy | deployment | rollback | upgrade | rollout | crash)]',
      // Back after an outage: "is the backend back up?", "did the backend come back?", "has the
      // frontend recovered?", "is everything back to normal?".
      '[(is | are)] <state-subject> back [up | online | to normal | again] [yet | now] [after [<the>] (restart | deploy | deployment | rollback | upgrade | rollout | crash | outage)]',
      '(did | has | have) <state-subject> (come back | came back | recovered) [yet | now] [after [<the>] (restart | deploy | deployment | rollback | upgrade | rollout | crash | outage)]',
      // After a deploy: "did my deploy come up?" (whether it works end to end is verify's).
      '(did | has) [<the>] (deploy | deployment | release | install | installation | rollout | upgrade | new version | new release | update) (come up | roll out | rolled out | go out | gone out | came up | go through | gone through | finish | finished | succeed | succeeded | complete | completed) [ok | okay | fine | properly] [, (is | are) <state-subject> <state-adjective>]',
      'what is [<the>] [current] (replica count | replica counts | number of replicas | pod count | number of pods) (of | for | on) [<the>] <workload>',
      // Embedded: "check whether the app is running", "tell me if the pods are ready".
      '(<find-out> | let me know | ask) (whether | if) <state-subject> (is | are) <state-adjective> [(in | on) [the] (minikube | <cluster-noun>)]',
      // "can you confirm the pods are ready": not "working", which verify may be asked to prove.
      '(confirm | check | make sure | double check) [that] <state-subject> (is | are) [all | still | currently] (up | running | ready | healthy | deployed | up and running | online)',
      '(is | are) <whole-app> installed',
      // Serving, said of what is up: "is the todo app currently up and serving?".
      '(is | are) <state-subject> [currently | still | actually] [up and] serving [traffic | requests | users]',
      // The count asked: "is the backend running 3 replicas?" ("backend 3 replicas?" is an
      // order as often as a question).
      '(is | are) [<the>] <workload> [<comp-noun>] [currently | still] (running | at | on | scaled to | set to | running with) <number> <replica-noun> @count',
      // "is the backend scaled to 3?": said scaled, the count needs no noun.
      '(is | are) [<the>] <workload> [<comp-noun>] [currently | still] (scaled to | scaled up to | scaled down to | set to) <number> @count',
      '(does | do) [<the>] <workload> [<comp-noun>] [currently | still] (have | run) <number> <replica-noun> [running | up | ready] @count',
      '(are there | are) <number> [<workload>] <replica-noun> (running | up | ready) [(for | of) [<the>] <workload>] @count',
      // "what's the helm release status?".
      'what is [<the>] [current | overall | latest] (helm | helm release | cluster | system | rollout | overall) (status | state | health)',
      // The state asked for as a thing: "I wish to know state of my application".
      '<find-out> [the] [current] (status | state | health) (of | for) <state-subject>',
      'how (is | are) <state-subject> (doing | looking | holding up | running) [today | now | right now | at the moment | so far]',
      '<find-out> how <state-subject> (is | are) (doing | looking | holding up | running)',
      'how (is | are) (<whole-app> | [<the>] <workload> [<comp-noun>] | [<the> | <all>] pods | things | everything | [<the>] (cluster | minikube | minikube cluster | local cluster))',
      'how (does | do) (<whole-app> | it | everything | things) look',
      // "what does the cluster look like right now?".
      'what (does | do) (<whole-app> | it | everything | things | [the] cluster) look like [right now | now | at the moment | currently]',
      // Word order of other languages: "how is going the app".
      'how (is | are) (going | doing) (<whole-app> | [<the>] <workload> [<comp-noun>])',
      '[<show>] what is [currently | now] (running | deployed) [(in | on) [the] (cluster | minikube | release | namespace | todo namespace)] [(right now | at the moment | currently)]',
      '[<show>] (everything | all) that is [currently] (running | deployed)',
      // "is" for "are", as non-native speakers write: "I want to see what pods is running now".
      '[<show> | <find-out>] (what | which) (pods | deployments | services) (are | is | do we have | are there | exist | do i have) [running | up | deployed | ready] [now | right now | currently | at the moment] [<restarts-too>]',
      // What status lists about each: "which services have endpoints?".
      '[<show> | <find-out>] (what | which) <status-noun> (have | has | got) [ready] (endpoints | pods | replicas)',
      '(do | does) [<the> | <all>] <status-noun> have [ready] (endpoints | pods | replicas)',
      'how many [<workload>] <replica-noun> (are | are there | do we have | do i have | is) [running | up | ready | deployed] [(for | of | in) [<the>] <workload>] [[,] and (are | is) (they | it) [all] (ready | running | up | healthy)]',
      'how (many | much) <replica-noun> (does | do) [<the>] <workload> have [running | up | ready] [now | right now | currently]',
      // The verb before the part, as non-native speakers ask: "how much replicas have backend now?".
      'how (many | much) <replica-noun> (has | have) [<the>] <workload> [<comp-noun>] [now | right now | currently]',
      // "sup with the pods?" is their status to two writers, in those words ("what's up with the
      // pods" may ask for a diagnosis as well: the model's).
      '(sup | wassup) with [<the> | <all>] pods',
      // Where a deployment stands, asked with whether it is up: "where are we with the
      // deployment, is it up?".
      '(where are we | where do we stand | how are we doing) with [<the>] (deployment | deploy | rollout | install | release | app) [,] (is | are) (it | everything | they) <state-adjective>',
      // Embedded: "can you tell me how many replicas the frontend has".
      '<find-out> how many <replica-noun> [<the>] <workload> (has | have | is running | are running)',
      '[<find-out>] how many <replica-noun> (of | for) [<the>] <workload> (are there | do we have | (are | is) [currently] (running | up | ready)) [right now]',
      // The count asked last, as non-native speakers ask it: "the backend has how many pods?".
      '[<the>] <workload> [<comp-noun>] (has | have | is running | runs) how many <replica-noun> [running | now | right now]',
      'how healthy (is | are) (<whole-app> | [<the>] <workload> [<comp-noun>] | it | everything | things | [<the> | <all>] pods)',
      'what is the [current] (status | state | health) [(of | for | on) <state-subject>]',
      // Articles dropped, as non-native speakers do: "how is state of application now?".
      '(how | what) is [the] [current] (status | state | health) (of | for) <state-subject>',
      'what is [<the>] [current] (app | application | todo app | release | deployment | pod | pods | cluster | minikube | <workload>) (status | state | health)',
      'what state is (<whole-app> | [<the>] <workload> | everything) in',
      '(what | where) is [<the>] [app | application | todo app | ingress] (url | address | ingress address | ingress host | ingress url | link) [(of | for) <whole-app>]',
      '(what | which) (url | address) is (<whole-app> | it) (on | at | served on | served at | reachable at)',
      // The address asked as where to go: "what url do I use to reach the app?", "where can I
      // open the app in my browser?" (whether it answers there is verify's to prove).
      '(what | which) (url | address | link | host | hostname) (do | should | can) (i | we) (use | open | go to | visit | type) [(to | for) (reach | open | access | get to | see | use) <whole-app>] [in (my | the) browser]',
      'where (can | do | should) (i | we) (open | access | find | get to | visit) <whole-app> [in (my | the | a) browser]',
      'how many restarts (does | do | have | has) [<the> | <all>] [<workload>] [<comp-noun>] (have | had | got)',
      'how many times (has | have) [<the> | <all>] <workload> [<comp-noun>] restarted',
      // Whether anything restarts, which the restart counts answer: "any pods restarting?", "have
      // any of the backend pods restarted?" (one that keeps restarting is a problem, diagnose's).
      '[(is | are | have | has)] (any [of the] [<workload>] (pods | pod | containers | replicas) | anything | any of them) [been] (restarting | restarted | had restarts | had any restarts) [lately | recently | today]',
      '(are there | any) [any] (restarting | restarted) [<workload>] (pods | containers | replicas)',
      '(did | have) any [of the] [<workload>] (pods | containers) restart [lately | recently | today]',
      '(is | are) <whole-app> (up | running | deployed | installed) (on | in) [<the>] (cluster | minikube | kubernetes)',
      '[is | are] (anything | something) (running | deployed | up) [(in | on) [the] (cluster | minikube)]',
      // Whether a change took effect, which the replica counts answer: "did the backend get
      // scaled to 3 already?", "was the frontend scaled down to 1?" (a count the fast path
      // could set, as above).
      '(did | has | have) [<the>] <workload> [<comp-noun>] (get | been | got) (scaled | scaled up | scaled down | set) to <number> [<replica-noun>] [already | yet] @count',
      '(was | were | is | are) [<the>] <workload> [<comp-noun>] [already] (scaled | scaled up | scaled down) to <number> [<replica-noun>] [already | yet] @count',
      // The ingress's address asked of it: "what address does the ingress have?".
      '(what | which) (url | address | ip | ip address | host | hostname | host name | domain) (does | do) (<whole-app> | [the] ingress | it | the site) (have | use | listen on | answer on | run on)',
      '(what | which) (url | address | host | hostname | host name | domain) is [the] ingress (on | using | at)',
    ],
  }),
  intent({
    tool: 'scale',
    examples: ['scale backend to 3', 'I want two frontend replicas'],
    preambles: [REASON],
    commands: [
      'kubectl scale [<kube-ns>] [<kube-kind>] <app> [<kube-ns>] --replicas [=] <number> [<kube-ns>]',
      'kubectl scale [<kube-ns>] --replicas [=] <number> [<kube-kind>] <app> [<kube-ns>]',
      '<scale-verb> [<direction>] [<the>] <app> [<scale-noun>] [<direction>] <scale-to> <number> [<replica-noun>]',
      '<scale-verb> [<direction>] [<the>] <scale-noun> (of | for | on | in) [<the>] <app> [<direction>] <scale-to> <number> [<replica-noun>]',
      '<scale-verb> [<direction>] [<the>] (number | count) of <app> <replica-noun> [<direction>] <scale-to> <number> [<replica-noun>]',
      'scale [<the>] <app> [<scale-noun>] <number> [<replica-noun>]',
      '<want> [only | just | exactly] <number> <app> <replica-noun> [running]',
      '<want> [only | just | exactly] <number> <app-plural> [running]',
      // A count said with "only" or "just" asks for that count: "only one backend pod".
      '(only | just) <number> <app> <replica-noun>',
      '<want> [only | just] <number> <replica-noun> (of | for | on | in) [<the>] <app> [running]',
      // "make three copies of backend".
      '(make | create | spin up | start | launch) <number> <replica-noun> (of | for) [<the>] <app>',
      'make [<the>] <app> (run | work) (with | on) <number> <replica-noun>',
      // The action as a thing, as other languages say it: "make the scaling of backend to 2".
      '(do | make | perform) [a | the] scaling of [<the>] <app> to <number> [<replica-noun>]',
      'for [<the>] <app> [,] (give | use | run | set) <number> <replica-noun>',
      // After a change: "i just added caching to the api, let's try it with 2 backend replicas".
      '(try | run | test) (it | this | that | the app) (with | on) <number> <app> <replica-noun>',
      '<want> [<the>] <app> (at | on | with | to have | to run | to run with | to run on | running | to be at | scaled to | to be scaled to) <number> [<replica-noun>] [from now on]',
      'make [<the>] <app> [<scale-noun>] [be | have | run | use | to have | to run | to use | to be] <number> [<replica-noun>]',
      '(run | have | keep | put) [<the>] <app> (with | on | at) <number> <replica-noun>',
      '<app> [<scale-noun>] [<direction>] (to | =) <number> [<replica-noun>]',
      '[set] [<the>] <app> (replicas | replica count) <number>',
      // Terse, the noun first: "replicas backend 4".
      '(replicas | replica count) <app> <number>',
      '(replicas | replica count) [(for | of)] <app> (= | to | at) <number>',
      // The count first: "set replicas=3 for the backend".
      '<scale-verb> [<the>] <scale-noun> (to | =) <number> (for | on | of) [<the>] <app>',
      '(make sure | ensure) [that] [<the>] <app> (has | runs | is running | is at) <number> <replica-noun>',
      'give [<the>] <app> <number> <replica-noun>',
      'go to <number> <app> <replica-noun>',
      '<number> <replica-noun> for [<the>] <app>',
      // The count it should have: "the backend should run 3 replicas".
      '[<the>] <app> (should | must | needs to | has to) (have | run | get) <number> <replica-noun>',
      '[<the>] <app> (needs | need) <number> <replica-noun>',
      '[<the>] <app> (should | must | needs to | has to) be (at | scaled to | set to | on | running) <number> [<replica-noun>] [only]',
      // "I want make frontend to have 2 instances", "go back to just one frontend pod".
      '<want> [to] make [<the>] <app> [to] (have | run | use) <number> <replica-noun>',
      'go [back | down | up] to [just | only] <number> <app> <replica-noun>',
      // "let's go with 2 frontend replicas", "put 2 replicas on the frontend".
      '(go | settle) with <number> <app> <replica-noun>',
      '(put | run) <number> <replica-noun> (on | for) [<the>] <app>',
      // The component first: "frontend: scale to 5", "the backend, scale it to 3".
      '[for] [<the>] <app> [<comp-noun>] , [<lead>]* (<scale-verb> [it | them] [<direction>] <scale-to> <number> [<replica-noun>] | make it <number> <replica-noun>)',
      // What the scale is for, then how: "turn the frontend off by scaling it to zero replicas"
      // (dev4, dev6, dev8); the count is said, as in every scale.
      '(turn | switch | shut) [<the>] <app> [<comp-noun>] (off | down) [for now] by scaling (it | them) [down] to <number> [<replica-noun>]',
      '(turn | switch | shut) (off | down) [<the>] <app> [<comp-noun>] [for now] by scaling (it | them) [down] to <number> [<replica-noun>]',
      '(stop | pause) [<the>] <app> [<comp-noun>] [for now] by scaling (it | them) [down] to <number> [<replica-noun>]',
      // The component named in the problem: "web is slow, bump it to 5".
      '<reason> [<lead>]* <scale-verb> (it | them) [<direction>] <scale-to> <number> [<replica-noun>]',
      // The part named after the count: "scale it down to 1 frontend pod".
      '<scale-verb> (it | them) [<direction>] <scale-to> <number> <app> <replica-noun>',
    ],
    args: (slots) => {
      const c = text(slots, 'component');
      const n = slots.number;
      return c && whole(n, ROUTED_REPLICAS.min, ROUTED_REPLICAS.max)
        ? { component: c, replicas: n }
        : undefined;
    },
  }),
  intent({
    tool: 'logs',
    examples: ['backend logs', 'last 50 lines of frontend', 'postgres logs since 10m'],
    preambles: [REASON],
    commands: [
      'kubectl logs [<kube-ns>] [<kube-kind>] [the] <workload> [<kube-ns> | <logs-mod>]*',
      // The tail command's own count: "tail -n 30 backend logs", "tail 200 frontend logs".
      'tail [-n | --lines] [=] <number> [<the>] [<previous>] <workload> [<comp-noun>] [<logs>]',
      '[<show> | tail] [<the>] [<recency>] [<previous>] <workload> [<comp-noun>] [<previous> | <recency>] <logs> [<logs-mod>]*',
      // "the tail of the postgres log"
      '[<show>] [<the>] tail (of | on) [<the>] <workload> [<comp-noun>] <logs>',
      // The errors in them, which the logs show: "show me the errors in the backend logs".
      '<show> [<the> | any] (errors | error messages | exceptions | stack traces) (in | from) [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs> [<logs-mod>]*',
      // "the logs from before the frontend container restarted"
      '[<show>] [<the>] <logs> (from | of) before [<the>] <workload> [<comp-noun>] (crashed | restarted | went down | died) @previous',
      '[<show> | tail] [<the>] [<recency>] [<previous>] [container | pod] <logs> [<logs-mod>]* <of> [<the>] [<previous>] <workload> [<comp-noun>] [<logs-mod>]*',
      '[<show>] [pod | container] <logs> (<workload> | <pod>) [<logs-mod>]*',
      // Terse: "last 20 lines postgresql".
      '[<show> | tail] [<the>] [<last>] <number> <lines> [<of>] [<the>] [<previous>] <workload> [<comp-noun>] [<logs>] [<logs-since> | <previous-container>]',
      '[<show> | tail] [<the>] [<last>] <number> <lines> <of> [<the>] [<previous>] <logs> <of> [<the>] <workload> [<comp-noun>]',
      '[<show>] [<the>] (last | past) <duration> of [<the>] [<previous>] <workload> [<comp-noun>] <logs>',
      'tail [<the>] <workload> [<comp-noun>]',
      // Where to look said first: "in the logs of the backend, show me the last 1000 lines".
      '(in | from) [<the>] ([<previous>] <workload> [<comp-noun>] <logs> | <logs> <of> [<the>] [<previous>] <workload> [<comp-noun>]) [,] [<lead>]* [<show>] [<the> | only | just the] [<last>] <number> <lines> [<logs-since>]',
      // One pod by name, as status lists it: "logs for pod todo-backend-6f7c9d8b4-q2xkz".
      '[<show> | tail] [<the>] [<recency>] [<previous>] [container | pod] <logs> <of> [[the] pod] <pod> [<logs-mod>]*',
      '[<show> | tail] [<the>] [<recency>] [<previous>] [pod] <pod> [pod] <logs> [<logs-mod>]*',
      '[<show> | tail] [<the>] [<last>] <number> <lines> <of> [[the] pod] <pod> [<logs-since>]',
      'tail [[the] pod] <pod>',
      // The component named in the problem: "postgres is acting weird, give me its logs".
      '<problem-stated> [,] [so] [<lead>]* <logs-of-it>',
    ].map((request) => `${request} [<read-purpose>]`),
    questions: [
      // What it logs, asked by what is in it: "what errors is the backend logging".
      '(what | which) (errors | warnings | exceptions | messages) (is | are | was | has) [<the>] <workload> [<comp-noun>] [been] (logging | printing | throwing | writing | logged | printed | thrown)',
      'what (is | was | has) [<the>] <workload> [<comp-noun>] (printing | logging | saying | outputting | writing | been logging | been printing | been saying) [in [its | their | the] <logs>] [<logs-mod>]* [recently | lately]',
      'what (did | has) [<the>] <workload> [<comp-noun>] (log | print | say | output | write | logged | printed | said | written) [(in | to) (its | their | the) <logs>] [<logs-mod> | <before-crash>]* [recently | lately]',
      'what (does | do | did | would | will) [<the>] <workload> [<comp-noun>] <logs> (say | show) [<logs-mod>]* [recently | lately | right now | now]',
      '(<show> | <find-out>) what [<the>] <workload> [<comp-noun>] (is | was | has been) (printing | logging | saying | outputting | writing) [<logs-mod>]* [recently | lately]',
      '(<show> | <find-out>) what [<the>] <workload> [<comp-noun>] (logged | printed | said | output | wrote) [(in | to) (its | their | the) <logs>] [<logs-mod> | <before-crash>]* [recently | lately]',
      // Where to see them, asked of what only reads: "how do I see the logs for the backend?".
      '(how | where) (can | do) (i | we) (see | view | check | read | find | get) [<the>] (<workload> [<comp-noun>] <logs> | <logs> <of> [<the>] <workload> [<comp-noun>])',
      // What is in them: "are there any errors in the backend logs?", "what's in the db logs?",
      // "grep the backend logs for errors".
      '(what | which) (errors | warnings | exceptions) (are | were) [there] in [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs>',
      'what is in [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs>',
      '(grep | search | scan | check | look through | go through) [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs> for (errors | exceptions | warnings | problems | stack traces)',
      // The window or the part said after the logs: "what's in the frontend logs from the last
      // hour", "check the logs of the api for errors".
      'what is in [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs> <logs-mod> [<logs-mod>]',
      '(grep | search | scan | check | look through | go through) [<the>] [<recency> | <previous>] <logs> <of> [<the>] <workload> [<comp-noun>] for (errors | exceptions | warnings | problems | stack traces)',
      '(is | are) [<the>] <workload> [<comp-noun>] (logging | printing | writing) (anything | something | errors)',
      '(are there | were there | is there | do you see | do we have | any) [any] (errors | warnings | exceptions | stack traces | problems | (anything | something) (weird | unusual | odd | strange | wrong)) in [<the>] [<recency> | <previous>] <workload> [<comp-noun>] <logs> [<logs-mod>]* [recently | lately | today]',
    ].map(
      // The same answer asked for again: "what's the backend printing? show its logs".
      (question) => `${question} [, [<lead>]* <show> (its | their | the) <logs>]`,
    ),
    args: (slots) => {
      const c = text(slots, 'component');
      const n = slots.number;
      const since = text(slots, 'since');
      const pod = text(slots, 'pod');
      if (!c === !pod) return undefined;
      if (n !== undefined && !whole(n, 1, MAX_TAIL)) return undefined;
      if (since !== undefined && !SINCE.test(since)) return undefined;
      return {
        ...(c ? { component: c } : { pod }),
        ...(n !== undefined ? { tail: n } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(slots.previous ? { previous: true } : {}),
      };
    },
  }),
  intent({
    tool: 'events',
    examples: ['events', 'warnings', 'any warnings for the backend?'],
    preambles: [REASON],
    commands: [
      '[<show>] [<the> | <all> | any] [<events-qual>] [<events-qual>] <events> [<events-scope>]',
      '(kubectl get | kubectl) (events | event | ev) [<kube-ns>] [(for | of | on) [<the>] <workload> [<comp-noun>]]',
      '[<show>] [<the> | <all> | any] [<events-qual>] <workload> [<comp-noun>] <events>',
      // Terse, like logs: "events api".
      '[<show>] [<the> | <all> | any] [<events-qual>] [<events-qual>] <events> [for | of | about | on | from | involving | in | around | related to | regarding | concerning] [<the>] <workload> [<comp-noun>] [only]',
      '[<show>] [<the> | <all> | any | only | just the | only the] [<events-qual>] [<events-qual>] <warnings> [only] [<events-scope>] @warningsOnly',
      // "check the cluster events for warnings"
      '(check | scan | look through | go through | search) [<the> | <all>] [<events-qual>] [<events-qual>] <events> [<events-scope>] for (warnings | warning events | errors | problems | issues | failures) @warningsOnly',
      '[<show>] [<the> | <all> | any | only [the]] [<events-qual>] <workload> [<comp-noun>] <warnings> [only] @warningsOnly',
      // Warnings asked for after the events: "frontend events, warnings only".
      '[<show>] [<the> | <all> | any] [<events-qual>] ([<events-qual>] <events> [<events-scope>] | <workload> [<comp-noun>] <events> | <events> (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>]) [,] (<warnings> [only] | only [the] <warnings> | just [the] <warnings>) @warningsOnly',
      '[<show>] [<the> | <all> | any | only [the]] [<events-qual>] <warnings> [only] (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>] @warningsOnly',
      // The warnings among the events: "only warnings from the frontend events".
      '[<show>] [<the> | only | just | just the | only the] <warnings> [only] (from | in | of | among) [<the>] [<events-qual> | <workload> [<comp-noun>]] <events> @warningsOnly',
      // A terse list: "show events, warnings only, backend".
      '[<show>] [<the> | <all>] <events> , <warnings> only , [for | of | on | from | in] [<the>] <workload> [<comp-noun>] @warningsOnly',
      // The part said last after a comma: "warning events only, backend".
      '[<show>] [<the> | only [the]] [<events-qual>] <warnings> only , [for | of | on | from | in] [<the>] <workload> [<comp-noun>] @warningsOnly',
    ].map((request) => `${request} [<events-purpose>]`),
    questions: [
      '(are there | is there | were there | do we have | do i have | did we get | have there been | got | any) [any] [<events-qual>] <warnings> [<events-scope> | (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>]] [recently | lately] @warningsOnly',
      'what <warnings> (are there | do we have | have there been | did we get) [<events-scope>] @warningsOnly',
      '[are there | were there | any] [any] (errors | failures | problems | <warnings>) (in | among) [<the>] [<events-qual>] <events> [<events-scope> | (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>]] @warningsOnly',
      '(what | which) [<events-qual>] <events> (are there | do we have | have there been | did we get | fired | happened | occurred | were there | were recorded | came in | have happened | have occurred | have fired) [recently | lately] [<events-scope> | (for | of | about | on | from | in | with | to | around) [<the>] <workload> [<comp-noun>]] [recently | lately]',
      '(are there | were there | have there been | any) [any] [<events-qual>] <events> [<events-scope> | (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>]]',
      // The events themselves asked about: "what are the last events?", "anything in the
      // events?", "what does kubernetes say?".
      'what (are | were) [<the>] [<events-qual>] [<events-qual>] <events> [<events-scope> | (for | of | about | on | from | in) [<the>] <workload> [<comp-noun>]]',
      'what (are | were) [<the>] [<events-qual>] <workload> [<comp-noun>] <events>',
      '[is there] (anything | something) [new | interesting] (in | among) [<the>] [<events-qual>] <events>',
      'what (does | do) (kubernetes | the cluster | k8s | minikube) (say | report) [<events-scope> | (about | for | on) [<the>] <workload> [<comp-noun>]]',
      // Something unusual in a place (not in a component: that is diagnose's to answer).
      '[is there] (anything | something) (weird | strange | odd | unusual) (happening | going on) <events-scope> [recently | lately] @warningsOnly',
      // Anything at all, asked of a place: "anything happening in the namespace lately?".
      '[is there] (anything | something) (happening | going on | new) <events-scope> [recently | lately | today]',
      // What the events tell, asked of a place: "what happened in the cluster?".
      'what (happened | has happened | has been happening | is been happening | is happening) [recently | lately] <events-scope> [recently | lately | today]',
      // A time that is past, with or without the place: "what happened last night?".
      'what (happened | went on | was going on) [<events-scope>] (last night | overnight | over the weekend | this morning | yesterday | while i was away | while i was out) [<events-scope>]',
      // Something unusual among the events: "anything unusual in the events?".
      '[is there | are there] (anything | something) (weird | strange | odd | unusual | wrong | bad | worrying) (in | among) [<the>] [<events-qual>] <events> [<events-scope>] [recently | lately] @warningsOnly',
      // "did anything happen in the cluster?".
      '(did | has) (anything | something) (happen | happened) <events-scope> [recently | lately | today]',
      // What kubernetes has been telling: "what has kubernetes been reporting lately?".
      // What kubernetes says about a part, asked to be shown: "show me what kubernetes says about
      // postgres".
      '<show> what (kubernetes | the cluster | k8s) (says | is saying | reports | is reporting | has to say) (about | for | on) [<the>] <workload> [<comp-noun>]',
      'what (has | is) (kubernetes | the cluster | minikube) [been] (saying | reporting | telling us | telling me | complaining about) [recently | lately] [<events-scope> | (about | for | on) [<the>] <workload> [<comp-noun>]] [recently | lately]',
    ].map(
      // The same answer asked for again: "what has been happening lately? show the events".
      (question) => `${question} [, [<lead>]* [<show>] [<the>] [<events-qual>] <events>]`,
    ),
    args: (slots) => ({
      ...component(slots),
      ...(slots.warningsOnly ? { warningsOnly: true } : {}),
    }),
  }),
  intent({
    tool: 'diagnose',
    examples: ['why is the frontend failing?', 'diagnose backend', "what's wrong"],
    commands: [
      '(diagnose | troubleshoot | debug | investigate | analyze | analyse | look into | dig into | root cause) [<diag-subject>]',
      '(diagnose | troubleshoot | debug | investigate | look into | dig into | root cause) [<the>] <workload> [<comp-noun>] (problem | problems | issue | issues | crash | crashes | failure | failures | errors)',
      '[run | do | perform] [a | an] [quick | full | complete | health] (diagnosis | diagnostics | rca | root cause analysis) [(of | on | for) <diag-subject>]',
      '(diagnose | troubleshoot | debug | investigate) [the | any] (problem | problems | issue | issues) [(with | in | of) <diag-subject>]',
      '(check | scan | look) for (problems | issues | errors) [(with | in) <diag-subject>]',
      // A health check finds what is wrong; "health status" is status.
      '[run | do | <show>] [a | the] [quick | full] health check [(on | of | for) <diag-subject>]',
      'health check <diag-subject>',
      'what (is | was) (causing | making) <diag-subject> [to] (crash | fail | restart | die | go down | break | error | error out | misbehave | crash loop)',
      'what (is | was) causing (the | these | this | those) (crash | crashes | failure | failures | errors | restarts | problem | problems | issue | issues | outage) [(with | in | of) <diag-subject>]',
      'help [me] (debug | diagnose | troubleshoot) [<diag-subject>]',
      '(check | investigate | inspect | scan) <diag-subject> for (problems | issues | errors)',
      'what (is | was) causing <diag-subject> to be <symptom>',
      // "what caused the frontend to crash?", "what happened to the backend?".
      'what (caused | made) <diag-subject> [to] (crash | fail | restart | die | go down | break | error | error out | misbehave | crash loop)',
      'what (happened | is happening | went wrong) (to | with) [<the>] (<workload> [<comp-noun>] | app | application | todo app)',
      // "what's been happening with the backend?" ("what's been" reads "what is been").
      'what (has been | is been) (happening | going on) (to | with) [<the>] (<workload> [<comp-noun>] | app | application | todo app)',
      // The problem first: "I'm getting a 502 on todo.local, can you run a diagnosis on the
      // whole thing?".
      '<problem-stated> [,] [so] [<lead>]* ((diagnose | debug | troubleshoot | investigate) [<diag-subject>] | (run | do) [a | an] [quick | full | health] (diagnosis | diagnostics | health check) [(on | of | for) <diag-subject>])',
      '<problem-stated> [,] [so] [<lead>]* (help | help me | help us) (find out | figure out | work out | understand | see) (why | what is wrong | what is going on | the cause)',
      '(find | figure out | find out | look for) (what is wrong | what is broken | the problem | problems | issues) [(with | in | of) <diag-subject> [<it-symptom>]]',
      // "can you check what is wrong?", as "what's wrong?" asks it.
      '(check | see | look | tell me) what is (wrong | broken) [(with | in) <diag-subject>]',
      // Complaints are statements, not questions: "the frontend keeps crashing", "api
      // crashlooping".
      '<problem-named>',
      '<problem-stated> [,] why',
      '(something | anything) is (wrong | broken) with <diag-subject>',
      // The problem first, then the request: "something is broken, can you diagnose it".
      '<problem-stated> [,] [so] [<lead>]* (diagnose | debug | troubleshoot | investigate | look into | check | figure out | find out | find | tell me | see) (it | that | this | what | what is wrong | what is broken | what is going on | what is happening | why | the (problem | issue | cause | root cause | culprit)) [with (it | them) | for (problems | issues | errors)]',
      '<problem-stated> [,] [so] [<lead>]* (check | look | take a look | have a look | look into it | check it out)',
      // The part to check named after the problem: "tasks aren't saving, check the db".
      '<problem-stated> [,] [so] [<lead>]* (check | check on | look at | take a look at | have a look at | look into | investigate) [<the>] <workload> [<comp-noun>]',
      '<problem-stated> [,] (what is going on | what is happening | what happened | what is wrong | what is broken | why | what is the problem | what is the matter | what is it | what is up | what gives | what is the deal | what is problem | what is the issue) [with (it | them | <diag-subject>)]',
      // The why asked of what was said: "the backend restarts all the time. why is that?".
      '<problem-stated> [,] (why is that | why is this | why does it do that | why does that happen | how come | any idea why | what is causing (it | this | that) | what is the cause)',
      // What is up, once the symptom is said: "whats up with postgres, its all red" (alone, it
      // may ask for a status as well as for a diagnosis).
      'what is up with <diag-subject> [,] <it-symptom>',
      // A question, then the request: "is anything wrong with the backend? check it".
      '(is there | is) (something | anything) (wrong | broken | failing) with <diag-subject> [,] [<lead>]* (check | check it | check it out | look into it | take a look | have a look | investigate | investigate it | diagnose it | look for (problems | issues))',
      // What diagnose answers anyway, asked as a second clause: one call, not two requests.
    ].map((request) => `${request} [<diag-fix>]`),
    questions: [
      'why (is | are) <diag-subject> [<symptom-adverb>] <symptom> [<symptom-adverb>]',
      // What users see, asked: "why am I getting 502s?".
      'why (am i | are we | are users | are people | do i keep | do we keep | do users keep) getting <seen-symptom> [(on | from | at) (todo.local | the url | the page | the app | <diag-subject>)]',
      'why (does | do) <diag-subject> keep <keep-symptom>',
      'why (has | have) <diag-subject> been [<symptom-adverb>] (<symptom> | <keep-symptom>) [<symptom-adverb>]',
      'why (does | do) <diag-subject> (crash | fail | restart | die) [<symptom-adverb>]',
      'why did <diag-subject> (crash | fail | die | restart | go down | stop working | break | stop)',
      'why (is not | are not) <diag-subject> (working | ready | running | starting | up | healthy | responding | coming up | available | reachable | starting up | loading)',
      'why (will not | can not | does not | do not | would not) <diag-subject> (start | work | come up | run | boot | become ready | start up | respond)',
      // The verb dropped, as non-native speakers ask: "why the app not work?".
      'why <diag-subject> [does | do] not (start | work | come up | run | boot | respond | load)',
      'what (is wrong | went wrong | is going wrong | is broken | is failing | is crashing) [with <diag-subject>]',
      // Embedded: "find out why the frontend is failing".
      '[<find-out> | <diagnose-verb>] why <diag-subject> (is | are | keeps | keep) [<symptom-adverb>] <symptom> [<symptom-adverb>]',
      '[<find-out> | <diagnose-verb>] why <diag-subject> (crashed | failed | died | went down | broke | stopped working | keeps crashing | keeps restarting | keeps failing)',
      '[<find-out> | <diagnose-verb>] why <diag-subject> (will not | can not | does not | is not | are not | not) (start | work | come up | run | respond | working | ready | running | starting | up | healthy | load | loading | answer)',
      // The question's own order: "why won't the ui load".
      '[<find-out> | <diagnose-verb>] why (will not | can not | does not | do not | is not | are not) <diag-subject> (start | work | come up | run | respond | load | answer | boot)',
      // "Why" as other words ask it, with a statement's word order: "how come the api is
      // down", "for what reason the api is not working?".
      '(how come | for what reason) <diag-subject> (is | are | keeps | keep) [<symptom-adverb>] <symptom> [<symptom-adverb>]',
      '(how come | for what reason) <diag-subject> (will not | can not | does not | is not | are not) (start | work | come up | run | respond | working | ready | running | starting | up | healthy)',
      'what is [the] (problem | issue | matter) [with <diag-subject> [<it-symptom>]]',
      '[<find-out>] what is (going on | happening | wrong) with <diag-subject> [<it-symptom>]',
      // "what is happen with the database?", "what happened to the backend?".
      '[<find-out>] what (is happen | happen | happened | has happened) (with | to) [<the>] <workload> [<comp-noun>] [<it-symptom>]',
      // The subject first: "the backend, why does it fail?".
      '[<the>] <workload> [<comp-noun>] [,] why [(does | do)] (it | they) (fails | fail | crashes | crash | keeps crashing | keep crashing | keeps failing | keep failing)',
      '[<the>] <workload> [<comp-noun>] [,] why (is | are) (it | they) [<symptom-adverb>] <symptom> [<symptom-adverb>]',
      '(is there | is) (something | anything) (wrong | broken | failing | crashing | unhealthy) [with <diag-subject>]',
      '[<hedge>] (anything | something) (wrong | broken) [(with | in) <diag-subject>]',
      '(is | are) (something | anything) (broken | failing | crashing | unhealthy) [in <diag-subject>]',
      // "are any pods crash looping?", "is anything in crashloopbackoff?"
      // Only states that name a failure: "is anything down" could be status's to answer.
      // Asked without the verb too: "any pods crashing?" ("any pods restarting?" is status's).
      '[is | are] any [of the] [<workload>] (pods | pod | containers | replicas | instances) [<symptom-adverb>] <failure-state>',
      // The state before the noun: "any failing pods?", "are there any crashlooping pods".
      '(are there | any) [any] (failing | failed | crashing | crashed | crashlooping | crash looping | pending | erroring | unhealthy | broken) [<workload>] (pods | containers | replicas | instances)',
      '(is | are) (something | anything) [<symptom-adverb>] <failure-state>',
      '(are there | any) [any] (problems | issues) [(with | in) <diag-subject>]',
      // Why users see what they see: "what is causing the 502s?", "why am I getting 502s?",
      // "why is todo.local showing 404?", "why does signup fail?", "why can't users log in?".
      'what is causing [<the>] <seen-symptom> [(on | at | from) (todo.local | the url | the page | <diag-subject>)]',
      'why (am i | are we | are users | are people | do i | do we | do users) (getting | seeing | get | see) <seen-symptom> [(on | at | from) (todo.local | the url | the page | <diag-subject>)]',
      'why (is | does) (todo.local | the url | the page) (showing | returning | giving | show | return | give) <seen-symptom>',
      'why (does | do) <app-function> (fail | not work | time out | break)',
      // "why is login broken?", "diagnose why signup is failing".
      '[<find-out> | <diagnose-verb>] why (is | are) <app-function> [<symptom-adverb>] (broken | failing | erroring | not working | down | timing out | hanging | slow)',
      '(<find-out> | <diagnose-verb>) why <app-function> (is | are) [<symptom-adverb>] (broken | failing | erroring | not working | down | timing out | hanging | slow)',
      'why (can not | could not) (users | i | we | people | anyone) (log in | login | sign in | sign up | register | create tasks | add tasks | save tasks)',
      // Which ones fail: "which pods are failing?", "which pod is broken?".
      '(which | what) [<workload>] (pods | pod | containers | container | parts | components) (are | is) [<symptom-adverb>] (<failure-state> | broken | down | unhealthy | not ready)',
      // "why is everything so slow?"
      'why (is | are) <diag-subject> (so | that) <symptom>',
      // A deploy that failed or hangs, asked why: "why did the deploy fail?", "the rollout is
      // stuck, what's going on?", "helm install failed, what happened?" (diagnose reads the
      // pods and events that say why).
      'why did [<the>] [last | latest | new | my] [helm] (deploy | deployment | rollout | upgrade | install | installation | release) (fail | break | hang | get stuck | time out)',
      'what went wrong with [<the>] [last | latest | new | my] [helm] (deploy | deployment | rollout | upgrade | install | installation | release)',
      '<release-failed> [,] (why | what happened | what went wrong | what is going on | what is wrong)',
      '[<the>] [last | latest | new | my] [helm] (deploy | deployment | rollout | upgrade | install | installation) (is | seems | seems to be | looks) [<symptom-adverb>] (stuck | hanging | hung | stalled) [, (why | what happened | what went wrong | what is going on | what is wrong)]',
    ],
    args: component,
  }),
  intent({
    tool: 'restart',
    examples: ['restart backend', 'bounce the database'],
    // A secret changed is what a restart picks up: "I rotated a secret, restart the backend so
    // it picks it up" (the one other place the word "secret" routes, see router.ts).
    preambles: [REASON, '<secret-changed> [,] [so] [<lead>]*'],
    commands: [
      // Typed without the "kubectl" too: "rollout restart deployment todo-app-frontend".
      '[kubectl] rollout restart [<kube-kind>] <workload> [<kube-ns>]',
      '<restart-verb> [just | only] [<all>] [<the>] [whole | entire] <workload> [<comp-noun>] [only]',
      'roll [<the>] <workload> (pods | deployment)',
      // What it needs, said of it: "backend need restart", "the api needs a bounce".
      '[<the>] <workload> [<comp-noun>] (needs | need) [a | to be] (restart | restarted | reboot | rebooted | bounce | bounced | kick | kicked)',
      '(do | perform | trigger | run | start | kick off | initiate | make) [a | an | the] [rolling | rollout] restart (of | on | for) [<the>] <workload> [<comp-noun>]',
      // Turned off and on again, as with any machine.
      'turn [<the>] <workload> [<comp-noun>] off and (on | back on) [again]',
      'turn (it | them) off and (on | back on) [again]',
      'give [<the>] <workload> [<comp-noun>] a [quick | fresh | clean | good | proper | full] (restart | kick | bounce | reboot | rolling restart)',
      '(refresh | cycle | recycle) [<the>] <workload> [<comp-noun>] with a [quick | fresh | rolling] restart',
      // How, said of the restart: "do a quick restart of the frontend", "restart the backend
      // gracefully" (a rolling restart is both).
      '(do | perform | trigger | run | give) [a | an | the] (quick | fresh | clean | full | graceful | soft | gentle) [rolling] restart (of | on | for | to) [<the>] <workload> [<comp-noun>]',
      '<restart-verb> [<the>] <workload> [<comp-noun>] (gracefully | cleanly | gently)',
      '[<the>] <workload> [<comp-noun>] (needs | could use | could do with) a [quick | fresh | clean | good | proper | full] (restart | kick | bounce | reboot)',
      // The outcome asked for: "I want the backend restarted", "the api needs restarting".
      '<get-done> [<the>] <workload> [<comp-noun>] (restarted | rebooted | bounced | recycled)',
      '[<hedge>] [<the>] <workload> [<comp-noun>] [probably | definitely | really | just] (needs | need) (restarting | rebooting | to be restarted | to be rebooted | a restart | a reboot | a bounce | a kick | a fresh start)',
      // Killed to come back: "kill the backend pods so they restart".
      '(kill | delete) [<the> | <all>] <workload> (pods | pod) so (they | it) (restart | get recreated | come back | are recreated)',
      '[a] [rolling | rollout] restart (of | on | for) [<the>] <workload> [<comp-noun>]',
      // "time for a restart of the frontend".
      'time for a [quick | fresh | rolling] restart (of | on | for) [<the>] <workload> [<comp-noun>]',
      // A restart asked for as a thing: "I would appreciate a restart of the backend".
      '((i | we) (would appreciate | would like | want | need) | can (i | we) (get | have)) a [quick | fresh | clean | full | rolling | rollout] (restart | reboot | bounce) (of | on | for) [<the>] <workload> [<comp-noun>]',
      '<restart-verb> [<the> | <all>] (pods | pod | deployment | containers | container | instances) (of | for | in | on) [<the>] <workload>',
      // The reason first: "the frontend is down, restart it" (with no component, no call).
      '<problem-stated> [,] [so] [<lead>]* (<restart-verb> (it | them) | give (it | them) a [quick | fresh | clean | good | proper | full] (restart | kick | bounce | reboot) | turn (it | them) off and (on | back on) [again])',
      // The component first: "the backend, restart it", "frontend restart please".
      '[<the>] <workload> [<comp-noun>] , [<lead>]* <restart-verb> (it | them)',
      '<workload> [<comp-noun>] (restart | reboot | bounce | rolling restart)',
      // The reason after: "restart the db, it is stuck".
    ].map((request) => `${request} [for (me | us) | please] [<it-symptom>] [<restart-purpose>]`),
    args: (slots) => {
      const c = text(slots, 'component');
      return c ? { component: c } : undefined;
    },
  }),
  intent({
    tool: 'rollback',
    examples: ['rollback', 'rollback to 2', 'undo the last deploy'],
    commands: [
      // The reason first: "the new version is broken, please roll back".
      '<rollback-request>',
      'helm rollback <helm-release> [<number>] [<kube-ns>]',
      '(<release-broken> | <release-failed>) [,] [so] [<lead>]* (<rollback-request> | revert [it] | undo it)',
      // The broken release said after: "rollback, the new build is crashing".
      '<rollback-request> [,] <release-broken>',
      // A problem only when said to come from a change: "the frontend looks broken after my
      // change, roll back" ("the backend is crashing, roll back" is the model's to weigh).
      '([<hedge>] <named-problem> <since-change> | <since-change> [,] <named-problem>) [,] [so] [<lead>]* <rollback-request>',
      '<rollback-request> [,] <release-failed>',
      // Why that revision: "revert the release to revision 1, that was the last known good one".
      '<rollback-request> [,] (that | it | which) (was | is) [the] [last] (known good | good | working | stable | last good) (one | version | release | revision)',
    ],
    args: (slots) => {
      const n = slots.number;
      if (n === undefined) return {};
      return whole(n, 1, MAX_REVISION) ? { revision: n } : undefined;
    },
  }),
  intent({
    tool: 'history',
    examples: ['history', 'show release history'],
    commands: [
      'helm history <helm-release>',
      '[<show>] [<the> | <all>] [<history-qual>] (history | revisions | releases | revision history | revision list | history of revisions | list of revisions | list of releases | list of deploys | list of deployments) [(of | for) [<the>] [todo | helm] (release | app | application | deployment | todo app | deploys | deployments | releases | revisions)]',
      // Asked for as a question: "can you show me which revisions are available?".
      '<show> (what | which) (revisions | releases | versions) (are available | there are | exist | we have)',
      '[<show>] [<the> | <all>] (past | previous | old | earlier | prior) [helm] (releases | revisions | deploys | deployments | versions | upgrades) [(of | for) [<the>] (release | helm release | app | application | deployment | todo app)]',
      // The deploys made, as people count them: "list all deployments we did".
      '[<show>] [<the> | <all>] (deploys | deployments | releases | upgrades | rollouts) (we | i | you) (did | made | have done | have made | shipped | ran | have run) [so far | before | recently | lately]',
      // "can I get a list of revisions?".
      '[<show>] [a | the] (list | overview | summary) of [<the> | <all>] [past | previous | helm] (revisions | releases | versions)',
    ].map(
      (request) =>
        `${request} [with (their | the) (status | statuses | dates | descriptions | details)] [<rollback-purpose>]`,
    ),
    questions: [
      '(what | which) (revisions | releases | versions) (are there | do we have | do i have | exist | have been deployed | are available)',
      '(what | which) (revisions | releases | versions | revision | release | version) (can | could) (i | we) (roll back | rollback | go back | revert | return) to',
      '(what | which) (revisions | releases | versions) (were | have been) (deployed | released | shipped) [before | so far | already]',
      'how many (revisions | releases | deploys | deployments) (are there | do we have | have there been | have (we | i | you) (done | made | had | shipped))',
      'when was the last (deploy | deployment | release | upgrade | rollback | roll back | rollout)',
      // How often: "how many times did we deploy?".
      'how many times (did | have) (we | i | you) (deploy | deployed | upgrade | upgraded | release | released | roll back | rolled back | redeploy | redeployed) [<release-object> | it] [so far]',
      // The one before: "what was the previous version?".
      '(what | which) (was | is) [<the>] (previous | last | prior | old | earlier) (version | revision | release)',
      // The ones before: "what were the previous versions of the app?".
      '(what | which) (were | are) [<the>] (past | previous | old | earlier | prior | last few) [helm] (releases | revisions | deploys | deployments | versions | upgrades) [(of | for) [<the>] (release | helm release | app | application | deployment | todo app)]',
      '(who | when) (deployed | released | upgraded) [it | <release-object>] last',
      // The last ones: "what were the last deploys?".
      '(what | which) (were | are) [<the>] (last | latest | most recent | recent | previous | past) [few | couple of | <number>] (deploys | deployments | releases | upgrades | rollouts | rollbacks | revisions)',
      // How the last one ended, which its revision's status says: "was the last rollback
      // successful?", "did the latest upgrade fail?".
      '(was | were) [<the>] (last | latest | most recent | previous) (deploy | deployment | release | upgrade | rollback | roll back | rollout | install) (successful | a success | a failure)',
      'did [<the>] (last | latest | most recent | previous) (deploy | deployment | release | upgrade | rollback | roll back | rollout | install) (succeed | fail)',
      // A scale is a helm upgrade of its own: "who scaled the backend last night?".
      '(who | when did (we | i | you | someone | somebody)) (scaled | scale) [<the>] <app> [last | last night | yesterday | today | recently | lately | this morning]',
      // "when was the last rollout?", "are we on the latest version?".
      'when was the (last | latest | most recent | previous) (rollout | helm upgrade | redeploy | install)',
      '(are | am) (we | i) (on | running) [<the>] (latest | newest | current | last) (version | revision | release)',
      // "who deployed last and why?": the revisions' descriptions say.
      '(who | when) (deployed | released | upgraded) [it | <release-object>] last [,] and (why | when | what changed | what they changed)',
      '(what | which) (revisions | releases | versions) (does | do) (<whole-app> | it) have',
      '(what | which) (revisions | releases | versions) have (we | i | you) (deployed | released | shipped) [so far]',
      '(what | which) (deploys | deployments | releases | revisions | upgrades) have (we | i | you) (done | made | had | shipped | run) [so far]',
      'what is [<the>] [<history-qual>] (history | revision history) [(of | for) [<the>] (release | helm release | app | application | deployment | todo app)]',
      // Where to see it, asked of what only reads: "how can I see the history?".
      '(how | where) (can | do) (i | we) (see | view | check | find | get | look at) [<the>] [<history-qual>] (history | revision history | revisions | releases | past releases | past deploys) [(of | for) [<the>] (release | helm release | app | application | deployment | todo app)]',
      'when was (<whole-app> | it) [last] (deployed | upgraded | released)',
      // Which revision is live: "which version is running", "what's the current revision".
      // Which one "is deployed" is the model's: the release's status shows its revision, and
      // two writers expect the status where another expects the history.
      '[<show> | <find-out>] (what | which) (version | revision | release) (is | are) [currently | now] (running | live | installed | active) [right now | now]',
      'what is [<the>] (current | latest | deployed | live | running | active) (revision | version | release) [number]',
      '(what | which) (version | revision | release) (are | am) (we | i) (on | at | running) [currently | right now | now]',
      'when did (we | i | you | it) last (deploy | upgrade | release | redeploy) [it | <release-object>]',
      // What changed, by release: "who changed the release last night?", "what changed in the
      // last few deployments?".
      '(who | what) (changed | has changed | touched | upgraded) [recently | lately] [in | with] [<the>] [last [few | couple of | <number>] | recent | latest] (release | helm release | releases | deploy | deployment | upgrade | rollout | deploys | deployments | revisions | upgrades) [last | last night | yesterday | today | recently | lately | this week] [[,] and (who | when | why) [(made | did | deployed) (them | it | the changes)]]',
      // Which changes went out, and when: "what deploys happened today?", "what was deployed
      // recently?" (without the time, what is deployed is status's).
      '(what | which) (deploys | deployments | releases | upgrades | rollouts | rollbacks | changes) (happened | have happened | went out | have gone out | were there | have there been | did we do | did we have) [today | yesterday | recently | lately | this week | last night | so far]',
      '(what | which) (has been | was | got | were | have been) (deployed | released | shipped | upgraded | rolled out) (today | yesterday | recently | lately | this week | last night)',
      // Round 14b: whether one happened, which the revisions' dates say: "was there a rollback
      // last night?", "have there been any deploys today?".
      '(was there | were there | has there been | have there been) [a | an | any] [helm] (rollback | rollbacks | roll back | deploy | deploys | redeploy | redeploys | release | releases | upgrade | upgrades | rollout | rollouts) [recently | lately | today | yesterday | last night | this week | this morning | over the weekend | since yesterday]',
      // A question the request after it makes precise: "what changed recently? show the deploy
      // history" (alone, what changed may be the events' to tell).
      'what (changed | has changed) [recently | lately | today | this week] , [<lead>]* <show> [<the>] [deploy | deployment | release | helm | revision | rollout] (history | revisions | release history | revision history)',
      // The same answer asked for again: "when was the app last deployed? show the revisions".
    ].map(
      (question) =>
        `${question} [, [<lead>]* <show> [<the>] [past | previous | old | earlier] (revisions | history | release history | revision history | releases | list)] [<rollback-purpose>]`,
    ),
  }),
  intent({
    tool: 'deploy',
    examples: ['deploy', 'deploy with fresh images'],
    commands: [
      // Its options, up to three in a row: "deploy, building the images first, secrets in
      // ./secrets/dev.env".
      '<deploy-request> [<deploy-option>] [<deploy-option>] [<deploy-option>]',
      // "it" is the app when an option of deploy's says so: "install it with backend.replicas set to 2".
      '(install | reinstall) it <deploy-option> [<deploy-option>] [<deploy-option>]',
      // And when a first deployment is said first: "first deployment here, install it please".
      '[this is] [my | our | the] first (deployment | deploy | install | installation) [here | ever] [,] [<lead>]* (install | deploy) (it | everything | <release-object>) [<deploy-option>] [<deploy-option>]',
      // What deploy's build option does, said in order: one call, not two requests.
      '[first] (build | rebuild) [<images> | everything | it all] [first] [,] (and [then] | then) (deploy | redeploy | ship | roll out | push) [them | it | everything | <release-object>] [<deploy-target>] @build',
      // "make a fresh build and deploy it".
      '(make | do | run) a [fresh | new | clean] build [,] (and [then] | then) (deploy | redeploy | ship | roll out | push) [them | it | everything | <release-object>] [<deploy-target>] @build',
    ],
    args: (slots) => {
      const key = text(slots, 'setKey');
      const value = text(slots, 'setValue');
      const file = text(slots, 'secretsFile');
      return {
        ...(slots.build ? { build: true } : {}),
        ...(key !== undefined && value !== undefined ? { set: { [key]: value } } : {}),
        ...(file !== undefined ? { secretsFile: file } : {}),
        ...(slots.noProof ? { noProof: true } : {}),
        ...(slots.noRollback ? { noRollback: true } : {}),
      };
    },
  }),
  intent({
    tool: 'build_images',
    examples: ['build images', 'build the backend image'],
    commands: [
      '(build | rebuild | make | create | compile) [<the> | <all> | new | fresh] [app | application | todo app | docker | container | app docker] (images | docker images | container images) [for (everything | every component | all components | both | both services | both components | all services | all of them | each component | [both] [the] (frontend and [the] backend | backend and [the] frontend))]',
      '(build | rebuild | compile | recompile | make | create) [only | just] [<the> | a | a new | new | fresh] <app> [docker | container] (image | images) [only]',
      // The image is what is built: "build backend", "rebuild the frontend".
      '(build | rebuild) [only | just] [<the>] <app> [only]',
      '(build | rebuild) (every | each) [docker | container | app] image',
      '(build | rebuild | produce | create | make) [<the> | a | a new | a fresh | new | fresh] [docker | container] (image | images) (for | of) [<the>] <app>',
      'docker build [<the>] <app> [image]',
      'docker build [<the> | <all>] [images]',
      // The build as a thing done, as other languages say it: "do the build of images".
      '(do | make | run) [a | the] [new | fresh] build (of | for) [<the> | <all>] [docker | container | app] (images | image)',
      '<get-done> <images> (built | rebuilt)',
      '<get-done> [<the>] <app> [docker | container] (image | images) (built | rebuilt)',
      // The part named in what was just changed: "I just changed the API code, rebuild its
      // image" ("the API's route handlers" reads "the api route handlers").
      '(i | we) [just | have just | already] (<dev-did> | (made | did | pushed | committed | merged) [a | some | a few | a couple of] (change | changes | edit | edits | fix | fixes) (to | in | on | for)) [<the>] <app> [code | source | source code | route handlers | routes | handlers | endpoints | components | pages | styles | css | config | dockerfile | dependencies | deps | schema] [a bit] , [<lead>]* (build | rebuild) ((its | their) [<fresh>] [docker | container] (image | images) | it | them)',
    ].map((request) => `${request} [<build-target>] [<build-only>]`),
    args: component,
  }),
  intent({
    id: 'hosts_entry.show',
    tool: 'hosts_entry',
    examples: ['hosts entry'],
    commands: [
      '[<show>] [<the>] <hosts-thing>',
      // The command's own name: "hosts-entry show".
      'hosts [entry] show',
      // The symptom first: "todo.local doesn't resolve, give me the hosts line".
      '<hosts-symptom> [,] [<lead>]* <show> [<the>] <hosts-thing>',
    ],
    // Asked as a question: "what line do I need in my hosts file?" (the line is only shown).
    questions: [
      '[<hosts-symptom> ,] (what | which) [line | entry | lines | entries] (do | should | must) (i | we) [need to | have to] (put | need | add | write | have) (in | into | to) [<the>] <hosts-file> [for (todo.local | [<the>] (app | todo app))]',
      // The file named first: "todo.local doesn't resolve, what hosts line do I need?".
      '[<hosts-symptom> ,] (what | which) <hosts-file> (line | entry | lines | entries) (do | should | must) (i | we) [need to | have to] (need | add | put | write | have) [for (todo.local | [<the>] (app | todo app))]',
      '[<hosts-symptom> ,] what is [<the>] <hosts-thing>',
      // What the line is for: "how do I get todo.local to resolve?".
      'how (do | can) (i | we) (get | make) todo.local (to resolve | resolve | to work | work | to load | load)',
      // Where the name must point: "what IP does todo.local need to point to?".
      '(what | which) (ip | ip address | address) (does | should | must) todo.local [need to | have to] (point to | resolve to | map to | point at | go to)',
      '(what | which) (ip | ip address | address) (do | should | must) (i | we) (point | map) todo.local (to | at)',
      'what (line | entry) (goes | should go | belongs | do i need) in [<the>] <hosts-file> [for (todo.local | [<the>] (app | todo app))]',
    ],
    args: () => ({ action: 'show' }),
  }),
  intent({
    id: 'hosts_entry.add',
    tool: 'hosts_entry',
    examples: ['add todo.local to the hosts file'],
    commands: [
      // The command's own name: "hosts-entry add".
      'hosts [entry] add',
      // The file set up for the app: "set up the hosts file".
      '(set up | setup | configure) [<the>] <hosts-file> [for (todo.local | [<the>] (app | todo app))]',
      '(add | write | create | put) [<the> | a] <hosts-thing> [(to | in | into) [<the>] <hosts-file>]',
      // The line said plainly, with the file: "add the line to my hosts file".
      '(add | write | put) [the | a] (line | entry) (to | in | into) [<the>] <hosts-file>',
      // The file set up for the app: "set up the hosts file for me".
      '(set up | setup | configure) [<the>] <hosts-file> [entry] [for (todo.local | [<the>] (app | todo app))]',
      '(add | put | write | map) [the] todo.local (to | in | into) [<the>] <hosts-file> [of (my | this | the) (computer | machine | laptop)]',
      '(map | point) [the] todo.local to [the] (minikube ip | cluster ip | minikube address | ip of minikube) (in | into) [<the>] <hosts-file>',
      // Where it points, without the file: "map todo.local to the cluster".
      '(map | point) [the] todo.local (to | at) [the] (cluster | minikube | local cluster | minikube ip | cluster ip | minikube address | ip of minikube)',
      // The address as what is written: "put the minikube ip in the hosts file for todo.local".
      '(put | add | write) [the] (minikube ip | cluster ip | minikube address | minikube ip address | ip of minikube) (in | into | to) [<the>] <hosts-file> [for (todo.local | [<the>] (app | todo app))]',
    ],
    args: () => ({ action: 'add' }),
  }),
  intent({
    id: 'hosts_entry.remove',
    tool: 'hosts_entry',
    examples: ['remove the hosts entry'],
    commands: [
      'hosts [entry] remove',
      '(remove | delete | drop | clean up | get rid of) [<the>] <hosts-thing> [from [<the>] <hosts-file>]',
      '(remove | delete | drop) [the] todo.local from [<the>] <hosts-file>',
      'take [the] todo.local out of [<the>] <hosts-file>',
    ],
    args: () => ({ action: 'remove' }),
  }),
  intent({
    tool: 'verify',
    examples: ['verify', 'run the smoke tests'],
    preambles: [
      REASON,
      // The question it answers, then the request: "does it work end to end? run the smoke test".
      '(does | do) (it | everything | <whole-app>) [actually | really | still] work [<end-to-end>] [,] [<lead>]*',
      '(is | are) (it | everything | <whole-app>) [actually | really | still] working [<end-to-end>] [,] [<lead>]*',
      // "can you make sure the app actually works? do a full end-to-end test".
      '(make sure | check | confirm) [that] (it | everything | <whole-app>) [actually | really | still] (works | is working) [<end-to-end>] [,] [<lead>]*',
    ],
    commands: [
      '[run] [the] verify [(on | against | for | of)] [<the>] [app | application | todo app | deployment | deploy | release | it | everything] [<end-to-end>]',
      'verify [that] (<the> (app | application | todo app | deployment) | it | everything) [actually | really | still] (works | is working)',
      '[run | do | perform | make] [a | an | the] [full | quick | complete] ([<e2e>] <e2e> (test | tests | check | checks | run | suite) | smoke | e2e | verification | e2e verification | end to end verification | post deploy (check | checks | test | tests | verification)) [(on | against | for | of) [<the>] [deployed | running | live | last | latest | new] (app | application | deployment | deploy | release | todo app | todo.local | it)]',
      // "prove the deploy worked".
      'prove [that] [<the>] [last | latest | new] (deploy | deployment | release | app | upgrade | it) (worked | works | is working | went fine)',
      '(validate | verify | check | test) (it | [<the>] [deployed | running | live] (app | application | todo app | deployment | release)) with [a | an | the] [full | quick] <e2e> (test | tests | test suite | suite | checks)',
      '(smoke test | test | e2e test | end to end test) (it | everything | [<the>] [deployed | running | live] (app | application | todo app | deployment | release | todo.local)) [<end-to-end>]',
      'check [<the>] (app | application | todo app | deployment | deploy | release) [works] <end-to-end>',
      '(check | make sure | confirm | verify) [that] [<the>] [deployed | running | live] (app | application | todo app | deployment | deploy | release | it | everything) [actually | really | still] (works | is working) <end-to-end>',
      // A test asked for by what it proves: "test that the app actually works end to end".
      '(test | smoke test | e2e test) [that] (<the> (app | application | todo app | deployment) | it | everything) [actually | really | still] (works | is working) [<end-to-end>]',
      // What it exercises, by name: "test sign-up, sign-in and tasks on the live app".
      '(test | verify | exercise | try out) <app-functions> [(on | against | in) <verified>]',
      // "test that sign up, sign in and creating tasks all work".
      '(check | make sure | confirm | verify | test) [that] <app-functions> (all | both) [actually | really | still] (work | are working) [(on | against | in) <verified>] [<end-to-end>]',
      '(check | make sure | confirm | verify | test) [that] <app-functions> [actually | really | still] (work | works | are working | is working) [(on | against | in) <verified>] [<end-to-end>]',
      // The whole flow: "test the whole flow end-to-end through the ingress".
      '(test | check | verify | exercise | run through) [<the>] [whole | entire | full | complete] (flow | user flow | app flow | user journey) [<end-to-end>]*',
    ].map(
      // What it exercises and what it is for, after it: "do an e2e check of sign-up, sign-in and
      // tasks", "smoke-test the app to make sure it actually works".
      (request) =>
        `${request} [[,] [including | covering | of] <app-functions>] [<end-to-end>] [<verify-purpose>] [<after-deploy>]`,
    ),
  }),
  intent({
    tool: 'teardown',
    examples: ['teardown', 'tear everything down'],
    commands: ['<teardown-request> [<teardown-option>]*'],
    args: (slots) => ({
      ...(slots.stopMinikube ? { stopMinikube: true } : {}),
      ...(slots.removeImages ? { removeImages: true } : {}),
    }),
  }),
  intent({
    tool: 'doctor',
    examples: ['doctor', 'check my setup'],
    commands: [
      '[run] [the | a] doctor [check | checks]',
      '(<find-out> | verify) (if | whether) (i | we) have (everything | all the tools | the tools | all <prereq-noun> | <prereq-noun> | <tool-list>) [installed]',
      '[run] [a | the] (preflight | pre flight) [check | checks]',
      '(check | verify | validate) [my | the | our | for] <local-setup> [(for | ,) (<prereq-noun> | <tool-list>)] [<doctor-reason>]',
      // Two tools or more named: "check helm, kubectl, docker" (one alone may be the cluster's,
      // and so may "node" said first: "check node and docker" may be a cluster node).
      '(check | verify | check for) (docker | helm | kubectl | minikube | nodejs | node.js | npm) [,] [and | or] <tool-list> [installed | versions]',
      '[run] [the | a] (prerequisite | prerequisites | prereq | prereqs) (check | checks)',
      '(check | verify | make sure | confirm | let me know) [that | if | whether] (my | the) <local-setup> (has | have) (all | everything | <prereq-noun> | all <prereq-noun> | all of <prereq-noun>) [installed | needed | required | that is needed | (i | we) need | (todo ops | it) (needs | requires)]',
      '[run] [the | a] (environment | env | setup | local setup) (check | checks)',
      '(check | make sure | confirm | verify) [that | if | whether] (my | the) <local-setup> (is | are) (set up | ready | ok | okay | correct | configured | good) [correctly | properly] [for (todo ops | this | the app | the todo app)]',
      '(<find-out> | verify) (if | whether | that) [my | all | all my] <prereq-noun> (is | are) [all] (installed | in place | present | available)',
    ],
    questions: [
      '(what is | is anything | is something | anything) missing',
      // "am I ready to deploy?": whether the machine is.
      '(am i | are we) [all] (ready | set) to (deploy | install | run | start) [(the app | the todo app | todo ops | it)]',
      'am i missing (anything | something | any <prereq-noun>) [(like | such as) <tool-list>] [(to run | to use | for) (todo ops | this | the app | the todo app | it)]',
      'what (do | would) (i | we) need to install [(to run | to use | for) (todo ops | this | the app | the todo app | it)]',
      // Asked, then the request: "is docker and helm installed on my laptop? check pls".
      '(is | are) <tool-list> (installed | set up | available | present) [on (this | my | the) (machine | laptop | computer | workstation)] [, [<lead>]* (check | check it | verify) [it | that]]',
      // One more tool asked after: "is helm installed? and kubectl?".
      '(is | are) <tool-list> (installed | set up | available | present) [on (this | my | the) (machine | laptop | computer | workstation)] , (and | what about | how about) <tool-list> [too | as well]',
      // Asked, then the machine named: "is helm installed? check my machine".
      '(is | are) <tool-list> (installed | set up | available | present) [on (this | my | the) (machine | laptop | computer | workstation)] , [<lead>]* (check | verify | scan | look at) (my | the | this) <local-setup>',
      '(<find-out> | verify) (if | whether | that) <tool-list> (is | are) installed',
      '(check | verify | make sure | confirm) <tool-list> (is | are) [all] installed',
      'do i have <tool-list> [installed]',
      '(<find-out> | verify) (if | whether | that) (everything | all the tools | all tools | all <prereq-noun>) (is | are) installed',
      '(is | are) (my | the) <local-setup> (set up | ready | ok | okay | correct | configured | good) [correctly | properly] [(for | to run | to use) (todo ops | this | the app | the todo app)]',
      '(what | which) (tools | prerequisites | dependencies) (am i | are) missing',
      // "am I ready to deploy?": what the check is for.
      '(am i | are we | is my machine | is my laptop) ready to (deploy | install the app | run todo ops | get started | start)',
      '(are | is) [my | the | all | all the | all my] [required | needed | necessary] (tools | prerequisites | prereqs | dependencies | requirements) installed',
      'do i have (all the tools | the tools | the prerequisites | all the prerequisites | what i need | everything i need | everything) [installed] [(to run | to use | for) (todo ops | this | the app | the todo app | it)]',
      // What is needed, said after: "do I have everything installed that I need?".
      '(do (i | we) have | have (i | we) got) (everything | all the tools | the tools | all the prerequisites | the prerequisites) [installed] [that | which] (i | we) need [installed] [(to run | to use | for) (todo ops | this | the app | the todo app | it)]',
      '(is | are) everything [that] (i | we) need installed',
    ],
  }),
  intent({
    tool: 'setup_cluster',
    examples: ['setup cluster', 'start minikube'],
    preambles: ['<cluster-down> [,] [so] [<lead>]*'],
    commands: [
      '(setup | set up | create | start | spin up | bring up | boot | boot up | launch | make | init | initialize | initialise | provision | prepare | start up) [me | us | for (me | us)] [a | the | my | our] <cluster>',
      // The need first: "I need a local cluster, can you set one up?".
      '[i | we] (need | want) a <cluster> [to start with | first] [[,] [<lead>]* ((set | spin | bring | start) (one | it) up | (create | make | start | launch) (one | it) [for (me | us)])]',
      '(spin | bring | boot | fire | start | power) [a | the | my | our] <cluster> up',
      '(fire up | power up) [a | the | my | our] <cluster>',
      // "get minikube running".
      '(get | have) [a | the | my | our] <cluster> (running | up | up and running | started)',
      'minikube start',
      '[local | minikube] cluster (setup | set up | create | creation)',
      // After the cluster was said to be down: "minikube's not running, bring it up".
      '<cluster-down> [,] [so] [<lead>]* ((bring | spin | start | fire | boot | power | set) (it | one) up | (start | boot | launch) it [up])',
      '<cluster-down> [,] [so] [<lead>]* (make | create | set up | setup | start) (one | [a | the] (minikube | local) one)',
    ].map(
      (request) =>
        `${request} [locally | on (my | this | the) (laptop | machine | computer)] [(with | using) minikube] [for (the app | the todo app | todo ops)] [with [the] (ingress | ingress addon | addons) [addon] [enabled | on] | [,] and enable [the] (ingress | ingress addon | addons) [addon]]`,
    ),
  }),
  intent({
    tool: 'guide',
    examples: ['guide kubectl-ai', 'how do I set up kagent?'],
    commands: [
      // The topic as typed after the command's name: "guide: install kubectl-ai", "guide kagent
      // diagnose".
      'guide [(for | on | to | about) [how to] | ,] [<guide-action>] <any-topic> [<aspect>]',
      '[<show>] [<the> | a | some] <topic> (guide | docs | documentation | help | instructions | tutorial | guidance | walkthrough | how to | examples | prompts | tips | cheat sheet | quickstart | quick start | setup steps | install steps | installation steps | steps)',
      // A setup guide is the guide on the tool to one writer ("kagent") and on its setup to
      // another ("kagent setup"): the topic holds the words of both.
      '[<show>] [<the> | a | some] <topic> <setup-aspect> (guide | guidance | instructions | docs | documentation)',
      // Guidance on how to: "please show me guidance how to install kagent".
      '[<show>] [<the> | some] (guide | guidance | instructions | docs | documentation | steps) [(on | for | about)] how to <how-to> <topic> [<with-todo-ops>]',
      // Tips on a tool: "any tips on configuring kubectl-ai for the todo cluster?".
      // Connecting a tool to todo-ops, as its guide's section says: "show the guide for
      // connecting kagent to todo-ops over MCP".
      '[<show>] [<the> | a] [ai ops | aiops] (guide | docs | documentation | help | instructions | tutorial | guidance) (for | on | to | about) <mcp-verb-ing> <topic> <mcp-target>',
      '[<show>] [<the> | some] (example | sample) <topic> (questions | commands | usage)',
      // The example prompts asked for, before the topic or after it: "example prompts for
      // kubectl-ai", "kubectl-ai example prompts", "show me example kubectl-ai prompts for the
      // todo app" (topic "kubectl-ai example prompts").
      '[<show>] [<the> | some] <example-prompts> (for | with | to use with | on) <topic> [<with-todo-ops>]',
      'what are [some] [good] <example-prompts> (for | with | to use with) <topic> [<with-todo-ops>]',
      '[<show>] [<the> | some] <topic> <example-prompts> [guide | docs | documentation] [<with-todo-ops>]',
      '[<show>] [<the> | some] <example-word> <topic> (prompts | requests) [<with-todo-ops>]',
      // Tips asked for before their topic, which name the guide's tips section: "any tips on
      // configuring kubectl-ai for the todo cluster?" ("configuring kubectl-ai tips").
      '[<show>] [any | some | a few] tips (on | for | about) [<doing>] <topic> @tips [for [the] (todo | todo app) (cluster | app)]',
      // The part of the topic before the word: "kagent troubleshooting guide" (a "setup guide"
      // or an "installation guide" is the guide on the tool, as above).
      '[<show>] [<the> | a | some] <topic> <aspect-first> (guide | docs | documentation | help | instructions | tips | tutorial | guidance)',
      // "the guide for installing kagent": the topic keeps the words as said.
      // The guide by its docs' name too: "open the ai-ops guide on kagent diagnose".
      '[<show>] [<the> | a] [ai ops | aiops] (guide | docs | documentation | help | instructions | tutorial | guidance) (for | on | to | about | with) [<doing>] <topic>',
      '[<show>] [<the> | a] [ai ops | aiops] (guide | docs | documentation | help | instructions | tutorial | guidance) (for | on | to | about | with) <topic> <aspect>',
      // Setting a tool up is installing it, where its guide starts: "help me set up kagent"
      // asks for the guide on kagent.
      '(help me | teach me to | show me how to) <how-to-help> <topic>',
      'help [me | us] with [<how-to-ing>] <topic>',
      '(guide | walk | take) (me | us) through [<how-to-ing>] <topic>',
      // Round 14b: the guide on using a tool with the app, or on pointing it at todo-ops.
      'guide (me | us) (on | with) [<how-to-ing>] <topic> [<with-app>]',
      '(explain | tell me | show me | describe) how to <how-to-use> <topic> [<with-app>]',
    ],
    questions: [
      'how (do | can | should | would) (i | we | you | one) <how-to> <topic>',
      'how to <how-to> <topic>',
      // Pointing a tool at todo-ops: "how do I point kagent at todo-ops as a RemoteMCPServer?".
      'how (do | can | should | would) (i | we | you | one) <mcp-verb> <topic> <mcp-target>',
      'how to <mcp-verb> <topic> <mcp-target>',
      // Setting up, configuring or getting a tool going with the app (using or installing it
      // are the rules below): "how can I set up kagent with the app?".
      'how (do | can | should | would) (i | we | you | one) <how-to-with> <topic> <with-todo-ops>',
      // Round 14b: using or installing a tool with the app; pointing it at todo-ops.
      'how (do | can | should | would) (i | we | you | one) <how-to-use> <topic> <with-app>',
      'how to <how-to-use> <topic> <with-app>',
      'how (do | can | should | would) (i | we | you | one) install <topic> <with-app> @install',
      '(what is | tell me about | explain | describe) <topic>',
      'what can <topic> do',
      '(is there | do you have | do we have | have you got) [a | any] (guide | docs | documentation | tutorial | instructions) (for | on | about) [<doing>] <topic>',
      // The guide asked for as a thing: "what's the guide for kagent troubleshooting?".
      '(what | where) is [the] (guide | docs | documentation) (for | on | about) [<guide-action>] <any-topic> [<aspect>]',
    ],
    args: (slots) => {
      const topic = text(slots, 'topic');
      // Installing with the app is installing: the app's words would rank other sections first.
      const action = slots.install ? 'install' : text(slots, 'action');
      const aspect = slots.examples
        ? 'example prompts'
        : slots.setup
          ? 'setup'
          : slots.tips
            ? 'tips'
            : text(slots, 'aspect');
      // What a topic is used with or pointed at, as said, before how ("point kagent at todo-ops
      // as a RemoteMCPServer"); not for installing or example prompts, where the app's words
      // would rank other sections of the guide first.
      const rest = slots.install || slots.examples ? undefined : text(slots, 'with');
      const words = [action, topic, rest, aspect];
      return topic ? { topic: words.filter((w) => w).join(' ') } : undefined;
    },
  }),
];
