import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';
import { detectMemberReads } from '../lib/javascript.ts';
import { stringOf } from '../lib/match.ts';

const CREDENTIAL_FILES =
  /\.aws[/\\]+(credentials|config)$|\.azure[/\\]+(accessTokens\.json|msal_token_cache)|gcloud[/\\]+(credentials\.db|access_tokens\.db|application_default_credentials\.json|legacy_credentials)|\.kube[/\\]+config$|\.docker[/\\]+config\.json$|(^|[/\\])\.(npmrc|pypirc|git-credentials|netrc)$|\.config[/\\]+gh[/\\]+hosts\.yml$/;

const SECRET_VARIABLES =
  /^(AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AZURE_CLIENT_SECRET|GOOGLE_APPLICATION_CREDENTIALS|GITHUB_TOKEN|GH_TOKEN|NPM_TOKEN|PYPI_TOKEN|TWINE_PASSWORD|CI_JOB_TOKEN|DOCKER_PASSWORD|SLACK_TOKEN|OPENAI_API_KEY)$/;

/** The same secrets read in JavaScript: `process.env.NPM_TOKEN`. */
const JS_SECRET_VARIABLE = new RegExp(`^process\\.env\\.${SECRET_VARIABLES.source.slice(1)}`);

export const readsCloudCredentials = defineBehavior({
  id: 'reads-cloud-credentials',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into cloud, registry or developer credentials.',
  description:
    'Finds paths of credential files (~/.aws/credentials, Azure and gcloud token caches, ~/.kube/config, ' +
    '~/.docker/config.json, .npmrc, .pypirc, .git-credentials, .netrc, the GitHub CLI hosts file) in code ' +
    'strings, and reads of secret-bearing environment variables (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, NPM_TOKEN …).',
  problem:
    'These credentials reach production cloud accounts, package registries and source code. Cloud SDKs read ' +
    'them to do their job; malware reads them to take over the accounts and publish poisoned releases.',
  nextSteps: [
    'Check that the package is a client of that service and that the secrets only go to the service itself.',
    'If in doubt, rotate the credentials present on machines where it ran.',
  ],
  severity: 'medium',
  references: {
    reversinglabs: ['TH16130', 'TH16131'],
    mitreAttack: ['T1552.001'],
    guarddog: ['exfiltrate-sensitive-data'],
  },
  detect: (context) =>
    mergeOccurrences(
      detectStrings(context, [{ pattern: CREDENTIAL_FILES, note: 'names a credential file' }]),
      detectCalls(context, [
        {
          callees: ['os.getenv', 'os.environ.get'],
          when: (call) => SECRET_VARIABLES.test(stringOf(call.args[0]) ?? ''),
          note: () => 'reads a secret from the environment',
        },
      ]),
      detectMemberReads(
        context,
        JS_SECRET_VARIABLE,
        (name) => `reads the secret ${name} from the environment`,
      ),
    ),
});
