/**
 * The commands a package declares (npm `bin`, PyPI console_scripts and gui_scripts) and the words of
 * its install scripts, read against data/manifest-commands.json: system commands and development tools that an
 * entry point should not take over, interpreters an install script hands itself to, and miner names.
 */
import commandData from '../../../data/manifest-commands.json' with { type: 'json' };
import type { Occurrence } from '../../catalog/types.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import type { FieldSource } from '../../metadata/types.ts';

export const MANIFEST_COMMANDS_UPDATED: string = commandData.updated;

export interface DeclaredCommand {
  /** The command name that lands on PATH. */
  readonly name: string;
  /** What it runs: a file for npm, `module:function` for Python. */
  readonly target: string;
  readonly source: FieldSource;
}

const PYTHON_COMMAND_GROUPS = new Set(['console_scripts', 'gui_scripts']);

/** Commands installed on PATH by the package: npm bins, Python console and GUI scripts. */
export function declaredCommands(snapshot: PackageSnapshot): DeclaredCommand[] {
  const out: DeclaredCommand[] = [];
  const metadata = snapshot.metadata;
  if (snapshot.ecosystem === 'npm') {
    for (const script of metadata.scripts)
      if (script.name.startsWith('bin:'))
        out.push({ name: script.name.slice(4), target: script.command, source: script.source });
    return out;
  }
  for (const entry of metadata.entryPoints)
    if (PYTHON_COMMAND_GROUPS.has(entry.group))
      out.push({ name: entry.name, target: entry.value, source: entry.source });
  return out;
}

/** The name as a shell resolves it: lower case, without a Windows program extension. */
export function commandKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/\.(?:exe|cmd|bat|ps1)$/, '');
}

const SYSTEM_COMMANDS = new Set(commandData.systemCommands);
const DEVELOPMENT_TOOLS = new Map<string, readonly string[]>(Object.entries(commandData.developmentTools));

export function isSystemCommand(name: string): boolean {
  return SYSTEM_COMMANDS.has(commandKey(name));
}

/**
 * Whether `name` is a development tool's command that this package does not own. The tools' own packages
 * (npm for npx, typescript for tsc, pip for pip3 …) are listed in the data file.
 */
export function shadowedTool(name: string, packageName: string | undefined): string | null {
  const key = commandKey(name);
  const owners = DEVELOPMENT_TOOLS.get(key);
  if (owners === undefined) return null;
  const own = (packageName ?? '').toLowerCase();
  return owners.some((owner) => owner.toLowerCase() === own) ? null : key;
}

/** Evidence at the field that declares the command. */
export function commandOccurrence(command: DeclaredCommand, detail: string): Occurrence {
  return {
    file: command.source.file,
    snippet: `${command.name} = ${command.target}`.slice(0, 200),
    detail,
    ...(command.source.line !== undefined ? { line: command.source.line } : { field: command.source.field }),
  };
}

const INTERPRETERS = new Map<string, string>(Object.entries(commandData.interpreters));
const SCRIPT_EXTENSIONS = new Map<string, string>(Object.entries(commandData.scriptExtensions));

/**
 * The other language an install-script command hands itself to: the program word of each `&&`, `||`, `;` or `|`
 * segment when it is an interpreter (python, powershell, bash …), or a script file by its extension (./x.sh,
 * install.ps1). `node` and npm's own tools are the script's native language and never count.
 */
export function otherLanguageOf(command: string): string | null {
  for (const segment of command.split(/&&|\|\||;|\|/)) {
    const words = segment.trim().split(/\s+/);
    // Skip environment assignments (`FOO=1 python x.py`) and `sudo` / `exec` / `env` wrappers.
    let index = 0;
    while (
      index < words.length &&
      (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index]!) || /^(?:sudo|exec|env|nohup)$/.test(words[index]!))
    )
      index++;
    const program = words[index];
    if (program === undefined || program === '') continue;
    const base = program
      .replace(/^["']|["']$/g, '')
      .split(/[\\/]/)
      .pop()!
      .toLowerCase();
    const interpreter = INTERPRETERS.get(base.replace(/\.exe$/, ''));
    if (interpreter !== undefined) return `${interpreter} (${base})`;
    const dot = base.lastIndexOf('.');
    const language = dot > 0 ? SCRIPT_EXTENSIONS.get(base.slice(dot + 1)) : undefined;
    if (language !== undefined) return `${language} script ${base}`;
  }
  return null;
}

const MINER_WORDS = new RegExp(
  `(?:^|[^a-z0-9-])(${commandData.miners.map((m) => m.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|')})(?:$|[^a-z0-9-])|(${commandData.minerOptions
    .map((m) => m.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('|')})|stratum\\+(?:tcp|ssl|tls):\\/\\/`,
  'i',
);

/** The miner name, miner option or stratum address in a text, or null. */
export function minerWordIn(text: string): string | null {
  const match = MINER_WORDS.exec(text);
  if (match === null) return null;
  return (match[1] ?? match[2] ?? 'stratum address').toLowerCase();
}
