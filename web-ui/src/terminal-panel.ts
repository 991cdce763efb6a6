import { TerminalClient, type ConnectionOptions } from '@envstream/client';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { ConnectionIndicator } from './connection-state.js';
import { h } from './dom.js';
import {
  ATTACHED_ELSEWHERE, endDetachedSession, forgetSession, type KeyValues, REATTACH_RETRIES, REATTACH_RETRY_MS, saveSession, savedFontSize,
  savedSession, SESSION_GONE, stepFontSize,
} from './terminal-session.js';

/**
 * An interactive shell in the environment: xterm.js fitted to the panel; the PTY follows every size change of the
 * window or the panel (the fit addon computes columns and rows, the client sends `resize`). The shell outlives the
 * socket (see `terminal-session.ts`): a drop, a reload or leaving the environment detaches it, and the panel reattaches
 * to it with what it printed meanwhile; "End session" ends it. Copy and paste through the clipboard (buttons, or
 * Ctrl+Shift+C / Ctrl+Shift+V, since Ctrl+C belongs to the shell); the font size is kept per browser.
 */
export class TerminalPanel {
  readonly element: HTMLDivElement;
  private readonly terminal: Terminal;
  private readonly fit = new FitAddon();
  private readonly screen = h('div', { class: 'terminal-screen', 'data-testid': 'terminal' });
  private readonly state = h('div', { class: 'terminal-state' });
  private readonly resizeObserver: ResizeObserver;
  private client: TerminalClient | undefined;
  private indicator: ConnectionIndicator | undefined;
  /** The session this panel's shell runs in, once `ready` said so. */
  private session: string | undefined;

  constructor(
    private readonly environmentId: string,
    private readonly connection: ConnectionOptions,
    private readonly onUnauthorized: () => void,
    private readonly storage: KeyValues = sessionStorage,
    private readonly preferences: KeyValues = localStorage,
  ) {
    this.terminal = new Terminal({ cursorBlink: true, fontFamily: 'DejaVu Sans Mono, monospace', fontSize: savedFontSize(preferences), scrollback: 5000 });
    this.terminal.loadAddon(this.fit);
    this.element = h('div', { class: 'terminal-panel' }, this.toolbar(), this.screen, this.state);
    this.terminal.onData((data) => this.client?.input(data));
    this.terminal.onResize(({ cols, rows }) => this.client?.resize(cols, rows));
    this.terminal.attachCustomKeyEventHandler((event) => this.shortcut(event));
    this.resizeObserver = new ResizeObserver(() => this.fitNow());
    // opened once the panel is in the document, so the first size (cols/rows of the URL) is the real one
    requestAnimationFrame(() => {
      this.terminal.open(this.screen);
      this.fitNow();
      this.resizeObserver.observe(this.screen);
      this.attach(savedSession(storage, environmentId));
    });
  }

  /** Closes the socket; the shell stays detached for its grace period and the next panel reattaches to it. */
  dispose(): void {
    this.resizeObserver.disconnect();
    this.indicator?.dispose();
    this.client?.close();
    this.terminal.dispose();
  }

  private toolbar(): HTMLElement {
    const button = (label: string, testId: string, title: string, action: () => void) => {
      const element = h('button', { type: 'button', 'data-testid': testId, title }, label);
      element.addEventListener('click', action);
      return element;
    };
    return h('div', { class: 'toolbar terminal-toolbar' },
      button('Copy', 'terminal-copy', 'Copy the selection (Ctrl+Shift+C)', () => void this.copy()),
      button('Paste', 'terminal-paste', 'Paste the clipboard (Ctrl+Shift+V)', () => void this.paste()),
      button('A−', 'terminal-font-smaller', 'Smaller font', () => this.fontSize(-1)),
      button('A+', 'terminal-font-larger', 'Larger font', () => this.fontSize(1)),
      button('End session', 'terminal-end', 'End the shell and every process it started', () => void this.end()),
    );
  }

