import { compareLines, isClawbackLine, type Normaliser } from './normalise.js';
import type { CommissionLine, HistoryLine } from './types.js';

/** A positive line a clawback may reverse; `isFromHistory`: it belongs to an earlier import or period. */
export type MatchedOriginal = {
  readonly line: HistoryLine;
  readonly isFromHistory: boolean;
};

type Original = MatchedOriginal & { product: string | null; risk: string | null };

/**
 * Positive lines a clawback may reverse, by insurer and normalised policy number: earlier imports' lines
 * (`history`) and the lines of this computation already processed, which in the canonical order are exactly the
 * earlier ones.
 */
export type ClawbackMatcher = {
  normaliser: Normaliser;
  byInsurer: Map<string, Map<string, Original[]>>;
  /** Originals already reversed by an exact mirror, so that two equal stornos reverse two instalments. */
  mirrored: Set<Original>;
};

function isOriginalCandidate(line: CommissionLine): boolean {
  return line.commission > 0 && !isClawbackLine(line);
}

function addOriginal(matcher: ClawbackMatcher, line: HistoryLine, isFromHistory: boolean): void {
  const { normaliser } = matcher;
  let byPolicy = matcher.byInsurer.get(line.insurerId);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    matcher.byInsurer.set(line.insurerId, byPolicy);
  }
  const policy = normaliser.policy(line.policyNumber);
  const original: Original = {
    line,
    isFromHistory,
    product: normaliser.text(line.product),
    risk: normaliser.text(line.risk),
  };
  const list = byPolicy.get(policy);
  if (list === undefined) {
    byPolicy.set(policy, [original]);
  } else {
    list.push(original);
  }
}

export function createClawbackMatcher(
  history: readonly HistoryLine[],
  normaliser: Normaliser,
): ClawbackMatcher {
  const matcher: ClawbackMatcher = { normaliser, byInsurer: new Map(), mirrored: new Set() };
  for (const line of history) {
    if (isOriginalCandidate(line)) {
      addOriginal(matcher, line, true);
    }
  }
  return matcher;
}

/** Called for each line of the computation after it is processed. */
export function recordProcessedLine(matcher: ClawbackMatcher, line: CommissionLine): void {
  if (isOriginalCandidate(line)) {
    addOriginal(matcher, line, false);
  }
}

function isLater(a: Original, b: Original): boolean {
  const order = compareLines(a.line, b.line);
  return order === 0 ? !a.isFromHistory && b.isFromHistory : order > 0;
}

// Weights make the preference lexicographic: collaborator, then mirror, then risk, product and renewal.
const SAME_COLLABORATOR = 16;
const UNREVERSED_MIRROR = 8;
const SAME_RISK = 4;
const SAME_PRODUCT = 2;
const SAME_RENEWAL = 1;

/**
 * The line a clawback reverses, or null. Same insurer and policy, and same risk when both name one. Preference:
 * a line of the storno's own collaborator (an attributed storno takes back their payment, not someone else's), then
 * an exact mirror (commission = −storno) not reversed yet, then the same risk, product and renewal flag, then the
 * latest: a storno usually takes back the most recent payment. A storno that copies its original thus finds it,
 * or an identical instalment, and two equal stornos reverse two instalments.
 */
export function matchOriginal(matcher: ClawbackMatcher, storno: CommissionLine): MatchedOriginal | null {
  const { normaliser } = matcher;
  const candidates = matcher.byInsurer.get(storno.insurerId)?.get(normaliser.policy(storno.policyNumber));
  if (candidates === undefined) {
    return null;
  }
  const risk = normaliser.text(storno.risk);
  const product = normaliser.text(storno.product);
  let best: Original | null = null;
  let bestScore = -1;
  for (const candidate of candidates) {
    if (risk !== null && candidate.risk !== null && risk !== candidate.risk) {
      continue;
    }
    const isMirror = candidate.line.commission === -storno.commission && !matcher.mirrored.has(candidate);
    const score =
      (storno.collaboratorId !== null && candidate.line.collaboratorId === storno.collaboratorId
        ? SAME_COLLABORATOR
        : 0) +
      (isMirror ? UNREVERSED_MIRROR : 0) +
      (candidate.risk === risk ? SAME_RISK : 0) +
      (candidate.product === product ? SAME_PRODUCT : 0) +
      (candidate.line.renewal === storno.renewal ? SAME_RENEWAL : 0);
    if (best === null || score > bestScore || (score === bestScore && isLater(candidate, best))) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best !== null && best.line.commission === -storno.commission) {
    matcher.mirrored.add(best);
  }
  return best;
}
