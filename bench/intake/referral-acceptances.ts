import { type MintRequest } from '../../apps/dev-issuer/src/dev-issuer';

/** Intake as bench:intake started it: a child process on the bench's broker and database. */
export interface RunningIntake {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  pid?: number;
  /** The organization whose staff open the cases; its keys are registered in the directory. */
  orgId: string;
}

/** Tokens from the bench's issuer, whose JWKS intake trusts. */
export interface BenchTokens {
  /** One per concurrent client, intake_worker of `orgId`. */
  staff: readonly string[];
  /** org_admin of `orgId`. */
  admin: string;
  /** Any other principal (a partner organization's staff, say); the issuer trusts any organization. */
  mint: (request: MintRequest) => Promise<string>;
}

export interface ScenarioResult {
  /** Measured, or null with the reason it was not. */
  acceptancesPerSecond: number | null;
  reason?: string;
  p50Ms?: number;
  p99Ms?: number;
}

/**
 * ── Scenario to fill in: referral acceptances per second ──────────────────
 * Referrals are being built on main and do not exist on this branch. Once
 * they do: refer cases (opened and sealed as run.ts does) to ONE partner
 * organization, untimed; then, with that partner's staff tokens (`mint`),
 * accept them over HTTP with the capacity check on, in a closed loop for the
 * maximum rate and an open loop at 70% of it for p50/p99 (http-load.ts), and
 * return the figures. run.ts prints them and puts them in its JSON line.
 */
export function referralAcceptances(intake: RunningIntake, tokens: BenchTokens): Promise<ScenarioResult> {
  void intake;
  void tokens;
  return Promise.resolve({ acceptancesPerSecond: null, reason: 'not built yet' });
}
