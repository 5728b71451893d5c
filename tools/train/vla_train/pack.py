"""Packs simulator datasets into one small file to carry to a lent GPU machine: a .tar.xz of a `sim:` dataset
(docs/simulator.md's layout) whose frames are already at the model's training resolution.

    /usr/bin/python3 -m vla_train.pack --data sim:/tmp/demos --data sim:/tmp/demos2 --preset small --every 3 \\
        --out /tmp/train.tar.xz
    # there: tar xJf train.tar.xz -C DIR && python3 -m vla_train.train --data sim:DIR/train --device cuda ...

Frames are resized exactly as training resizes them (and resizing a frame already at that size changes nothing),
so training on the pack equals training on the sources' kept steps. Solid xz compression finds the
simulator's repeated backgrounds across episodes: about 25 KB per episode at 64x64, one step in three. --every N
keeps steps t = phase, phase + N, ... with the phase cycling over episodes, so every phase of a motion is kept.
The statistics are the first source's (as `train` uses them)."""
import argparse
import json
import os
import subprocess
import tempfile

import numpy as np

from . import images
from .config import PRESETS


def pack_episode(npz, cameras, size, steps):
    """The arrays `train` reads, for the kept steps: <camera>_rgb at size x size, actions, instruction."""
    out = {f"{c}_rgb": np.rint(images.resize(npz[f"{c}_rgb"][steps], size, 1.0)).astype(np.uint8) for c in cameras}
    return dict(out, actions=npz["actions"][steps], instruction=npz["instruction"])


def write_dataset(sources, cameras, size, every, folder):
    """A sim dataset in `folder` with every source's episodes, thinned and resized; returns the kept step count."""
    with open(os.path.join(sources[0], "dataset_statistics.json")) as f:
        statistics = json.load(f)
    episodes, kept = [], 0
    for source in sources:
        with open(os.path.join(source, "dataset.json")) as f:
            listed = json.load(f)["episodes"]
        for episode in listed:
            number = len(episodes)
            with np.load(os.path.join(source, episode["file"])) as npz:
                steps = np.arange(number % every, len(npz["actions"]), every)
                name = f"episode_{number:06d}.npz"
                np.savez(os.path.join(folder, name), **pack_episode(npz, cameras, size, steps))
            episodes.append(dict(episode, file=name, steps=len(steps), source=source))
            kept += len(steps)
    with open(os.path.join(folder, "dataset.json"), "w") as f:
        json.dump({"episodes": episodes, "packed": {"every": every, "size": size, "sources": sources}}, f)
    with open(os.path.join(folder, "dataset_statistics.json"), "w") as f:
        json.dump(statistics, f)
    return len(episodes), kept


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, action="append", help="sim:DIR; repeat for several")
    p.add_argument("--preset", default="small", choices=sorted(PRESETS))
    p.add_argument("--every", type=int, default=1, help="keep one step in N (default: all)")
    p.add_argument("--out", required=True, help="the .tar.xz to write; it unpacks to a folder named like it")
    args = p.parse_args(argv)
    cfg = PRESETS[args.preset]
    if cfg.crop_scale != 1.0:
        raise SystemExit(f"--preset {args.preset}: its centre crop would be applied twice; pack needs crop_scale 1.0")
    if any(not spec.startswith("sim:") for spec in args.data):
        raise SystemExit("--data: only sim:DIR sources can be packed")
    name = os.path.basename(args.out).split(".")[0]
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, name)
        os.makedirs(folder)
        count, kept = write_dataset([spec[4:] for spec in args.data], cfg.cameras, cfg.image_size, args.every, folder)
        with open(args.out, "wb") as out:
            tar = subprocess.Popen(["tar", "-C", tmp, "-cf", "-", name], stdout=subprocess.PIPE)
            subprocess.run(["xz", "-9", "-T2", "-c"], stdin=tar.stdout, stdout=out, check=True)
            if tar.wait() != 0:
                raise SystemExit("tar failed")
    print(f"wrote {args.out}: {count} episodes, {kept} steps, {os.path.getsize(args.out) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
