import { defineBehavior } from '../../catalog/define.ts';
import { credentialOccurrences } from '../lib/secrets/occurrences.ts';

export const containsAccessToken = defineBehavior({
  id: 'contains-access-token',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains an access token for a code host, a registry or a chat service.',
  description:
    'Finds tokens by their published formats: GitHub classic, OAuth and app tokens (with their CRC-32 checksum), ' +
    'GitHub fine-grained tokens, GitLab tokens, npm tokens (with their checksum), PyPI upload tokens (a PyPI ' +
    'macaroon), Slack tokens, Discord bot tokens (starting with a bot id), Telegram bot tokens and signed JSON Web ' +
    'Tokens. A token whose checksum fails, and a JSON Web Token that has expired, is signed with a tutorial key ' +
    'or carries the claims of the jwt.io sample, is reported as a placeholder instead. Not verified with the service; ' +
    'the evidence is masked.',
  problem:
    'A token acts as its owner without a password or a second factor. Registry and code-host tokens can publish ' +
    'new versions of the owner’s packages, which is how one stolen token becomes a supply-chain attack.',
  nextSteps: [
    'Revoke the token with the service and review what it was used for since it was published.',
    'Read tokens from the environment or a secret store at run time.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-798'] },
  detect: (context) => credentialOccurrences(context, 'access-token'),
});
