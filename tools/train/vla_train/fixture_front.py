"""Builds the one-camera variant of the C# tests' fixture, tests/VlaRosNode.Policy.Tests/Fixtures/tiny-vla-front:
tiny-vla's manifest with cameras [front], and a vision encoder for that one camera (the fixture preset's, randomly
initialised with a fixed seed: the tests that use it check how a one-camera model is fed, not what it has learnt).
Only these two files are committed; the test projects copy tiny-vla's other files (tokenizer, embed, decoder,
drafter) beside them, which accept any number of visual tokens.

    cd tools/train && /usr/bin/python3 -m vla_train.fixture_front ../../tests/VlaRosNode.Policy.Tests/Fixtures
"""
import dataclasses
import os
import sys

import torch

from .config import PRESETS
from .export import export_vision
from .model import VisionEncoder

TWO_CAMERAS, ONE_CAMERA = "cameras: [front, wrist]", "cameras: [front]"


def main(argv=None):
    fixtures = (argv or sys.argv[1:])[0]
    cfg = dataclasses.replace(PRESETS["fixture"], cameras=["front"])
    out = os.path.join(fixtures, "tiny-vla-front")
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    with torch.no_grad():
        export_vision(VisionEncoder(cfg).eval(), cfg, os.path.join(out, "vision.onnx"))
    with open(os.path.join(fixtures, "tiny-vla", "manifest.yaml"), encoding="utf-8") as f:
        manifest = f.read()
    if TWO_CAMERAS not in manifest:
        sys.exit(f"tiny-vla/manifest.yaml no longer says '{TWO_CAMERAS}'")
    manifest = manifest.replace(TWO_CAMERAS, ONE_CAMERA).replace("name: tiny-vla-fixture", "name: tiny-vla-front-fixture")
    with open(os.path.join(out, "manifest.yaml"), "w", encoding="utf-8") as f:
        f.write(manifest)


if __name__ == "__main__":
    main()
