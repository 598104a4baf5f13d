"""slovnet's CNN encoder (natasha's news morphology and NER taggers) computed with less copying.

slovnet keeps a batch as (batch, channels, words) between its layers: every convolution pads the
words axis with ``np.pad``, copies the windows out of that, and every layer swaps the axes twice
(ReLU and batch norm on strided views, the mask of padding words repeated over the channels).
:func:`fast_encoder` keeps the batch as (batch, words, channels) instead and writes each layer's
windows straight into the matrix slovnet builds: the same numbers in the same order, multiplied by
the same weight view, then the same element-wise steps. The network's output is therefore the same
to the bit (checked in the tests on invented sentences), only the copies between the products go.
"""
from __future__ import annotations

import numpy as np


class FastCNNEncoder:
    """slovnet's ``CNNEncoder`` over the same layers: ``encoder(input, pad_mask)`` with ``input``
    (batch, words, dim) and ``pad_mask`` (batch, words), True at padding; returns (batch, words,
    filters) as slovnet's does."""

    def __init__(self, encoder):
        self.source_layers = encoder.layers  # slovnet's layers, as loaded
        self.layers = []
        for layer in encoder.layers:
            conv, norm = layer.conv, layer.norm
            filters, in_dim, kernel = conv.weight.array.shape
            self.layers.append((conv.padding, kernel, in_dim, filters,
                                conv.weight.array.reshape(filters, in_dim * kernel).T, conv.bias.array,
                                norm.mean.array, norm.std.array, norm.weight.array, norm.bias.array))

    def __call__(self, input, mask):
        x = input
        for padding, kernel, in_dim, filters, weight_t, bias, mean, std, nweight, nbias in self.layers:
            batch, length, _ = x.shape
            seq_len = length + 2 * padding
            windows_count = seq_len - kernel + 1
            # windows[b, w, c, k] = padded[b, w + k, c]: slovnet's im2col matrix, filled from the
            # words-major batch (its padding columns are zeros)
            windows = np.zeros((batch, windows_count, in_dim, kernel), dtype=x.dtype)
            for k in range(kernel):
                lo = max(0, padding - k)                       # first window whose k-th word is real
                hi = min(windows_count, length + padding - k)  # one past the last
                if hi > lo:
                    windows[:, lo:hi, :, k] = x[:, lo + k - padding:hi + k - padding, :]
            out = np.matmul(windows.reshape(batch * windows_count, in_dim * kernel), weight_t) + bias
            out = out.reshape(batch, windows_count, filters)
            out = out.clip(0)
            out = (out - mean) / std * nweight + nbias
            out[mask] = 0
            x = out
        return x


def fast_encoder(model) -> None:
    """Give a slovnet tagging model (``Morph``, ``NER``) the encoder above, when its layers are
    the 1-d convolutions it knows (anything else keeps slovnet's own)."""
    enc = model.encoder
    try:
        ok = all(len(layer.conv.weight.array.shape) == 3 for layer in enc.layers)
    except AttributeError:
        ok = False
    if ok:
        model.encoder = FastCNNEncoder(enc)
