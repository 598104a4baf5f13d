"""The maths of bench/kk_org_ensemble.py: CRF marginals by forward-backward agree with brute
force enumeration, and posterior decoding only returns valid IOB2 sequences."""
import itertools
import os
import sys

import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))

pytest.importorskip("scipy")
import kk_org_ensemble as E  # noqa: E402


def brute_marginals(emit, trans):
    n, L = emit.shape
    P = np.zeros((n, L))
    Z = 0.0
    for seq in itertools.product(range(L), repeat=n):
        s = emit[0, seq[0]] + sum(trans[seq[i - 1], seq[i]] + emit[i, seq[i]] for i in range(1, n))
        w = np.exp(s)
        Z += w
        for i, y in enumerate(seq):
            P[i, y] += w
    return P / Z


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_marginals_match_enumeration(seed):
    rng = np.random.default_rng(seed)
    emit, trans = rng.normal(size=(4, 3)) * 2, rng.normal(size=(3, 3))
    m = E.marginals(emit, trans)
    assert np.allclose(m.sum(axis=1), 1.0)
    assert np.allclose(m, brute_marginals(emit, trans))


def test_marginals_of_one_word():
    m = E.marginals(np.array([[0.0, np.log(3.0)]]), np.zeros((2, 2)))
    assert np.allclose(m, [[0.25, 0.75]])


def test_posterior_decode_keeps_iob2_valid():
    labels = ["O", "B-ORGANISATION", "I-ORGANISATION", "B-GPE", "I-GPE"]
    # position 1 prefers I-ORGANISATION but position 0 is GPE: the I- may not follow B-GPE
    P = np.array([[0.05, 0.05, 0.0, 0.9, 0.0],
                  [0.1, 0.0, 0.55, 0.0, 0.35]])
    assert E.posterior_decode(P, labels) == ["B-GPE", "I-GPE"]
    # a sentence may not start inside a name
    P0 = np.array([[0.2, 0.1, 0.7, 0.0, 0.0]])
    assert E.posterior_decode(P0, labels) == ["O"]
