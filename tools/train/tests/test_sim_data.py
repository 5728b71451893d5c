import json
import os
import tempfile
import unittest

import numpy as np

from vla_train import train
from vla_train.data import load_source


def write_dataset(directory, episodes=2, steps=5, size=24):
    """A dataset in the layout `vla sim demos` writes, made here with numpy only."""
    rng = np.random.default_rng(0)
    entries = []
    for e in range(episodes):
        name = f"episode_{e:06d}.npz"
        np.savez(os.path.join(directory, name),
                 agent_rgb=rng.integers(0, 256, (steps, size, size, 3), dtype=np.uint8),
                 wrist_rgb=rng.integers(0, 256, (steps, size, size, 3), dtype=np.uint8),
                 actions=rng.normal(size=(steps, 7)).astype(np.float32),
                 instruction=np.array("Put the red cube in the bowl"))
        entries.append({"file": name, "task_id": 0, "steps": steps})
    with open(os.path.join(directory, "dataset.json"), "w") as f:
        json.dump({"format": "vla_ros_node.sim.demos", "episodes": entries}, f)
    stats = {"q01": [-1.0] * 7, "q99": [1.0] * 7, "mask": [True] * 6 + [False]}
    with open(os.path.join(directory, "dataset_statistics.json"), "w") as f:
        json.dump({"vla_sim_test": {"action": stats}}, f)


class SimulatorDatasetTest(unittest.TestCase):
    def test_every_step_becomes_a_sample_with_both_cameras(self):
        with tempfile.TemporaryDirectory() as d:
            write_dataset(d)
            source = load_source(f"sim:{d}", ["agent", "wrist"])
            first = np.load(os.path.join(d, "episode_000000.npz"))
        self.assertEqual(source.name, "vla_sim_test")
        self.assertEqual(len(source.samples), 10)
        self.assertEqual(source.samples[0].images.shape, (2, 24, 24, 3))
        np.testing.assert_array_equal(source.samples[3].images[1], first["wrist_rgb"][3])
        self.assertEqual(source.samples[0].instruction, "Put the red cube in the bowl")
        self.assertEqual(source.statistics["mask"][-1], False)

    def test_training_runs_on_it(self):
        with tempfile.TemporaryDirectory() as d, tempfile.TemporaryDirectory() as run:
            write_dataset(d)
            from vla_train import config
            config.PRESETS["sim-test"] = config.ModelConfig(**{**config.PRESETS["fixture"].to_dict(),
                                                               "cameras": ["agent", "wrist"]})
            train.main(["--data", f"sim:{d}", "--preset", "sim-test", "--steps", "2", "--batch", "4", "--out", run])
            self.assertTrue(os.path.exists(os.path.join(run, "checkpoint.pt")))


if __name__ == "__main__":
    unittest.main()
