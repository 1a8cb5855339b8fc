import { defineBehavior } from '../../catalog/define.ts';
import { DISPOSABLE_SOURCE, disposableDomainOf, peopleWithEmail } from '../lib/email-domains.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

export const authorDisposableEmail = defineBehavior({
  id: 'author-disposable-email',
  category: 'metadata',
  ecosystems: ['pypi', 'npm'],
  title: 'Lists an author or maintainer whose e-mail address is a throw-away inbox.',
  description: `Reads the author and maintainer e-mail addresses of the package metadata (PyPI Author-email and Maintainer-email, package.json author and maintainers) and reports domains of throw-away inbox services from ${DISPOSABLE_SOURCE}.`,
  problem:
    'A throw-away address cannot be reached later and belongs to no one: nobody answers a security report, and the account is easy to abandon. Attackers register publishing accounts with such addresses.',
  nextSteps: [
    'Check who the author is through other channels (repository, other packages).',
    'Prefer packages whose maintainers can be reached.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH15404'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const { person, email, role } of peopleWithEmail(snapshot)) {
      const domain = disposableDomainOf(email);
      if (domain === null) continue;
      collector.add({
        file: person.source.file,
        snippet: email,
        detail: `the ${role} address is at ${domain}, a throw-away inbox service`,
        ...(person.source.line !== undefined ? { line: person.source.line } : { field: person.source.field }),
      });
    }
    return collector.list();
  },
});
