import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { jsSources } from '../lib/javascript.ts';
import { isJsNetworkCall, JS_NETWORK_CALLEES } from '../lib/js-apis.ts';
import { matchesCallee } from '../lib/match.ts';
import { callOccurrence, OccurrenceCollector } from '../lib/occurrence.ts';

/** Turning the environment into text is only needed to store or send it. */
const SERIALIZERS = [
  'JSON.stringify',
  'querystring.stringify',
  'qs.stringify',
  'util.inspect',
  'Buffer.from',
  'builtins.btoa',
];
/** Listing the variables is routine (debug, config loaders) unless the file also talks to the network. */
const LISTERS = ['Object.keys', 'Object.entries', 'Object.values', 'Object.getOwnPropertyNames'];
const SENDERS = ['*.send', '*.write', '*.end', '*.post', '*.emit', ...JS_NETWORK_CALLEES];

/**
 * The variable names listed only to find one of them in any letter case, as proxy settings are read
 * (`Object.keys(env).filter(k => /^http_proxy$/i.test(k))`): one value is looked up, nothing is collected.
 */
const LOOKS_UP_ONE_NAME =
  /\)\s*\.(?:filter|find)\(\s*\(?\s*(?:function\s*\(\s*[\w$]+\s*\)\s*\{\s*return\s*|\(?\s*[\w$]+\s*\)?\s*=>\s*\{?\s*(?:return\s+)?)\/\^[\w-]+\$\/i?\.test\(/;

// Plain loops: this runs on every call of the package (no list of the arguments built per call).
function takesWholeEnvironment(call: CallFact): boolean {
  for (const value of call.args) if (value.kind === 'ref' && value.name === 'process.env') return true;
  for (const { value } of call.keywords)
    if (value.kind === 'ref' && value.name === 'process.env') return true;
  return false;
}

export const serializesProcessEnv = defineBehavior({
  id: 'serializes-process-env',
  category: 'sensitive-data',
  ecosystems: ['npm'],
  title: 'Serializes the whole process environment.',
  description:
    'Finds JSON.stringify, querystring.stringify, util.inspect or Buffer.from applied to process.env, process.env ' +
    'handed whole to a network or stream call, and Object.keys / entries / values of process.env in a file that ' +
    'also uses the network, unless the names are only searched for one variable in any case (a proxy setting).',
  problem:
    'The environment of a developer machine or CI job holds npm, GitHub and cloud tokens. Code that turns all of ' +
    'it into one string has little reason to do so other than to send it away, which is what the token stealers ' +
    'found in npm install scripts do.',
  nextSteps: [
    'Follow the serialized value: where is it written or sent?',
    'If it leaves the machine, rotate every token that was in the environment of each install.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1552.001', 'T1041'], cwe: ['CWE-200'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const source of jsSources(context)) {
      // Whether the file uses the network is asked only for a listing of the environment (rare).
      let network: boolean | undefined;
      const usesNetwork = () => {
        network ??= source.calls.some(isJsNetworkCall);
        return network;
      };
      for (const call of source.calls) {
        if (collector.full) return collector.list();
        if (!takesWholeEnvironment(call)) continue;
        if (matchesCallee(call.callee, SERIALIZERS))
          collector.add(callOccurrence(call, `serializes process.env with ${call.callee}`));
        else if (matchesCallee(call.callee, SENDERS))
          collector.add(callOccurrence(call, `hands process.env to ${call.callee}`));
        else if (
          usesNetwork() &&
          matchesCallee(call.callee, LISTERS) &&
          !LOOKS_UP_ONE_NAME.test(call.snippet)
        ) {
          collector.add(
            callOccurrence(call, `lists process.env with ${call.callee} in a file that uses the network`),
          );
        }
      }
    }
    return collector.list();
  },
});
