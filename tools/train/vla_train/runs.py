"""A training run's trained model: the one way export and evaluation read runs/NAME/checkpoint.pt."""
import os

import torch

from . import actions
from .config import ModelConfig
from .model import VlaModel
from .tokenizer import WordTokenizer


def read_checkpoint(run):
    """The run's checkpoint dict, on the CPU wherever it was trained. It holds config, vocabulary and statistics beside
    the tensors, which torch >= 2.6 refuses to unpickle by default (weights_only)."""
    return torch.load(os.path.join(run, "checkpoint.pt"), map_location="cpu", weights_only=False)


def load_trained(run):
    """(model in eval mode, config, tokenizer, statistics per unnorm_key, step) of the run's checkpoint."""
    ck = read_checkpoint(run)
    cfg, tok = ModelConfig.from_dict(ck["config"]), WordTokenizer(ck["vocab"])
    model = VlaModel(cfg, len(tok.words) + actions.ACTION_BINS)
    model.load_state_dict(ck["model"])
    return model.eval(), cfg, tok, ck["statistics"], ck["step"]
