import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls } from '../lib/javascript.ts';

/** Clock reads that return the wall-clock time; monotonic counters and sleep are left out on purpose. */
const TIME_CALLEES: readonly string[] = [
  'time.time',
  'time.time_ns',
  'time.localtime',
  'time.gmtime',
  'time.ctime',
  'time.asctime',
  'time.clock_gettime',
  'datetime.datetime.now',
  'datetime.datetime.utcnow',
  'datetime.datetime.today',
  'datetime.date.today',
  'datetime.now',
  'datetime.utcnow',
  'datetime.today',
  'arrow.now',
  'arrow.utcnow',
  'pendulum.now',
  'pendulum.today',
];

/** npm: Date.now() and `new Date()` without arguments read the clock. */
const JS_RULES = [
  {
    callees: ['Date.now', 'Date'],
    when: (call: CallFact) => call.callee === 'Date.now' || call.args.length === 0,
    note: () => 'reads the current time',
  },
];

export const queriesSystemTime = defineBehavior({
  id: 'queries-system-time',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Queries the system time.',
  description:
    'Finds reads of the wall-clock time: time.time, time_ns, localtime, gmtime, ctime, asctime, clock_gettime, ' +
    'datetime now / utcnow / today, date.today, and the arrow and pendulum equivalents. Sleeping and monotonic ' +
    'timers are not reported.',
  problem:
    'Reading the clock is everyday code. It matters in malware that waits for a date before it wakes up (a time ' +
    'bomb) or stamps stolen data, so it is recorded as context for other findings.',
  nextSteps: ['Check for comparisons of the time with fixed dates that switch behavior on or off.'],
  severity: 'info',
  references: { mitreAttack: ['T1124'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: TIME_CALLEES,
          // time.localtime(secs) / gmtime(secs) convert a given time rather than read the clock.
          when: (call) => !/^time\.(localtime|gmtime|ctime)$/.test(call.callee) || call.args.length === 0,
          note: (call) => `reads the current time with ${call.callee}`,
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
