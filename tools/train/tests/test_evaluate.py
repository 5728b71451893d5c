import contextlib
import io
import tempfile
import unittest

import numpy as np

from vla_train import actions, evaluate, train

VOCAB = 296


def token(normalised):
    return actions.encode(np.asarray(normalised), VOCAB)


class EvaluateTest(unittest.TestCase):
    def test_errors_count_bins_exact_hits_and_wrong_directions(self):
        expert = token([[0.5, -0.5, 0.1, 0, 0, 0, 1], [0.5, -0.5, 0.1, 0, 0, 0, -1]])
        predicted = expert.copy()
        predicted[0, 0] = token(-0.5)        # x points the other way where the expert moves fast
        predicted[1, 2] = token(-0.1)        # z wrong sign, but the expert moves slowly there
        predicted[1, 1] = expert[1, 1] + 3   # y three bins off, same direction
        result = evaluate.errors(predicted, expert, VOCAB)
        self.assertEqual(result["wrong_direction"][0], 0.5)
        self.assertEqual(result["wrong_direction"][2], 0.0, "slow expert motion is not counted")
        self.assertEqual(result["wrong_direction"][1], 0.0)
        self.assertAlmostEqual(result["mean_bin_error"][1], 1.5)
        self.assertEqual(list(result["exact"]), [0.5, 0.5, 0.5, 1, 1, 1, 1])

    def test_a_trained_run_is_evaluated_on_each_source(self):
        with tempfile.TemporaryDirectory() as run:
            train.main(["--data", "synthetic:48:3", "--preset", "fixture", "--steps", "2", "--batch", "8",
                        "--out", run])
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                evaluate.main(["--run", run, "--data", "synthetic:20:5", "--data", "synthetic:30:6", "--samples", "10"])
        text = out.getvalue()
        self.assertIn("at step 2", text)
        self.assertIn("synthetic:20:5 (10 steps)", text)
        self.assertIn("synthetic:30:6 (10 steps)", text)
        self.assertEqual(text.count("wrong_direction"), 2)


if __name__ == "__main__":
    unittest.main()
