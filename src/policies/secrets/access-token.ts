import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const accessToken = definePolicy({
  id: 'access-token',
  category: 'secrets',
  riskLabel: 'Causes risk: published access tokens',
  title: 'Publishes an access token of a code host, a registry or a chat service.',
  description:
    'Raised when the package ships a token in a published format (contains-access-token): GitHub, GitLab, npm, PyPI, Slack, Discord, Telegram, signed JSON Web Tokens. Checksums are checked where the format has one; the token is not verified with the service. At medium severity when only in tests, documentation or examples.',
  problem:
    'A token acts as its owner. Registry and code-host tokens can publish new versions of the owner’s packages, which turns one leak into a supply-chain attack.',
  nextSteps: [
    'Revoke the token with the service and review what it did since it was published.',
    'Read tokens from the environment at run time.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34304'], cwe: ['CWE-798'] },
  uses: ['contains-access-token'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-access-token',
      { shipped: 'high', auxiliary: 'medium' },
      'access token(s)',
    ),
});
