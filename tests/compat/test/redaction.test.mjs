// Upstash-Redact-Fields via the SDK's `redact` option (qstash-api.md §2.3, §8.3).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { useHerald } from "./support/env.mjs";
import { allLogs, header, uid, waitForDlq, waitForLogState } from "./support/util.mjs";

const env = useHerald();

/** Everything a log/message/DLQ response contains, with base64 bodies decoded too. */
function exposed(value) {
  const json = JSON.stringify(value);
  const decoded = [];
  const visit = (v) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (typeof x === "string" && /body/i.test(k)) decoded.push(Buffer.from(x, "base64").toString("utf8"));
        visit(x);
      }
    }
  };
  visit(value);
  return `${json}\n${decoded.join("\n")}`;
}

describe("redaction", { timeout: 60_000 }, () => {
  test("redact body + Authorization: hidden in messages.get, logs and DLQ; delivered intact", async () => {
    const { client, receiver, verifier } = env;
    const secretBody = uid("s3cr3t-body-");
    const secretToken = uid("top-secret-token-");
    const options = {
      body: { secret: secretBody },
      headers: { Authorization: `Bearer ${secretToken}`, "X-Other": "visible-value" },
      redact: { body: true, header: ["Authorization"] },
    };

    // 1. Delayed: check the stored message.
    const delayed = await client.publishJSON({ url: receiver.url(`/${uid("rd-")}`), delay: 120, ...options });
    const msg = await client.messages.get(delayed.messageId);
    const msgText = exposed(msg);
    assert.ok(!msgText.includes(secretBody), "body secret must not appear in messages.get");
    assert.ok(!msgText.includes(secretToken), "Authorization secret must not appear in messages.get");
    assert.deepEqual(msg.header?.["X-Other"], ["visible-value"], "headers that are not redacted stay visible");
    assert.ok(msg.header?.["Authorization"], "the redacted header is still listed, with a redacted value");
    await client.messages.cancel(delayed.messageId);

    // 2. Delivered: the destination gets the real values; logs stay redacted.
    const path = `/${uid("rdd-")}`;
    const res = await client.publishJSON({ url: receiver.url(path), ...options });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(header(req.headers, "Authorization"), `Bearer ${secretToken}`);
    assert.equal(req.text, JSON.stringify({ secret: secretBody }));
    assert.equal(await verifier.verify({ signature: header(req.headers, "Upstash-Signature"), body: req.text }), true);
    const logs = await waitForLogState(client, res.messageId, "DELIVERED");
    const logsText = exposed(logs);
    assert.ok(!logsText.includes(secretBody), "body secret must not appear in logs");
    assert.ok(!logsText.includes(secretToken), "Authorization secret must not appear in logs");

    // 3. Failed: the DLQ entry is redacted, and retrying it still delivers the originals.
    const failPath = `/${uid("rdf-")}`;
    receiver.on(failPath, (r) => (r.attempt === 0 ? { status: 500 } : { status: 200 }));
    const failed = await client.publishJSON({ url: receiver.url(failPath), retries: 0, ...options });
    const entry = await waitForDlq(client, failed.messageId);
    const dlqText = exposed(entry);
    assert.ok(!dlqText.includes(secretBody), "body secret must not appear in the DLQ");
    assert.ok(!dlqText.includes(secretToken), "Authorization secret must not appear in the DLQ");
    await client.dlq.retry(entry.dlqId);
    const reqs = await receiver.waitForRequests(failPath, 2);
    assert.equal(header(reqs[1].headers, "Authorization"), `Bearer ${secretToken}`, "DLQ retry delivers the real header");
    assert.equal(reqs[1].text, JSON.stringify({ secret: secretBody }), "DLQ retry delivers the real body");
  });

  test("redact all headers (header: true)", async () => {
    const { client, receiver } = env;
    const secretA = uid("hdr-a-");
    const secretB = uid("hdr-b-");
    const path = `/${uid("rall-")}`;
    const res = await client.publishJSON({
      url: receiver.url(path),
      body: { visible: "body-stays" },
      headers: { "X-A": secretA, "X-B": secretB },
      redact: { header: true },
    });
    const [req] = await receiver.waitForRequests(path, 1);
    assert.equal(header(req.headers, "X-A"), secretA);
    assert.equal(header(req.headers, "X-B"), secretB);
    await waitForLogState(client, res.messageId, "DELIVERED");
    const logsText = exposed(await allLogs(client, { filter: { messageId: res.messageId } }));
    assert.ok(!logsText.includes(secretA) && !logsText.includes(secretB), "no header value appears in logs");
    assert.ok(logsText.includes("body-stays"), "the body is not redacted when only headers are");
  });
});
