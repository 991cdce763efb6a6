import type { Alert } from '@envstream/client';
import { AlertList, kindLabel } from './alert-list.js';
import { ALERT_RULES_ROUTE } from './alert-rules.js';
import { h } from './dom.js';
import { formatRoute } from './route.js';

/** Firings the bell lists; older ones drop off. */
const SHOWN = 20;

/** A bell drawn in the text's colour (an emoji would need a font the machine may not have). */
function bellIcon(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('d', 'M8 1.5a4.5 4.5 0 0 0-4.5 4.5v2.6L2 11v1h12v-1l-1.5-2.4V6A4.5 4.5 0 0 0 8 1.5zM6.3 13a1.8 1.8 0 0 0 3.4 0z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/**
 * The header's bell: the alerts that fired since the page opened, of the environments whose status the page follows
 * (the environment list's live badges), newest first, each once; the count of those not seen yet. Opening the list
 * marks them seen; Escape or a click elsewhere closes it. Each links to its environment's status; below them, for an
 * admin ({@link showRulesLink}), a link to the alert rules page.
 */
export class AlertBell {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly count: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly rulesLink = h('a', { href: ALERT_RULES_ROUTE, class: 'bell-rules', 'data-testid': 'alert-rules-link', hidden: true }, 'alert rules');
  private readonly list = new AlertList(SHOWN);
  private readonly environments = new Map<string, string>();
  private unseen = 0;

  constructor() {
    this.count = h('span', { class: 'bell-count', 'data-testid': 'bell-count', hidden: true });
    this.button = h('button', { type: 'button', class: 'bell', 'aria-expanded': 'false', 'aria-controls': 'alert-bell-panel', 'data-testid': 'bell' },
      bellIcon(), h('span', { class: 'visually-hidden' }, 'alerts'), this.count);
    this.panel = h('div', { class: 'bell-panel', id: 'alert-bell-panel', role: 'region', 'aria-label': 'firing alerts', hidden: true, 'data-testid': 'bell-panel' });
    this.element = h('div', { class: 'bell-box' }, this.button, this.panel);
    this.button.addEventListener('click', () => this.toggle(this.panel.hidden));
    this.rulesLink.addEventListener('click', () => this.toggle(false));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.panel.hidden) {
        this.toggle(false);
        this.button.focus();
      }
    });
    document.addEventListener('click', (event) => {
      if (!this.panel.hidden && !this.element.contains(event.target as Node)) this.toggle(false);
    });
    this.render();
  }

  /** A firing of an environment's rule, as the status endpoint pushes it; a repeat of a held id changes nothing. */
  add(environmentId: string, alert: Alert): void {
    if (!this.list.add(alert)) return;
    this.environments.set(alert.id, environmentId);
    if (this.panel.hidden) this.unseen++;
    this.render();
  }

  /** The alerts held (the last 20 since the page opened), newest first. */
  get recent(): readonly Alert[] {
    return this.list.shown;
  }

  /** Shows the link to the rules page: the caller may read them. */
  showRulesLink(): void {
    this.rulesLink.hidden = false;
  }

  private toggle(open: boolean): void {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
    if (open) this.unseen = 0;
    this.render();
  }

  private render(): void {
    this.count.hidden = this.unseen === 0;
    this.count.textContent = String(this.unseen);
    this.button.setAttribute('aria-label', `alerts: ${this.list.shown.length} fired, ${this.unseen} not seen`);
    if (this.list.shown.length === 0) {
      this.panel.replaceChildren(h('p', { class: 'hint' }, 'No alert has fired since the page opened.'), this.rulesLink);
      return;
    }
    this.panel.replaceChildren(
      h('ul', { class: 'alerts' },
        ...this.list.shown.map((alert) => {
          const environmentId = this.environments.get(alert.id) ?? '';
          return h('li', { class: 'alert', 'data-testid': 'bell-alert', title: `${alert.rule}: observed ${alert.observed}, threshold ${alert.threshold}` },
            h('span', { class: 'alert-time' }, new Date(alert.fired).toLocaleTimeString()),
            h('span', { class: 'alert-kind' }, kindLabel(alert.kind)),
            h('a', { href: formatRoute({ environmentId, tab: 'status' }) }, environmentId), ' ', alert.summary);
        })),
      this.rulesLink,
    );
  }
}
