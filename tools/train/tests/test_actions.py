import unittest

import numpy as np

from vla_train import actions


class OpenVlaRuleTest(unittest.TestCase):
    """The same hand-computed cases as the C# ActionTokenizerTests (vocab 32000, ids 31744..31999)."""

    def test_encode(self):
        values = [1.0, -1.0, 0.0, 0.5, 2.5, -7.0, -1.0 + 2.0 / 255]
        self.assertEqual(actions.encode(np.array(values), 32000).tolist(),
                         [31744, 31999, 31872, 31808, 31744, 31999, 31998])

    def test_decode_unnormalises_masked_dimensions(self):
        a = actions.decode([31808, 31808], 32000, [-0.1, 0.0], [0.3, 2.0], [True, False])
        self.assertAlmostEqual(a[0], 0.2 * 383 / 255 - 0.1, places=12)
        self.assertAlmostEqual(a[1], 128 / 255, places=12)

    def test_statistics_mask_leaves_the_gripper(self):
        s = actions.statistics(np.random.default_rng(0).normal(size=(100, 7)))
        self.assertEqual(s["mask"], [True] * 6 + [False])
        self.assertTrue(all(lo < hi for lo, hi in zip(s["q01"], s["q99"])))


if __name__ == "__main__":
    unittest.main()
