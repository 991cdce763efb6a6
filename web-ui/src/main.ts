import type { ConnectionOptions } from '@envstream/client';
import { describeToken, loadToken, saveToken, takeTokenFromHash, TOKEN_KEY } from './auth.js';
import { AlertBell } from './alert-bell.js';
import { AlertRulesPage, isAlertRulesRoute, mayReadAlertRules } from './alert-rules.js';
import { h } from './dom.js';
import { EnvironmentList } from './environment-list.js';
import { FleetOverview } from './fleet-overview.js';
import { LogsTab } from './logs-tab.js';
import { MergedView, MultiPicker, parseMultiRoute, SplitView } from './multi-view.js';
import { fetchSignInConfig, OidcSession } from './oidc.js';
import { allowedTabs, formatRoute, parseRoute, type Route, type Tab } from './route.js';
import { StatusPanel } from './status-panel.js';
import { TerminalPanel } from './terminal-panel.js';
import './style.css';

interface Disposable {
  element: HTMLElement;
  dispose(): void;
}

/**
 * Where the page's token comes from: the OpenID Connect provider the gateway names (`signIn` sends the person there),
 * or standalone's stored token (no `signIn`: a link to `/signin` and a field to paste a token).
 */
interface Auth {
  user(): string | undefined;
  token(): string | undefined;
  /** After a 4401: a fresh token, or none (the person must sign in again). */
  refreshToken(): Promise<string | undefined>;
  signOut(): void;
  signIn?: () => void;
}

/**
 * The page: header with the alerts bell, the user and a sign-in box when the token is missing or refused, the
 * environment list, the fleet overview at `#/`, and for the selected environment the logs, terminal and status tabs (each tab's connection opens when first shown and
 * lives until another environment is chosen). The terminal tab is there only when the list says the caller may exec.
 */
class App {
  private readonly main = h('main', { class: 'content' });
  private readonly signIn = h('div', { class: 'signin', hidden: true, 'data-testid': 'signin' });
  private environments: EnvironmentList | undefined;
  private overview: FleetOverview | undefined;
  private readonly bell = new AlertBell();
  /** The merged or split view (or its picker) while the address asks for several environments. */
  private multi: Disposable | undefined;
  private rules: AlertRulesPage | undefined;
  private current:
    | { environmentId: string; requested: Tab; line: Route['line']; shown?: Tab; tabs: Partial<Record<Tab, Disposable>>; box: HTMLElement; nav: HTMLElement }
    | undefined;

  constructor(private readonly root: HTMLElement, private readonly auth: Auth) {}

  start(): void {
    const token = this.auth.token();
    const signOut = h('button', { type: 'button', class: 'link', 'data-testid': 'signout' }, 'sign out');
    signOut.addEventListener('click', () => this.auth.signOut());
    this.root.append(
      h('header', {},
        h('span', {}, h('a', { class: 'brand', href: '#/' }, 'envstream'), ' ',
          h('a', { class: 'nav-link', href: '#/merged', 'data-testid': 'nav-multi' }, 'several environments')),
        h('div', { class: 'header-end' }, token ? this.bell.element : '',
          h('span', { class: 'who', 'data-testid': 'who' }, token ? `signed in as ${this.auth.user() ?? 'unknown user'}` : 'not signed in', token ? ' · ' : '', token ? signOut : '')),
      ),
      this.signIn,
    );
    if (!token) {
      this.showSignIn('You are not signed in.');
      return;
    }
    const connection: ConnectionOptions = { token: () => this.auth.token(), refreshToken: () => this.auth.refreshToken() };
    const unauthorized = () => this.showSignIn('Your token was refused (missing, expired or not valid here).');
    this.overview = new FleetOverview(() => this.auth.token(), connection.baseUrl);
    this.environments = new EnvironmentList(() => this.auth.token(), connection, unauthorized, () => {
      this.showTab(connection, unauthorized);
      this.overview?.update(this.environments?.all() ?? []);
    }, (environmentId, alert) => {
      this.bell.add(environmentId, alert);
      this.rules?.render();
    });
    void mayReadAlertRules(token, connection.baseUrl).then((may) => may && this.bell.showRulesLink());
    this.root.append(h('div', { class: 'layout' }, this.environments.element, this.main));
    window.addEventListener('hashchange', () => this.route(parseRoute(location.hash), connection, unauthorized));
    this.route(parseRoute(location.hash), connection, unauthorized);
  }

