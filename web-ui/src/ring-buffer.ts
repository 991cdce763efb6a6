/**
 * A fixed-capacity buffer of the most recent items, addressed by an ever-increasing sequence number: item `n` stays
 * reachable as `at(n)` until `capacity` newer items pushed it out. The log viewer keeps at most this many lines in
 * memory however long it runs.
 */
export class RingBuffer<T> {
  private readonly items: Array<T | undefined>;
  private next = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer: ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  /** Number of the oldest item still held. */
  get first(): number {
    return Math.max(0, this.next - this.capacity);
  }

  /** Number the next pushed item gets (one past the newest). */
  get end(): number {
    return this.next;
  }

  get size(): number {
    return this.next - this.first;
  }

  /** Adds an item and returns its number; the oldest falls out when full. */
  push(item: T): number {
    this.items[this.next % this.capacity] = item;
    return this.next++;
  }

  /** Item number `n`, or undefined when it fell out or does not exist yet. */
  at(n: number): T | undefined {
    return n >= this.first && n < this.next ? this.items[n % this.capacity] : undefined;
  }

  clear(): void {
    this.items.fill(undefined);
    this.next = 0;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let n = this.first; n < this.next; n++) yield this.items[n % this.capacity]!;
  }
}
