import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /Microsoft[\\/]+Outlook\b|Office\\+\d+\.\d\\+Outlook\\+Profiles|Windows Messaging Subsystem\\+Profiles|Thunderbird[\\/]+Profiles|\.thunderbird[\\/]|\bFoxmail\b|Mailbird[\\/]|The Bat!|Windows Live Mail|Library[\\/]+Mail[\\/]|\.(?:pst|ost)$|Claws-mail|\bPostbox[\\/]+Profiles|eM Client[\\/]/i;

export const readsEmailClientData = defineBehavior({
  id: 'reads-email-client-data',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into e-mail client profiles and mailboxes.',
  description:
    'Finds paths of e-mail client data in code strings: Outlook profiles and .pst / .ost mailboxes, the Outlook profile registry keys, Thunderbird and Postbox profiles, Foxmail, Mailbird, The Bat!, Windows Live Mail, eM Client, Claws Mail and the macOS Mail folder.',
  problem:
    'Mailboxes and the passwords saved by mail clients give access to password resets and to everyone the user writes to. Stealers carry these paths; mail tools and backup programs are the honest exceptions.',
  nextSteps: [
    'Check why the package needs mail data and whether it leaves the machine.',
    'If the package ran and is not a mail tool, change the mail account passwords.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16123'], mitreAttack: ['T1114.001'] },
  detect: (context) => detectStrings(context, [{ pattern: PATTERN, note: 'names an e-mail client store' }]),
});