  showSignIn(why: string): void {
    if (this.auth.signIn) {
      const button = h('button', { type: 'button', 'data-testid': 'signin-button' }, 'Sign in');
      button.addEventListener('click', () => this.auth.signIn?.());
      this.signIn.replaceChildren(h('p', {}, why, ' ', button));
      this.signIn.hidden = false;
      return;
    }
    const field = h('input', { type: 'password', placeholder: 'paste a token (JWT)', 'data-testid': 'token-input', autocomplete: 'off' });
    const save = h('button', { type: 'submit' }, 'Use this token');
    const form = h('form', {}, field, save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      saveToken(localStorage, field.value);
      location.reload();
    });
    this.signIn.replaceChildren(
      h('p', {}, why, ' ', h('a', { href: '/signin', 'data-testid': 'signin-link' }, 'Sign in'),
        ' (standalone), or paste a token, e.g. from ', h('code', {}, 'infra/dev/token.sh <user> --admin'), ':'),
      form,
    );
    this.signIn.hidden = false;
  }

  private route(route: Route, connection: ConnectionOptions, unauthorized: () => void): void {
    this.rules = undefined;
    if (isAlertRulesRoute(location.hash)) {
      this.close();
      this.environments?.select(undefined);
      this.rules = new AlertRulesPage(this.auth.token() ?? '', connection.baseUrl, () => this.bell.recent);
      this.main.replaceChildren(this.rules.element);
      return;
    }
    const multi = parseMultiRoute(location.hash);
    if (multi) {
      this.close();
      this.environments?.select(undefined);
      const { kind, environments } = multi;
      this.multi = environments.length === 0 || (kind === 'split' && environments.length !== 2)
        ? new MultiPicker(() => this.auth.token(), connection, environments)
        : kind === 'merged' ? new MergedView(environments, connection, unauthorized) : new SplitView(environments, connection, unauthorized);
      this.main.replaceChildren(this.multi.element);
      return;
    }
    this.environments?.select(route.environmentId);
    if (!route.environmentId) {
      this.close();
      this.main.replaceChildren(this.overview!.element);
      this.overview!.update(this.environments?.all() ?? []);
      return;
    }
    if (this.current?.environmentId !== route.environmentId || route.line) {
      this.close();
      const nav = h('div', { class: 'tabs' });
      const box = h('div', { class: 'tab-box' });
      this.current = { environmentId: route.environmentId, requested: route.tab, line: route.line, tabs: {}, box, nav };
      this.main.replaceChildren(h('h1', { 'data-testid': 'env-title' }, route.environmentId), nav, box);
    }
    this.current!.requested = route.tab;
    this.showTab(connection, unauthorized);
  }

  /**
   * Shows the requested tab, or the logs when the caller may not use it (a terminal without exec); again whenever the
   * environment list answers, since that is where the permissions come from.
   */
  private showTab(connection: ConnectionOptions, unauthorized: () => void): void {
    const current = this.current;
    if (!current) return;
    const tabs = allowedTabs(this.environments?.environment(current.environmentId));
    const tab = tabs.includes(current.requested) ? current.requested : 'logs';
    if (!current.tabs[tab]) {
      const id = current.environmentId;
      const panel: Disposable =
        tab === 'terminal' ? new TerminalPanel(id, connection, unauthorized)
        : tab === 'status' ? new StatusPanel(id, connection, unauthorized)
        : new LogsTab(id, connection, unauthorized, current.line);
      current.tabs[tab] = panel;
      current.box.append(panel.element);
    }
    current.nav.replaceChildren(
      ...tabs.map((each) =>
        h('a', { href: formatRoute({ environmentId: current.environmentId, tab: each }), class: each === tab ? 'active' : undefined, 'data-testid': `tab-${each}` },
          each[0]!.toUpperCase() + each.slice(1))),
    );
    if (current.shown === tab) return;
    current.shown = tab;
    for (const [each, panel] of Object.entries(current.tabs)) panel!.element.hidden = each !== tab;
    window.dispatchEvent(new Event('resize'));
  }

  private close(): void {
    if (this.current) Object.values(this.current.tabs).forEach((panel) => panel!.dispose());
    this.current = undefined;
    this.multi?.dispose();
    this.multi = undefined;
  }
}

/** Standalone's token: from `#token=` (then out of the address) or `localStorage`, renewed only by a new one stored. */
function storedTokenAuth(): Auth {
  const fromHash = takeTokenFromHash(location.hash);
  if (fromHash.token) {
    saveToken(localStorage, fromHash.token);
    history.replaceState(null, '', location.pathname + location.search + fromHash.hash);
  }
  const token = loadToken(localStorage);
  return {
    user: () => (token ? describeToken(token).user : undefined),
    token: () => loadToken(localStorage),
    // a token stored meanwhile (another tab, the sign-in box) is the fresh one; otherwise ask the person
    refreshToken: async () => {
      const stored = loadToken(localStorage);
      return stored && stored !== token ? stored : undefined;
    },
    signOut: () => {
      localStorage.removeItem(TOKEN_KEY);
      location.reload();
    },
  };
}

/** Signs in at the provider the gateway names, or else uses standalone's token. */
async function boot(root: HTMLElement): Promise<void> {
  const config = await fetchSignInConfig().catch(() => undefined);
  if (!config) {
    new App(root, storedTokenAuth()).start();
    return;
  }
  const session = new OidcSession(config, window);
  let failed: string | undefined;
  try {
    if (!(await session.start())) return;
  } catch (error) {
    history.replaceState(null, '', location.pathname + location.hash);
    failed = `Sign-in failed: ${(error as Error).message}.`;
  }
  const app = new App(root, {
    user: () => session.userName,
    token: () => session.token(),
    refreshToken: () => session.refreshToken(),
    signOut: () => void session.signOut(),
    signIn: () => void session.signIn(),
  });
  app.start();
  if (failed) app.showSignIn(failed);
  session.onChange((user) => {
    if (!user) app.showSignIn('Your sign-in has ended.');
  });
}

void boot(document.getElementById('app')!);
