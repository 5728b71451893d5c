"""Model sizes. One dataclass, a few named presets; the export writes every value into the manifest."""
from dataclasses import dataclass, field, asdict

ACTION_BINS = 256
ACTION_DIMS = 7


@dataclass
class ModelConfig:
    cameras: list = field(default_factory=lambda: ["agent", "wrist"])  # the simulator's two cameras (<name>_rgb)
    image_size: int = 64            # square input after preprocessing
    patch_size: int = 16            # visual tokens per camera = (image_size / patch_size)^2
    vision_stem: str = "patch"      # "patch": one linear projection per patch (ViT); "cnn": see VisionEncoder
    crop_scale: float = 1.0         # OpenVLA's centre crop, as a fraction of the image area
    image_mean: list = field(default_factory=lambda: [0.5, 0.5, 0.5])
    image_std: list = field(default_factory=lambda: [0.5, 0.5, 0.5])
    vision_width: int = 128
    hidden_size: int = 192          # decoder width d (also the width of visual tokens and embeddings)
    layers: int = 4
    heads: int = 4
    ffn_size: int = 768
    max_positions: int = 96         # cache capacity: [bos] + visual tokens + prompt + 7 actions must fit
    drafter_layers: int = 1
    drafter_heads: int = 4
    drafter_ffn_size: int = 384

    @property
    def head_dim(self):
        return self.hidden_size // self.heads

    @property
    def tokens_per_camera(self):
        return (self.image_size // self.patch_size) ** 2

    @property
    def visual_tokens(self):
        return self.tokens_per_camera * len(self.cameras)

    def to_dict(self):
        return asdict(self)

    @staticmethod
    def from_dict(d):
        return ModelConfig(**d)


PRESETS = {
    # The shipped model: sized so that one decode pass costs several times ONNX Runtime's per-call
    # overhead (see docs/model-package.md for the measured figures).
    "small": ModelConfig(),
    # The same decoder and the same 16 visual tokens per camera, seen from 128x128 images through a convolutional
    # stem: objects are 3-4 pixels wide at 64x64, and the patch stem's teacher-forced errors say it cannot place them.
    "small-cnn": ModelConfig(image_size=128, patch_size=32, vision_stem="cnn"),
    # A GPT-2-small-sized decoder (85M weights) behind the same vision encoder: for measuring what quantisation and DyQ
    # buy where the weights, not ONNX Runtime's fixed costs, are most of the memory (`export --random medium`). Far
    # too slow to train on a 2-core machine.
    "medium": ModelConfig(hidden_size=768, layers=12, heads=12, ffn_size=3072, drafter_heads=12, drafter_ffn_size=3072),
    # The committed test fixture: a few hundred KB, two cameras to exercise multi-camera layout.
    "fixture": ModelConfig(cameras=["front", "wrist"], image_size=16, patch_size=8, crop_scale=0.81, vision_width=16,
                           hidden_size=32, layers=2, heads=2, ffn_size=64, max_positions=48,
                           drafter_layers=1, drafter_heads=2, drafter_ffn_size=32),
    "fixture-cnn": ModelConfig(cameras=["front", "wrist"], image_size=16, patch_size=8, vision_stem="cnn",
                               vision_width=16, hidden_size=32, layers=1, heads=2, ffn_size=64, max_positions=48,
                               drafter_layers=1, drafter_heads=2, drafter_ffn_size=32),
}
