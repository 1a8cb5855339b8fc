/**
 * The traced flow that an occurrence of a flow behavior reports in its detail
 * ('host-name+secret -> network:builtins.fetch @x.pw via send'), read back by the policies that weigh it.
 */

export interface DataFlow {
  readonly labels: readonly string[];
  readonly sink: 'network' | 'process' | 'code' | 'file-write';
  readonly callee: string;
  /** The host named in a literal URL or hostname option of the sink, when there is one. */
  readonly host: string | undefined;
  /** The package function called with the value, whose parameter reaches the sink. */
  readonly via: string | undefined;
}

const IN_DETAIL = /([\w+-]+) -> (network|process|code|file-write):(\S+)(?: @([\w.-]+))?(?: via ([\w$]+))?/;

/** The flow an occurrence of a flow behavior reports (its detail carries the fact's detail). */
export function flowInDetail(detail: string | undefined): DataFlow | undefined {
  const m = IN_DETAIL.exec(detail ?? '');
  if (m === null) return undefined;
  return {
    labels: (m[1] ?? '').split('+'),
    sink: m[2] as DataFlow['sink'],
    callee: m[3] ?? '',
    host: m[4],
    via: m[5],
  };
}
