"""Demonstration data: the seam between the simulator's dataset and the trainer.

A source yields Sample(images, instruction, action): images uint8 [cameras, H, W, 3] in the camera order of
the model config, the instruction text, and the metric 7-D action (dx, dy, dz, droll, dpitch, dyaw, gripper)
the expert took. `load_source` picks the reader from the --data argument:
  sim:DIR              a dataset written by `vla sim demos` (dataset.json, episode_*.npz with <camera>_rgb
                       [T, H, W, 3] uint8, actions [T, 7] float32, instruction; dataset_statistics.json)
  synthetic:N[:SEED]   coloured squares whose position sets the action (learnable; for tests and smoke runs)
"""
import json
import os
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Sample:
    images: np.ndarray
    instruction: str
    action: np.ndarray


@dataclass
class DemoSource:
    name: str           # the unnorm_key the statistics are stored under
    samples: list
    statistics: dict = field(default=None)  # OpenVLA's {q01, q99, mask} when the dataset ships them


SYNTHETIC_INSTRUCTIONS = ["pick up the red cube", "put the blue bowl on the plate",
                          "move the green cylinder to the left", "open the top drawer"]


def synthetic(count, seed, cameras, size=32):
    """Each camera shows a bright square; the action points from the image centre to the square."""
    rng = np.random.default_rng(seed)
    samples = []
    for _ in range(count):
        images = rng.integers(0, 40, (len(cameras), size, size, 3), dtype=np.uint8)
        y, x = rng.integers(0, size - 6, 2)
        images[:, y:y + 6, x:x + 6] = 230
        offset = (np.array([x, y]) + 3 - size / 2) / (size / 2)
        action = np.array([offset[0] * 0.05, offset[1] * 0.05, 0.01 * rng.standard_normal(),
                           0.0, 0.0, 0.02 * offset[0], float(offset[1] > 0)])
        samples.append(Sample(images, SYNTHETIC_INSTRUCTIONS[rng.integers(len(SYNTHETIC_INSTRUCTIONS))],
                              action))
    return DemoSource("synthetic", samples)


def simulator(directory, cameras):
    """Every step of every episode listed in dataset.json; statistics from dataset_statistics.json."""
    with open(os.path.join(directory, "dataset.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(directory, "dataset_statistics.json")) as f:
        (key, stats), = json.load(f).items()
    samples = []
    for episode in manifest["episodes"]:
        with np.load(os.path.join(directory, episode["file"])) as npz:
            frames = [npz[f"{camera}_rgb"] for camera in cameras]
            instruction = str(npz["instruction"].item())
            for t, action in enumerate(npz["actions"].astype(np.float64)):
                samples.append(Sample(np.stack([f[t] for f in frames]), instruction, action))
    action = stats["action"]
    return DemoSource(key, samples, {"q01": action["q01"], "q99": action["q99"], "mask": action["mask"]})


def load_sources(specs, cameras):
    """Several --data sources trained as one: their samples in order, under the first one's name and statistics (a
    DAgger set is normalised as the demonstrations it adds to are)."""
    sources = [load_source(spec, cameras) for spec in specs]
    first = sources[0]
    return DemoSource(first.name, [sample for source in sources for sample in source.samples], first.statistics)


def load_source(spec, cameras):
    kind, _, rest = spec.partition(":")
    if kind == "sim":
        return simulator(rest, cameras)
    if kind == "synthetic":
        count, _, seed = rest.partition(":")
        return synthetic(int(count), int(seed or 0), cameras)
    raise SystemExit(f"--data {spec!r}: unknown data source kind {kind!r} (known: sim:DIR, synthetic:N[:SEED])")
