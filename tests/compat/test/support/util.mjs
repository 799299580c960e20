import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";

/** A short random id for unique paths, labels and dedup ids. */
export const uid = (prefix = "") => `${prefix}${randomBytes(6).toString("hex")}`;

/**
 * Polls `fn` until it returns something other than undefined/null/false, or throws
 * after timeoutMs. Errors thrown by `fn` are retried and reported on timeout.
 */
export async function waitFor(fn, { timeoutMs = 10_000, intervalMs = 50, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const suffix = lastError ? ` (last error: ${lastError?.message ?? lastError})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${suffix}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Asserts that a promise rejects with a QstashError-like error carrying the given HTTP status. */
export async function rejectsWithStatus(promise, status, message) {
  await assert.rejects(promise, (error) => {
    assert.equal(error?.status, status, `${message ?? "request"}: expected HTTP ${status}, got ${error?.status}: ${error?.message}`);
    return true;
  });
}

/** Decodes a JWT without verifying it. */
export function decodeJwt(token) {
  const [header, payload] = token.split(".");
  const decode = (part) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: decode(header), payload: decode(payload) };
}

/** Case-insensitive single header lookup on a node IncomingHttpHeaders-style object. */
export const header = (headers, name) => headers[name.toLowerCase()];

/** Reads every log entry for a query, following cursors. */
export async function allLogs(client, request = {}) {
  const entries = [];
  let cursor;
  for (let page = 0; page < 100; page++) {
    const res = await client.logs(cursor === undefined ? request : { ...request, cursor });
    entries.push(...res.logs);
    if (!res.cursor) return entries;
    cursor = res.cursor;
  }
  throw new Error("logs pagination did not terminate after 100 pages");
}

/** Waits until the logs for messageId contain the given state, and returns all its entries. */
export async function waitForLogState(client, messageId, state, { timeoutMs = 10_000 } = {}) {
  return waitFor(
    async () => {
      const { logs } = await client.logs({ filter: { messageId } });
      return logs.some((l) => l.state === state) ? logs : undefined;
    },
    { timeoutMs, what: `log state ${state} for ${messageId}` },
  );
}

/** Waits until the DLQ holds an entry for messageId, and returns it. */
export async function waitForDlq(client, messageId, { timeoutMs = 10_000 } = {}) {
  return waitFor(
    async () => {
      const { messages } = await client.dlq.listMessages({ filter: { messageId } });
      return messages.find((m) => m.messageId === messageId);
    },
    { timeoutMs, what: `DLQ entry for ${messageId}` },
  );
}
