import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { FILE_WRITE_CALLEES, isFileWrite, writeTargetText } from '../lib/files.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_WRITE_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/** CI pipeline definitions: GitHub Actions, GitLab CI, Azure Pipelines, CircleCI, Jenkins, Bitbucket. */
const CI_CONFIG =
  /\.github[/\\]+workflows|\.gitlab-ci\.ya?ml|azure-pipelines\.ya?ml|\.circleci[/\\]+config|Jenkinsfile|bitbucket-pipelines\.ya?ml/;

export const writesCiWorkflow = defineBehavior({
  id: 'writes-ci-workflow',
  category: 'file',
  ecosystems: ['pypi', 'npm'],
  title: 'Writes build-pipeline configuration such as GitHub Actions workflows.',
  description:
    'Finds file writes whose target is a CI pipeline definition: .github/workflows, .gitlab-ci.yml, ' +
    'azure-pipelines.yml, .circleci/config, Jenkinsfile or bitbucket-pipelines.yml, in Python and JavaScript.',
  problem:
    'A workflow file runs with the repository’s secrets on every push. Code that writes one into the project ' +
    'it was installed in plants a job that leaks those secrets or publishes for the attacker, as the ' +
    'Shai-Hulud worm did. Project scaffolding tools write workflows honestly, when a user asks them to.',
  nextSteps: [
    'Check whether the write happens on install or import, or only when a user runs a scaffolding command.',
    'Look for new or changed workflow files in repositories where the package ran.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16131'], mitreAttack: ['T1195.002'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: FILE_WRITE_CALLEES,
          when: (call) => isFileWrite(call) && CI_CONFIG.test(writeTargetText(call)),
          note: () => 'writes a CI pipeline definition',
        },
      ]),
      detectJsCalls(context, [
        {
          callees: JS_FILE_WRITE_CALLEES,
          when: (call) => CI_CONFIG.test(textOf(call.args[0])),
          note: () => 'writes a CI pipeline definition',
        },
      ]),
    ),
});
