"""Image preprocessing, written out so that the C# ImagePreprocessor can match it number for number:
centre crop (fraction of the area), half-pixel bilinear resize, /255, (x - mean) / std, HWC -> CHW."""
import numpy as np
import torch


def _taps(length, crop_start, crop_length, size):
    """Source indices and weights of a half-pixel bilinear resize along one axis."""
    s = np.clip(crop_start + (np.arange(size) + 0.5) * crop_length / size - 0.5, 0, length - 1)
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, length - 1)
    return i0, i1, (s - i0).astype(np.float32)


def preprocess(rgb, size, crop_scale, mean, std):
    """rgb: uint8 [H, W, 3] -> float32 [3, size, size]."""
    return normalise(resize(rgb, size, crop_scale), mean, std)


def resize(rgb, size, crop_scale):
    """rgb: uint8 [..., H, W, 3] -> float32 [..., size, size, 3] in 0..255 (centre crop, then bilinear)."""
    h, w, _ = rgb.shape[-3:]
    side = np.sqrt(crop_scale)
    y0, y1, fy = _taps(h, (h - h * side) / 2.0, h * side, size)
    x0, x1, fx = _taps(w, (w - w * side) / 2.0, w * side, size)
    img = rgb.astype(np.float32)
    fx, fy = fx[:, None], fy[:, None, None]
    top = img[..., y0, :, :][..., x0, :] * (1 - fx) + img[..., y0, :, :][..., x1, :] * fx
    bottom = img[..., y1, :, :][..., x0, :] * (1 - fx) + img[..., y1, :, :][..., x1, :] * fx
    return top * (1 - fy) + bottom * fy


def normalise(resized, mean, std):
    """[..., H, W, 3] in 0..255 -> float32 [..., 3, H, W], (x / 255 - mean) / std. A torch tensor stays on its device
    (training batches are normalised on the GPU); a numpy array comes back as one."""
    x = torch.as_tensor(resized, dtype=torch.float32)
    out = (x / 255.0 - x.new_tensor(mean)) / x.new_tensor(std)
    out = out.movedim(-1, -3).contiguous()
    return out if isinstance(resized, torch.Tensor) else out.numpy()


def random_shift(frames, pixels, rng):
    """frames [..., H, W, 3] (numpy or torch) -> the same frames, each moved by up to `pixels` in x and y (edges
    repeated: the source row and column indices are clamped), offsets drawn from rng."""
    flat = frames.reshape(-1, *frames.shape[-3:])
    n, h, w = flat.shape[:3]
    offsets = rng.integers(0, 2 * pixels + 1, size=(n, 2)) - pixels
    rows = np.clip(np.arange(h) + offsets[:, :1], 0, h - 1)
    cols = np.clip(np.arange(w) + offsets[:, 1:], 0, w - 1)
    index = (np.arange(n)[:, None, None], rows[:, :, None], cols[:, None, :])
    if isinstance(flat, torch.Tensor):
        index = tuple(torch.as_tensor(i, device=flat.device) for i in index)
    return flat[index].reshape(frames.shape)
