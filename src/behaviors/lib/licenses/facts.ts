/** The licenses a package declares (metadata field, Python classifiers) and the license files it ships. */

import { innerPath } from '../../../catalog/lib/location.ts';
import { type LicenseReading, readLicense } from '../../../catalog/lib/spdx.ts';
import type { PackageSnapshot } from '../../../metadata/snapshot.ts';
import { classifierLicense, recognizeLicenseText, recognizeLicenseTexts } from './texts.ts';

export interface DeclaredLicense {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  /** The declared text, bounded. */
  readonly text: string;
  readonly reading: LicenseReading;
}

export interface ShippedLicenseFile {
  readonly file: string;
  /** The SPDX id its wording matches first, or null when it is not recognised. */
  readonly id: string | null;
  /** Every license its wording matches. */
  readonly ids: readonly string[];
}

export interface LicenseFacts {
  readonly declared: readonly DeclaredLicense[];
  readonly files: readonly ShippedLicenseFile[];
}

const LICENSE_FILE = /^(?:LICEN[CS]E|COPYING|UNLICENSE)(?:[.-][\w.-]*)?$/i;
const METADATA_FILE = /(?:^|\/)(?:METADATA|PKG-INFO)$/;

const cache = new WeakMap<PackageSnapshot, LicenseFacts>();

function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index === -1 ? undefined : text.slice(0, index).split('\n').length;
}

/** Files at the top of the package: the root, one folder down (an sdist's or npm's root) or a dist-info folder. */
function isTopLevel(path: string): boolean {
  const parts = path.split('/');
  return parts.length <= 2 || (parts.length <= 3 && /\.dist-info$/.test(parts[0] ?? ''));
}

export function licenseFacts(snapshot: PackageSnapshot): LicenseFacts {
  const known = cache.get(snapshot);
  if (known) return known;
  const declared: DeclaredLicense[] = [];
  const license = snapshot.metadata.license?.trim();
  const sourceFile =
    snapshot.metadata.sources[0]?.file ?? (snapshot.ecosystem === 'npm' ? 'package.json' : 'PKG-INFO');
  const sourceText = snapshot.files.find((file) => file.path === sourceFile)?.data.toString('utf8') ?? '';
  if (license) {
    // Some projects paste the whole license text into the field: recognise it by its wording first.
    const recognised = license.length > 200 ? recognizeLicenseText(license) : null;
    const firstLine = license.split('\n')[0] ?? license;
    const line = lineOf(sourceText, firstLine);
    declared.push({
      file: sourceFile,
      ...(line === undefined ? {} : { line }),
      field: snapshot.ecosystem === 'npm' ? 'license' : 'License',
      text: firstLine.slice(0, 120),
      reading: readLicense(recognised ?? license),
    });
  }
  const metadataFiles = snapshot.files
    .filter((file) => METADATA_FILE.test(innerPath(file.path)) && isTopLevel(innerPath(file.path)))
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const metadata = metadataFiles[0];
  if (metadata && declared.length === 0) {
    const lines = metadata.data.toString('utf8').split('\n');
    lines.forEach((text, index) => {
      const classifier = /^Classifier:\s*(License ::.*)$/.exec(text.trim())?.[1];
      const id = classifier ? classifierLicense(classifier) : null;
      if (classifier && id)
        declared.push({
          file: metadata.path,
          line: index + 1,
          field: 'Classifier',
          text: classifier,
          reading: readLicense(id),
        });
    });
  }
  const files = snapshot.files
    .filter((file) => {
      const path = innerPath(file.path);
      return isTopLevel(path) && LICENSE_FILE.test(path.slice(path.lastIndexOf('/') + 1));
    })
    .filter((file) => file.data.length < 512 * 1024 && !file.data.subarray(0, 512).includes(0))
    .map((file) => {
      const ids = recognizeLicenseTexts(file.data.toString('utf8'));
      return { file: file.path, id: ids[0] ?? null, ids };
    });
  const facts = { declared, files };
  cache.set(snapshot, facts);
  return facts;
}
