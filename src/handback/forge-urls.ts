/**
 * Pull request URLs of the forges the agent may open PRs on: GitHub
 * (`/pull/N`), Forgejo and Gitea (`/pulls/N`), GitLab
 * (`/-/merge_requests/N`). Anything else (an issue, a commit, a PR list) is
 * not a PR URL.
 */
/** A URL-like run of text; scanned once, left to right, so no input makes the search slow. */
const URL_RUN = /\bhttps?:\/\/[^\s<>()[\]`'"|]+/gi;
/**
 * The PR part of a URL's path: `/pull/N`, `/pulls/N`, `/merge_requests/N` after a host and at least one path
 * segment.
 */
const PR_PATH = /^(https?):\/\/([^/?#]+)((?:\/[^/?#]+)+?)\/(pulls?|merge_requests)\/(\d+)(?!\d)/i;

export interface FoundUrl {
  url: string;
  /**
   * The PR as the forge identifies it, so that one PR written two ways has one key: the scheme, the host's case, an
   * explicit default port, user info, the case of the owner and repository (the forges resolve them without regard to
   * case), GitLab's `/-/`, `pull` or `pulls` and leading zeros in the number do not count.
   */
  key: string;
  /** Offset in the searched text. */
  index: number;
}

export function prUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  if (!text.includes('://')) return found;
  for (const run of text.matchAll(URL_RUN)) {
    const match = PR_PATH.exec(run[0]);
    if (!match) continue;
    found.push({ url: match[0], key: prKey(match), index: run.index });
  }
  return found;
}

function prKey(match: RegExpExecArray): string {
  const [, scheme, authority, repository, kind, number] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const defaultPort = scheme.toLowerCase() === 'https' ? ':443' : ':80';
  let host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  if (host.endsWith(defaultPort)) host = host.slice(0, -defaultPort.length);
  if (host.endsWith('.')) host = host.slice(0, -1);
  const path = repository.toLowerCase().replace(/\/-$/, '');
  const what = kind.toLowerCase() === 'merge_requests' ? 'merge_requests' : 'pull';
  return `${host}${path}/${what}/${number.replace(/^0+(?=\d)/, '')}`;
}
