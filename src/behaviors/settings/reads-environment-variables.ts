import type { StaticValue } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectMemberReads } from '../lib/javascript.ts';
import { pythonCalls, textOf } from '../lib/match.ts';
import { callOccurrence, MAX_OCCURRENCES } from '../lib/occurrence.ts';

function isWholeEnvironment(value: StaticValue): boolean {
  return value.kind === 'ref' && value.name === 'os.environ';
}

export const readsEnvironmentVariables = defineBehavior({
  id: 'reads-environment-variables',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Reads environment variables.',
  description:
    'Finds os.getenv, os.environ.get / copy / items, os.getenvb, and os.environ handed whole to another call ' +
    '(dict(os.environ), json.dumps(os.environ), a request body).',
  problem:
    'Environment variables hold configuration, and often secrets: cloud keys, CI tokens, database passwords. ' +
    'Reading one named setting is routine; collecting the whole environment and sending it somewhere is how CI ' +
    'secrets are stolen.',
  nextSteps: ['Check which variables are read, and whether their values leave the process.'],
  severity: 'info',
  references: { mitreAttack: ['T1082'] },
  detect: (context) => {
    const whole: Occurrence[] = [];
    for (const { call } of pythonCalls(context)) {
      if (whole.length >= MAX_OCCURRENCES) break;
      if (call.callee.startsWith('os.environ')) continue;
      // Checked without building arrays: this loop sees every call of the package.
      const handsEnvironment =
        call.args.some(isWholeEnvironment) || call.keywords.some((entry) => isWholeEnvironment(entry.value));
      if (handsEnvironment) whole.push(callOccurrence(call, 'passes the whole environment on'));
      else if (
        /dumps|dict|str|items|post|send/.test(call.callee) &&
        /\bos\.environ\b/.test(call.args.map(textOf).join(' '))
      ) {
        whole.push(callOccurrence(call, 'passes the whole environment on'));
      }
    }
    return mergeOccurrences(
      detectCalls(context, [
        {
          callees: [
            'os.getenv',
            'os.getenvb',
            'os.environ.get',
            'os.environ.copy',
            'os.environ.items',
            'os.environ.keys',
            'os.environ.values',
            'os.environ.__getitem__',
          ],
          note: (call) => `reads ${textOf(call.args[0]) || 'the environment'} with ${call.callee}`,
        },
      ]),
      whole,
      // npm: process.env reads, one variable or the whole object.
      detectMemberReads(context, /^process\.env/, (name) => `reads ${name}`),
    );
  },
});
