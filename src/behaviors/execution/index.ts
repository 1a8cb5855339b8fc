import type { BehaviorDefinition } from '../../catalog/types.ts';
import { binShadowsDevelopmentTool } from './bin-shadows-development-tool.ts';
import { binShadowsSystemCommand } from './bin-shadows-system-command.ts';
import { buildsNativeAddon } from './builds-native-addon.ts';
import { evaluatesDynamicCode } from './evaluates-dynamic-code.ts';
import { executesDecodedCode } from './executes-decoded-code.ts';
import { executesDownloadedCode } from './executes-downloaded-code.ts';
import { executesProcess } from './executes-process.ts';
import { executesShellCommand } from './executes-shell-command.ts';
import { importsDecodedModule } from './imports-decoded-module.ts';
import { installScriptDownloadsAndRuns } from './install-script-downloads-and-runs.ts';
import { installScriptRunsNodeFile } from './install-script-runs-node-file.ts';
import { installScriptRunsOtherLanguage } from './install-script-runs-other-language.ts';
import { installScriptStartsMiner } from './install-script-starts-miner.ts';
import { loadsSerializedCode } from './loads-serialized-code.ts';
import { overridesSetupCommand } from './overrides-setup-command.ts';
import { requiresDynamicModule } from './requires-dynamic-module.ts';
import { runsAtInstallTime } from './runs-at-install-time.ts';
import { runsEndlessLoop } from './runs-endless-loop.ts';
import { runsInstallScript } from './runs-install-script.ts';
import { shipsPthFile } from './ships-pth-file.ts';
import { spawnsHiddenProcess } from './spawns-hidden-process.ts';

/** Behaviors of the 'execution' category, in the order they are listed in docs. */
export const executionBehaviors: readonly BehaviorDefinition[] = [
  executesProcess,
  executesShellCommand,
  spawnsHiddenProcess,
  runsAtInstallTime,
  runsEndlessLoop,
  overridesSetupCommand,
  shipsPthFile,
  evaluatesDynamicCode,
  executesDecodedCode,
  executesDownloadedCode,
  loadsSerializedCode,
  importsDecodedModule,
  runsInstallScript,
  installScriptRunsNodeFile,
  installScriptDownloadsAndRuns,
  buildsNativeAddon,
  requiresDynamicModule,
  binShadowsSystemCommand,
  binShadowsDevelopmentTool,
  installScriptRunsOtherLanguage,
  installScriptStartsMiner,
];
