"""Turns samples into training tensors: [bos][visual tokens][left-padded prompt][7 action tokens].

Padding sits between the visual tokens and the prompt with attention_mask 0; position ids count only
unmasked tokens, so a padded sequence computes exactly what the unpadded one does at inference."""
import numpy as np
import torch

from . import actions, images, tokenizer


class Encoded:
    """The whole dataset, tokenised and resized once. Resized frames are kept as rounded uint8 (a quarter of
    float32's memory; the rounding is below what the camera's own quantisation already does) and normalised
    per batch, on the device the dataset was moved to (`to`)."""

    def __init__(self, source, cfg, tok, stats):
        self.mean, self.std = cfg.image_mean, cfg.image_std
        size, cameras = cfg.image_size, len(source.samples[0].images)
        self.frames = np.empty((len(source.samples), cameras, size, size, 3), np.uint8)  # filled in place: GBs
        for frames, s in zip(self.frames, source.samples):
            frames[:] = np.rint(images.resize(s.images, size, cfg.crop_scale))
        self.frames = torch.from_numpy(self.frames)
        prompts = [tok.encode(tokenizer.prompt(s.instruction)) for s in source.samples]
        width = max(len(p) for p in prompts)
        self.prompt_ids = torch.tensor([[0] * (width - len(p)) + p for p in prompts], dtype=torch.long)
        self.prompt_mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
        vocab = len(tok.words) + actions.ACTION_BINS
        norm = [actions.normalise(s.action, stats["q01"], stats["q99"], stats["mask"]) for s in source.samples]
        self.action_ids = torch.from_numpy(actions.encode(np.stack(norm), vocab)).long()
        self.bos_id = tok.bos_id

    def to(self, device):
        """Moves the whole dataset (frames included) to `device`, where batches are then cut and normalised."""
        for name in ("frames", "prompt_ids", "prompt_mask", "action_ids"):
            setattr(self, name, getattr(self, name).to(device))
        return self

    def __len__(self):
        return self.frames.shape[0]

    def batch(self, index, visual_tokens, shift=0, rng=None):
        """Tensors for the samples at `index`: pixels, ids per segment, attention mask, position ids.
        shift > 0 moves each image by up to that many pixels (edges repeated; DrQ's random shift), drawn from rng."""
        n, device = len(index), self.frames.device
        index = index.to(device)
        mask = torch.cat([torch.ones(n, 1 + visual_tokens, dtype=torch.long, device=device), self.prompt_mask[index],
                          torch.ones(n, self.action_ids.shape[1], dtype=torch.long, device=device)], dim=1)
        positions = (mask.cumsum(1) - 1).clamp(min=0)
        bos = torch.full((n, 1), self.bos_id, dtype=torch.long, device=device)
        frames = self.frames[index]
        if shift > 0:
            frames = images.random_shift(frames, shift, rng)
        pixels = images.normalise(frames, self.mean, self.std)
        return (pixels, bos, self.prompt_ids[index], self.action_ids[index], mask,
                positions)
