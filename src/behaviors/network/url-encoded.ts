import { defineBehavior } from '../../catalog/define.ts';
import { isXmlNamespace } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

// Encoded means base64, hex or escape sequences; a percent-encoded URL (%2F) is read as the plain URL it is.
export const urlEncoded = defineBehavior({
  id: 'url-encoded',
  category: 'network',
  title: 'Contains a URL that appears only in encoded form.',
  description:
    'Reports URLs found by decoding base64 runs (standard or URL-safe alphabet, 16 characters or more), hex ' +
    'digit runs and `\\x..` escape sequences, when the same URL does not also appear in plain text anywhere in ' +
    'the package. XML namespace names (www.w3.org/2000/svg …), which base64 images carry, are not counted. ' +
    'The occurrence is placed at the start of the encoded text; the snippet is the decoded URL.',
  problem:
    'Encoding a URL hides it from a reader and from simple scanners, and has no purpose in ordinary code: a ' +
    'legitimate endpoint is written out. Droppers and stealers encode their server addresses this way.',
  nextSteps: [
    'Decode the text yourself and check where the URL leads.',
    'Find the code that decodes it and what it does with the result (download, execute, send data).',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) => {
    const plain = new Set(facts.urls.filter((url) => url.encoding === 'plain').map((url) => url.url));
    return urlOccurrences(facts.urls, (url) =>
      url.encoding !== 'plain' && !plain.has(url.url) && !isXmlNamespace(url.url)
        ? `${url.encoding}-encoded URL`
        : null,
    );
  },
});
