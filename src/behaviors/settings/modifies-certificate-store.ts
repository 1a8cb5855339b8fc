import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bcertutil(?:\.exe)?\s+(?:-f\s+)?-(?:addstore|delstore|importpfx)\b|\bImport-Certificate\b|\bImport-PfxCertificate\b|Cert:\\+(?:LocalMachine|CurrentUser)\\+(?:Root|AuthRoot|CA)\b|\bupdate-ca-certificates\b|\bupdate-ca-trust\b|\btrust\s+anchor\b|\bsecurity\s+add-trusted-cert\b|\/usr\/local\/share\/ca-certificates\/|\/etc\/pki\/ca-trust\/source\/anchors|\bCertAddEncodedCertificateToStore\b/i;

export const modifiesCertificateStore = defineBehavior({
  id: 'modifies-certificate-store',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: "Adds or removes certificates in the system's trusted certificate store.",
  description:
    'Finds commands, APIs and paths in code strings that change the certificates the system trusts: certutil -addstore / -delstore, Import-Certificate, the PowerShell Cert:\\LocalMachine\\Root drive, update-ca-certificates, update-ca-trust, trust anchor, macOS security add-trusted-cert, the Linux anchor folders and CertAddEncodedCertificateToStore.',
  problem:
    'A root certificate added by a package lets its owner read and alter every encrypted connection of the machine without a warning. Corporate proxy and development-certificate tools do this on purpose and say so.',
  nextSteps: [
    'Find which certificate is installed and who issued it.',
    'Unless the package is a certificate tool that documents the change, remove the certificate.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16112'], mitreAttack: ['T1553.004'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: 'changes the trusted certificate store' }]),
});
