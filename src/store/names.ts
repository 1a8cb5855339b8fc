/**
 * Package identity as the store keys it. PyPI names compare after PEP 503 normalization
 * (`Foo_Bar`, `foo.bar` and `FOO-bar` are one project); npm names are case-sensitive and may carry
 * a scope, so they are kept exactly as written. Other ecosystems are kept as written too.
 */
export function normalizePackageName(ecosystem: string, name: string): string {
  if (canonicalEcosystem(ecosystem) === 'PyPI')
    return name
      .trim()
      .toLowerCase()
      .replace(/[-_.]+/g, '-');
  return name.trim();
}

/** OSV spells ecosystems `PyPI` and `npm`; users and purls write `pypi`, so accept any case for those two. */
export function canonicalEcosystem(ecosystem: string): string {
  const lower = ecosystem.trim().toLowerCase();
  if (lower === 'pypi') return 'PyPI';
  if (lower === 'npm') return 'npm';
  return ecosystem.trim();
}
