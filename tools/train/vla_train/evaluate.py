"""Teacher-forced action error of a training run on demonstrations: is the model under- or over-fitting?

    /usr/bin/python3 -m vla_train.evaluate --run runs/small --data sim:/tmp/heldout --data sim:/tmp/demos

For each --data source, on up to --samples steps (evenly spread), the target's greedy token for each action
dimension given the expert's previous tokens, against the expert's: the mean error in bins, the share exactly
right, and the share of steps where the expert moves faster than 0.2 (normalised) but the prediction points the
other way (what sends a closed-loop arm elsewhere). Same numbers on held-out and training data = underfitting."""
import argparse

import numpy as np
import torch

from . import actions
from .batches import Encoded
from .data import load_source
from .runs import load_trained
from .train import action_logits

DIMENSIONS = ["x", "y", "z", "roll", "pitch", "yaw", "gripper"]


def greedy_tokens(model, data, index, chunk=100):
    """(predicted, expert) action tokens [n, 7] for the samples at `index`, teacher-forced."""
    predicted, expert = [], []
    with torch.no_grad():
        for part in index.split(chunk):
            pixels, bos, prompt, acts, mask, positions = data.batch(part, model.cfg.visual_tokens)
            logits = action_logits(model.decoder, model.sequence(pixels, bos, prompt, acts), mask, positions)
            predicted.append(logits.argmax(-1))
            expert.append(acts)
    return torch.cat(predicted).numpy(), torch.cat(expert).numpy()


def errors(predicted, expert, vocab_size, moving=0.2):
    """Per dimension: mean |bin error|, share exact, share pointing the wrong way where the expert moves."""
    p, e = actions.centres(predicted, vocab_size), actions.centres(expert, vocab_size)
    fast = np.abs(e) > moving
    wrong = (np.sign(p) != np.sign(e)) & fast
    return {"mean_bin_error": np.abs(predicted - expert).mean(0), "exact": (predicted == expert).mean(0),
            "wrong_direction": wrong.sum(0) / np.maximum(fast.sum(0), 1)}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True, help="training run folder with checkpoint.pt")
    p.add_argument("--data", action="append", required=True, help="demonstration source (repeatable), e.g. sim:DIR")
    p.add_argument("--samples", type=int, default=600, help="steps per source, evenly spread")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    model, cfg, tok, stats, step = load_trained(args.run)
    (key, statistics), = stats.items()
    vocab = len(tok.words) + actions.ACTION_BINS
    print(f"{args.run} at step {step}")
    for spec in args.data:
        data = Encoded(load_source(spec, cfg.cameras), cfg, tok, statistics)
        index = torch.from_numpy(np.unique(np.linspace(0, len(data) - 1, min(args.samples, len(data))).astype(np.int64)))
        result = errors(*greedy_tokens(model, data, index), vocab)
        print(f"{spec} ({len(index)} steps)")
        print("  " + " ".join(f"{d:>8}" for d in ["", *DIMENSIONS]))
        for name, values in result.items():
            print(f"  {name:>16} " + " ".join(f"{v:8.2f}" for v in values))


if __name__ == "__main__":
    main()
