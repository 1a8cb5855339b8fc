import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\b(?:MsMpEng|MsSense|SenseCncProxy|NisSrv|avp|avpui|avgui|avgsvc|avastui|avastsvc|ekrn|egui|bdagent|bdservicehost|vsserv|mbam|mbamservice|mcshield|mfemms|masvc|SavService|SophosHealth|ccSvcHst|CSFalconService|CSFalconContainer|SentinelAgent|SentinelServiceHost|CylanceSvc|xagt|TaniumClient|elastic-endpoint|WRSA)\.exe\b|\bSecurityCenter2\b|\bAntiVirusProduct\b|\bGet-MpComputerStatus\b|\bWinDefend\b(?!.*\b(?:stop|delete|config)\b)/i;

export const detectsSecuritySoftware = defineBehavior({
  id: 'detects-security-software',
  category: 'evasion',
  ecosystems: ['pypi', 'npm'],
  title: 'Looks for installed antivirus and endpoint-protection products.',
  description:
    'Finds process names of antivirus and endpoint detection products (Defender, Kaspersky, AVG, Avast, ESET, Bitdefender, Malwarebytes, McAfee, Sophos, Norton, CrowdStrike, SentinelOne, Carbon Black, Cylance, FireEye, Tanium, Elastic, Webroot) and the WMI SecurityCenter2 AntiVirusProduct class and Get-MpComputerStatus in code strings.',
  problem:
    'Malware checks which protection runs before it acts, to pick an evasion or to stay quiet. An ordinary library does not care which antivirus a machine runs.',
  nextSteps: [
    'Find what the code does with the answer: a payload that changes course on it is evasive.',
    'Unless the package is an inventory or security tool, do not install it.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16117'], mitreAttack: ['T1518.001'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'looks for installed security software' }]),
});
