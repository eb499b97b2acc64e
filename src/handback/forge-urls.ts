/**
 * Pull request URLs of the forges the agent may open PRs on: GitHub
 * (`/pull/N`), Forgejo and Gitea (`/pulls/N`), GitLab
 * (`/-/merge_requests/N`). Anything else (an issue, a commit, a PR list) is
 * not a PR URL.
 */
const PR_URL = /\bhttps?:\/\/[^\s/?#<>()[\]`'"]+(?:\/[^\s/?#<>()[\]`'"]+)*?\/(?:pulls?|merge_requests)\/(\d+)\b/gi;

export interface FoundUrl {
  url: string;
  /** The same PR written twice has the same key: host case and the scheme do not count. */
  key: string;
  /** Offset in the searched text. */
  index: number;
}

export function prUrls(text: string): FoundUrl[] {
  return [...text.matchAll(PR_URL)].map((match) => {
    const url = match[0];
    const [host, ...rest] = url.replace(/^https?:\/\//i, '').split('/');
    return { url, key: [host!.toLowerCase(), ...rest].join('/'), index: match.index };
  });
}
