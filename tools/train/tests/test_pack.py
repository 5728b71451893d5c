import os
import subprocess
import tempfile
import unittest

import numpy as np

from vla_train import images, pack
from vla_train.config import PRESETS
from vla_train.data import load_source
from tests.test_sim_data import write_dataset


class PackTest(unittest.TestCase):
    def test_the_pack_holds_the_kept_steps_resized_as_training_resizes_them(self):
        cameras, size = PRESETS["small"].cameras, PRESETS["small"].image_size
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b, \
                tempfile.TemporaryDirectory() as out:
            write_dataset(a, episodes=2, steps=7, size=80)
            write_dataset(b, episodes=1, steps=4, size=80)
            pack.main(["--data", f"sim:{a}", "--data", f"sim:{b}", "--every", "3", "--out", f"{out}/demos.tar.xz"])
            subprocess.run(["tar", "xJf", f"{out}/demos.tar.xz", "-C", out], check=True)
            packed = load_source(f"sim:{out}/demos", cameras)
            originals = [load_source(f"sim:{d}", cameras) for d in (a, b)]
        # episode n keeps steps n % 3, n % 3 + 3, ...: 0, 3, 6 | 1, 4 | 2 (the third episode, from b)
        kept = [originals[0].samples[t] for t in (0, 3, 6)] + [originals[0].samples[7 + t] for t in (1, 4)] + \
               [originals[1].samples[2]]
        self.assertEqual(len(packed.samples), len(kept))
        for got, want in zip(packed.samples, kept):
            np.testing.assert_array_equal(got.images, np.rint(images.resize(want.images, size, 1.0)).astype(np.uint8))
            np.testing.assert_array_equal(got.action, want.action)
            self.assertEqual(got.instruction, want.instruction)
        self.assertEqual(packed.name, originals[0].name)
        # resizing a packed frame again (as training does) changes nothing
        frame = packed.samples[0].images
        np.testing.assert_array_equal(images.resize(frame, size, 1.0), frame)

    def test_a_preset_with_a_centre_crop_is_refused(self):
        with tempfile.TemporaryDirectory() as out, self.assertRaises(SystemExit) as e:
            pack.main(["--data", "sim:/nonexistent", "--preset", "fixture", "--out", os.path.join(out, "x.tar.xz")])
        self.assertIn("crop_scale", str(e.exception))


if __name__ == "__main__":
    unittest.main()
