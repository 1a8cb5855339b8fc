import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';

/** A dependency first published this recently is young: typosquats and takeover payloads are days old. */
export const YOUNG_DAYS = 30;
/** Weekly downloads under this make a package unpopular (checked through the npm downloads API). */
export const UNPOPULAR_WEEKLY = 1000;

export const addsRiskyDependency = defineDiffFinding({
  id: 'adds-risky-dependency',
  title: 'The new version adds a dependency that is young or little used.',
  severity: 'medium',
  problem:
    'A popular package that starts depending on a package created last week, or one almost nobody installs, ' +
    'passes that package to all its users. This is how the event-stream and similar attacks shipped: the payload ' +
    'sat in a new, unknown dependency, and the popular package itself looked unchanged.',
  nextSteps: [
    'Look up the new dependency: who publishes it, since when, and where its source lives.',
    'Pin the previous version until the new dependency is explained.',
  ],
  detect: (context) => {
    const added = new Set(
      context.dependencies
        .filter((change) => change.status === 'added' && change.kind !== 'dev')
        .map((change) => change.name),
    );
    const out: DiffEvidence[] = [];
    for (const component of context.new.result.enrichment?.components ?? []) {
      if (component.component.role !== 'dependency' || !added.has(component.component.name)) continue;
      const reasons: string[] = [];
      if (
        component.registry.status === 'checked' &&
        component.registry.facts.firstPublishedAt !== undefined
      ) {
        const first = Date.parse(component.registry.facts.firstPublishedAt);
        const days = (context.now.getTime() - first) / 86_400_000;
        if (Number.isFinite(days) && days < YOUNG_DAYS) {
          reasons.push(
            `first published ${component.registry.facts.firstPublishedAt.slice(0, 10)} (${Math.max(0, Math.floor(days))} days before the check)`,
          );
        }
      }
      if (
        component.popularity.status !== 'known' &&
        component.downloads?.status === 'checked' &&
        component.downloads.weekly < UNPOPULAR_WEEKLY
      ) {
        reasons.push(`${component.downloads.weekly} downloads last week (${component.downloads.source})`);
      }
      if (reasons.length === 0) continue;
      out.push({
        file: context.relative('new', component.component.declaredIn.file),
        ...(component.component.declaredIn.line === undefined
          ? {}
          : { line: component.component.declaredIn.line }),
        field: 'dependencies',
        snippet: `${component.component.name}@${component.component.specifier ?? component.component.version ?? ''}`,
        detail: reasons.join('; '),
      });
    }
    return out;
  },
});
