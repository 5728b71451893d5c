import unittest

import torch

from vla_train.config import PRESETS
from vla_train.model import VlaModel


class KvCacheTest(unittest.TestCase):
    """The decoder graph's contract: prefill + decode + verify with a cache = one pass over the whole sequence."""

    def setUp(self):
        torch.manual_seed(0)
        self.model = VlaModel(PRESETS["fixture"], 300).eval()
        self.x = torch.randn(1, 12, PRESETS["fixture"].hidden_size)

    def run_decoder(self, x, past_len, past):
        n = x.shape[1]
        return self.model.decoder(x, torch.ones(1, past_len + n, dtype=torch.long),
                                  torch.arange(past_len, past_len + n).unsqueeze(0), *past)

    def test_incremental_equals_full(self):
        with torch.no_grad():
            full = self.run_decoder(self.x, 0, ())[0]
            out = self.run_decoder(self.x[:, :8], 0, ())
            decode = self.run_decoder(self.x[:, 8:9], 8, out[1:])
            verify = self.run_decoder(self.x[:, 9:], 9, decode[1:])
        torch.testing.assert_close(out[0], full[:, :8], atol=1e-5, rtol=0)
        torch.testing.assert_close(decode[0], full[:, 8:9], atol=1e-5, rtol=0)
        torch.testing.assert_close(verify[0], full[:, 9:], atol=1e-5, rtol=0)

    def test_masked_padding_changes_nothing(self):
        """Training pads between visual tokens and prompt with mask 0 and contiguous positions."""
        pad = torch.randn(1, 3, self.x.shape[2])
        padded = torch.cat([self.x[:, :5], pad, self.x[:, 5:]], dim=1)
        mask = torch.ones(1, 15, dtype=torch.long)
        mask[0, 5:8] = 0
        positions = (mask.cumsum(1) - 1).clamp(min=0)
        with torch.no_grad():
            plain = self.run_decoder(self.x, 0, ())[0]
            result = self.model.decoder(padded, mask, positions)[0]
        torch.testing.assert_close(result[:, 8:], plain[:, 5:], atol=1e-5, rtol=0)


if __name__ == "__main__":
    unittest.main()
