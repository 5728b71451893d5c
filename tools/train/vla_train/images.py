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
    h, w, _ = rgb.shape
    side = np.sqrt(crop_scale)
    y0, y1, fy = _taps(h, (h - h * side) / 2.0, h * side, size)
    x0, x1, fx = _taps(w, (w - w * side) / 2.0, w * side, size)
    img = rgb.astype(np.float32)
    fx = fx[None, :, None]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    out = top * (1 - fy[:, None, None]) + bottom * fy[:, None, None]
    out = (out / 255.0 - np.asarray(mean, np.float32)) / np.asarray(std, np.float32)
    return out.transpose(2, 0, 1).astype(np.float32)
