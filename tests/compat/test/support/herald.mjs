// Starts a real `herald dev` as a child process on a free loopback port with a
// fresh data directory, and stops it again by PID.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..", "..", "..");

/** QStash's published dev-server tenants (qstash-api.md §14); Herald dev accepts all four. */
export const DEV_TENANTS = [
  {
    user: "defaultUser",
    token: "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
    currentSigningKey: "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
    nextSigningKey: "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
  },
  {
    user: "testUser1",
    token: "eyJVc2VySUQiOiJ0ZXN0VXNlcjEiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9",
    currentSigningKey: "sig_7GVPjvuwsfqF65iC8fSrs1dfYruM",
    nextSigningKey: "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua",
  },
  {
    user: "testUser2",
    token: "eyJVc2VySUQiOiJ0ZXN0VXNlcjIiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9",
    currentSigningKey: "sig_6jWGaWRxHsw4vMSPJprXadyvrybF",
    nextSigningKey: "sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx",
  },
  {
    user: "testUser3",
    token: "eyJVc2VySUQiOiJ0ZXN0VXNlcjMiLCJQYXNzd29yZCI6InRlc3RQYXNzd29yZCJ9",
    currentSigningKey: "sig_5T8FcSsynBjn9mMLBsXhpacRovJf",
    nextSigningKey: "sig_7GFR4YaDshFcqsxWRZpRB161jguD",
  },
];

export const DEV = DEV_TENANTS[0];

/** HERALD_DLL, else the Release build, else the Debug build. */
export function findHeraldDll() {
  if (process.env.HERALD_DLL) {
    if (!existsSync(process.env.HERALD_DLL)) {
      throw new Error(`HERALD_DLL points at a missing file: ${process.env.HERALD_DLL}`);
    }
    return process.env.HERALD_DLL;
  }
  for (const config of ["Release", "Debug"]) {
    const candidate = path.join(repoRoot, "src", "Herald.Cli", "bin", config, "net10.0", "herald.dll");
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(
    "herald.dll not found: set HERALD_DLL or run `dotnet build src/Herald.Cli -c Release` in the repository root",
  );
}

const children = new Set();
process.on("exit", () => {
  for (const pid of children) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/**
 * Starts `herald dev --port 0 --data-dir <fresh temp dir>` and resolves once it
 * prints "Herald is running at http://127.0.0.1:PORT".
 */
export async function startHerald({ startupTimeoutMs = 30_000 } = {}) {
  const dll = findHeraldDll();
  const dataDir = mkdtempSync(path.join(tmpdir(), "herald-compat-"));
  const child = spawn("dotnet", [dll, "dev", "--port", "0", "--data-dir", dataDir], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
  });
  children.add(child.pid);
  let output = "";
  const append = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`herald did not report readiness within ${startupTimeoutMs} ms. Output:\n${output}`));
    }, startupTimeoutMs);
    const onData = () => {
      const match = /Herald is running at (http:\/\/[^\s/]+)/.exec(output);
      if (match) {
        cleanup();
        resolve(match[1]);
      }
    };
    const onExit = (code, signal) => {
      cleanup();
      reject(new Error(`herald exited before it was ready (code ${code}, signal ${signal}). Output:\n${output}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.off("exit", onExit);
    };
    child.stdout.on("data", onData);
    child.once("exit", onExit);
    onData();
  }).catch(async (error) => {
    killPid(child.pid);
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });

  const port = Number(new URL(baseUrl).port);
  return {
    baseUrl,
    port,
    pid: child.pid,
    dataDir,
    output: () => output,
    async stop() {
      killPid(child.pid, "SIGTERM");
      const timeout = new Promise((resolve) => setTimeout(() => resolve("timeout"), 10_000).unref());
      if ((await Promise.race([exited, timeout])) === "timeout") {
        killPid(child.pid, "SIGKILL");
        await exited;
      }
      children.delete(child.pid);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function killPid(pid, signal = "SIGKILL") {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