  /** A new connection: reattaching to `session` when given, else a new shell. */
  private attach(session: string | undefined): void {
    const client = new TerminalClient({ ...this.connection, environmentId: this.environmentId, session, cols: this.terminal.cols, rows: this.terminal.rows });
    this.client = client;
    this.indicator?.dispose();
    this.indicator = new ConnectionIndicator('terminal', client, this.onUnauthorized);
    this.state.replaceChildren(this.indicator.element);
    client.onOutput((data) => this.terminal.write(data));
    client.onExit((code) => {
      forgetSession(this.storage, this.environmentId);
      this.terminal.write(`\r\n\x1b[2m[shell exited with code ${code}]\x1b[0m\r\n`);
    });
    client.onReady((ready) => {
      if (this.session !== undefined && ready !== this.session) this.terminal.write('\r\n\x1b[2m[reconnected: a new shell]\x1b[0m\r\n');
      else if (this.session === undefined && ready === session) this.terminal.write('\x1b[2m[reattached to the running shell]\x1b[0m\r\n');
      this.session = ready;
      saveSession(this.storage, this.environmentId, ready);
      // from now on a closing socket leaves the shell running (the agent forgets this after each reattach)
      client.detach();
      this.element.dataset.session = ready;
      this.terminal.focus();
    });
    let retries = 0;
    client.onState((state) => {
      if (state.kind !== 'closed' || this.client !== client) return;
      if (state.code === SESSION_GONE && client.sessionId !== undefined) {
        // the stored session ended meanwhile (exit, grace expired): start a new shell
        forgetSession(this.storage, this.environmentId);
        client.close();
        this.attach(undefined);
      } else if (state.code === ATTACHED_ELSEWHERE && retries++ < REATTACH_RETRIES) {
        // the dropped connection has not closed at the agent yet
        setTimeout(() => this.client === client && client.reconnectNow(), REATTACH_RETRY_MS);
      }
    });
    client.connect();
  }

  private async end(): Promise<void> {
    const client = this.client;
    const session = client?.sessionId;
    this.client = undefined;
    client?.close();
    forgetSession(this.storage, this.environmentId);
    this.session = undefined;
    delete this.element.dataset.session;
    const start = h('button', { type: 'button', class: 'link', 'data-testid': 'terminal-new' }, 'start a new shell');
    start.addEventListener('click', () => {
      this.terminal.reset();
      this.attach(undefined);
    });
    const said = h('span', { 'data-testid': 'terminal-ended' }, 'terminal: ending the session…');
    this.indicator?.dispose();
    this.state.replaceChildren(said);
    try {
      if (session) await endDetachedSession(this.connection, this.environmentId, session);
      said.textContent = 'terminal: session ended';
      this.terminal.write('\r\n\x1b[2m[session ended]\x1b[0m\r\n');
    } catch (error) {
      said.textContent = `terminal: the session could not be ended (${(error as Error).message}); it ends by itself after its grace period`;
    }
    this.state.append(' · ', start);
  }

  private shortcut(event: KeyboardEvent): boolean {
    if (event.type !== 'keydown' || !event.ctrlKey || !event.shiftKey) return true;
    if (event.code === 'KeyC') void this.copy();
    else if (event.code === 'KeyV') void this.paste();
    else return true;
    event.preventDefault();
    return false;
  }

  private async copy(): Promise<void> {
    const selection = this.terminal.getSelection();
    if (selection) await navigator.clipboard.writeText(selection);
    this.terminal.focus();
  }

  private async paste(): Promise<void> {
    const text = await navigator.clipboard.readText();
    // xterm's paste brackets the text when the shell asked for it, and sends it through onData
    if (text) this.terminal.paste(text);
    this.terminal.focus();
  }

  private fontSize(step: number): void {
    this.terminal.options.fontSize = stepFontSize(this.preferences, this.terminal.options.fontSize ?? savedFontSize(this.preferences), step);
    this.element.dataset.fontSize = String(this.terminal.options.fontSize);
    this.fitNow();
  }

  private fitNow(): void {
    if (this.element.isConnected && this.element.offsetParent !== null) this.fit.fit();
  }
}
