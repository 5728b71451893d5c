import unittest

import numpy as np

from vla_train import images


class RandomShiftTest(unittest.TestCase):
    def test_each_image_moves_by_at_most_the_shift_with_edges_repeated(self):
        frames = np.zeros((40, 2, 9, 9, 3), np.uint8)
        frames[..., 4, 4, :] = 255                      # one bright pixel in the middle of every image
        frames[..., :, 0, 1] = 7                        # a left edge column, to see it repeated
        shifted = images.random_shift(frames, 2, np.random.default_rng(0))
        self.assertEqual(shifted.shape, frames.shape)
        moves = set()
        for image in shifted.reshape(-1, 9, 9, 3):
            (y,), (x,) = np.nonzero(image[..., 0] == 255)
            moves.add((y - 4, x - 4))
            self.assertTrue((image[:, : max(0, x - 4) + 1, 1] == 7).all() or x < 4, "edge column repeated")
        self.assertTrue(all(abs(dy) <= 2 and abs(dx) <= 2 for dy, dx in moves), moves)
        self.assertGreater(len(moves), 10, "offsets are drawn per image")


if __name__ == "__main__":
    unittest.main()
