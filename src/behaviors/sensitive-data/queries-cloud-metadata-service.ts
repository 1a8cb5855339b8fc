import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/**
 * Instance metadata services: AWS / Azure / OpenStack / DigitalOcean (169.254.169.254), AWS IPv6 (fd00:ec2::254),
 * ECS task credentials (169.254.170.2), Google (metadata.google.internal), Alibaba (100.100.100.200), and the
 * credential paths read from them.
 */
const METADATA_SERVICE =
  /169\.254\.169\.254|\[?fd00:ec2::254\]?|169\.254\.170\.2|metadata\.google\.internal|100\.100\.100\.200|\/latest\/meta-data\/iam\/security-credentials|\/computeMetadata\/v1\/instance\/service-accounts|\/metadata\/identity\/oauth2\/token/i;

export const queriesCloudMetadataService = defineBehavior({
  id: 'queries-cloud-metadata-service',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Names a cloud instance metadata service.',
  description:
    'Finds the addresses and paths of cloud instance metadata services in code strings: 169.254.169.254 (AWS, ' +
    'Azure, OpenStack, DigitalOcean), fd00:ec2::254, 169.254.170.2 (ECS task credentials), ' +
    'metadata.google.internal, 100.100.100.200 (Alibaba Cloud) and the role-credential and token paths.',
  problem:
    'On a cloud machine or CI runner, the metadata service hands out the temporary credentials of the machine’s ' +
    'role to any process that asks. Cloud SDKs ask honestly; malware asks to steal the role. Outside a cloud ' +
    'library the address is a strong sign of credential theft.',
  nextSteps: [
    'Check whether the package is a cloud SDK or tool; if not, find what it does with the answer.',
    'Require IMDSv2 tokens and a hop limit of 1 on cloud machines that run third-party code.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16130'], mitreAttack: ['T1552.005'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: METADATA_SERVICE, note: 'names a cloud instance metadata service' }]),
});
