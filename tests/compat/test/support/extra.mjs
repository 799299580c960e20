// Helpers shared by the URL-group, queue, batch, callback and flow-control files.
import { waitFor } from "./util.mjs";

/**
 * A pause that exists only to give something that must NOT happen a chance to
 * happen (e.g. a paused queue delivering). Never used to wait for progress.
 */
export const settle = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Configures `path` on the receiver to answer after `delayMs` and records how many
 * requests to it are in flight at once. A request counts as in flight from the
 * moment its body has arrived until just before its answer is written (the
 * decrement timer is created before the receiver's own delay timer, so it fires
 * first).
 *
 * @param {Awaited<ReturnType<typeof import("./receiver.mjs").startReceiver>>} receiver
 * @param {string} path
 * @param {{ delayMs: number, status?: number | ((req: any) => number), body?: string }} options
 * @param stats pass the same object for several paths to measure them together
 */
export function trackInFlight(receiver, path, { delayMs, status = 200, body } = {}, stats = { current: 0, max: 0, starts: [] }) {
  receiver.on(path, (req) => {
    stats.current++;
    stats.max = Math.max(stats.max, stats.current);
    stats.starts.push(req.receivedAt);
    setTimeout(() => {
      stats.current--;
    }, delayMs);
    return { status: typeof status === "function" ? status(req) : status, delayMs, body };
  });
  return stats;
}

/** Parses the JSON body of a recorded callback request. */
export const callbackBody = (req) => JSON.parse(req.text);

/** Base64 of a string (UTF-8). */
export const b64 = (text) => Buffer.from(text, "utf8").toString("base64");

/** Polls the DLQ with a filter until at least n entries match, and returns them. */
export async function waitForDlqEntries(client, filter, n = 1, { timeoutMs = 10_000 } = {}) {
  return waitFor(
    async () => {
      const { messages } = await client.dlq.listMessages({ filter });
      return messages.length >= n ? messages : undefined;
    },
    { timeoutMs, what: `${n} DLQ entr(y/ies) for ${JSON.stringify(filter)}` },
  );
}

/** Reads a message, or undefined when it is gone (404). */
export async function getMessageOrUndefined(client, messageId) {
  try {
    return await client.messages.get(messageId);
  } catch (error) {
    if (error?.status === 404) return undefined;
    throw error;
  }
}

/** Endpoints in a stable order (by url, then name), so lists can be compared with deepEqual. */
export function sortEndpoints(endpoints) {
  return [...endpoints].sort((a, b) => `${a.url}|${a.name ?? ""}`.localeCompare(`${b.url}|${b.name ?? ""}`));
}
