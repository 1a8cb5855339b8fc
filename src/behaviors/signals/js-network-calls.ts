import { defineSignal } from '../../catalog/define.ts';
import type { CallSite } from '../../catalog/lib/evidence.ts';
import { jsSources } from '../lib/javascript.ts';
import { isJsNetworkCall } from '../lib/js-apis.ts';

export interface JsFileNetworkCalls {
  readonly file: string;
  /** HTTP requests, sockets and DNS look-ups, in source order (a socket over an inherited descriptor excluded). */
  readonly calls: readonly CallSite[];
}

/** The JavaScript files that talk to the network, in source order, with their network calls. */
export const jsNetworkCalls = defineSignal<readonly JsFileNetworkCalls[]>({
  id: 'js-network-calls',
  description:
    'JavaScript and TypeScript files that make HTTP requests, open sockets or resolve DNS names, with those calls.',
  derive: (context) =>
    jsSources(context).flatMap((source) => {
      const calls = source.calls.filter(isJsNetworkCall);
      return calls.length === 0 ? [] : [{ file: source.file, calls }];
    }),
});
