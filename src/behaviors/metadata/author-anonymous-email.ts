import { defineBehavior } from '../../catalog/define.ts';
import { ANONYMOUS_UPDATED, anonymousDomainOf, peopleWithEmail } from '../lib/email-domains.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

export const authorAnonymousEmail = defineBehavior({
  id: 'author-anonymous-email',
  category: 'metadata',
  ecosystems: ['pypi', 'npm'],
  title: 'Lists an author or maintainer whose e-mail address is at an anonymity-first mail service.',
  description: `Reads the author and maintainer e-mail addresses of the package metadata and reports domains of mail services that advertise anonymity and ask for no identity (Proton, Tuta, cock.li, Riseup, Disroot, dnmx, onion mail …; data/anonymous-email-domains.json, ${ANONYMOUS_UPDATED}).`,
  problem:
    'Many honest maintainers choose these services for privacy, so this says little alone. Together with other signals it means the publisher left no trail to follow.',
  nextSteps: [
    'Read it together with the other findings; look for the author elsewhere (repository, other packages).',
  ],
  severity: 'low',
  references: { reversinglabs: ['TH15405'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const { person, email, role } of peopleWithEmail(snapshot)) {
      const domain = anonymousDomainOf(email);
      if (domain === null) continue;
      collector.add({
        file: person.source.file,
        snippet: email,
        detail: `the ${role} address is at ${domain}, an anonymity-first mail service`,
        ...(person.source.line !== undefined ? { line: person.source.line } : { field: person.source.field }),
      });
    }
    return collector.list();
  },
});
