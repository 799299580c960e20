// One Herald + one recording receiver + an SDK client per test file.
import { after, before } from "node:test";
import { Client, Receiver } from "@upstash/qstash";
import { DEV, startHerald } from "./herald.mjs";
import { startReceiver } from "./receiver.mjs";

/**
 * Registers before/after hooks in the calling test file and returns an object
 * whose fields are filled in once `before` has run.
 */
export function useHerald() {
  const env = {
    /** @type {Awaited<ReturnType<typeof startHerald>>} */ herald: undefined,
    /** @type {Awaited<ReturnType<typeof startReceiver>>} */ receiver: undefined,
    /** @type {Client} */ client: undefined,
    /** @type {Receiver} */ verifier: undefined,
    /** A client for one of the dev tenants (default: the first). */
    clientFor(tenant = DEV, extra = {}) {
      return new Client({ baseUrl: env.herald.baseUrl, token: tenant.token, retry: false, ...extra });
    },
  };

  before(async () => {
    env.herald = await startHerald();
    env.receiver = await startReceiver();
    env.client = env.clientFor(DEV);
    env.verifier = new Receiver({
      currentSigningKey: DEV.currentSigningKey,
      nextSigningKey: DEV.nextSigningKey,
    });
  });

  after(async () => {
    await env.receiver?.close();
    await env.herald?.stop();
  });

  return env;
}
