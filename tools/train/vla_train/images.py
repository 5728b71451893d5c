"""Image preprocessing, written out so that the C# ImagePreprocessor can match it number for number:
centre crop (fraction of the area), half-pixel bilinear resize, /255, (x - mean) / std, HWC -> CHW."""
import numpy as np


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
    """rgb: uint8 [H, W, 3] -> float32 [size, size, 3] in 0..255 (centre crop, then bilinear)."""
    h, w, _ = rgb.shape
    side = np.sqrt(crop_scale)
    y0, y1, fy = _taps(h, (h - h * side) / 2.0, h * side, size)
    x0, x1, fx = _taps(w, (w - w * side) / 2.0, w * side, size)
    img = rgb.astype(np.float32)
    fx = fx[None, :, None]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return top * (1 - fy[:, None, None]) + bottom * fy[:, None, None]


def normalise(resized, mean, std):
    """[..., H, W, 3] in 0..255 -> float32 [..., 3, H, W], (x / 255 - mean) / std."""
    out = (np.asarray(resized, np.float32) / 255.0 - np.asarray(mean, np.float32)) / np.asarray(std, np.float32)
    return np.moveaxis(out, -1, -3).astype(np.float32)


def random_shift(frames, pixels, rng):
    """frames [..., H, W, 3] -> the same frames, each moved by up to `pixels` in x and y (edges repeated)."""
    flat = frames.reshape(-1, *frames.shape[-3:])
    h, w = flat.shape[1:3]
    padded = np.pad(flat, ((0, 0), (pixels, pixels), (pixels, pixels), (0, 0)), mode="edge")
    offsets = rng.integers(0, 2 * pixels + 1, size=(len(flat), 2))
    out = np.stack([p[y:y + h, x:x + w] for p, (y, x) in zip(padded, offsets)])
    return out.reshape(frames.shape)
