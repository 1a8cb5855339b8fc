import { defineBehavior } from '../../catalog/define.ts';
import { detectFlows } from '../lib/data-flow.ts';

export const executesDecodedCode = defineBehavior({
  id: 'executes-decoded-code',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Runs code or commands it decoded.',
  description:
    "Follows the output of decoders in JavaScript — atob, Buffer.from(…, 'base64' | 'hex'), zlib inflate and gunzip, a decipher — through variables, string building, function returns and function parameters, and reports where it reaches eval, Function, vm, a module compiled from a string, or a child process. In Python, follows a name assigned from base64, binascii, codecs, zlib, bz2, lzma or marshal decoding to exec, eval, compile, os.system or subprocess.",
  problem:
    'Code that exists only after decoding cannot be reviewed in the published package. Honest code has no reason to hide what it runs; this is how most npm payloads are wrapped.',
  nextSteps: ['Find what is run and where it comes from, without running the package.'],
  severity: 'high',
  references: { mitreAttack: ['T1140', 'T1027', 'T1059.007'] },
  detect: (context) =>
    detectFlows(context, (flow) =>
      (flow.sink === 'code' || flow.sink === 'process') && flow.labels.includes('decoded') ? ['decoded'] : [],
    ),
});
