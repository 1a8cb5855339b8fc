/** Evidence at an npm script's own line of package.json, shared by the install-script behaviors. */
import type { Occurrence } from '../../catalog/types.ts';
import type { DeclaredScript } from '../../metadata/types.ts';

export function scriptOccurrence(script: DeclaredScript, detail: string): Occurrence {
  const shown = script.command.length > 160 ? `${script.command.slice(0, 157)}...` : script.command;
  return {
    file: script.source.file,
    snippet: `"${script.name}": "${shown}"`,
    detail,
    ...(script.source.line !== undefined ? { line: script.source.line } : { field: script.source.field }),
  };
}
