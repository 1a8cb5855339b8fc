import { defineSignal } from '../../catalog/define.ts';
import { locatedCalls } from '../lib/located-calls.ts';
import { matchesCallee } from '../lib/match.ts';

const REGISTRY_WRITES = [
  'winreg.SetValueEx',
  'winreg.SetValue',
  'winreg.CreateKey',
  'winreg.CreateKeyEx',
  '_winreg.SetValueEx',
];

/** Python files that write to the Windows registry (winreg.SetValueEx, CreateKey …). */
export const registryWriteFiles = defineSignal<ReadonlySet<string>>({
  id: 'registry-write-files',
  description: 'Python files that write to the Windows registry (winreg.SetValueEx, SetValue, CreateKey).',
  derive: (context) =>
    new Set(
      locatedCalls(context, REGISTRY_WRITES)
        .filter(({ call }) => matchesCallee(call.callee, REGISTRY_WRITES))
        .map(({ call }) => call.file),
    ),
});
