import { defineSignal } from '../../catalog/define.ts';
import { baseName } from '../../catalog/lib/location.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { EXECUTABLE_KINDS, embeddedOccurrence, isDecoyNamed } from '../lib/embedded.ts';
import { codeStrings } from '../lib/match.ts';

export interface EmbeddedExecutable {
  readonly file: string;
  readonly kind: 'elf' | 'pe' | 'mach-o';
  /** The bytes are an executable under the name of a format that is read, never run (an image, a text file …). */
  readonly disguised: boolean;
  readonly occurrence: Occurrence;
}

export interface EmbeddedExecutables {
  readonly executables: readonly EmbeddedExecutable[];
  /** The file names (last path segment) that strings in the package's code mention. */
  readonly namedInCode: ReadonlySet<string>;
  /** For each such name, the code files whose strings mention it. */
  readonly namingFiles: ReadonlyMap<string, ReadonlySet<string>>;
}

/** ELF, PE and Mach-O files shipped in the package, and the file names its code mentions. */
export const embeddedExecutables = defineSignal<EmbeddedExecutables>({
  id: 'embedded-executables',
  description:
    'ELF, PE and Mach-O files in the package (with whether their name disguises them), and the file names that ' +
    'strings in the code mention, to tell a shipped program that the code launches.',
  derive: (context) => {
    const executables: EmbeddedExecutable[] = context.facts.embedded
      .filter((fact) => EXECUTABLE_KINDS.has(fact.kind))
      .map((fact) => ({
        file: fact.file,
        kind: fact.kind as EmbeddedExecutable['kind'],
        disguised: isDecoyNamed(fact),
        occurrence: embeddedOccurrence(fact),
      }));
    const namedInCode = new Set<string>();
    const namingFiles = new Map<string, Set<string>>();
    // The code's strings are read only when there is an executable to look for.
    if (executables.length > 0) {
      const wanted = new Set(executables.map((fact) => baseName(fact.file)));
      for (const fact of codeStrings(context)) {
        const name = baseName(fact.value.replaceAll('\\', '/'));
        namedInCode.add(name);
        if (!wanted.has(name)) continue;
        const files = namingFiles.get(name) ?? new Set<string>();
        files.add(fact.file);
        namingFiles.set(name, files);
      }
    }
    return { executables, namedInCode, namingFiles };
  },
});
