// GET /v2/keys, POST /v2/keys/rotate and signing after a rotation (qstash-api.md §9).
// @upstash/qstash 2.12.0 has no signing-keys API, so these calls go through the
// SDK's own requester (client.http.request), the same path the SDK's dev-mode
// health check uses. This file has its own Herald with a fresh data directory,
// so rotating here leaves the published dev keys intact for every other file.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Receiver, SignatureError } from "@upstash/qstash";
import { useHerald } from "./support/env.mjs";
import { DEV, DEV_TENANTS } from "./support/herald.mjs";
import { header, uid } from "./support/util.mjs";

const env = useHerald();
const getKeys = (client) => client.http.request({ method: "GET", path: ["v2", "keys"] });
const rotate = (client) => client.http.request({ method: "POST", path: ["v2", "keys", "rotate"] });

describe("signing keys", { timeout: 60_000 }, () => {
  test("GET /v2/keys returns the published dev keys for every dev tenant", async () => {
    assert.deepEqual(await getKeys(env.client), { current: DEV.currentSigningKey, next: DEV.nextSigningKey });
    for (const tenant of DEV_TENANTS.slice(1)) {
      assert.deepEqual(await getKeys(env.clientFor(tenant)), {
        current: tenant.currentSigningKey,
        next: tenant.nextSigningKey,
      });
    }
  });

  test("rotate: current = old next, fresh next; deliveries are signed with the new current key", async () => {
    const { client, receiver } = env;
    const rotated = await rotate(client);
    assert.equal(rotated.current, DEV.nextSigningKey, "new current is the old next");
    assert.match(rotated.next, /^sig_[A-Za-z0-9]{20,}$/);
    assert.notEqual(rotated.next, DEV.currentSigningKey);
    assert.notEqual(rotated.next, DEV.nextSigningKey);
    assert.deepEqual(await getKeys(client), rotated, "GET /v2/keys reflects the rotation");

    const again = await rotate(client);
    assert.equal(again.current, rotated.next);
    assert.notEqual(again.next, rotated.next);
    assert.deepEqual(await getKeys(client), again);

    // Other tenants are unaffected.
    const t1 = DEV_TENANTS[1];
    assert.deepEqual(await getKeys(env.clientFor(t1)), { current: t1.currentSigningKey, next: t1.nextSigningKey });

    const path = `/${uid("rotated-")}`;
    const destination = receiver.url(path);
    await client.publishJSON({ url: destination, body: { after: "rotation" } });
    const [req] = await receiver.waitForRequests(path, 1);
    const signature = header(req.headers, "Upstash-Signature");

    const fresh = new Receiver({ currentSigningKey: again.current, nextSigningKey: again.next });
    assert.equal(await fresh.verify({ signature, body: req.text, url: destination }), true);

    const currentOnly = new Receiver({ currentSigningKey: again.current, nextSigningKey: "sig_notTheRightKeyAtAll1234567" });
    assert.equal(await currentOnly.verify({ signature, body: req.text }), true, "signed with the new current key");

    const stale = new Receiver({ currentSigningKey: DEV.currentSigningKey, nextSigningKey: DEV.nextSigningKey });
    await assert.rejects(stale.verify({ signature, body: req.text }), SignatureError, "keys from two rotations ago must not verify");
  });

  test("rotation persists across a GET from another client instance", async () => {
    const keys = await getKeys(env.clientFor(DEV));
    assert.notEqual(keys.current, DEV.currentSigningKey);
  });
});
