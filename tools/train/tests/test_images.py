import unittest

import numpy as np
import torch

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

    def test_a_torch_tensor_moves_exactly_as_the_numpy_array(self):
        frames = np.random.default_rng(1).integers(0, 256, (6, 2, 9, 9, 3), dtype=np.uint8)
        as_numpy = images.random_shift(frames, 3, np.random.default_rng(4))
        as_torch = images.random_shift(torch.from_numpy(frames), 3, np.random.default_rng(4))
        np.testing.assert_array_equal(as_torch.numpy(), as_numpy)


class BatchedPreprocessingTest(unittest.TestCase):
    def test_a_stack_of_images_resizes_and_normalises_as_each_image_alone(self):
        stack = np.random.default_rng(2).integers(0, 256, (3, 20, 30, 3), dtype=np.uint8)
        resized = images.resize(stack, 16, 0.81)
        for one, image in zip(resized, stack):
            np.testing.assert_array_equal(one, images.resize(image, 16, 0.81))
        mean, std = [0.5, 0.4, 0.3], [0.2, 0.3, 0.4]
        on_torch = images.normalise(torch.from_numpy(resized), mean, std)
        self.assertIsInstance(on_torch, torch.Tensor)
        np.testing.assert_array_equal(on_torch.numpy(), images.normalise(resized, mean, std))
        self.assertEqual(on_torch.shape, (3, 3, 16, 16))


if __name__ == "__main__":
    unittest.main()
