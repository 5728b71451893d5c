"""OpenVLA's action tokenisation: 256 uniform edges on [-1, 1], ids counted from the end of the vocabulary."""
import numpy as np

from .config import ACTION_BINS

EDGES = np.linspace(-1.0, 1.0, ACTION_BINS)
CENTRES = (EDGES[:-1] + EDGES[1:]) / 2.0


def normalise(action, q01, q99, mask):
    """Metric action -> [-1, 1] with the dataset's 1st/99th percentiles (masked dimensions pass through)."""
    action, q01, q99, mask = map(np.asarray, (action, q01, q99, mask))
    scaled = 2.0 * (action - q01) / np.maximum(q99 - q01, 1e-8) - 1.0
    return np.clip(np.where(mask, scaled, action), -1.0, 1.0)


def encode(normalised, vocab_size):
    """token = vocab_size - digitize(clip(a), edges), exactly as OpenVLA's ActionTokenizer."""
    return vocab_size - np.digitize(np.clip(normalised, -1.0, 1.0), EDGES)


def centres(tokens, vocab_size):
    """token -> its bin's centre in [-1, 1] (the end bin's tokens share the last centre, as in OpenVLA)."""
    return CENTRES[np.clip(vocab_size - np.asarray(tokens) - 1, 0, ACTION_BINS - 2)]


def decode(tokens, vocab_size, q01, q99, mask):
    """token -> bin centre -> metric action (OpenVLA's predict_action)."""
    n = centres(tokens, vocab_size)
    q01, q99, mask = map(np.asarray, (q01, q99, mask))
    return np.where(mask, 0.5 * (n + 1.0) * (q99 - q01) + q01, n)


def statistics(actions):
    """Per-dimension q01/q99 as OpenVLA's dataset_statistics.json; the gripper (last) is not normalised."""
    actions = np.asarray(actions, dtype=np.float64)
    mask = [True] * (actions.shape[1] - 1) + [False]
    return {"q01": np.quantile(actions, 0.01, axis=0).tolist(),
            "q99": np.quantile(actions, 0.99, axis=0).tolist(),
            "mask": mask}
