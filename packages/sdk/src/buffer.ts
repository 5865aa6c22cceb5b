// The bounded event buffer: a ring that never grows past its capacity. When full, pushing drops
// the oldest event, because drift monitors care most about what the model does now.

/** EventRing is a fixed-capacity FIFO queue that evicts its oldest item when full. */
export class EventRing<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private length = 0;

  constructor(readonly capacity: number) {
    this.items = new Array(capacity);
  }

  /** size is the number of items held. */
  get size(): number {
    return this.length;
  }

  /** push appends an item and returns the evicted oldest one when the ring was full. */
  push(item: T): T | undefined {
    if (this.length < this.capacity) {
      this.items[(this.head + this.length) % this.capacity] = item;
      this.length++;
      return undefined;
    }
    const evicted = this.items[this.head];
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    return evicted;
  }

  /** take removes and returns up to `n` of the oldest items, oldest first. */
  take(n: number): T[] {
    const k = Math.min(n, this.length);
    const out: T[] = new Array(k);
    for (let i = 0; i < k; i++) {
      out[i] = this.items[this.head] as T;
      this.items[this.head] = undefined; // let the event be collected once sent
      this.head = (this.head + 1) % this.capacity;
    }
    this.length -= k;
    return out;
  }
}
