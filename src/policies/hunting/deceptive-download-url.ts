import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const deceptiveDownloadUrl = definePolicy({
  id: 'deceptive-download-url',
  category: 'hunting',
  title: 'Links to a program disguised with a document or media extension.',
  description:
    'Raised when url-interesting-file-format finds a URL whose file name carries two extensions, a harmless ' +
    'one (.pdf, .docx, .jpg, .txt …) followed by an executable, script or archive one: `invoice.pdf.exe`, ' +
    '`photo.jpg.scr`.',
  problem:
    'People and some tools read the first extension and trust the file, while the operating system acts on ' +
    'the last one and runs it. Projects have no honest reason to name their downloads this way.',
  nextSteps: [
    'Find the code or document that uses the URL and check what it downloads.',
    'Treat the package as suspicious until the maintainers explain the file name.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: deceptive download links',
  references: { reversinglabs: ['TH17108'] },
  uses: ['url-interesting-file-format'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'url-interesting-file-format', (o) =>
      (o.detail ?? '').includes('disguised with'),
    );
    return evidence.length === 0
      ? null
      : { evidence, detail: `${evidence.length} URL(s) hide an executable behind a document extension` };
  },
});
