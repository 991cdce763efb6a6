import { getAlertRules, HttpError, type Alert, type AlertRule } from '@envstream/client';
import { h } from './dom.js';

/** The rules page's address. */
export const ALERT_RULES_ROUTE = '#/alerts/rules';

/** How long a rule without a window counts as firing after its alert (a metric breach or an exit has no end in the alert). */
const FIRING_WITHOUT_WINDOW_MS = 5 * 60_000;

export function isAlertRulesRoute(hash: string): boolean {
  return hash.replace(/^#/, '').split('?')[0] === '/alerts/rules';
}

/** An ISO 8601 duration in milliseconds (days, hours, minutes, seconds: what the alerts app writes); `undefined` if it is none. */
export function durationMs(iso: string | null): number | undefined {
  const match = iso ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso) : null;
  if (!match || iso === 'P' || iso?.endsWith('T')) return undefined;
  const [, days = '0', hours = '0', minutes = '0', seconds = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60_000 + Number(seconds) * 1000;
}

/** An ISO 8601 duration in words: `PT1M` → "1 min", `PT90S` → "1 min 30 s", `P1D` → "24 h"; "—" for none. */
export function durationLabel(iso: string | null): string {
  if (!iso) return '—';
  const ms = durationMs(iso);
  if (ms === undefined) return iso;
  const total = ms / 1000;
  const parts = [[Math.floor(total / 3600), 'h'], [Math.floor((total % 3600) / 60), 'min'], [Math.round((total % 60) * 1000) / 1000, 's']] as const;
  const words = parts.filter(([value]) => value > 0).map(([value, unit]) => `${value} ${unit}`);
  return words.length > 0 ? words.join(' ') : '0 s';
}

const METRICS: Record<NonNullable<AlertRule['metric']>, string> = {
  CPU_PERCENT: 'CPU %', MEMORY_BYTES: 'memory (bytes)', MEMORY_PERCENT: 'memory % of the limit', PIDS: 'processes',
};

/** What makes the rule fire, in words. */
export function conditionLabel(rule: AlertRule): string {
  if (rule.kind === 'LOG_PATTERN') return `lines matching ${rule.pattern ?? ''}`;
  if (rule.kind === 'METRIC_THRESHOLD') return `${rule.metric ? METRICS[rule.metric] : 'metric'} above the threshold for ${durationLabel(rule.forDuration)}`;
  if (rule.event === 'EXITED_NON_ZERO') return 'an exit with a code other than 0';
  if (rule.event === 'UNHEALTHY') return 'turns unhealthy';
  return 'restarts';
}

/** The number the rule compares with: lines or restarts within the window, or the metric's limit. */
export function thresholdLabel(rule: AlertRule): string {
  if (rule.kind === 'METRIC_THRESHOLD') return rule.above !== null ? `> ${rule.above}` : '—';
  return rule.atLeast !== null ? `≥ ${rule.atLeast}` : '—';
}

/** Which environments the rule watches: its one id, or the labels they all carry. */
export function selectorLabel(rule: AlertRule): string {
  return rule.envId ?? Object.entries(rule.labels).map(([key, value]) => `${key}=${value}`).join(', ');
}

/**
 * The newest alert of the rule that still counts as firing at `now`: fired within the rule's window (a windowed
 * rule fires once per window), or within 5 minutes for a rule without one.
 */
export function firingAlert(rule: AlertRule, alerts: readonly Alert[], now: number): Alert | undefined {
  const lasting = durationMs(rule.window) ?? FIRING_WITHOUT_WINDOW_MS;
  return alerts
    .filter((alert) => alert.ruleId === rule.id && now - Date.parse(alert.fired) <= lasting)
    .sort((a, b) => Date.parse(b.fired) - Date.parse(a.fired))[0];
}

/** The environment an alert is about, from its id `ruleId:envId:windowStartMillis`. */
export function alertEnvironment(alert: Alert): string {
  return alert.id.slice(alert.id.indexOf(':') + 1, alert.id.lastIndexOf(':'));
}

/**
 * Whether the caller may read the rules (an admin): asks the gateway once. A refusal (403, 401) or a gateway without
 * the endpoint (404) means no; 502 or 503 (no alerts app, or it is down) is an admin's answer: the page says why.
 */
export async function mayReadAlertRules(token: string, baseUrl?: string): Promise<boolean> {
  try {
    await getAlertRules({ token, baseUrl });
    return true;
  } catch (error) {
    return error instanceof HttpError && (error.status === 502 || error.status === 503);
  }
}

/**
 * The alert rules page (`#/alerts/rules`, admins): each rule of the alerts app with what it watches, its condition,
 * window and threshold, and whether it is firing, from the alerts the page has seen since it opened (the bell's).
 */
export class AlertRulesPage {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private rules: AlertRule[] | undefined;

  constructor(token: string, baseUrl: string | undefined, private readonly alerts: () => readonly Alert[]) {
    this.body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'hint' }, 'loading the rules…'));
    this.element = h('section', { class: 'alert-rules', 'data-testid': 'alert-rules' },
      h('h1', {}, 'Alert rules'),
      h('p', { class: 'hint' }, 'The alerts app\'s rules. "Firing" is from the alerts this page has received since it opened.'),
      this.body);
    getAlertRules({ token, baseUrl }).then(
      (rules) => {
        this.rules = rules;
        this.render();
      },
      (error: Error) => this.body.replaceChildren(h('p', { class: 'error', role: 'alert', 'data-testid': 'alert-rules-error' }, error.message)),
    );
  }

  /** Draws the firing states again (a new alert came). */
  render(): void {
    if (!this.rules) return;
    if (this.rules.length === 0) {
      this.body.replaceChildren(h('p', { class: 'hint' }, 'The alerts app has no rules.'));
      return;
    }
    const now = Date.now();
    const seen = this.alerts();
    this.body.replaceChildren(
      h('table', { class: 'alert-rules-table' },
        h('thead', {}, h('tr', {}, ...['Rule', 'Watches', 'Condition', 'Window', 'Threshold', 'State'].map((title) => h('th', { scope: 'col' }, title)))),
        h('tbody', {}, ...this.rules.map((rule) => {
          const firing = firingAlert(rule, seen, now);
          return h('tr', { 'data-testid': 'alert-rule', 'data-rule-id': String(rule.id), 'data-firing': String(Boolean(firing)) },
            h('th', { scope: 'row' }, rule.name),
            h('td', {}, selectorLabel(rule)),
            h('td', {}, conditionLabel(rule)),
            h('td', {}, durationLabel(rule.window)),
            h('td', {}, thresholdLabel(rule)),
            h('td', {}, firing
              ? h('span', { class: 'badge firing' }, `firing: ${alertEnvironment(firing)} at ${new Date(firing.fired).toLocaleTimeString()}`)
              : h('span', { class: 'badge quiet' }, 'not firing')));
        }))));
  }
}
