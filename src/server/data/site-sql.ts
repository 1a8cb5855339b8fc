/**
 * The site's read queries, written once in the SQL both backends accept: `?` placeholders (numbered for
 * PostgreSQL by `numbered`), quoted camel-case aliases, casts where PostgreSQL must know a parameter's type,
 * and ordering on a derived table's columns rather than on an alias inside an expression.
 */
const REF = `pk.ecosystem AS ecosystem, pk.display_name AS name, v.version AS version, v.indexed_at AS "indexedAt"`;

export const SITE_SQL = {
  counts: `SELECT ecosystem, CAST(COUNT(*) AS INTEGER) AS n FROM community_packages
            WHERE latest_version_id IS NOT NULL GROUP BY ecosystem`,
  recent: `SELECT ${REF} FROM community_versions v JOIN community_packages pk ON pk.id = v.package_id
            WHERE pk.latest_version_id = v.id ORDER BY v.indexed_at DESC, v.id DESC LIMIT ?`,
  /** Parameters: contains-pattern, ecosystem or null (twice), exact form, prefix pattern, limit. */
  search: `SELECT ${REF} FROM community_packages pk JOIN community_versions v ON v.id = pk.latest_version_id
            WHERE pk.name LIKE ? ESCAPE '\\' AND (CAST(? AS TEXT) IS NULL OR pk.ecosystem = ?)
            ORDER BY (pk.name = ?) DESC, (pk.name LIKE ? ESCAPE '\\') DESC, length(pk.name), pk.name LIMIT ?`,
  packageRow: `SELECT pk.id AS id, pk.display_name AS name, lv.version AS latest FROM community_packages pk
                LEFT JOIN community_versions lv ON lv.id = pk.latest_version_id
               WHERE pk.ecosystem = ? AND pk.name = ?`,
  versions: `SELECT v.version AS version, v.indexed_at AS "indexedAt", a.sha256 AS sha256, a.filename AS filename,
                    a.size AS size, s.analyzer_version AS "analyzerVersion", s.complete AS complete
               FROM community_versions v
               LEFT JOIN community_artifacts a ON a.version_id = v.id
               LEFT JOIN community_scans s ON s.sha256 = a.sha256
              WHERE v.package_id = ? ORDER BY v.indexed_at DESC, v.id DESC`,
  findings: `SELECT kind, finding_id AS id, count FROM community_findings WHERE sha256 = ? ORDER BY kind, finding_id`,
  ranked: `SELECT * FROM (
             SELECT ${REF}, v.id AS "versionId",
                    (SELECT MIN(r.rank) FROM community_popularity r WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name) AS rank
               FROM community_packages pk JOIN community_versions v ON v.id = pk.latest_version_id
              WHERE pk.ecosystem = ?) ranked
           ORDER BY (rank IS NULL), rank, name`,
  shows: `SELECT 1 AS hit FROM community_artifacts a
            JOIN community_findings f ON f.sha256 = a.sha256 AND f.kind = ? AND f.finding_id = ?
           WHERE a.version_id = ? LIMIT 1`,
} as const;

/** `?` placeholders as PostgreSQL's `$1`, `$2` …; the queries hold no `?` inside a literal. */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
