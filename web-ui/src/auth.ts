/**
 * Where the UI's token lives: `localStorage['envstream.token']`, set by the standalone `/signin` page, by a
 * `#token=<JWT>` fragment (taken out of the address at once so it is not bookmarked or shared), or pasted by hand.
 */
export const TOKEN_KEY = 'envstream.token';

export interface TokenStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Takes a `token=` parameter out of a location hash; returns the token and the hash without it. */
export function takeTokenFromHash(hash: string): { token: string | undefined; hash: string } {
  const body = hash.replace(/^#/, '');
  const mark = body.indexOf('?');
  const routed = body.startsWith('/');
  const path = routed ? (mark < 0 ? body : body.slice(0, mark)) : '';
  const params = new URLSearchParams(routed ? (mark < 0 ? '' : body.slice(mark + 1)) : body);
  const token = params.get('token')?.trim() || undefined;
  if (token === undefined) return { token, hash };
  params.delete('token');
  const rest = params.toString();
  const rebuilt = path + (rest ? `?${rest}` : '');
  return { token, hash: rebuilt ? `#${rebuilt}` : '' };
}

export function loadToken(store: TokenStore): string | undefined {
  return store.getItem(TOKEN_KEY)?.trim() || undefined;
}

export function saveToken(store: TokenStore, token: string): void {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  if (trimmed) store.setItem(TOKEN_KEY, trimmed);
  else store.removeItem(TOKEN_KEY);
}

/** The token's user (`sub`) and expiry, read without verifying (only for display). */
export function describeToken(token: string): { user?: string; expiresAt?: Date } {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; exp?: number };
    return { user: payload.sub, expiresAt: payload.exp ? new Date(payload.exp * 1000) : undefined };
  } catch {
    return {};
  }
}
