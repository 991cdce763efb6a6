import { UserManager, WebStorageStateStore, type User, type UserManagerSettings } from 'oidc-client-ts';

/** What `GET /api/v1/sign-in` answers when the gateway names an OpenID Connect provider. */
export interface SignInConfig {
  issuer: string;
  clientId: string;
  scope: string;
}

/** The provider to sign in at, or `undefined` when the gateway names none (404: standalone's own sign-in). */
export async function fetchSignInConfig(fetchImpl: typeof fetch = fetch): Promise<SignInConfig | undefined> {
  const response = await fetchImpl('/api/v1/sign-in', { headers: { Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET /api/v1/sign-in answered ${response.status}`);
  return (await response.json()) as SignInConfig;
}

/**
 * The client's settings: authorization code with PKCE (oidc-client-ts always sends a S256 challenge), the UI's own page
 * as the redirect URI for sign-in, silent renewal and sign-out (it tells the three apart by the stored state), tokens in
 * session storage (gone with the tab). Renewal is scheduled here ({@link renewDelayMs}), not by the library's fixed
 * "a minute before", which would renew at once, again and again, a token that lives less than a minute.
 */
export function userManagerSettings(config: SignInConfig, origin: string, storage: Storage): UserManagerSettings {
  const home = `${origin}/`;
  return {
    authority: config.issuer,
    client_id: config.clientId,
    scope: config.scope,
    response_type: 'code',
    redirect_uri: home,
    silent_redirect_uri: home,
    post_logout_redirect_uri: home,
    automaticSilentRenew: false,
    // the hidden frame loads this whole page before it answers: give a slow machine time
    silentRequestTimeoutInSeconds: 30,
    userStore: new WebStorageStateStore({ store: storage }),
  };
}

/** Whether the page's query is the provider's answer to an authorization request (a code or an error, with the state). */
export function isAuthorizationResponse(search: string): boolean {
  const params = new URLSearchParams(search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * When to renew a token that expires in `expiresInSeconds`: a minute before, or half-way for a token shorter than two
 * minutes, never sooner than in 5 s; so the new token is there before the gateway closes the sockets at `exp`.
 */
export function renewDelayMs(expiresInSeconds: number): number {
  const seconds = expiresInSeconds >= 120 ? expiresInSeconds - 60 : expiresInSeconds / 2;
  return Math.max(5, seconds) * 1000;
}

const RENEW_RETRY_MS = 10_000;

/**
 * A person's sign-in at the provider: handles the redirect back (the page's query), keeps the user, renews the token
 * before it expires with `prompt=none` (refresh token when the provider gives one, else a hidden frame answered from the
 * provider's session), signs in and out with a redirect.
 */
export class OidcSession {
  private readonly manager: UserManager;
  private user: User | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(user: User | null) => void>();

  constructor(config: SignInConfig, private readonly window: Window) {
    this.manager = new UserManager(userManagerSettings(config, window.location.origin, window.sessionStorage));
  }

  /**
   * Completes a redirect back from the provider, if this page load is one, and restores the route the person was on.
   * @returns `false` when this page is the hidden frame of a silent renewal (the opener got the answer: show nothing)
   */
  async start(): Promise<boolean> {
    const location = this.window.location;
    if (isAuthorizationResponse(location.search)) {
      if (this.window.parent !== this.window) {
        // the hidden frame of a renewal: the page that opened it gets the answer (or the error); nothing to show here
        await this.manager.signinCallback(location.href).catch(() => undefined);
        return false;
      }
      const user = await this.manager.signinCallback(location.href);
      const hash = typeof user?.state === 'string' ? user.state : location.hash;
      this.window.history.replaceState(null, '', location.pathname + hash);
    }
    this.loaded(await this.manager.getUser());
    return true;
  }

  /** The signed-in user's name (`sub` of the ID token's profile). */
  get userName(): string | undefined {
    return this.user?.profile.sub;
  }

  /** The current access token, while it has not expired. */
  token(): string | undefined {
    return this.user && !this.user.expired ? this.user.access_token : undefined;
  }

  /** A token for a socket the gateway closed with 4401: the renewed one, or one renewed now; none when that fails. */
  async refreshToken(): Promise<string | undefined> {
    return this.token() ?? (await this.renew()) ?? undefined;
  }

  onChange(listener: (user: User | null) => void): void {
    this.listeners.add(listener);
  }

  /** Off to the provider's login page; back on the same route. */
  signIn(): Promise<void> {
    return this.manager.signinRedirect({ state: this.window.location.hash });
  }

  /** Ends the provider's session too, and comes back to the UI. */
  async signOut(): Promise<void> {
    clearTimeout(this.timer);
    const user = this.user;
    await this.manager.removeUser();
    await this.manager.signoutRedirect({ id_token_hint: user?.id_token });
  }

  private async renew(): Promise<string | undefined> {
    try {
      this.loaded(await this.manager.signinSilent());
    } catch {
      // the provider's session ended (login_required) or it did not answer in time: try again while the token lasts,
      // then the person signs in again
      if (this.token()) this.timer = setTimeout(() => void this.renew(), RENEW_RETRY_MS);
      else this.loaded(null);
    }
    return this.token();
  }

  private loaded(user: User | null): void {
    this.user = user && !user.expired ? user : null;
    clearTimeout(this.timer);
    if (this.user?.expires_in !== undefined) {
      this.timer = setTimeout(() => void this.renew(), renewDelayMs(this.user.expires_in));
    }
    for (const listener of this.listeners) listener(this.user);
  }
}
