import type { CallFact } from '../../analysis/types.ts';
import { callArgumentText, keyword, matchesCallee, textOf } from './match.ts';

/** APIs that start another program. */
export const PROCESS_CALLEES: readonly string[] = [
  'subprocess.Popen',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'os.system',
  'os.popen',
  'os.spawnl',
  'os.spawnle',
  'os.spawnlp',
  'os.spawnlpe',
  'os.spawnv',
  'os.spawnve',
  'os.spawnvp',
  'os.spawnvpe',
  'os.execl',
  'os.execle',
  'os.execlp',
  'os.execlpe',
  'os.execv',
  'os.execve',
  'os.execvp',
  'os.execvpe',
  'os.posix_spawn',
  'os.posix_spawnp',
  'os.startfile',
  'pty.spawn',
  'commands.getoutput',
  'commands.getstatusoutput',
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
  'win32api.ShellExecute',
  'win32process.CreateProcess',
  '*.ShellExecuteW',
  '*.ShellExecuteA',
  '*.ShellExecuteExW',
  '*.WinExec',
];

/** APIs that always hand their command to a shell. */
const SHELL_CALLEES: readonly string[] = [
  'os.system',
  'os.popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'commands.getoutput',
  'commands.getstatusoutput',
  'asyncio.create_subprocess_shell',
];

export function isProcessCall(call: CallFact): boolean {
  return matchesCallee(call.callee, PROCESS_CALLEES);
}

/** The program and its arguments as far as they are written in the call. */
export function commandText(call: CallFact): string {
  return callArgumentText(call);
}

export function runsThroughShell(call: CallFact): boolean {
  if (matchesCallee(call.callee, SHELL_CALLEES)) return true;
  if (!call.callee.startsWith('subprocess.')) return false;
  const shell = keyword(call, 'shell');
  if (shell?.kind === 'bool') return shell.value;
  // shell=<anything but a literal False> may well be true: count it.
  if (shell && shell.kind !== 'none') return true;
  return /^\s*['"]?(cmd(\.exe)?\s+\/c|powershell|pwsh|bash\s+-c|sh\s+-c|zsh\s+-c)/i.test(
    textOf(call.args[0]),
  );
}

const HIDDEN_FLAGS =
  /CREATE_NO_WINDOW|DETACHED_PROCESS|0x0*8000000|134217728|\bSW_HIDE\b|STARTF_USESHOWWINDOW/;
const HIDDEN_COMMAND =
  /-w(indowstyle)?\s+hid(den)?\b|-windowstyle\s+'?hidden|\bpythonw(\.exe)?\b|\bnohup\b|\bstart\s+\/min\b|\bstart\s+\/b\b|\bsetsid\b|\bdisown\b|-noni?\b.*-w\s+h|vbhide/i;

/** Why the call hides the program it starts, or undefined when it does not. */
export function hiddenProcessReason(call: CallFact): string | undefined {
  const flags = keyword(call, 'creationflags');
  if (flags && HIDDEN_FLAGS.test(textOf(flags))) return 'starts the program without a window';
  const info = keyword(call, 'startupinfo');
  if (info && info.kind !== 'none') return 'passes startup info that can hide the window';
  const showWindow = call.args[5] ?? keyword(call, 'nShowCmd');
  if (/ShellExecute/.test(call.callee) && showWindow && /^0$|SW_HIDE/.test(textOf(showWindow))) {
    return 'asks ShellExecute for a hidden window';
  }
  if (HIDDEN_COMMAND.test(commandText(call))) return 'the command hides or detaches itself';
  // Popen(cmd, stdin=DEVNULL, stdout=DEVNULL, stderr=DEVNULL): nothing of the program is ever seen.
  if (
    call.callee === 'subprocess.Popen' &&
    ['stdin', 'stdout', 'stderr'].every((name) => /DEVNULL$/.test(textOf(keyword(call, name))))
  )
    return 'discards every stream of the program it starts';
  return undefined;
}

const WINDOWS_FILE_NOTE = 'runs a Windows executable or script file';

/**
 * Command shapes that download, decode or launch payloads. Builds run compilers and git; droppers run these.
 * Strong shapes have no honest use in a library; weak ones (PowerShell, curl, a URL) do, so they only count
 * together with other evidence.
 */
