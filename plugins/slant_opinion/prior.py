"""The article's own opinion share, as the prior for its sentences.

The model's scores are calibrated for its training mix (about 35 % opinion: CheckThat!
and BABE sentences). An op-ed is mostly opinion, and there a sentence the model
finds borderline is more likely opinion than that mix says: a reader judges a sentence
in its context, too. The share is estimated from the article's own scores by EM
(Saerens, Latinne & Decaestecker 2002), shrunk to the training prior as if
``PRIOR_STRENGTH`` more sentences at that share had been read (a short text barely
moves), with at most ``EVIDENCE_CAP`` sentences of evidence (the model's scores are not
calibrated enough for the estimate to be trusted more as a text grows: uncapped, the
reference op-ed read twice over came out 88 of 90 opinion, 40 of 45 once), and only ever
raised: lowered to a news report's share, the recall of its few
opinion sentences collapses (held-out macro-F1 0.684 -> 0.53 at 25 %; model card).
"""

from __future__ import annotations

from collections.abc import Sequence

#: Pseudo-sentences at the training share added to an article's own; chosen on
#: out-of-fold pseudo-articles of the training sentences (10 over 20 and 40; model card).
PRIOR_STRENGTH = 10
#: Sentences an article's own scores count for at most: the pseudo-article size the
#: strength was chosen on. A longer text is read at the share its scores' mix implies.
EVIDENCE_CAP = 45
EM_ROUNDS = 100
EM_TOLERANCE = 1e-6


def training_prior(opinion_share: float, opinion_weight: float) -> float:
    """The opinion share the scores are calibrated for: the class-weighted training mix."""
    weighted = opinion_share * opinion_weight
    return weighted / (weighted + 1.0 - opinion_share)


def reweight(probability: float, prior: float, training: float) -> float:
    """``probability`` (calibrated at ``training``) re-calibrated for an article at ``prior``."""
    opinion = probability * prior / training
    fact = (1.0 - probability) * (1.0 - prior) / (1.0 - training)
    return opinion / (opinion + fact) if opinion + fact else probability


def article_prior(
    probabilities: Sequence[float], training: float, strength: float = PRIOR_STRENGTH
) -> float:
    """The article's opinion share, estimated from its sentences' scores; never below ``training``."""
    n = len(probabilities)
    evidence = min(n, EVIDENCE_CAP)
    prior = training
    for _ in range(EM_ROUNDS):
        mean = sum(reweight(p, prior, training) for p in probabilities) / n if n else training
        updated = max(training, (evidence * mean + strength * training) / (evidence + strength))
        if abs(updated - prior) < EM_TOLERANCE:
            return updated
        prior = updated
    return prior
