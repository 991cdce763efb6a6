import { h } from './dom.js';
import type { Line } from './log-store.js';

/**
 * Every field of one JSON line, under the list: nested objects and arrays as collapsible groups (open to the second
 * level), values coloured by type; closed with its button or Escape.
 */
export class LogFields {
  readonly element = h('section', { class: 'log-fields', 'data-testid': 'log-fields', hidden: true, 'aria-label': 'fields of a JSON line' });

  constructor() {
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
    });
  }

  show(line: Line, fields: Record<string, unknown>): void {
    const close = h('button', { type: 'button', class: 'link', 'data-testid': 'log-fields-close' }, 'close');
    close.addEventListener('click', () => this.close());
    this.element.replaceChildren(
      h('div', { class: 'log-fields-title' }, `${line.timestamp} ${line.stream} · ${Object.keys(fields).length} fields `, close),
      tree(fields, 0),
    );
    this.element.hidden = false;
    close.focus();
  }

  close(): void {
    this.element.hidden = true;
    this.element.replaceChildren();
  }
}

function tree(value: Record<string, unknown> | unknown[], depth: number): HTMLElement {
  const list = h('dl', { class: 'log-fields-list' });
  for (const [key, child] of Object.entries(value)) {
    if (child !== null && typeof child === 'object') {
      const size = Object.keys(child).length;
      const group = h('details', { open: depth < 1, 'data-field': key },
        h('summary', {}, h('span', { class: 'log-key' }, key), ` ${Array.isArray(child) ? `[${size}]` : `{${size}}`}`),
        tree(child as Record<string, unknown>, depth + 1));
      list.append(h('div', { class: 'log-field-group' }, group));
    } else {
      list.append(h('div', { class: 'log-field', 'data-field': key },
        h('dt', { class: 'log-key' }, key),
        h('dd', { class: `log-value ${child === null ? 'null' : typeof child}` }, typeof child === 'string' ? child : String(child))));
    }
  }
  return list;
}