const SUSPICIOUS_COMMANDS: readonly {
  readonly pattern: RegExp;
  readonly note: string;
  readonly strong: boolean;
  /** Match the program argument alone, not the keywords after it. */
  readonly firstOnly?: boolean;
}[] = [
  {
    pattern: /-e(nc|ncodedcommand)?\s+[A-Za-z0-9+/=]{16,}/i,
    note: 'passes an encoded PowerShell command',
    strong: true,
  },
  {
    pattern: /\b(curl|wget)\b[^|;&]*(\||;|&&)\s*(ba|z|da)?sh\b/i,
    note: 'pipes a download into a shell',
    strong: true,
  },
  { pattern: /\b(iex|Invoke-Expression)\b/i, note: 'evaluates a PowerShell expression', strong: true },
  {
    pattern: /\b(mshta|rundll32|regsvr32|wscript|cscript)(\.exe)?\b/i,
    note: 'starts a script host',
    strong: true,
  },
  { pattern: /\bbase64\s+(-d|--decode)\b/i, note: 'decodes base64 in the shell', strong: true },
  { pattern: /\/dev\/tcp\/|\bnc\b[^|;]*\s-e\s|\bbash\s+-i\b/i, note: 'opens a reverse shell', strong: true },
  {
    pattern: /\b(certutil\b[^|;&]*-urlcache|bitsadmin\b[^|;&]*\/transfer)/i,
    note: 'downloads with a Windows system tool',
    strong: true,
  },
  {
    pattern: /\bschtasks\b|\breg(\.exe)?\s+add\b|\bcrontab\b/i,
    note: 'installs persistence from the shell',
    strong: true,
  },
  {
    pattern: /^\s*['"]?(\/bin\/|\/usr\/bin\/)?(ba|z|da)?sh['"]?\s*$/,
    note: 'starts an interactive shell',
    strong: false,
    firstOnly: true,
  },
  {
    pattern: /\bpip3?(\.exe)?['",]*\s+['"]?install\b[^|;&]*https?:\/\//i,
    note: 'installs a package from a URL',
    strong: true,
  },
  { pattern: /\b(powershell|pwsh)(\.exe)?\b/i, note: 'runs PowerShell', strong: false },
  {
    pattern: /\b(curl|wget|Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\b/i,
    note: 'downloads with a command-line tool',
    strong: false,
  },
  { pattern: /\bStart-Process\b/i, note: 'starts a process from PowerShell', strong: false },
  {
    pattern: /\bchmod\s+(\+x|[0-7]*7[0-7]{0,2})\b[^;|&]*(;|&&)/i,
    note: 'marks a file executable and runs on',
    strong: false,
  },
  { pattern: /https?:\/\//i, note: 'passes a URL to the program', strong: false },
  {
    pattern: /\.(exe|scr|vbs|bat|cmd|ps1|hta)\b/i,
    note: WINDOWS_FILE_NOTE,
    strong: false,
  },
];

/** Developer tools a build script runs by their Windows file name. */
const BUILD_TOOL_EXE =
  /(?<![\w$-])(?:git|node|npm|npx|python3?|py|cmake|msbuild|nmake|ninja|cl|link|cargo|rustc|go|gcc|g\+\+|clang|make)\.exe\b/gi;

export interface CommandSuspicion {
  readonly note: string;
  readonly strong: boolean;
}

/** What makes the call's command look like a dropper rather than a build step, or undefined. */
export function commandSuspicion(call: CallFact): CommandSuspicion | undefined {
  const text = commandText(call);
  const program = textOf(call.args[0]);
  // Build tools under their Windows names (`git.exe rev-parse HEAD` in a build script) are the tools, not a
  // dropped executable; only the Windows-file rule is read without them.
  const withoutTools = text.replace(BUILD_TOOL_EXE, '');
  for (const entry of SUSPICIOUS_COMMANDS) {
    const subject = entry.firstOnly ? program : entry.note === WINDOWS_FILE_NOTE ? withoutTools : text;
    if (entry.pattern.test(subject)) return { note: entry.note, strong: entry.strong };
  }
  return undefined;
}

/**
 * A command that only prints who or where the machine is: `whoami`, `id`, `hostname`, `ifconfig`, `uname -a`.
 * Run alone, its output is the answer the code wants; probes and stealers send it home.
 */
const USER_COMMAND = /^\W*(?:whoami|id|net\s+user|query\s+user)(?:\s+-\w+)?\W*$/i;
const HOST_COMMAND =
  /^\W*(?:hostname|ifconfig|ipconfig(?:\s+\/all)?|ip\s+a(?:ddr)?|uname(?:\s+-[an])?|systeminfo)\W*$/i;

export function reconCommand(text: string): 'user' | 'host' | undefined {
  const first = text.split(/\s*,\s*/)[0] ?? '';
  const whole = text
    .replace(/['"[\]]/g, ' ')
    .replace(/\s*,\s*/g, ' ')
    .trim();
  for (const candidate of [whole, first.replace(/['"[\]]/g, ' ').trim()]) {
    if (USER_COMMAND.test(candidate)) return 'user';
    if (HOST_COMMAND.test(candidate)) return 'host';
  }
  return undefined;
}
