// Splitting a server-sent-events byte stream into the `data:` payload of each event, across chunk
// boundaries (per the WHATWG EventSource parsing rules: lines end in \n, \r\n or \r; an empty line
// ends an event; multiple data lines join with \n).

/** SseSplitter takes text chunks and returns the data of every event they complete. */
export class SseSplitter {
  #buffer = '';
  #data: string[] = [];

  /** push adds a chunk and returns the data payloads of the events it completed. */
  push(chunk: string): string[] {
    this.#buffer += chunk;
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = this.#buffer.indexOf('\n', start);
      if (nl < 0) break;
      let line = this.#buffer.slice(start, nl);
      start = nl + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (line === '') {
        if (this.#data.length > 0) out.push(this.#data.join('\n'));
        this.#data = [];
      } else if (line.startsWith('data:')) {
        this.#data.push(line.slice(line.charAt(5) === ' ' ? 6 : 5));
      }
    }
    this.#buffer = this.#buffer.slice(start);
    return out;
  }
}
