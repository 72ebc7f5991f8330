// The audit log's hash-chain check, as a banner. Async: the page streams it in
// (inside <Suspense>) so the table does not wait for a walk over the whole log.
import { Alert } from "@/components/ui/alert";
import { describeAuditChain, describeUnsealed, type AuditChainResult } from "@/lib/audit/verify";

export async function AuditChainBanner({ result }: { result: Promise<AuditChainResult | null> }) {
  const outcome = await result;
  if (!outcome) {
    return <Alert tone="warning">The audit log&apos;s chain could not be checked just now. Reload the page to try again.</Alert>;
  }
  if (outcome.ok) {
    return (
      <Alert tone={outcome.unsealed.stale ? "warning" : "info"}>
        {describeAuditChain(outcome)} No sealed entry has been changed or removed.
      </Alert>
    );
  }
  const { id, seq, reason } = outcome.firstBroken;
  return (
    <Alert tone="error">
      <p>The audit log&apos;s chain is broken: an entry was changed, removed or added outside the application.</p>
      <p className="mt-1 font-normal">
        First broken link: {id !== null ? `entry ${seq} (id ${id})` : seq !== null ? `entry ${seq}` : "the chain's head"}. {reason}{" "}
        {outcome.count === 1 ? "The 1 entry before it is intact." : `The ${outcome.count} entries before it are intact.`}
      </p>
      {outcome.unsealed.count ? <p className="mt-1 font-normal">{describeUnsealed(outcome.unsealed)}</p> : null}
    </Alert>
  );
}

export function AuditChainPending() {
  return <Alert tone="info">Checking the audit log&apos;s chain…</Alert>;
}
