/**
 * Pull request URLs of the forges the agent may open PRs on: GitHub
 * (`/pull/N`), Forgejo and Gitea (`/pulls/N`), GitLab
 * (`/-/merge_requests/N`). Anything else (an issue, a commit, a PR list) is
 * not a PR URL.
 */
/** A URL-like run of text; scanned once, left to right, so no input makes the search slow. */
const URL_RUN = /\bhttps?:\/\/[^\s<>()[\]`'"]+/gi;
/**
 * The PR part of a URL's path: `/pull/N`, `/pulls/N`, `/merge_requests/N` after a host and at least one path
 * segment.
 */
const PR_PATH = /^https?:\/\/[^/?#]+(?:\/[^/?#]+)+?\/(?:pulls?|merge_requests)\/(\d+)(?!\d)/i;

export interface FoundUrl {
  url: string;
  /** The same PR written twice has the same key: host case and the scheme do not count. */
  key: string;
  /** Offset in the searched text. */
  index: number;
}

export function prUrls(text: string): FoundUrl[] {
  const found: FoundUrl[] = [];
  for (const run of text.matchAll(URL_RUN)) {
    const match = PR_PATH.exec(run[0]);
    if (!match) continue;
    const url = match[0];
    const [host, ...rest] = url.replace(/^https?:\/\//i, '').split('/');
    found.push({ url, key: [host!.toLowerCase(), ...rest].join('/'), index: run.index });
  }
  return found;
}
