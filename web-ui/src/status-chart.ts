import type { Activity, Status } from '@envstream/client';
import type uPlot from 'uplot';

/** How much the charts show: the gateway sends this much history on connect. */
export const WINDOW_SECONDS = 15 * 60;

/** A status change drawn on the charts' time axis. */
export interface Marker {
  /** Seconds since the epoch. */
  t: number;
  status: Status['status'];
  exitCode?: number;
  /**
   * Set on a marker from the activity history: the restarts counted in the minute starting at `t` (they happened
   * before the page opened, when no status message told it the exact time).
   */
  restarts?: number;
}

/** The theme's colour of a CSS variable (the charts draw on a canvas, which CSS does not reach). */
export function themeColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** How a marker reads: "exited (3)", "running". */
export function markerLabel(marker: Marker): string {
  if (marker.restarts !== undefined) return marker.restarts > 1 ? `restarted ×${marker.restarts}` : 'restarted';
  return marker.exitCode !== undefined && marker.status !== 'running' ? `${marker.status} (${marker.exitCode})` : marker.status;
}

/** The colour variable of a state: going down red, in between amber, up green. */
export function markerColourVariable(status: Status['status']): string {
  if (status === 'running') return '--ansi-green';
  if (status === 'restarting' || status === 'paused' || status === 'created') return '--ansi-yellow';
  return '--ansi-red';
}

/**
 * The markers worth keeping of a status stream: each change of state once (the current state sent again on a
 * reconnect is the same marker), in time order, only those within the window of the newest time seen.
 */
export function addMarker(markers: readonly Marker[], marker: Marker, now: number): Marker[] {
  const held = markers.some((each) => each.status === marker.status && each.t === marker.t && each.restarts === marker.restarts);
  const kept = held ? [...markers] : [...markers, marker].sort((a, b) => a.t - b.t);
  return kept.filter((each) => each.t >= now - WINDOW_SECONDS);
}

/**
 * Markers for the restarts the activity counted (a minute each), so a page opened after a restart shows it: one at
 * the start of each minute with any, its count in `restarts`.
 */
export function restartMarkers(activity: Pick<Activity, 'buckets'>): Marker[] {
  return activity.buckets
    .filter((bucket) => bucket.restarts > 0)
    .map((bucket) => ({ t: Date.parse(bucket.start) / 1000, status: 'restarting', restarts: bucket.restarts }));
}

/**
 * Appends a sample's row to the chart data unless it is not newer than the last one held (the history sent again
 * after a reconnect), and drops what is older than the window. @returns whether it was added
 */
export function appendSample(data: number[][], row: readonly number[]): boolean {
  const times = data[0]!;
  const t = row[0]!;
  if (times.length > 0 && t <= times.at(-1)!) return false;
  row.forEach((value, column) => data[column]!.push(value));
  let stale = 0;
  while (stale < times.length && times[stale]! < t - WINDOW_SECONDS) stale++;
  if (stale > 0) data.forEach((column) => column.splice(0, stale));
  return true;
}

/** Draws the markers as dashed vertical lines with their label, in the theme's colours. */
export function markersPlugin(markers: () => readonly Marker[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (plot: uPlot) => {
          const { ctx } = plot;
          const { left, top, width, height } = plot.bbox;
          const ratio = window.devicePixelRatio || 1;
          ctx.save();
          ctx.lineWidth = 2 * ratio;
          ctx.setLineDash([4 * ratio, 3 * ratio]);
          ctx.font = `${11 * ratio}px system-ui, sans-serif`;
          markers().forEach((marker, index) => {
            const x = plot.valToPos(marker.t, 'x', true);
            if (x < left || x > left + width) return;
            const colour = themeColour(markerColourVariable(marker.status), '#ff7b72');
            ctx.strokeStyle = colour;
            ctx.fillStyle = colour;
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            // labels on three rows, so changes seconds apart (exited, then stopped) stay readable
            ctx.fillText(markerLabel(marker), Math.min(x + 3 * ratio, left + width - 70 * ratio), top + (12 + 13 * (index % 3)) * ratio);
          });
          ctx.restore();
        },
      ],
    },
  };
}
