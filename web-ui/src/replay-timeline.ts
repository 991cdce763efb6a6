import { getActivity, type Activity, type ActivityBucket, type ReplaySpeed } from '@envstream/client';
import { h } from './dom.js';

/** The activity shown: the last hour, a bar a minute, fetched again this often. */
const RANGE_MS = 60 * 60 * 1000;
const REFRESH_MS = 15_000;

export const SPEEDS: readonly ReplaySpeed[] = [1, 2, 10, 100, 'max'];
export const DEFAULT_SPEED: ReplaySpeed = 10;

/** Bar heights in px for the buckets' lines (at least 1 px for a step with any line, 0 for none). */
export function barHeights(buckets: readonly ActivityBucket[], maxPx: number): number[] {
  const totals = buckets.map((bucket) => bucket.lines.stdout + bucket.lines.stderr);
  const most = Math.max(0, ...totals);
  return totals.map((total) => (total === 0 ? 0 : Math.max(1, Math.round((total / most) * maxPx))));
}

/** A speed as the selector spells it (`10`, `max`), or undefined when it is none of {@link SPEEDS}. */
export function parseSpeed(value: string): ReplaySpeed | undefined {
  return SPEEDS.find((speed) => String(speed) === value);
}

/** The RFC 3339 time of a `datetime-local` field's value (the browser's time zone), or undefined when it is empty or bad. */
export function localTimeToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/**
 * One formatter for every clock time: `toLocaleTimeString` with options builds a new `Intl.DateTimeFormat` on each
 * call (about 1 ms), and the timeline labels 120 of them on every refresh, a main-thread task over 100 ms.
 */
const CLOCK = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** `HH:MM:SS` of an RFC 3339 time, in the browser's time zone. */
export function clock(iso: string): string {
  return CLOCK.format(new Date(iso));
}

export interface TimelineActions {
  /** Replay from `since` at `speed`, then on into the live stream. */
  replay(since: string, speed: ReplaySpeed): void;
  /** History from `since` as fast as it comes, then live. */
  jump(since: string): void;
  /** Change the running replay's pace. */
  speed(speed: ReplaySpeed): void;
  /** The live tail again. */
  live(): void;
}

/**
 * Above the log list: the environment's activity of the last hour as a bar a minute (stdout and stderr lines, errors
 * marked; a click on a bar replays from that minute at the chosen speed), "jump to time", the speed selector, where
 * the replay is, and "back to live".
 */
export class ReplayTimeline {
  readonly element: HTMLElement;
  private readonly bars = h('div', { class: 'timeline-bars', 'data-testid': 'timeline', role: 'group', 'aria-label': 'activity of the last hour: a bar a minute, click to replay from there' });
  private readonly position = h('span', { class: 'timeline-position', 'data-testid': 'replay-position', role: 'status' });
  private readonly liveButton = h('button', { type: 'button', 'data-testid': 'back-to-live', hidden: true }, 'Back to live');
  private readonly speedSelect = h('select', { 'data-testid': 'replay-speed', title: 'replay speed' },
    ...SPEEDS.map((speed) => h('option', { value: String(speed), selected: speed === DEFAULT_SPEED }, speed === 'max' ? 'max' : `${speed}×`)));
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly environmentId: string,
    private readonly token: () => string | undefined,
    private readonly actions: TimelineActions,
  ) {
    const time = h('input', { type: 'datetime-local', step: '1', 'data-testid': 'jump-time', 'aria-label': 'jump to time' });
    const jump = h('button', { type: 'button', 'data-testid': 'jump' }, 'Jump to time');
    jump.addEventListener('click', () => {
      const since = localTimeToIso(time.value);
      if (since) actions.jump(since);
    });
    this.speedSelect.addEventListener('change', () => {
      const speed = parseSpeed(this.speedSelect.value);
      if (speed !== undefined) actions.speed(speed);
    });
    this.liveButton.addEventListener('click', () => actions.live());
    this.bars.addEventListener('click', (event) => {
      const start = (event.target as Element).closest<HTMLElement>('[data-start]')?.dataset.start;
      if (start) actions.replay(start, parseSpeed(this.speedSelect.value) ?? DEFAULT_SPEED);
    });
    this.element = h('div', { class: 'timeline' },
      this.bars,
      h('div', { class: 'toolbar timeline-toolbar' }, time, jump, h('label', {}, 'replay speed ', this.speedSelect), this.position, this.liveButton));
    void this.load();
    this.timer = setInterval(() => void this.load(), REFRESH_MS);
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  /** What the log list shows now: the live tail, or a replay/jump (where it is, when known). */
  showMode(mode: { kind: 'live' } | { kind: 'history'; since: string; at?: string; speed?: ReplaySpeed }): void {
    this.element.dataset.mode = mode.kind;
    this.liveButton.hidden = mode.kind === 'live';
    this.position.textContent = mode.kind === 'live' ? 'live'
      : `${mode.speed === undefined ? 'from' : `replaying at ${mode.speed === 'max' ? 'max speed' : `${mode.speed}×`} from`} ${clock(mode.since)}${mode.at ? `, now at ${clock(mode.at)}` : ''}`;
  }

  private async load(): Promise<void> {
    const token = this.token();
    if (!token) return;
    const to = new Date();
    try {
      this.draw(await getActivity({ token, environmentId: this.environmentId, from: new Date(to.getTime() - RANGE_MS).toISOString(), to: to.toISOString(), step: '1m' }));
    } catch (error) {
      this.bars.replaceChildren(h('span', { class: 'hint' }, `activity unavailable: ${(error as Error).message}`));
    }
  }

  private draw(activity: Activity): void {
    const heights = barHeights(activity.buckets, 40);
    this.bars.replaceChildren(...activity.buckets.map((bucket, i) => {
      const lines = bucket.lines.stdout + bucket.lines.stderr;
      const bar = h('button', {
        type: 'button', class: `timeline-bar${bucket.errors > 0 ? ' errors' : ''}`, 'data-start': bucket.start, 'data-lines': String(lines),
        title: `${clock(bucket.start)}: ${lines} lines, ${bucket.errors} errors, ${bucket.warnings} warnings${bucket.restarts ? `, ${bucket.restarts} restarts` : ''}`,
        'aria-label': `replay from ${clock(bucket.start)} (${lines} lines)`,
      });
      bar.style.setProperty('--height', `${heights[i]}px`);
      return bar;
    }));
  }
}
